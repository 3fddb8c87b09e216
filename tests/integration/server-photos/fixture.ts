/**
 * One real server process (SQLite or PostgreSQL) with the accounts the photo tests use:
 * `li` (inspector) in the group serving proj-a, `wang` (inspector) in the group serving
 * proj-b, and `coord` (coordinator), who made both projects.
 */
import { expect } from 'vitest';
import type { ServerDb } from '../../../server/db/connect';
import type { LoginResponse, PushResponse, SyncOp } from '../../../shared/sync/wire';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startServer, type ServerProcess, type StartServerOptions } from '../../support/server-process';
import { call, projectOps } from '../server-http/client';
import { openSameDatabase } from '../server-http/snapshot';

export const PASSWORD = 'secret123';

export interface PhotoServer {
  server: ServerProcess;
  sdb: ServerDb;
  base: string;
  tokenOf(login: string, deviceId: string): Promise<string>;
  push(token: string, ops: SyncOp[]): Promise<void>;
  cli(args: string[]): Promise<string>;
  dispose(): Promise<void>;
}

export async function startPhotoServer(
  dialect: 'sqlite' | 'postgres',
  opts: StartServerOptions = {},
): Promise<PhotoServer> {
  const pgdb: TestDatabase | null = dialect === 'postgres' ? await createTestDatabase() : null;
  const server = await startServer({ ...opts, ...(pgdb ? { databaseUrl: pgdb.url } : {}) });
  const sdb = await openSameDatabase(server, pgdb?.url);
  const base = server.url;

  const cli = async (args: string[]): Promise<string> => {
    const r = await server.cli(args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const tokenOf = async (login: string, deviceId: string): Promise<string> => {
    const a = await call(base, 'POST', '/auth/login', {
      json: { login, password: PASSWORD, deviceId, deviceName: 'test' },
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return (a.body as LoginResponse).token;
  };
  const push = async (token: string, ops: SyncOp[]): Promise<void> => {
    const a = await call(base, 'POST', '/sync/push', { token, json: { ops } });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect((a.body as PushResponse).refused).toEqual([]);
  };

  await cli(['user', 'add', '--login', 'coord', '--name', '协调员', '--role', 'coordinator', '--password', PASSWORD]);
  await cli(['user', 'add', '--login', 'li', '--name', '李明', '--role', 'inspector', '--password', PASSWORD]);
  await cli(['user', 'add', '--login', 'wang', '--name', '王芳', '--role', 'inspector', '--password', PASSWORD]);
  await cli(['group', 'add', '--name', '第一服务组', '--leader', 'li']);
  await cli(['group', 'add', '--name', '第二服务组', '--leader', 'wang']);
  const coord = await tokenOf('coord', 'coorddev');
  await push(coord, [...projectOps('coorddev', 'proj-a', '甲项目'), ...projectOps('coorddev', 'proj-b', '乙项目')]);
  await cli(['assign', '--group', '第一服务组', '--project', 'proj-a']);
  await cli(['assign', '--group', '第二服务组', '--project', 'proj-b']);

  return {
    server,
    sdb,
    base,
    tokenOf,
    push,
    cli,
    async dispose() {
      await sdb.close();
      await server.dispose();
      await pgdb?.drop();
    },
  };
}
