/**
 * Server databases for the sync benchmarks: the province demo cache's first N projects (or
 * all of them) with their rows, seeded into a fresh SQLite data dir or PostgreSQL database,
 * plus the accounts the benchmarks sign in with and device tokens for the load clients.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatHlc } from '../shared/hlc';
import { ORG_SCOPE, seesAllProjects, type Role } from '../shared/sync/roles';
import { TABLE_SCOPE } from '../shared/sync/tables';
import { createDeviceSession } from '../server/accounts/devices';
import { insertUser } from '../server/accounts/users';
import { hashPassword } from '../server/auth/password';
import { hashDeviceToken, newDeviceToken } from '../server/auth/token';
import { openServerDatabase, type ServerDb } from '../server/db/connect';
import { bumpDirectoryVersion } from '../server/db/meta';
import { readScopeSeqs } from '../server/db/records-store';
import { DEMO_TABLES, DemoDatabaseReader } from '../server/seed/demo-db';
import { seedRecords } from '../server/sync/seed';
import { createTestDatabase } from '../tests/support/postgres';

/** The accounts' password; the bench lowers the scrypt cost (SITEBOOK_SCRYPT_N) as tests do. */
export const BENCH_PASSWORD = 'bench-password-1';
export const COORDINATOR_LOGIN = 'coordinator';
/** Device B of the round trip: another coordinator. */
export const SECOND_COORDINATOR_LOGIN = 'coordinator2';

/** One load client: a user of its own with a device token, already in sync (its cursors). */
export interface LoadDevice {
  login: string;
  userId: string;
  role: Role;
  token: string;
  /** Its device id, also the node id of the HLCs it stamps. */
  deviceId: string;
  /** Projects it may write; every seeded project for a coordinator. */
  projects: string[];
  cursors: Record<string, number>;
}

export interface SeededServer {
  /** The SQLite data dir (also used by the server process on PostgreSQL for nothing but logs). */
  dataDir: string;
  databaseUrl?: string;
  projectIds: string[];
  rows: number;
  /** Rows seeded per table. */
  counts: Record<string, number>;
  seedMs: number;
  devices: LoadDevice[];
  directoryVersion: number;
  drop(): Promise<void>;
}

export interface SeedOptions {
  /** The desktop demo database (bench/province-db.ts). */
  source: string;
  /** How many projects (by id order); all when undefined. */
  projects?: number;
  pg: boolean;
  /** Load clients to create (users with tokens). */
  devices?: number;
  log: (m: string) => void;
}

interface Group {
  id: string;
  name: string;
  projects: string[];
}

/** Streams the source's rows into the server, project rows only for the chosen projects. */
async function seedRows(sdb: ServerDb, opts: SeedOptions) {
  const reader = new DemoDatabaseReader(opts.source);
  const hlc = formatHlc({ millis: Date.now() - 24 * 3_600_000, counter: 0, node: 'demo' });
  const projectIds: string[] = [];
  const groups = new Map<string, Group>();
  let kept: Set<string> | null = null;
  const counts: Record<string, number> = {};
  try {
    for (const table of DEMO_TABLES) {
      for (const page of reader.pages(table)) {
        let part = page;
        if (table === 'projects') {
          const room = (opts.projects ?? Infinity) - projectIds.length;
          part = page.slice(0, Math.max(0, room));
          for (const r of part) {
            projectIds.push(r.rowId);
            const gid = r.cells['group_id'];
            if (typeof gid === 'string') groups.get(gid)?.projects.push(r.rowId);
          }
        } else if (table === 'service_groups') {
          for (const r of page) groups.set(r.rowId, { id: r.rowId, name: String(r.cells['name']), projects: [] });
        } else if (TABLE_SCOPE[table] !== 'org') {
          kept ??= new Set(projectIds);
          const scopes = kept;
          part = page.filter((r) => scopes.has(r.scope));
        }
        if (part.length === 0) continue;
        await seedRecords(sdb, part, hlc);
        counts[table] = (counts[table] ?? 0) + part.length;
      }
    }
  } finally {
    reader.close();
  }
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return { projectIds, groups: [...groups.values()].filter((g) => g.projects.length > 0), rows, counts };
}

/**
 * The coordinator the desktop benchmarks sign in as, the service groups serving the seeded
 * projects, and `count` load users spread over those groups (one in ten a coordinator,
 * who sees every project), each with a device token and the cursors of a device in sync.
 */
async function seedAccounts(sdb: ServerDb, groups: Group[], projectIds: string[], count: number) {
  const now = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const plans: { login: string; role: Role; group: Group | null }[] = [];
  for (let i = 0; i < count; i++) {
    const coordinator = i % 10 === 9;
    plans.push({
      login: `load${String(i + 1).padStart(3, '0')}`,
      role: coordinator ? 'coordinator' : i % 10 === 0 ? 'group_leader' : 'inspector',
      group: coordinator ? null : groups[i % groups.length]!,
    });
  }
  const made = await sdb.db.transaction().execute(async (trx) => {
    await insertUser(trx, { login: COORDINATOR_LOGIN, name: '协调员', role: 'coordinator', passwordHash }, now);
    await insertUser(
      trx,
      { login: SECOND_COORDINATOR_LOGIN, name: '协调员二', role: 'coordinator', passwordHash },
      now,
    );
    for (const g of groups)
      await trx.insertInto('service_groups').values({ id: g.id, name: g.name, leader_id: null }).execute();
    const assignments = groups.flatMap((g) => g.projects.map((p) => ({ group_id: g.id, project_id: p })));
    for (let i = 0; i < assignments.length; i += 500) {
      await trx
        .insertInto('assignments')
        .values(assignments.slice(i, i + 500))
        .execute();
    }
    const out: { plan: (typeof plans)[number]; userId: string; token: string; deviceId: string }[] = [];
    for (const plan of plans) {
      const user = await insertUser(trx, { login: plan.login, name: plan.login, role: plan.role, passwordHash }, now);
      if (plan.group)
        await trx.insertInto('group_members').values({ group_id: plan.group.id, user_id: user.id }).execute();
      const token = newDeviceToken();
      const deviceId = `bench${randomBytes(6).toString('hex')}`;
      await createDeviceSession(
        trx,
        { userId: user.id, deviceId, deviceName: plan.login, tokenHash: hashDeviceToken(token) },
        now,
      );
      out.push({ plan, userId: user.id, token, deviceId });
    }
    const version = await bumpDirectoryVersion(trx);
    return { out, version };
  });
  const seqs = await readScopeSeqs(sdb.db, 'all');
  const cursorsOf = (scopes: string[]) => Object.fromEntries(scopes.map((s) => [s, seqs.get(s) ?? 0]));
  const devices: LoadDevice[] = made.out.map(({ plan, userId, token, deviceId }) => {
    const projects = seesAllProjects(plan.role) ? projectIds : plan.group!.projects;
    const cursors = cursorsOf([ORG_SCOPE, ...projects]);
    return { login: plan.login, userId, role: plan.role, token, deviceId, projects, cursors };
  });
  return { devices, directoryVersion: made.version };
}

export async function seedServer(opts: SeedOptions): Promise<SeededServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sitebook-bench-server-'));
  const pgDb = opts.pg ? await createTestDatabase('sitebook_bench') : null;
  const drop = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  };
  try {
    const t0 = performance.now();
    const sdb = await openServerDatabase(
      pgDb ? { databaseUrl: pgDb.url } : { sqliteFile: join(dataDir, 'sitebook-server.db') },
    );
    try {
      const { projectIds, groups, rows, counts } = await seedRows(sdb, opts);
      const seedMs = performance.now() - t0;
      opts.log(`seeded ${rows} rows of ${projectIds.length} projects in ${Math.round(seedMs)} ms`);
      const accounts = await seedAccounts(sdb, groups, projectIds, opts.devices ?? 0);
      return {
        dataDir,
        ...(pgDb ? { databaseUrl: pgDb.url } : {}),
        projectIds,
        rows,
        counts,
        seedMs,
        ...accounts,
        drop,
      };
    } finally {
      await sdb.close();
    }
  } catch (err) {
    await drop();
    throw err;
  }
}
