/**
 * Encryption at rest on real SQLite files (SQLite3MultipleCiphers, SQLCipher 4 settings): the
 * file means nothing without the key, opens whole with it, a wrong key is refused with the file
 * byte-for-byte unchanged, and a crash in the middle of encrypting an old plaintext database
 * leaves one usable database.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  encryptDatabaseFile,
  encryptPlaintextBackups,
  isPlaintextDatabase,
  PLAIN_BACKUP_SUFFIX,
} from '../../../electron/backend/db/encrypt';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/db/migrations/index';
import { openDatabase } from '../../../electron/backend/db/open';
import { newSqlite } from '../../../electron/backend/db/sqlite';
import { tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const KEY = randomBytes(32);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const SECRET = '绝密项目名称-Harbin-7731';

/** An encrypted database holding one project-like row with SECRET, closed. */
function makeEncrypted(file: string): void {
  const db = openDatabase(file, { encryption: { key: KEY } });
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  db.prepare('INSERT INTO notes (body) VALUES (?)').run(SECRET);
  db.close();
}

function dump(db: Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[]) {
    out[t] = db.prepare(`SELECT * FROM "${t}"`).raw().all();
  }
  return out;
}

describe('encrypted database', () => {
  it('does not start with the SQLite header, holds no plaintext, and opens whole with the key', () => {
    const file = join(tmp.dir, 'sitebook.db');
    makeEncrypted(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    const db = openDatabase(file, { encryption: { key: KEY } });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT body FROM notes').pluck().all()).toEqual([SECRET]);
    } finally {
      db.close();
    }
  });

  it('cannot be read without the key: neither by plain SQLite nor by the app without a key', () => {
    const file = join(tmp.dir, 'sitebook.db');
    makeEncrypted(file);
    const plain = new BetterSqlite3(file, { readonly: true });
    expect(() => plain.prepare('SELECT * FROM notes').all()).toThrow(/not a database/);
    plain.close();
    const mc = newSqlite(file, { readonly: true });
    expect(() => mc.prepare('SELECT * FROM notes').all()).toThrow(/not a database/);
    mc.close();
    expect(() => openDatabase(file, { encryption: 'none' })).toThrow();
  });

  it('a wrong key gives database_key_wrong and leaves the file byte-for-byte as it was', () => {
    const file = join(tmp.dir, 'sitebook.db');
    makeEncrypted(file);
    const before = sha(file);
    const size = statSync(file).size;
    for (let i = 0; i < 3; i++) {
      expect(() => openDatabase(file, { encryption: { key: randomBytes(32) } })).toThrow(
        expect.objectContaining({ code: 'database_key_wrong' }),
      );
    }
    expect(sha(file)).toBe(before);
    expect(statSync(file).size).toBe(size);
    // Still whole with the right key afterwards.
    const db = openDatabase(file, { encryption: { key: KEY } });
    expect(db.prepare('SELECT body FROM notes').pluck().get()).toBe(SECRET);
    db.close();
  });

  it('refuses a key of the wrong length', () => {
    expect(() => openDatabase(join(tmp.dir, 'x.db'), { encryption: { key: randomBytes(16) } })).toThrow(/32 bytes/);
  });

  it('an unencrypted file needs encryption: none said out loud', () => {
    expect(() => openDatabase(join(tmp.dir, 'x.db'), {} as never)).toThrow(/encryption: 'none'/);
    expect(existsSync(join(tmp.dir, 'x.db'))).toBe(false);
  });

  it('the WAL of an encrypted database is encrypted too', () => {
    const file = join(tmp.dir, 'sitebook.db');
    const db = openDatabase(file, { encryption: { key: KEY } });
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE notes (body TEXT) STRICT');
    db.prepare('INSERT INTO notes VALUES (?)').run(SECRET);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(readFileSync(`${file}-wal`).includes(Buffer.from(SECRET))).toBe(false);
    db.close();
  });
});

describe('encrypting an unencrypted database', () => {
  function makePlain(file: string): Record<string, unknown[]> {
    const db = openDatabase(file, { encryption: 'none' });
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
    const ins = db.prepare('INSERT INTO notes (body) VALUES (?)');
    for (let i = 0; i < 500; i++) ins.run(`${SECRET}-${i}`);
    const d = dump(db);
    db.close();
    return d;
  }

  it('opening a plaintext database with a key encrypts it in place, every row kept, no backup left', () => {
    const file = join(tmp.dir, 'sitebook.db');
    const before = makePlain(file);
    expect(isPlaintextDatabase(file)).toBe(true);
    const db = openDatabase(file, { encryption: { key: KEY } });
    try {
      expect(dump(db)).toEqual(before);
    } finally {
      db.close();
    }
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(readFileSync(file).includes(Buffer.from(SECRET))).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('plain-backup') || f.includes('encrypting'))).toEqual([]);
  });

  it('a crash between the two renames: the plaintext goes back and is encrypted at the next start', () => {
    const file = join(tmp.dir, 'sitebook.db');
    const before = makePlain(file);
    // What the disk holds if the app died after moving the original aside, before moving the copy in.
    renameSync(file, file + PLAIN_BACKUP_SUFFIX);
    writeFileSync(`${file}.encrypting`, randomBytes(4096));
    const db = openDatabase(file, { encryption: { key: KEY } });
    try {
      expect(dump(db)).toEqual(before);
    } finally {
      db.close();
    }
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(existsSync(file + PLAIN_BACKUP_SUFFIX)).toBe(false);
    expect(existsSync(`${file}.encrypting`)).toBe(false);
  });

  it('a crash after the swap: the encrypted file is kept and the leftover plaintext deleted', () => {
    const file = join(tmp.dir, 'sitebook.db');
    const before = makePlain(file);
    copyFileSync(file, join(tmp.dir, 'plain-copy'));
    encryptDatabaseFile(file, KEY);
    copyFileSync(join(tmp.dir, 'plain-copy'), file + PLAIN_BACKUP_SUFFIX);
    const db = openDatabase(file, { encryption: { key: KEY } });
    try {
      expect(dump(db)).toEqual(before);
    } finally {
      db.close();
    }
    expect(existsSync(file + PLAIN_BACKUP_SUFFIX)).toBe(false);
  });

  it('a plaintext database from a newer app is refused before anything is encrypted', () => {
    const file = join(tmp.dir, 'sitebook.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE x (a)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(file);
    expect(() => openDatabase(file, { encryption: { key: KEY } })).toThrow(
      expect.objectContaining({ code: 'database_newer_than_app' }),
    );
    expect(sha(file)).toBe(before);
    expect(isPlaintextDatabase(file)).toBe(true);
  });

  it('old plaintext backups are encrypted with the same key; a damaged one is removed', () => {
    const dir = join(tmp.dir, 'backups');
    const good = join(dir, 'sitebook-2026-03-01.db');
    const src = join(tmp.dir, 'src.db');
    const before = makePlain(src);
    const s = new BetterSqlite3(src);
    mkdirSync(dir);
    s.prepare('VACUUM INTO ?').run(good);
    s.close();
    const bad = join(dir, 'sitebook-2026-03-02.db');
    writeFileSync(bad, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(3000)]));
    const res = encryptPlaintextBackups(dir, KEY);
    expect(res).toEqual({ encrypted: [good], removed: [bad] });
    expect(isPlaintextDatabase(good)).toBe(false);
    const db = openDatabase(good, { encryption: { key: KEY } });
    try {
      expect(dump(db).notes).toEqual(before.notes);
    } finally {
      db.close();
    }
    expect(readdirSync(dir)).toEqual(['sitebook-2026-03-01.db']);
  });
});
