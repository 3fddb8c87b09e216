import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { formatHlc } from '../../../shared/hlc';
import type { Role } from '../../../shared/sync/roles';
import type { PulledRow, PullResponse, SyncOp } from '../../../shared/sync/wire';
import { openServerDatabase, type ServerDb } from '../../../server/db/connect';
import type { SyncActor } from '../../../server/sync/access';
import { pullChanges } from '../../../server/sync/pull';
import { pushOps } from '../../../server/sync/push';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database of one kind; `drop` removes every trace of it. */
export interface TestDatabase {
  url: string | null;
  open(): Promise<ServerDb>;
  drop(): Promise<void>;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Waits for the closed pool's sessions to go rather than killing them: a killed
 * session that is still closing raises an error in the test process.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006') throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sitebook-server-'));
    const file = join(dir, 'server.db');
    return {
      url: null,
      open: () => openServerDatabase({ sqliteFile: file }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // The name is made of hex digits only, so it is safe as an identifier.
  const name = `sitebook_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  return {
    url,
    open: () => openServerDatabase({ databaseUrl: url }),
    drop: () => dropDatabase(name),
  };
}

export const DIALECTS = ['sqlite', 'postgres'] as const;

/** Empties the sync tables between property-test runs (faster than a new database). */
export async function clearSyncTables(sdb: ServerDb): Promise<void> {
  await sdb.db.deleteFrom('ops').execute();
  await sdb.db.deleteFrom('records').execute();
  await sdb.db.deleteFrom('scopes').execute();
}

export const T0 = Date.parse('2026-03-01T08:00:00.000Z');

/** The server's wall clock in the suites: a minute after T0. */
export const NOW = T0 + 60_000;

/** Pulls page after page until nothing is left; returns every row and the cursors to keep. */
export async function pullAll(sdb: ServerDb, actor: SyncActor, cursors: Record<string, number> = {}, limit = 500) {
  const rows: PulledRow[] = [];
  let last: PullResponse;
  const state = { ...cursors };
  for (;;) {
    last = await pullChanges(sdb, actor, { cursors: state, limit, directoryVersion: 0 }, NOW);
    rows.push(...last.rows);
    Object.assign(state, last.cursors);
    if (!last.more) break;
  }
  return { rows, cursors: state, last };
}

export function find(rows: PulledRow[], table: string, id: string): PulledRow | undefined {
  return rows.find((r) => r.table === table && r.id === id);
}

export function hlcAt(offsetMs: number, node: string, counter = 0): string {
  return formatHlc({ millis: T0 + offsetMs, counter, node });
}

let opCounter = 0;
export function op(partial: Omit<SyncOp, 'opId' | 'baseHlc'> & { opId?: string; baseHlc?: string | null }): SyncOp {
  opCounter += 1;
  return { ...partial, opId: partial.opId ?? `op${opCounter}`, baseHlc: partial.baseHlc ?? null };
}

/** Every cell of a new row as ops at one HLC. */
export function rowOps(
  scope: string,
  table: SyncOp['table'],
  rowId: string,
  cells: Record<string, SyncOp['value']>,
  hlc: string,
): SyncOp[] {
  return Object.entries(cells).map(([column, value]) => op({ scope, table, rowId, column, value, hlc }));
}

export interface Fixture {
  coordinator: SyncActor;
  inspectorA: SyncActor;
  inspectorB: SyncActor;
  leaderA: SyncActor;
}

/** Two service groups: A serves project pA, B serves pB. */
export async function seedAccounts(sdb: ServerDb): Promise<Fixture> {
  const users: [string, Role][] = [
    ['ucoord', 'coordinator'],
    ['uinspa', 'inspector'],
    ['uinspb', 'inspector'],
    ['uleada', 'group_leader'],
  ];
  await sdb.db
    .insertInto('users')
    .values(
      users.map(([id, role]) => ({
        id,
        login: id,
        name: id,
        role,
        password_hash: 'x',
        disabled: 0,
        created_at: T0,
      })),
    )
    .execute();
  await sdb.db
    .insertInto('service_groups')
    .values([
      { id: 'ga', name: 'Group A', leader_id: 'uleada' },
      { id: 'gb', name: 'Group B', leader_id: null },
    ])
    .execute();
  await sdb.db
    .insertInto('group_members')
    .values([
      { group_id: 'ga', user_id: 'uinspa' },
      { group_id: 'ga', user_id: 'uleada' },
      { group_id: 'gb', user_id: 'uinspb' },
    ])
    .execute();
  await sdb.db
    .insertInto('assignments')
    .values([
      { group_id: 'ga', project_id: 'pa' },
      { group_id: 'gb', project_id: 'pb' },
    ])
    .execute();
  return {
    coordinator: { userId: 'ucoord', deviceId: 'dcoord', role: 'coordinator' },
    inspectorA: { userId: 'uinspa', deviceId: 'dinspa', role: 'inspector' },
    inspectorB: { userId: 'uinspb', deviceId: 'dinspb', role: 'inspector' },
    leaderA: { userId: 'uleada', deviceId: 'dleada', role: 'group_leader' },
  };
}

/** Projects pa (group A) and pb (group B), pushed by the coordinator at T0. */
export async function pushTwoProjects(sdb: ServerDb, fx: Fixture): Promise<void> {
  const project = (id: string) =>
    rowOps(
      id,
      'projects',
      id,
      { code: id.toUpperCase(), name: `项目 ${id}`, total_investment: 120_000, deleted: false },
      hlcAt(0, 'dcoord'),
    );
  const res = await pushOps(sdb, fx.coordinator, [...project('pa'), ...project('pb')], NOW);
  expect(res.refused).toEqual([]);
}

/** A describe block's database: a fresh one of `kind` with the accounts seeded (and pa, pb pushed if asked). */
export async function openSeeded(
  kind: 'sqlite' | 'postgres',
  opts: { twoProjects?: boolean } = {},
): Promise<{ tdb: TestDatabase; sdb: ServerDb; fx: Fixture }> {
  const tdb = await createTestDatabase(kind);
  const sdb = await tdb.open();
  const fx = await seedAccounts(sdb);
  if (opts.twoProjects) await pushTwoProjects(sdb, fx);
  return { tdb, sdb, fx };
}

/** Closes and drops what `openSeeded` made. */
export async function closeSeeded(tdb: TestDatabase, sdb: ServerDb): Promise<void> {
  await sdb.close();
  await tdb.drop();
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-server-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
