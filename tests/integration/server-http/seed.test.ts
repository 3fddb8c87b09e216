/** `seed --demo` through the CLI, then a demo inspector signs in and pulls only their group's projects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Directory, LoginResponse, PullResponse } from '../../../shared/sync/wire';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startServer, type ServerProcess } from '../../support/server-process';
import { call } from './client';

describe.each(['sqlite', 'postgres'] as const)('seed --demo on %s', (dialect) => {
  let pgdb: TestDatabase | null = null;
  let server: ServerProcess;

  beforeAll(async () => {
    if (dialect === 'postgres') pgdb = await createTestDatabase();
    server = await startServer(pgdb ? { databaseUrl: pgdb.url } : {});
  });

  afterAll(async () => {
    await server?.dispose();
    await pgdb?.drop();
  });

  it('loads the demo records, groups, assignments and accounts; a second seed is refused', async () => {
    const seeded = await server.cli(['seed', '--demo', '--seed', '7', '--password', 'demo-pass-1']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/password 密码: demo-pass-1/);
    const summary = /seed: (\d+) records, (\d+) service groups, (\d+) assignments/.exec(seeded.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![2])).toBeGreaterThan(1);

    const signIn = await call(server.url, 'POST', '/auth/login', {
      json: { login: 'inspector01', password: 'demo-pass-1', deviceId: 'seeddev' },
    });
    expect(signIn.status).toBe(200);
    const { token, user } = signIn.body as LoginResponse;
    const directory = (await call(server.url, 'GET', '/directory', { token })).body as Directory;
    const mine = directory.groups.filter((g) => g.memberIds.includes(user.id));
    expect(mine).toHaveLength(1);
    const projects = mine[0]!.projectIds;
    expect(projects.length).toBeGreaterThan(0);

    const page = (await call(server.url, 'POST', '/sync/pull', { token, json: { cursors: {}, limit: 5000 } }))
      .body as PullResponse;
    expect(page.scopes).toEqual(['org', ...projects].sort());
    for (const row of page.rows) expect(['org', ...projects]).toContain(row.scope);
    const projectRows = page.rows.filter((r) => r.table === 'projects');
    if (!page.more) expect(projectRows.map((r) => r.id).sort()).toEqual([...projects].sort());
    for (const p of projectRows) expect(p.cells.group_id).toBe(mine[0]!.id);

    const again = await server.cli(['seed', '--demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds/);
  });
});
