/**
 * The world a sync simulation runs in: one real server process (SQLite or PostgreSQL),
 * a fault proxy in front of it, and desktop backends (each its own SQLite file) signed
 * in through the proxy as coordinators and, optionally, one inspector of a group.
 * Every device's wall clock is the real one plus its own `skewMs`, which tests move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { openServerDatabase, type ServerDb } from '../../server/db/connect';
import type { SyncStatus } from '../../shared/channels/sync';
import { hlcNode } from '../../shared/sync/merge';
import type { Directory } from '../../shared/sync/wire';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { createTestDatabase, type TestDatabase } from './postgres';
import { startServer, type ServerProcess } from './server-process';

export const PASSWORD = 'sim-password-1';
export const DAY_MS = 24 * 3600_000;

export interface SimDevice {
  name: string;
  login: string;
  role: 'coordinator' | 'inspector';
  backend: Backend;
  /** Added to the real clock to give this device's wall clock. */
  skewMs: number;
  /** The step until which the device has no network (it still writes). */
  offlineUntil: number;
}

/** An op id seen in a device's outbox right before a push: it must reach the server. */
export interface WrittenOp {
  opId: string;
  device: string;
  table: string;
  rowId: string;
  column: string;
  /** The HLC node (device id) that stamped it. */
  node: string;
}

export interface WorldOptions {
  /** PostgreSQL when true (a throwaway database), SQLite otherwise. */
  postgres?: boolean;
  coordinators?: number;
  inspector?: boolean;
  /** Initial wall-clock skew per device, in order (coordinators first, then the inspector). */
  skewsMs?: number[];
}

export interface SimWorld {
  server: ServerProcess;
  proxy: FaultProxy;
  devices: SimDevice[];
  dialect: 'sqlite' | 'postgres';
  /** The inspector's group (null without an inspector). */
  groupId: string | null;
  /** Projects assigned to the inspector's group: with 'org', the scopes it sees. */
  assigned: Set<string>;
  written: Map<string, WrittenOp>;
  /** A read connection to the server's database, for checking only. */
  serverDb(): Promise<ServerDb>;
  dispose(): Promise<void>;
}

export async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), { code: res.error.code });
  return res.value as T;
}

export const syncNow = (d: SimDevice): Promise<SyncStatus> => call<SyncStatus>(d.backend, 'sync.now');

export async function createWorld(opts: WorldOptions = {}): Promise<SimWorld> {
  const tmp = mkdtempSync(join(tmpdir(), 'sitebook-sim-'));
  let pg: TestDatabase | null = null;
  let server: ServerProcess | null = null;
  let proxy: FaultProxy | null = null;
  let reader: ServerDb | null = null;
  const devices: SimDevice[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of devices) await d.backend.shutdown();
    await reader?.close();
    await proxy?.close();
    await server?.dispose();
    await pg?.drop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    pg = opts.postgres ? await createTestDatabase('sitebook_sim') : null;
    server = await startServer({ databaseUrl: pg?.url });
    proxy = await startFaultProxy(server.url);
    const coordinators = opts.coordinators ?? 3;
    const args = ['user', 'add', '--login', 'coord0', '--name', '调度员0', '--role', 'coordinator'];
    const first = await server.cli([...args, '--password', PASSWORD]);
    if (first.code !== 0) throw new Error(`user add failed: ${first.stderr}`);
    const logins: { login: string; role: SimDevice['role'] }[] = [];
    for (let i = 0; i < coordinators; i++) logins.push({ login: `coord${i}`, role: 'coordinator' });
    if (opts.inspector) logins.push({ login: 'insp0', role: 'inspector' });
    const url = proxy.url;
    const open = async (login: string, role: SimDevice['role'], i: number): Promise<SimDevice> => {
      const device: SimDevice = {
        name: `d${i}`,
        login,
        role,
        backend: null!,
        skewMs: opts.skewsMs?.[i] ?? 0,
        offlineUntil: 0,
      };
      device.backend = createBackend({
        encryption: 'none',
        dataDir: join(tmp, device.name),
        shell: 'browser',
        now: () => Date.now() + device.skewMs,
        sync: { auto: false },
      });
      devices.push(device);
      await call(device.backend, 'sync.signIn', { serverUrl: url, login, password: PASSWORD });
      return device;
    };
    const admin = await open('coord0', 'coordinator', 0);
    let groupId: string | null = null;
    for (const [i, { login, role }] of logins.entries()) {
      if (i === 0) continue;
      const dir = await call<Directory>(admin.backend, 'admin.saveUser', {
        login,
        name: login.toUpperCase(),
        role,
        password: PASSWORD,
      });
      if (role === 'inspector') {
        const user = dir.users.find((u) => u.login === login)!;
        const groups = await call<Directory>(admin.backend, 'admin.saveGroup', {
          name: '第一服务组',
          leaderId: null,
          memberIds: [user.id],
        });
        groupId = groups.groups.find((g) => g.name === '第一服务组')!.id;
      }
      await open(login, role, i);
    }
    const srv = server;
    return {
      server: srv,
      proxy,
      devices,
      dialect: pg ? 'postgres' : 'sqlite',
      groupId,
      assigned: new Set(),
      written: new Map(),
      async serverDb() {
        reader ??= await openServerDatabase(
          pg ? { databaseUrl: pg.url, maxConnections: 2 } : { sqliteFile: join(srv.dataDir, 'sitebook-server.db') },
        );
        return reader;
      },
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Assigns a project (already on the server) to the inspector's group, from the first device. */
export async function assignToGroup(world: SimWorld, projectId: string): Promise<void> {
  if (world.groupId === null) return;
  await call(world.devices[0]!.backend, 'admin.assign', { groupId: world.groupId, projectId, assigned: true });
  world.assigned.add(projectId);
}

/** Records what is about to be pushed, so an op that never arrives is noticed. */
export function snapshotOutbox(world: SimWorld, d: SimDevice): void {
  const rows = d.backend.db.prepare('SELECT op_id, tbl, row_id, col, hlc FROM outbox').all() as Record<
    string,
    string
  >[];
  for (const r of rows) {
    const op = { opId: r['op_id']!, device: d.name, table: r['tbl']!, rowId: r['row_id']!, column: r['col']! };
    world.written.set(op.opId, { ...op, node: hlcNode(r['hlc']!) });
  }
}

/** Everything goes online and syncs, one device after the other, `rounds` times. */
export async function quiesce(world: SimWorld, rounds = 2): Promise<SyncStatus[]> {
  world.proxy.clear();
  let last: SyncStatus[] = [];
  for (let round = 0; round < rounds; round++) {
    last = [];
    for (const d of world.devices) {
      d.offlineUntil = 0;
      snapshotOutbox(world, d);
      last.push(await syncNow(d));
    }
  }
  return last;
}
