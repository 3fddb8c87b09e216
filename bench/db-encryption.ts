/**
 * What encryption at rest costs the desktop database (issue 8), on the demo data:
 *  - encrypting an existing unencrypted database (the one-time migration at first start);
 *  - reads (ledger page, 2-character search) and small writes (one transaction each, as autosave
 *    makes them) on the same data, unencrypted vs encrypted, both through SQLite3MultipleCiphers;
 *  - a bulk insert with plain better-sqlite3 vs SQLite3MultipleCiphers without a key (the same SQLite,
 *    another build), so a slower suite can be told from a slower build.
 *
 *   npx tsx bench/db-encryption.ts [--scale city|province] [--runs 200]
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { ProjectListQuery } from '../shared/api';
import { encryptDatabaseFile } from '../electron/backend/db/encrypt';
import { openDatabase } from '../electron/backend/db/open';
import { listProjects } from '../electron/backend/db/projects';
import { searchRecords } from '../electron/backend/db/search';
import { newSqlite } from '../electron/backend/db/sqlite';
import { writeDemoDatabase } from '../resources/demo/load';
import { provinceDb } from './province-db';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'city' }, runs: { type: 'string', default: '200' } },
});
const runs = Number(values.runs);
const KEY = randomBytes(32);
const dir = mkdtempSync(join(tmpdir(), 'sitebook-bench-enc-'));
const log = (m: string) => process.stderr.write(`${m}\n`);

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 100) / 100, unit }));
}

function p50(fn: () => unknown): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function readsAndWrites(db: Database, label: string): void {
  const page = ProjectListQuery.parse({ limit: 50 });
  const now = Date.now();
  emit(
    `${label}_project_list_p50`,
    p50(() => listProjects(db, page, now)),
    'ms',
  );
  const words = ['巴彦', '用地', '供电', '哈尔滨'];
  let i = 0;
  emit(
    `${label}_search_p50`,
    p50(() => searchRecords(db, words[i++ % words.length]!, 20)),
    'ms',
  );
  db.exec('CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, body TEXT) STRICT');
  const ins = db.prepare('INSERT INTO bench_scratch (body) VALUES (?)');
  const write = db.transaction(() => ins.run('走访记录草稿自动保存'.repeat(20)));
  emit(
    `${label}_small_write_p50`,
    p50(() => write()),
    'ms',
  );
}

function bulkInsert(db: Database): number {
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)');
  const ins = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < 200_000; i++) ins.run(`行${i}项目名称`, i);
  })();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const plain = join(dir, 'plain.db');
  if (values.scale === 'province') {
    copyFileSync((await provinceDb(log)).file, plain);
  } else {
    await writeDemoDatabase(plain, { scale: 'city', seed: 20201, photosDir: null, log: () => undefined });
  }
  emit('database_size', statSync(plain).size / 1048576, 'MiB');

  const enc = join(dir, 'enc.db');
  copyFileSync(plain, enc);
  const t0 = performance.now();
  const res = encryptDatabaseFile(enc, KEY);
  emit('encrypt_existing_database', performance.now() - t0, 'ms');
  emit('encrypt_existing_database_rows', res.rows, 'rows');

  const t1 = performance.now();
  openDatabase(enc, { encryption: { key: KEY } }).close();
  emit('open_encrypted', performance.now() - t1, 'ms');

  const p = openDatabase(plain, { encryption: 'none' });
  readsAndWrites(p, 'plain');
  p.close();
  const e = openDatabase(enc, { encryption: { key: KEY } });
  readsAndWrites(e, 'encrypted');
  e.close();

  const a = new BetterSqlite3(join(dir, 'bs3.db'));
  emit('bulk_insert_200k_better_sqlite3', bulkInsert(a), 'ms');
  a.close();
  const b = newSqlite(join(dir, 'mc.db'));
  emit('bulk_insert_200k_multiple_ciphers_nokey', bulkInsert(b), 'ms');
  b.close();
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
