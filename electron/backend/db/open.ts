import { existsSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { checkKey, encryptDatabaseFile, isPlaintextDatabase, resumeInterruptedSwap } from './encrypt';
import { assertNotNewer, runMigrations, schemaVersion } from './migrations/index';
import { applyKey, newSqlite } from './sqlite';

/**
 * How a database file is stored: encrypted with a 32-byte key (the app's own database, always),
 * or `'none'`, which only tests, benches and the demo-data generator say, where plaintext is fine.
 */
export type DatabaseEncryption = { key: Buffer } | 'none';

export interface OpenOptions {
  /** Path of the better-sqlite3-multiple-ciphers binary built for this runtime (Node vs Electron ABI). */
  nativeBinding?: string;
  encryption: DatabaseEncryption;
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

const isMemory = (file: string): boolean => file === ':memory:' || file === '';

/**
 * Before an encrypted open: finish a migration a crash interrupted, check the key read-only on an
 * existing encrypted file (a wrong key is refused with the file untouched), or encrypt an existing
 * unencrypted database (from before encryption) in place, without loss (db/encrypt.ts).
 */
function prepareEncryptedFile(file: string, key: Buffer, nativeBinding: string | undefined): void {
  const o = { nativeBinding };
  resumeInterruptedSwap(file, key, o);
  if (!existsSync(file) || statSync(file).size === 0) return;
  if (!isPlaintextDatabase(file)) {
    checkKey(file, key, o);
    return;
  }
  // A plaintext database from a newer app is refused before anything is written.
  const plain = newSqlite(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    assertNotNewer(schemaVersion(plain));
  } finally {
    plain.close();
  }
  encryptDatabaseFile(file, key, o);
}

/**
 * Opens (or creates) the local database and brings its schema up to date. The app's database is
 * always encrypted (`encryption: { key }`); `':memory:'` needs no key, any other file must say
 * `encryption: 'none'` explicitly to stay unencrypted.
 * The version is read before any pragma that writes (WAL changes the header),
 * so a database from a newer app is refused and left byte-for-byte as it was.
 */
export function openDatabase(file: ':memory:' | '', opts?: Partial<OpenOptions>): Database;
export function openDatabase(file: string, opts: OpenOptions): Database;
export function openDatabase(file: string, opts: Partial<OpenOptions> = {}): Database {
  const memory = isMemory(file);
  if (!memory && opts.encryption === undefined)
    throw new Error(`openDatabase(${file}): give the database key, or encryption: 'none' where plaintext is meant`);
  const key = !memory && typeof opts.encryption === 'object' ? opts.encryption.key : null;
  if (key) prepareEncryptedFile(file, key, opts.nativeBinding);
  let db: Database;
  try {
    db = newSqlite(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (err) {
    if (isCorruption(err)) throw new AppError('database_corrupt', `not a Sitebook database: ${file}`);
    throw err;
  }
  try {
    if (key) applyKey(db, key);
    assertNotNewer(schemaVersion(db));
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Random-key index inserts (UUIDs, hashes, FTS segments) thrash the 2 MB default cache.
    db.pragma('cache_size = -65536');
    runMigrations(db);
    return db;
  } catch (err) {
    db.close();
    if (isCorruption(err))
      throw new AppError('database_corrupt', `the database file is damaged or not a database: ${file}`);
    throw err;
  }
}
