/**
 * A sync world for fault tests: a real server process (SQLite or PostgreSQL) behind the
 * fault proxy, desktop backends (real SQLite files) signed in through the proxy, every op
 * the devices sent recorded from their outboxes, and the convergence check against the
 * oracle, read straight from the server's database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/backend';
import { fromStorage } from '../../../electron/backend/db/cells';
import { openServerDatabase, type ServerDb } from '../../../server/db/connect';
import { parseCells } from '../../../server/sync/cells';
import { conflictId } from '../../../server/sync/conflicts';
import type { SyncStatus } from '../../../shared/channels/sync';
import { CellValue, RecordTable } from '../../../shared/records';
import type { OpFacts } from '../../../shared/sync/merge';
import { mayWrite } from '../../../shared/sync/roles';
import { TABLE_COLUMNS } from '../../../shared/sync/tables';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startServer, type ServerProcess } from '../../support/server-process';
import { cellKey, expectedCells, expectedConflicts, lostWrites } from '../../support/sync-oracle';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const PASSWORD = 'correct-horse-1';

export async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), res.error);
  return res.value as T;
}

/** The op facts of a device's pending changes (its outbox). */
export function outboxOf(b: Backend): OpFacts[] {
  const rows = b.db.prepare('SELECT op_id, tbl, row_id, col, value, hlc, base_hlc FROM outbox ORDER BY hlc').all() as {
    op_id: string;
    tbl: string;
    row_id: string;
    col: string;
    value: string;
    hlc: string;
    base_hlc: string | null;
  }[];
  return rows.map((r) => ({
    opId: r.op_id,
    table: r.tbl,
    rowId: r.row_id,
    column: r.col,
    value: CellValue.parse(JSON.parse(r.value)),
    hlc: r.hlc,
    baseHlc: r.base_hlc,
  }));
}

export function serverOwned(op: OpFacts): boolean {
  return !mayWrite('admin', { scope: 'any', table: RecordTable.parse(op.table), column: op.column });
}

export function deviceIdOf(b: Backend): string {
  return (b.db.prepare('SELECT device_id FROM local_user').get() as { device_id: string }).device_id;
}

export interface World {
  kind: Dialect;
  server: ServerProcess;
  proxy: FaultProxy;
  sdb: ServerDb;
  /** Every op a device had pending before a sync, by op id: what was written. */
  written: Map<string, OpFacts>;
  /** Where device `name` keeps its data. */
  dataDir(name: string): string;
  /** A backend on `<dir>/<name>`, signed in through the proxy unless it already is. */
  device(name: string, login: string, sync?: BackendOptions['sync']): Promise<Backend>;
  /** Notes a device's pending ops as written (sync() does it before syncing). */
  record(b: Backend): void;
  /** Records the outbox, then syncs now; network failures come back in the status. */
  sync(b: Backend): Promise<SyncStatus>;
  /** Syncs every device, round after round, until a round changes nothing on the server. */
  settle(devices: readonly Backend[]): Promise<void>;
  /** SIGKILL the server (if running) and start it again on the same port and database. */
  restartServer(): Promise<void>;
  /** Ops stored on the server, as merge facts plus who sent them. */
  serverOps(): Promise<(OpFacts & { deviceId: string })[]>;
  /** Nothing lost, nothing doubled, every device equal to the server and the oracle. */
  expectConverged(devices: readonly Backend[]): Promise<{ ops: number; conflicts: number }>;
  dispose(): Promise<void>;
}

export async function createWorld(kind: Dialect, logins: readonly string[]): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-faults-'));
  const serverDir = join(dir, 'server');
  const database: TestDatabase | null = kind === 'postgres' ? await createTestDatabase() : null;
  const databaseUrl = database?.url;
  let server: ServerProcess;
  try {
    server = await startServer({ databaseUrl, dataDir: serverDir });
  } catch (err) {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = server.port;
  for (const login of logins) {
    const name = login.toUpperCase();
    const res = await server.cli([
      'user',
      'add',
      '--login',
      login,
      '--name',
      name,
      '--role',
      'coordinator',
      '--password',
      PASSWORD,
    ]);
    expect(res.code, res.stderr).toBe(0);
  }
  const proxy = await startFaultProxy(server.url);
  const sdb = await openServerDatabase(
    databaseUrl ? { databaseUrl, maxConnections: 2 } : { sqliteFile: join(serverDir, 'sitebook-server.db') },
  );
  const backends: Backend[] = [];
  const written = new Map<string, OpFacts>();

  const record = (b: Backend): void => {
    // A cell only the server writes (projects.group_id) never travels from a device.
    for (const op of outboxOf(b)) if (!serverOwned(op)) written.set(op.opId, op);
  };
  const sync = (b: Backend): Promise<SyncStatus> => {
    record(b);
    return call<SyncStatus>(b, 'sync.now');
  };
  const seqSum = async (): Promise<number> => {
    const rows = await sdb.db.selectFrom('scopes').select('seq').execute();
    return rows.reduce((n, r) => n + Number(r.seq), 0);
  };

  const world: World = {
    kind,
    get server() {
      return server;
    },
    proxy,
    sdb,
    written,
    dataDir: (name) => join(dir, name),
    async device(name, login, syncOpts = { auto: false }) {
      const b = createBackend({ encryption: 'none', dataDir: join(dir, name), shell: 'browser', sync: syncOpts });
      backends.push(b);
      const status = await call<SyncStatus>(b, 'sync.status');
      if (status.user === null) {
        await call(b, 'sync.signIn', { serverUrl: proxy.url, login, password: PASSWORD });
      }
      return b;
    },
    record,
    sync,
    async settle(devices) {
      for (let round = 0; round < 6; round++) {
        const before = await seqSum();
        for (const d of devices) {
          const status = await sync(d);
          expect(status, 'a sync while no fault is armed').toMatchObject({ lastError: null, pending: 0 });
        }
        if ((await seqSum()) === before) return;
      }
      throw new Error('sync did not settle in 6 rounds');
    },
    async restartServer() {
      await server.kill();
      server = await startServer({ databaseUrl, dataDir: serverDir, port });
    },
    async serverOps() {
      const rows = await sdb.db.selectFrom('ops').selectAll().execute();
      return rows.map((r) => ({
        opId: r.op_id,
        table: r.tbl,
        rowId: r.row_id,
        column: r.col,
        value: CellValue.parse(JSON.parse(r.value)),
        hlc: r.hlc,
        baseHlc: r.base_hlc,
        deviceId: r.device_id,
      }));
    },
    async expectConverged(devices) {
      const ops = await world.serverOps();
      // No op stored twice: by id, and no second copy of one write under another id.
      expect(new Set(ops.map((o) => o.opId)).size).toBe(ops.length);
      const writes = ops.map((o) => `${o.deviceId}/${cellKey(o.table, o.rowId, o.column)}/${o.hlc}`);
      expect(new Set(writes).size).toBe(ops.length);
      const byId = new Map(ops.map((o) => [o.opId, o]));
      // Every write a device had pending arrived (these tests never overwrite a pending
      // change between syncs), as it was written.
      expect([...written.keys()].filter((id) => !byId.has(id))).toEqual([]);
      for (const w of written.values()) {
        expect({ ...byId.get(w.opId), deviceId: undefined }).toEqual({ ...w, deviceId: undefined });
      }

      // The oracle over the whole set of ops: the latest values and the collisions.
      const expected = expectedCells(ops);
      const pairs = expectedConflicts(ops);
      const inConflict = new Set([...pairs.keys()].flatMap((k) => k.split('|')));
      expect(lostWrites(written.values(), ops, inConflict)).toEqual([]);
      const records = await sdb.db.selectFrom('records').select(['tbl', 'row_id', 'cells']).execute();
      const serverRows = new Map<string, Map<string, [CellValue, string]>>();
      for (const r of records) {
        const cells = new Map(
          Object.entries(parseCells(r.cells)).map(([c, [v, h]]) => [c, [v, h] as [CellValue, string]]),
        );
        serverRows.set(`${r.tbl}/${r.row_id}`, cells);
      }
      for (const [key, cell] of expected) {
        const [tbl, rowId, col] = key.split('/') as [string, string, string];
        expect(serverRows.get(`${tbl}/${rowId}`)?.get(col), key).toEqual([cell.value, cell.hlc]);
      }
      const conflictIds = records.filter((r) => r.tbl === 'conflicts').map((r) => r.row_id);
      const byOpId = new Map(ops.map((o) => [o.opId, o]));
      const expectedIds = [...pairs.keys()].map((k) => {
        const [a, b] = k.split('|') as [string, string];
        return conflictId(byOpId.get(a)!, byOpId.get(b)!);
      });
      expect(new Set(conflictIds)).toEqual(new Set(expectedIds));

      for (const d of devices) expectDeviceEqualsServer(d, serverRows);
      return { ops: ops.length, conflicts: conflictIds.length };
    },
    async dispose() {
      for (const b of backends) await b.shutdown();
      await proxy.close();
      await server.kill();
      await sdb.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Every row of every record table, with each cell's value and version (cell or row HLC). */
export function deviceCells(b: Backend): Map<string, Map<string, [CellValue, string]>> {
  const out = new Map<string, Map<string, [CellValue, string]>>();
  const versions = new Map<string, string>();
  const vrows = b.db.prepare('SELECT tbl, row_id, col, hlc FROM cell_versions').all() as {
    tbl: string;
    row_id: string;
    col: string;
    hlc: string;
  }[];
  for (const v of vrows) versions.set(cellKey(v.tbl, v.row_id, v.col), v.hlc);
  const present = new Set(
    (b.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  // A record table this schema version lacks holds nothing here; its rows would show as missing.
  for (const table of RecordTable.options.filter((t) => present.has(t))) {
    // The table name comes from the RecordTable whitelist.
    const rows = b.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    for (const row of rows) {
      const id = String(row['id']);
      const cells = new Map<string, [CellValue, string]>();
      for (const [col, kind] of Object.entries(TABLE_COLUMNS[table])) {
        const version = versions.get(cellKey(table, id, col)) ?? String(row['row_hlc']);
        cells.set(col, [fromStorage(kind, row[col]), version]);
      }
      out.set(`${table}/${id}`, cells);
    }
  }
  return out;
}

/** The device holds the server's rows, no more, no fewer, cell for cell, and nothing waits. */
function expectDeviceEqualsServer(b: Backend, serverRows: Map<string, Map<string, [CellValue, string]>>): void {
  const name = deviceIdOf(b);
  const local = deviceCells(b);
  expect([...local.keys()].sort(), `rows on device ${name}`).toEqual([...serverRows.keys()].sort());
  for (const [key, cells] of serverRows) {
    const mine = local.get(key)!;
    for (const [col, cell] of cells) expect(mine.get(col), `${key}/${col} on device ${name}`).toEqual(cell);
  }
  const codes = b.db.prepare('SELECT code, count(*) AS n FROM projects GROUP BY code HAVING n > 1').all();
  expect(codes, 'a project doubled on the device').toEqual([]);
  const logged = b.db
    .prepare('SELECT hlc, tbl, row_id, col FROM change_log GROUP BY hlc, tbl, row_id, col HAVING count(*) > 1')
    .all();
  expect(logged, 'a change logged twice on the device').toEqual([]);
  expect(b.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  expect(b.db.prepare('SELECT count(*) AS n FROM set_aside').get()).toEqual({ n: 0 });
  expect(b.db.prepare('SELECT count(*) AS n FROM parked_rows').get()).toEqual({ n: 0 });
}
