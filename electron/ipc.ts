/**
 * The one IPC border of the desktop app: a single 'sitebook:invoke' handler
 * that refuses callers other than our own page, then hands the call to the
 * backend (which parses the input with the zod schemas of shared/api.ts).
 * Push events go to every window on 'sitebook:event'.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, type EventName } from '../shared/api';
import type { Result } from '../shared/errors';
import { exportWithDialog, registerShowExport } from './export-save';
import { isTrustedSender, type TrustedOrigins } from './security';

export const INVOKE_CHANNEL = 'sitebook:invoke';
export const EVENT_CHANNEL = 'sitebook:event';

/** What ipc.ts needs from electron/backend/backend.ts's createBackend(). */
export interface IpcBackend {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: unknown) => void): () => void;
}

/** Registers the handler and the event forwarding; returns a function that removes both. */
export function registerIpc(backend: IpcBackend, trusted: TrustedOrigins): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (e: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    // senderFrame is null when the frame navigated away or was destroyed mid-call.
    const frameUrl = e.senderFrame?.url ?? '';
    if (!isTrustedSender(frameUrl, trusted)) {
      return forbidden(frameUrl);
    }
    if (typeof channel !== 'string') {
      return {
        ok: false,
        error: { code: 'unknown_channel', message: 'channel must be a string' },
      } satisfies Result<never>;
    }
    try {
      // An export asks where to save first (export-save.ts); every other call goes straight through.
      if (channel === 'exports.run') return await exportWithDialog(backend, e.sender, input);
      return await backend.invoke(channel, input);
    } catch (err) {
      // backend.invoke already turns handler errors into results; this is the last net.
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message } } satisfies Result<never>;
    }
  });

  const unsubscribers = EVENT_NAMES.map((name) =>
    backend.on(name, (payload) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
      }
    }),
  );

  const unregisterShowExport = registerShowExport(trusted);

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unregisterShowExport();
    for (const off of unsubscribers) off();
  };
}

function forbidden(frameUrl: string): Result<never> {
  // Do not echo the full URL back: it may carry a query string of the caller's.
  let origin = 'unknown';
  try {
    origin = new URL(frameUrl).protocol;
  } catch {
    /* unparsable sender: keep 'unknown' */
  }
  return {
    ok: false,
    error: { code: 'forbidden', message: `calls are accepted only from the Sitebook window (${origin})` },
  };
}
