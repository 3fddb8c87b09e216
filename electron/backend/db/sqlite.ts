/**
 * The desktop's SQLite: SQLite3MultipleCiphers (better-sqlite3-multiple-ciphers), which has
 * better-sqlite3's API plus page encryption. The rest of the desktop keeps better-sqlite3's
 * types (`import type { Database } from 'better-sqlite3'`); this module is the one place the
 * runtime constructor is chosen. The server keeps plain better-sqlite3.
 */
import type { Database, Options } from 'better-sqlite3';
import BetterSqlite3MultipleCiphers from 'better-sqlite3-multiple-ciphers';

/** The page header of every unencrypted SQLite 3 file. */
export const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A database key: 32 random bytes, given to SQLite as a raw key (no KDF: it is not a password). */
export const DB_KEY_BYTES = 32;

export function newSqlite(file: string, options: Options = {}): Database {
  // Same API, separately declared types: the cast keeps one Database type across the desktop code.
  return new BetterSqlite3MultipleCiphers(file, options) as unknown as Database;
}

/**
 * SQLCipher 4 compatible settings (so the file opens with the sqlcipher tool for recovery), then the
 * key. Nothing before this touches the file, so `PRAGMA key` is the first statement that reads it.
 * Throws when the loaded SQLite cannot encrypt: plain SQLite ignores these pragmas silently, and a
 * plain binary loaded by mistake must never write a database it was asked to encrypt.
 */
export function applyKey(db: Database, key: Buffer): void {
  if (key.length !== DB_KEY_BYTES) throw new Error(`a database key is ${DB_KEY_BYTES} bytes, got ${key.length}`);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  if (db.pragma('cipher', { simple: true }) !== 'sqlcipher')
    throw new Error('this SQLite build cannot encrypt (better-sqlite3-multiple-ciphers not loaded)');
  // Hex digits only: nothing to escape.
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  // Sorts and temporary indexes stay in memory: SQLite's temp files are not encrypted.
  db.pragma('temp_store = MEMORY');
}

/** Sets a new key on an open, unencrypted database in rollback-journal mode (used on a private copy only). */
export function encryptInPlace(db: Database, key: Buffer): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  if (db.pragma('cipher', { simple: true }) !== 'sqlcipher')
    throw new Error('this SQLite build cannot encrypt (better-sqlite3-multiple-ciphers not loaded)');
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
}
