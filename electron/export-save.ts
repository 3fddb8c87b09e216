/**
 * Exports in the desktop app: the save dialog comes first (named as the backend would name the
 * file), then the backend writes the file into its exports directory, and it is moved to where
 * the user chose. "Show in folder" reveals only files saved this way in this session, so the page
 * cannot make the main process open arbitrary paths.
 */
import { copyFile, rename, rm } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { FORMAT_FILTERS, type ExportDone, type ExportFormat } from '../shared/channels/exports';
import type { Result } from '../shared/errors';
import { isTrustedSender, type TrustedOrigins } from './security';

/** Kept in step with electron/preload.ts (which cannot import this file). */
export const SHOW_EXPORT_CHANNEL = 'sitebook:show-export';

interface ExportBackend {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
}

const saved = new Set<string>();
let lastDir: string | null = null;

async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    // Another drive (EXDEV) or a file being replaced on Windows: copy, then drop the staged one.
    if ((err as { code?: unknown }).code !== 'EXDEV' && (err as { code?: unknown }).code !== 'EPERM') throw err;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
  await rm(dirname(from), { recursive: true, force: true });
}

/** 'exports.run' from the window: ask where, write, move there. Cancelling writes nothing. */
export async function exportWithDialog(
  backend: ExportBackend,
  sender: WebContents,
  input: unknown,
): Promise<Result<unknown>> {
  const { jobId, request } = (input ?? {}) as { jobId?: unknown; request?: unknown };
  const named = await backend.invoke('exports.fileName', { request });
  if (!named.ok) return named;
  const fileName = (named.value as { fileName: string }).fileName;
  const format = extname(fileName).slice(1) as ExportFormat;
  const options = {
    title: '导出 / Export',
    defaultPath: join(lastDir ?? app.getPath('documents'), fileName),
    filters: [FORMAT_FILTERS[format] ?? { name: format, extensions: [format] }],
  };
  const win = BrowserWindow.fromWebContents(sender);
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ok: true, value: { status: 'cancelled', jobId } };
  const result = await backend.invoke('exports.run', input);
  if (!result.ok) return result;
  const done = result.value as ExportDone;
  await moveInto(done.filePath, choice.filePath);
  saved.add(choice.filePath);
  lastDir = dirname(choice.filePath);
  return { ok: true, value: { ...done, filePath: choice.filePath, savedPath: choice.filePath } satisfies ExportDone };
}

/** The "open folder" handler; returns a function that removes it. */
export function registerShowExport(trusted: TrustedOrigins): () => void {
  ipcMain.handle(SHOW_EXPORT_CHANNEL, (e: IpcMainInvokeEvent, path: unknown) => {
    if (!isTrustedSender(e.senderFrame?.url ?? '', trusted)) return false;
    if (typeof path !== 'string' || !saved.has(path)) return false;
    shell.showItemInFolder(path);
    return true;
  });
  return () => ipcMain.removeHandler(SHOW_EXPORT_CHANNEL);
}
