/**
 * The desktop shell's security decisions as plain functions: main.ts only wires
 * them to Electron, the browser shell reuses the CSP, and unit tests cover them
 * in plain Node. Only type imports from 'electron' here.
 */
import type { WebPreferences } from 'electron';
import type { EventName } from '../shared/api';

/** Where our own renderer page lives: the built index.html, or the dev server in development. */
export interface TrustedOrigins {
  /** file:// URL of out/renderer/index.html. */
  rendererFileUrl?: string;
  /** e.g. http://localhost:5173 (ELECTRON_RENDERER_URL), development only. */
  devServerUrl?: string;
}

export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * The renderer's Content Security Policy, sent as a header by the Electron
 * session and by the browser shell. Styles allow 'unsafe-inline' because Ant
 * Design injects <style> elements; scripts only ever come from our own files.
 */
export function contentSecurityPolicy(opts: { dev: boolean; devServerUrl?: string }): string {
  const connect = ["'self'"];
  const script = ["'self'"];
  if (opts.dev) {
    // Vite's dev server: HMR over a websocket, and @vitejs/plugin-react's inline
    // refresh preamble. Never in a build.
    script.push("'unsafe-inline'");
    const dev = opts.devServerUrl ? safeParse(opts.devServerUrl) : null;
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:')) {
      connect.push(dev.origin, `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`);
    }
  }
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** True only for our own renderer page: the built index.html (any hash/query) or the dev server's origin. */
export function isTrustedSender(frameUrl: string, trusted: TrustedOrigins): boolean {
  const url = safeParse(frameUrl);
  if (!url) return false;
  if (trusted.rendererFileUrl && url.protocol === 'file:') {
    const own = safeParse(trusted.rendererFileUrl);
    // Compare the path exactly: any other file on disk (a downloaded .html) is not us.
    return !!own && own.protocol === 'file:' && own.host === url.host && own.pathname === url.pathname;
  }
  if (trusted.devServerUrl && (url.protocol === 'http:' || url.protocol === 'https:')) {
    const dev = safeParse(trusted.devServerUrl);
    // `origin` compares scheme, host and port: localhost:5173.evil.com is another origin.
    return !!dev && dev.origin === url.origin && !url.username && !url.password;
  }
  return false;
}

/** http(s) with a host and no credentials: the only kind of link we hand to the system browser. */
export function isSafeExternalUrl(rawUrl: string): boolean {
  if (rawUrl.length > 2048) return false;
  const url = safeParse(rawUrl);
  if (!url) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname.length > 0 && !url.username && !url.password;
}

export type NavigationDecision = 'allow' | 'external' | 'deny';

/** What to do when the page tries to navigate to `url` (will-navigate, will-redirect, links). */
export function navigationDecision(url: string, trusted: TrustedOrigins): NavigationDecision {
  if (isTrustedSender(url, trusted)) return 'allow';
  if (isSafeExternalUrl(url)) return 'external';
  return 'deny';
}

/**
 * window.open / target=_blank: never a new Electron window (it would escape our
 * guards); a safe http(s) link opens in the system browser instead.
 */
export function windowOpenDecision(url: string): { response: { action: 'deny' }; openExternal: string | null } {
  return { response: { action: 'deny' }, openExternal: isSafeExternalUrl(url) ? url : null };
}

/** Writing to the clipboard (copy buttons) is the one permission the app uses; everything else is denied. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionDecision(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/**
 * Event names the preload forwards to the page. Kept here rather than imported
 * from shared/api at runtime, because that would bundle zod into the sandboxed
 * preload; the type below fails to compile if the lists drift apart.
 */
export const BRIDGE_EVENT_NAMES = [
  'data.changed',
  'sync.status',
  'exports.progress',
  'photoSync.status',
  'photos.originalProgress',
  'lock.changed',
] as const satisfies readonly EventName[];
type MissingBridgeEvent = Exclude<EventName, (typeof BRIDGE_EVENT_NAMES)[number]>;
const bridgeCoversEveryEvent: [MissingBridgeEvent] extends [never] ? true : MissingBridgeEvent = true;
void bridgeCoversEveryEvent;

export function isBridgeEvent(name: unknown): name is EventName {
  return typeof name === 'string' && (BRIDGE_EVENT_NAMES as readonly string[]).includes(name);
}

function safeParse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
