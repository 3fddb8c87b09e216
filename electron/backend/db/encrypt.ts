/**
 * Encryption at rest for the desktop database (issue 8): checking a key without writing, and
 * turning an existing unencrypted database (from before encryption) into an encrypted one
 * without loss. A crash at any point leaves one usable database:
 *
 *  1. a consistent plaintext snapshot (`VACUUM INTO <db>.encrypting`), encrypted with `PRAGMA rekey`;
 *  2. the copy checked against the original (integrity, schema version, every table's row count);
 *  3. the original renamed to `<db>.plain-backup`, the encrypted copy renamed into its place;
 *  4. the encrypted file checked again, then the plaintext backup deleted.
 *
 * Interrupted between 3's two renames, the next start puts the plaintext back and begins again;
 * interrupted in 4, it finishes 4 (resumeInterruptedSwap).
 */
import { closeSync, existsSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { assertNotNewer, schemaVersion } from './migrations/index';
import { applyKey, encryptInPlace, newSqlite, PLAINTEXT_HEADER } from './sqlite';

export interface EncryptOptions {
  /** Path of the SQLite3MultipleCiphers binary for this runtime (Node vs Electron ABI). */
  nativeBinding?: string;
}

const WORK_SUFFIX = '.encrypting';
export const PLAIN_BACKUP_SUFFIX = '.plain-backup';

const bindingOpt = (o: EncryptOptions) => (o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});

function isSqliteError(err: unknown, ...codes: string[]): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}

/** The first 16 bytes of `file` (fewer for a shorter file; empty when it does not exist). */
function header(file: string): Buffer {
  if (!existsSync(file)) return Buffer.alloc(0);
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(PLAINTEXT_HEADER.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** An unencrypted SQLite database (its header is "SQLite format 3\0"). */
export function isPlaintextDatabase(file: string): boolean {
  return header(file).equals(PLAINTEXT_HEADER);
}

/** Opens an existing database read-only with `key` (null: unencrypted): never writes the file. */
function openReadonly(file: string, key: Buffer | null, o: EncryptOptions): Database {
  const db = newSqlite(file, { readonly: true, fileMustExist: true, ...bindingOpt(o) });
  try {
    if (key) applyKey(db, key);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Checks that `key` opens the existing, encrypted `file` and that its schema is not newer than
 * this app, read-only: a wrong key or a newer file is refused and the file stays byte-for-byte
 * as it was.
 */
export function checkKey(file: string, key: Buffer, o: EncryptOptions = {}): void {
  const db = openReadonly(file, key, o);
  try {
    let version: number;
    try {
      version = schemaVersion(db);
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      if (isSqliteError(err, 'SQLITE_NOTADB', 'SQLITE_CORRUPT'))
        throw new AppError('database_key_wrong', `the database key does not open ${file}; the file was not changed`);
      throw err;
    }
    assertNotNewer(version);
  } finally {
    db.close();
  }
}

function tablesOf(db: Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

function rowCounts(db: Database): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tablesOf(db)) {
    counts.set(
      t,
      db
        .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    );
  }
  return counts;
}

/**
 * Throws unless the encrypted `copy` holds what the plaintext `original` holds: integrity_check
 * ok, the same schema version, the same tables with the same row counts.
 */
export function verifyEncryptedCopy(original: string, copy: string, key: Buffer, o: EncryptOptions = {}): void {
  const plain = openReadonly(original, null, o);
  try {
    const enc = openReadonly(copy, key, o);
    try {
      const integrity = enc.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`encrypted copy failed integrity_check: ${String(integrity)}`);
      if (schemaVersion(enc) !== schemaVersion(plain))
        throw new Error(`encrypted copy has schema ${schemaVersion(enc)}, the original ${schemaVersion(plain)}`);
      const want = rowCounts(plain);
      const got = rowCounts(enc);
      if (want.size !== got.size) throw new Error(`encrypted copy has ${got.size} tables, the original ${want.size}`);
      for (const [table, n] of want) {
        if (got.get(table) !== n)
          throw new Error(`encrypted copy of table ${table} has ${String(got.get(table))} rows, the original ${n}`);
      }
    } finally {
      enc.close();
    }
  } finally {
    plain.close();
  }
}

/** Writes an encrypted copy of the unencrypted database `src` to `dst` (which must not exist). */
function writeEncryptedCopy(src: string, dst: string, key: Buffer, o: EncryptOptions): void {
  const plain = openReadonly(src, null, o);
  try {
    // A consistent snapshot, WAL included; its output is in rollback-journal mode, as rekey needs.
    plain.prepare('VACUUM INTO ?').run(dst);
  } finally {
    plain.close();
  }
  const copy = newSqlite(dst, { fileMustExist: true, ...bindingOpt(o) });
  try {
    copy.pragma('journal_mode = DELETE');
    encryptInPlace(copy, key);
  } finally {
    copy.close();
  }
}

function removeSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * Folds the WAL of an unencrypted database into its main file (a checkpoint: same content),
 * so the file can be renamed on its own. Refuses when another process still holds the WAL.
 */
function checkpointPlaintext(file: string, o: EncryptOptions): void {
  const db = newSqlite(file, { fileMustExist: true, ...bindingOpt(o) });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new Error(`${file} is in use by another program (its WAL could not be folded in); close it and retry`);
  removeSidecars(file);
}

export interface EncryptResult {
  /** Every table's row count, equal in the original and in the encrypted file. */
  tables: number;
  rows: number;
}

/**
 * Encrypts the existing unencrypted database `file` with `key`, in place and crash-safe (see the
 * top of this file). The plaintext is kept as `<file>.plain-backup` only until the encrypted file
 * has been checked where it now lies, then deleted.
 */
export function encryptDatabaseFile(file: string, key: Buffer, o: EncryptOptions = {}): EncryptResult {
  const work = file + WORK_SUFFIX;
  const backup = file + PLAIN_BACKUP_SUFFIX;
  rmSync(work, { force: true });
  removeSidecars(work);
  checkpointPlaintext(file, o);
  try {
    writeEncryptedCopy(file, work, key, o);
    verifyEncryptedCopy(file, work, key, o);
  } catch (err) {
    rmSync(work, { force: true });
    removeSidecars(work);
    throw err;
  }
  const plain = openReadonly(file, null, o);
  const counts = rowCounts(plain);
  plain.close();
  removeSidecars(file);
  renameSync(file, backup);
  renameSync(work, file);
  verifyEncryptedCopy(backup, file, key, o);
  rmSync(backup, { force: true });
  removeSidecars(backup);
  return { tables: counts.size, rows: [...counts.values()].reduce((a, b) => a + b, 0) };
}

/**
 * Finishes an encryption that a crash interrupted at the swap: with only the plaintext backup
 * left, it goes back into place (and is encrypted again by the caller); with the encrypted file
 * in place and checked, the leftover plaintext backup is deleted.
 */
export function resumeInterruptedSwap(file: string, key: Buffer, o: EncryptOptions = {}): void {
  const backup = file + PLAIN_BACKUP_SUFFIX;
  const work = file + WORK_SUFFIX;
  if (existsSync(work)) {
    rmSync(work, { force: true });
    removeSidecars(work);
  }
  if (!existsSync(backup)) return;
  if (!existsSync(file)) {
    renameSync(backup, file);
    return;
  }
  if (isPlaintextDatabase(file)) return; // the swap never began: the backup is a stale copy; encrypted anew
  verifyEncryptedCopy(backup, file, key, o);
  rmSync(backup, { force: true });
  removeSidecars(backup);
}

/**
 * Encrypts the unencrypted `*.db` backups in `dir` (daily backups made before encryption) with
 * `key`, each through a verified copy renamed over the original, so no plaintext copy of the data
 * outlives the migration. One that cannot be encrypted (damaged) is deleted rather than left in
 * clear. Returns what was encrypted and what was deleted.
 */
export function encryptPlaintextBackups(
  dir: string,
  key: Buffer,
  o: EncryptOptions = {},
): { encrypted: string[]; removed: string[] } {
  const encrypted: string[] = [];
  const removed: string[] = [];
  if (!existsSync(dir)) return { encrypted, removed };
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.endsWith(WORK_SUFFIX)) {
      rmSync(file, { force: true });
      continue;
    }
    if (!name.endsWith('.db') || !statSync(file).isFile() || !isPlaintextDatabase(file)) continue;
    const work = file + WORK_SUFFIX;
    rmSync(work, { force: true });
    try {
      writeEncryptedCopy(file, work, key, o);
      verifyEncryptedCopy(file, work, key, o);
      removeSidecars(file);
      renameSync(work, file);
      encrypted.push(file);
    } catch {
      rmSync(work, { force: true });
      removeSidecars(file);
      rmSync(file, { force: true });
      removed.push(file);
    }
  }
  return { encrypted, removed };
}
