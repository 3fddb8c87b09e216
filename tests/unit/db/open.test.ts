import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, runMigrations } from '../../../electron/backend/db/migrations/index';
import { openDatabase } from '../../../electron/backend/db/open';
import { TABLE_COLUMNS } from '../../../electron/backend/db/schema';
import { RecordTable } from '../../../shared/records';
import { tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  it('creates a fresh database with every migration, WAL and the pragmas', () => {
    const db = openDatabase(join(tmp.dir, 'a.db'), { encryption: 'none' });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    db.close();
  });

  it('every record table is STRICT and its columns match the writer whitelist', () => {
    const db = openDatabase(':memory:');
    for (const table of RecordTable.options) {
      const info = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as { strict: number };
      expect(info.strict, table).toBe(1);
      const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map(
        (c) => c.name,
      );
      expect(cols.sort(), table).toEqual(['id', 'row_hlc', ...Object.keys(TABLE_COLUMNS[table])].sort());
    }
    db.close();
  });

  it('reopening runs no migration twice', () => {
    const file = join(tmp.dir, 'b.db');
    openDatabase(file, { encryption: 'none' }).close();
    const db = openDatabase(file, { encryption: 'none' });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database newer than the app and leaves the file untouched', () => {
    const file = join(tmp.dir, 'new.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE x (a)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(file);
    expect(() => openDatabase(file, { encryption: 'none' })).toThrow(
      expect.objectContaining({ code: 'database_newer_than_app' }),
    );
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a file that is not a database gives database_corrupt', () => {
    const file = join(tmp.dir, 'garbage.db');
    writeFileSync(file, Buffer.alloc(8192, 'not a sqlite file at all '));
    expect(() => openDatabase(file, { encryption: 'none' })).toThrow(
      expect.objectContaining({ code: 'database_corrupt' }),
    );
  });

  it('a failing migration leaves the database at its old version', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: (d: typeof db) => d.exec('CREATE TABLE y (a); SELECT nope()'),
      },
    ];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'projects'").get()).toEqual({ n: 0 });
    db.close();
  });
});
