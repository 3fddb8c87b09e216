/**
 * Disk space for photo imports (issue 5 item 4): free space is checked before anything is written,
 * and a write that still hits a full disk becomes one clear 'disk_full' error. Both the free-space
 * probe and the file writer are injectable, so tests can make a disk "full" without filling one.
 */
import { rm, statfs } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from './layout';

/** Free bytes an unprivileged process may use on the filesystem holding `dir`. */
export type FreeBytesProbe = (dir: string) => Promise<number>;
/** Writes one whole file or nothing (photos/layout.ts writeFileAtomic in production). */
export type PhotoFileWriter = (path: string, bytes: Uint8Array) => Promise<void>;

export interface ImportDisk {
  freeBytes?: FreeBytesProbe;
  writeFile?: PhotoFileWriter;
  /** Left free for the database, its WAL and the rest of the system; IMPORT_RESERVE_BYTES by default. */
  reserveBytes?: number;
}

/** Room kept free after an import: the database, its WAL and backups must still be able to grow. */
export const IMPORT_RESERVE_BYTES = 200 * 1024 * 1024;
/** Original + report copy + thumbnail + the temporary file of an atomic write, with room to spare. */
export const IMPORT_SIZE_FACTOR = 3;

export const statfsFreeBytes: FreeBytesProbe = async (dir) => {
  const s = await statfs(dir);
  // bavail, not bfree: the blocks reserved for root are not ours to fill.
  return s.bavail * s.bsize;
};

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function bytesNeededFor(fileBytes: number, reserveBytes = IMPORT_RESERVE_BYTES): number {
  return IMPORT_SIZE_FACTOR * fileBytes + reserveBytes;
}

/** Refuses the import with 'disk_full' when the data directory's filesystem has too little room. */
export async function checkFreeSpace(
  dataDir: string,
  fileBytes: number,
  name: string,
  disk: ImportDisk,
): Promise<void> {
  const needed = bytesNeededFor(fileBytes, disk.reserveBytes);
  const free = await (disk.freeBytes ?? statfsFreeBytes)(dataDir);
  if (free < needed)
    throw new AppError(
      'disk_full',
      `not enough free disk space to import ${name}: ${mb(free)} free, ${mb(needed)} needed ` +
        `(the photo and its copies, plus ${mb(disk.reserveBytes ?? IMPORT_RESERVE_BYTES)} kept free); nothing was written`,
    );
}

/** ENOSPC (no space), EDQUOT (over quota), SQLITE_FULL (the database could not grow). */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export function diskFullWhileImporting(name: string, err: unknown): AppError {
  const why = err instanceof Error ? err.message : String(err);
  return new AppError('disk_full', `the disk became full while importing ${name}; nothing of it was kept (${why})`);
}

/**
 * Writes files one after the other and returns the paths it created. If one fails, the files this
 * call created are removed before the error goes on, so a failed import leaves no files of its own.
 * A path that already exists is left alone and not counted: content-addressed files of the same
 * hash hold the same bytes, and another photo row may use them.
 */
export async function writeAllOrNone(
  files: readonly { path: string; bytes: Uint8Array }[],
  exists: (path: string) => boolean,
  disk: ImportDisk,
): Promise<string[]> {
  const write = disk.writeFile ?? writeFileAtomic;
  const created: string[] = [];
  try {
    for (const f of files) {
      if (exists(f.path)) continue;
      await write(f.path, f.bytes);
      created.push(f.path);
    }
  } catch (err) {
    await removeFiles(created);
    throw err;
  }
  return created;
}

/** Best effort: a file that cannot be removed now is an unreferenced, content-addressed file, harmless. */
export async function removeFiles(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true }).catch(() => undefined)));
}
