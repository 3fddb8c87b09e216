/**
 * The desktop's local backup on real SQLite files: one a day under the
 * Asia/Shanghai date, the newest 7 kept, never a partial file under today's
 * name, a backup that opens with the app's openDatabase, and a restore that
 * gives back every row as it was at backup time. The database is encrypted (as the app's always
 * is), and so is every backup: useless without the key, restored with it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import {
  BACKUP_KEEP,
  backupDatabase,
  checkBackup,
  listBackups,
  restoreBackup,
} from '../../../electron/backend/db/backup';
import { openDatabase } from '../../../electron/backend/db/open';
import type { Project } from '../../../shared/domain/project';
import { projectInput, tempDir } from '../db/fixtures';

const DAY = 24 * 3600_000;
const KEY = randomBytes(32);
/** 2026-03-10 16:30 UTC is already 2026-03-11 00:30 in Shanghai. */
const LATE_UTC = Date.UTC(2026, 2, 10, 16, 30);

async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), res.error);
  return res.value as T;
}

/** Every row of every table, as sorted JSON lines per table: equal dumps mean equal data. */
function dump(db: Database): Record<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM "${t.replaceAll('"', '""')}"`).all();
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

const rowCount = (d: Record<string, string[]>): number => Object.values(d).reduce((n, rows) => n + rows.length, 0);

describe('desktop backup', () => {
  let tmp: ReturnType<typeof tempDir>;
  let backend: Backend;
  let dbFile: string;
  let backups: string;

  beforeEach(async () => {
    tmp = tempDir();
    dbFile = join(tmp.dir, 'sitebook.db');
    backups = join(tmp.dir, 'backups');
    backend = createBackend({
      encryption: { key: KEY },
      dataDir: tmp.dir,
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    for (let i = 1; i <= 5; i++) {
      const p = await call<Project>(
        backend,
        'projects.create',
        projectInput({ code: `BK-${i}`, name: `备份项目${i}` }),
      );
      await call(backend, 'projects.update', { id: p.id, patch: { location: `地点${i}` } });
    }
  });

  afterEach(async () => {
    await backend.shutdown();
    tmp.cleanup();
  });

  it('names the backup by the Asia/Shanghai day and makes one a day', () => {
    const first = backupDatabase(backend.db, backups, LATE_UTC);
    expect(basename(first.file)).toBe('sitebook-2026-03-11.db');
    expect(first.created).toBe(true);
    const mtime = statSync(first.file).mtimeMs;
    const again = backupDatabase(backend.db, backups, LATE_UTC + 3600_000);
    expect(again).toEqual({ file: first.file, created: false, removed: [] });
    expect(statSync(first.file).mtimeMs).toBe(mtime);
  });

  it('keeps the newest 7 and deletes older ones', () => {
    const made: string[] = [];
    for (let d = 0; d < 10; d++) made.push(backupDatabase(backend.db, backups, LATE_UTC + d * DAY).file);
    const kept = listBackups(backups);
    expect(kept).toHaveLength(BACKUP_KEEP);
    expect(kept).toEqual(made.slice(-BACKUP_KEEP).reverse());
    expect(basename(kept[0]!)).toBe('sitebook-2026-03-20.db');
    for (const old of made.slice(0, 3)) expect(existsSync(old)).toBe(false);
  });

  it('leaves nothing under today’s name when the snapshot fails, and clears an old partial file', () => {
    const stale = join(backups, 'sitebook-2026-03-11.db.partial');
    backupDatabase(backend.db, backups, LATE_UTC - 2 * DAY);
    writeFileSync(stale, 'half a file');
    // VACUUM cannot run inside a transaction: a real failure of the snapshot step.
    const inTx = backend.db.transaction(() => backupDatabase(backend.db, backups, LATE_UTC));
    expect(() => inTx()).toThrow(/VACUUM/i);
    expect(readdirSync(backups)).toEqual(['sitebook-2026-03-09.db']);
    expect(backupDatabase(backend.db, backups, LATE_UTC).created).toBe(true);
  });

  it('a backup is a database the app opens, with every row', () => {
    const before = dump(backend.db);
    expect(before.projects).toHaveLength(5);
    const { file } = backupDatabase(backend.db, backups, LATE_UTC);
    const copy = openDatabase(file, { encryption: { key: KEY } });
    try {
      expect(dump(copy)).toEqual(before);
    } finally {
      copy.close();
    }
  });

  it('a backup of the encrypted database is encrypted with the same key', () => {
    const { file } = backupDatabase(backend.db, backups, LATE_UTC);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('备份项目1'))).toBe(false);
    expect(() => checkBackup(file, 'none')).toThrow();
    expect(() => checkBackup(file, { key: randomBytes(32) })).toThrow();
    expect(() => checkBackup(file, { key: KEY })).not.toThrow();
  });

  it('restore round trip: later changes are gone, every row at backup time is back', async () => {
    const atBackup = dump(backend.db);
    expect(rowCount(atBackup)).toBeGreaterThan(10);
    const { file } = backupDatabase(backend.db, backups, LATE_UTC);
    const later = await call<Project>(backend, 'projects.create', projectInput({ code: 'BK-LATE', name: '备份之后' }));
    const first = atBackup.projects!.map((r) => (JSON.parse(r) as { id: string }).id)[0]!;
    await call(backend, 'projects.update', { id: first, patch: { name: '改名了' } });
    expect(dump(backend.db)).not.toEqual(atBackup);
    await backend.shutdown();

    restoreBackup(file, dbFile, { key: KEY });
    backend = createBackend({
      encryption: { key: KEY },
      dataDir: tmp.dir,
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    expect(dump(backend.db)).toEqual(atBackup);
    await expect(call(backend, 'projects.get', { id: later.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to restore a file that is not a database, leaving the database as it was', async () => {
    const before = dump(backend.db);
    await backend.shutdown();
    const junk = join(tmp.dir, 'junk.db');
    writeFileSync(junk, 'not sqlite at all, just text that is long enough to have a header'.repeat(10));
    expect(() => restoreBackup(junk, dbFile, { key: KEY })).toThrow();
    backend = createBackend({
      encryption: { key: KEY },
      dataDir: tmp.dir,
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    expect(dump(backend.db)).toEqual(before);
  });

  it('the backend backs up on its own at start and stops the timer on shutdown', async () => {
    await backend.shutdown();
    backend = createBackend({
      encryption: { key: KEY },
      dataDir: tmp.dir,
      shell: 'browser',
      now: () => LATE_UTC,
      sync: { auto: false },
      backup: { firstDelayMs: 0, intervalMs: 50 },
    });
    const expected = join(backups, 'sitebook-2026-03-11.db');
    for (let i = 0; i < 100 && !existsSync(expected); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(expected)).toBe(true);
    const copy = openDatabase(expected, { encryption: { key: KEY } });
    try {
      expect(copy.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(5);
    } finally {
      copy.close();
    }
  });
});
