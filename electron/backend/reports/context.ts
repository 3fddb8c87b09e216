/**
 * What every document writer gets, and the one way files are written: into `<path>.partial`,
 * renamed when complete, so a failed or interrupted export never leaves half a file behind.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ExportPhase } from '../../../shared/channels/exports';

export interface ReportContext {
  db: Database;
  /** Where photo files live (originals, report copies). */
  photosDir: string;
  /** Scratch space of this export (table-size photo copies); removed when it ends. */
  workDir: string;
  /** The export's date, Asia/Shanghai YYYY-MM-DD (printed as 导出日期). */
  today: string;
  now: number;
  /** The local user's name (printed as 导出人). */
  exportedBy: string;
  progress: (phase: ExportPhase, done: number, total: number) => void;
}

/** What a writer reports back besides the file itself. */
export interface WrittenSummary {
  rows: number;
  photos: number;
}

/** Opens `<path>.partial`, lets `fill` write and end it, then moves it into place. Returns the size. */
export async function writeFileVia(path: string, fill: (out: WriteStream) => Promise<void>): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  try {
    await fill(out);
    if (!out.writableEnded) out.end();
    await closed;
    await rename(partial, path);
  } catch (err) {
    out.destroy();
    await closed.catch(() => undefined);
    await rm(partial, { force: true });
    throw err;
  }
  return (await stat(path)).size;
}

/** Calls `report` at most every `ms` (and always for the last step), so events do not flood the renderer. */
export function throttled(
  report: (phase: ExportPhase, done: number, total: number) => void,
  ms = 150,
): ReportContext['progress'] {
  let last = 0;
  let lastPhase: ExportPhase | null = null;
  return (phase, done, total) => {
    const t = Date.now();
    if (phase !== lastPhase || done >= total || t - last >= ms) {
      last = t;
      lastPhase = phase;
      report(phase, done, total);
    }
  };
}
