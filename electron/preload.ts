/**
 * The sandboxed preload: puts `window.api` (invoke + on) on the page and
 * nothing else — no ipcRenderer, no Node. Built as CommonJS (sandboxed
 * preloads cannot be ES modules) and bundled without node_modules: only
 * 'electron' may be required at runtime here.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, SitebookApi } from '../shared/api';
import { isBridgeEvent } from './security';

// Kept in step with electron/ipc.ts (which cannot be imported here: it needs ipcMain).
const INVOKE_CHANNEL = 'sitebook:invoke';
const EVENT_CHANNEL = 'sitebook:event';
// electron/export-save.ts SHOW_EXPORT_CHANNEL
const SHOW_EXPORT_CHANNEL = 'sitebook:show-export';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();

// One IPC listener for all subscriptions, so many components do not pile up ipcRenderer listeners.
ipcRenderer.on(EVENT_CHANNEL, (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isBridgeEvent(name)) return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`sitebook: listener for ${name} failed`, err);
    }
  }
});

const api: SitebookApi = {
  invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input),
  on: (event, listener) => {
    if (!isBridgeEvent(event) || typeof listener !== 'function') {
      throw new TypeError(`unknown event: ${String(event)}`);
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped: Listener = (payload) => listener(payload as Parameters<typeof listener>[0]);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
  showExportInFolder: (path) => ipcRenderer.invoke(SHOW_EXPORT_CHANNEL, String(path)) as Promise<boolean>,
};

contextBridge.exposeInMainWorld('api', api);
