/**
 * An existing unencrypted desktop database (from before encryption at rest) is encrypted when the
 * app first opens it with a key, without losing a row: a realistic one (the city demo data, every
 * table filled the way the app fills it) compared row by row, table by table; its plaintext daily
 * backups are encrypted too; a wrong key afterwards leaves everything byte-for-byte as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend';
import { isPlaintextDatabase } from '../../../electron/backend/db/encrypt';
import { openDatabase } from '../../../electron/backend/db/open';
import { writeDemoDatabase } from '../../../resources/demo/load';
import { tempDir } from '../../unit/db/fixtures';

const KEY = randomBytes(32);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every row of every table (FTS shadow tables included), in rowid order, as raw arrays. */
function dump(db: Database): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
    name: string;
    sql: string | null;
  }[];
  for (const { name, sql } of tables) {
    const q = `"${name.replaceAll('"', '""')}"`;
    // WITHOUT ROWID and virtual tables have no rowid to order by: sort their rows as text.
    const rows = /WITHOUT ROWID|CREATE VIRTUAL/i.test(sql ?? '')
      ? (db.prepare(`SELECT * FROM ${q}`).raw().all() as unknown[][]).sort((a, b) =>
          JSON.stringify(a) < JSON.stringify(b) ? -1 : 1,
        )
      : (db.prepare(`SELECT * FROM ${q} ORDER BY rowid`).raw().all() as unknown[][]);
    out.set(name, rows);
  }
  return out;
}

describe('encrypting an existing unencrypted database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbFile: string;
  let before: Map<string, unknown[][]>;
  let backupBefore: Map<string, unknown[][]>;
  const backupFile = () => join(tmp.dir, 'backups', 'sitebook-2026-03-01.db');

  beforeAll(async () => {
    tmp = tempDir();
    dbFile = join(tmp.dir, 'sitebook.db');
    await writeDemoDatabase(dbFile, { scale: 'city', seed: 7, photosDir: null, log: () => undefined });
    // As an older app left it: plaintext, a daily backup beside it.
    const plain = new BetterSqlite3(dbFile, { readonly: true });
    before = dump(plain);
    mkdirSync(join(tmp.dir, 'backups'));
    plain.prepare('VACUUM INTO ?').run(backupFile());
    plain.close();
    const b = new BetterSqlite3(backupFile(), { readonly: true });
    backupBefore = dump(b);
    b.close();
    expect(isPlaintextDatabase(dbFile)).toBe(true);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('the demo database fills many tables', () => {
    const filled = [...before].filter(([, rows]) => rows.length > 0).map(([t]) => t);
    expect(filled.length).toBeGreaterThanOrEqual(12);
    for (const t of ['projects', 'visits', 'problems', 'photos', 'units', 'service_groups'])
      expect(filled, t).toContain(t);
  });

  it('the app opening it with a key encrypts it, and every row of every table is kept', async () => {
    const backend = createBackend({
      encryption: { key: KEY },
      dataDir: tmp.dir,
      dbFile,
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    await backend.shutdown();
    expect(isPlaintextDatabase(dbFile)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => /plain-backup|encrypting/.test(f))).toEqual([]);

    const db = openDatabase(dbFile, { encryption: { key: KEY } });
    let after: Map<string, unknown[][]>;
    try {
      after = dump(db);
    } finally {
      db.close();
    }
    // The app's own bookkeeping at open (the local user, sync state) may add rows; nothing is lost or changed.
    for (const [table, rows] of before) {
      const got = after.get(table);
      expect(got, table).toBeDefined();
      const gotText = new Set(got!.map((r) => JSON.stringify(r)));
      const missing = rows.filter((r) => !gotText.has(JSON.stringify(r)));
      expect(missing, `rows of ${table} lost or changed`).toEqual([]);
    }
    for (const t of ['projects', 'visits', 'problems', 'photos']) expect(after.get(t)).toEqual(before.get(t));
  });

  it('the old plaintext backup is encrypted with the same key, every row kept', () => {
    expect(isPlaintextDatabase(backupFile())).toBe(false);
    const b = openDatabase(backupFile(), { encryption: { key: KEY } });
    try {
      const got = dump(b);
      for (const [table, rows] of backupBefore) expect(got.get(table), table).toEqual(rows);
    } finally {
      b.close();
    }
  });

  it('no plaintext project name is left in any file of the data folder', () => {
    const projectNames = (before.get('projects') ?? [])
      .slice(0, 20)
      .flat()
      .filter((v): v is string => {
        return typeof v === 'string' && /[\u4e00-\u9fff]{4,}/.test(v);
      });
    expect(projectNames.length).toBeGreaterThan(0);
    for (const f of [dbFile, backupFile()]) {
      const bytes = readFileSync(f);
      for (const n of projectNames) expect(bytes.includes(Buffer.from(n)), `${n} in ${f}`).toBe(false);
    }
  });

  it('a wrong key: a clear error, nothing wiped or recreated, every file byte-identical', () => {
    const files = [dbFile, backupFile()];
    const hashes = files.map(sha);
    const listing = readdirSync(tmp.dir).sort();
    expect(() =>
      createBackend({
        encryption: { key: randomBytes(32) },
        dataDir: tmp.dir,
        dbFile,
        shell: 'browser',
        sync: { auto: false },
        backup: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'database_key_wrong' }));
    expect(files.map(sha)).toEqual(hashes);
    // Empty -wal/-shm may appear beside the file from the read-only check; no file is removed.
    expect(readdirSync(tmp.dir).sort()).toEqual(expect.arrayContaining(listing));
    const db = openDatabase(dbFile, { encryption: { key: KEY } });
    expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(before.get('projects')!.length);
    db.close();
  });
});
