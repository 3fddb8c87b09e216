/**
 * Daily local backups of the desktop database: `VACUUM INTO` a consistent
 * snapshot at `<dataDir>/backups/sitebook-YYYY-MM-DD.db` (Asia/Shanghai day),
 * one a day, the newest BACKUP_KEEP kept. Restoring is done with the app closed
 * (restoreBackup, or by hand: quit, copy the backup over sitebook.db).
 * `VACUUM INTO` from an encrypted database writes a file encrypted with the same key
 * (SQLite3MultipleCiphers), so a backup is as protected as the database; checked on every backup.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { shanghaiDate } from '../../../shared/calendar';
import { isPlaintextDatabase } from './encrypt';
import type { DatabaseEncryption } from './open';
import { applyKey, newSqlite } from './sqlite';

export const BACKUP_KEEP = 7;
const BACKUP_NAME = /^sitebook-\d{4}-\d{2}-\d{2}\.db$/;
const PARTIAL = /\.partial$/;

export interface BackupResult {
  /** Today's backup file. */
  file: string;
  /** False when today's backup already existed (one a day). */
  created: boolean;
  /** Older backups deleted to keep BACKUP_KEEP. */
  removed: string[];
}

/** The backup files in `dir`, newest first (the date in the name sorts as text). */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort()
    .reverse()
    .map((f) => join(dir, f));
}

/**
 * Makes today's backup unless it exists, then prunes to the newest BACKUP_KEEP.
 * The snapshot goes to a `.partial` name first and is renamed only when complete,
 * so a crash or a full disk never leaves a truncated file under today's name.
 */
export function backupDatabase(db: Database, dir: string, now: number): BackupResult {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sitebook-${shanghaiDate(now)}.db`);
  let created = false;
  // A partial file left by a crash is garbage; VACUUM INTO also refuses a non-empty target.
  for (const f of readdirSync(dir)) if (PARTIAL.test(f)) rmSync(join(dir, f), { force: true });
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    try {
      db.prepare('VACUUM INTO ?').run(partial);
      // Never a plaintext copy of an encrypted database (a SQLite build that dropped the key).
      if (isPlaintextDatabase(partial) && existsSync(db.name) && !isPlaintextDatabase(db.name))
        throw new Error('the backup came out unencrypted from an encrypted database: not kept');
      renameSync(partial, file);
      created = true;
    } finally {
      rmSync(partial, { force: true });
    }
  }
  const removed = listBackups(dir).slice(BACKUP_KEEP);
  for (const f of removed) rmSync(f, { force: true });
  return { file, created, removed };
}

/** Throws unless `file` is a readable SQLite database (with this key) that passes a quick check. */
export function checkBackup(file: string, encryption: DatabaseEncryption, nativeBinding?: string): void {
  const db = newSqlite(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (encryption !== 'none') applyKey(db, encryption.key);
    const row = db.prepare('PRAGMA quick_check').pluck().get();
    if (row !== 'ok') throw new Error(`backup ${basename(file)} is damaged: ${String(row)}`);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the database file. The app must not be running:
 * the old WAL and shared-memory files are removed, since SQLite would otherwise
 * replay the old database's log onto the restored one.
 */
export function restoreBackup(file: string, dbFile: string, encryption: DatabaseEncryption): void {
  checkBackup(file, encryption);
  const staged = `${dbFile}.restoring`;
  copyFileSync(file, staged);
  rmSync(`${dbFile}-wal`, { force: true });
  rmSync(`${dbFile}-shm`, { force: true });
  renameSync(staged, dbFile);
}

export interface DailyBackup {
  stop(): void;
}

/**
 * Backs up shortly after start and then checks every `intervalMs` (hourly by
 * default) whether today's backup exists: a laptop asleep over midnight still
 * gets its backup on waking. Failures are reported and retried at the next tick.
 */
export function startDailyBackup(
  db: Database,
  dir: string,
  now: () => number,
  opts: { firstDelayMs?: number; intervalMs?: number; onError?: (err: unknown) => void } = {},
): DailyBackup {
  const onError = opts.onError ?? ((err: unknown) => console.error('local backup failed', err));
  const run = (): void => {
    if (!db.open) return;
    try {
      backupDatabase(db, dir, now());
    } catch (err) {
      onError(err);
    }
  };
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, opts.intervalMs ?? 3600_000);
    interval.unref();
  }, opts.firstDelayMs ?? 5_000);
  first.unref();
  return {
    stop() {
      clearTimeout(first);
      if (interval) clearInterval(interval);
    },
  };
}
