/// <reference types="vite/client" />
import type { SitebookApi } from '../../shared/api';

declare global {
  interface Window {
    /** Put there by the Electron preload or the browser shell's bridge; the renderer's only way to the backend. */
    api: SitebookApi;
  }
}

export {};
