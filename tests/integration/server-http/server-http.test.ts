/**
 * The server as a real process over HTTP, on SQLite and on PostgreSQL: health,
 * the admin CLI, sign-in and its rate limit, revoked tokens, scope and role
 * checks on push and pull, the admin API, and refusals that change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDb } from '../../../server/db/connect';
import type { Directory, LoginResponse, PullResponse, PushResponse, SyncOp } from '../../../shared/sync/wire';
import { MAX_BODY_BYTES } from '../../../shared/sync/wire';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startServer, type ServerProcess } from '../../support/server-process';
import { call, errorOf, op, oversizedRequest, projectOps, type Answer } from './client';
import { dumpDatabase, openSameDatabase } from './snapshot';

const PASSWORD = 'secret123';

describe.each(['sqlite', 'postgres'] as const)('sync server over HTTP on %s', (dialect) => {
  let pgdb: TestDatabase | null = null;
  let server: ServerProcess;
  let sdb: ServerDb;
  let base: string;
  const ids: Record<string, string> = {};

  async function cli(args: string[]): Promise<string> {
    const r = await server.cli(args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  }

  async function login(loginName: string, deviceId: string, password = PASSWORD): Promise<Answer> {
    return call(base, 'POST', '/auth/login', { json: { login: loginName, password, deviceId, deviceName: 'test' } });
  }

  async function tokenOf(loginName: string, deviceId: string): Promise<string> {
    const a = await login(loginName, deviceId);
    expect(a.status).toBe(200);
    return (a.body as LoginResponse).token;
  }

  async function push(token: string, ops: SyncOp[]): Promise<PushResponse> {
    const a = await call(base, 'POST', '/sync/push', { token, json: { ops } });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return a.body as PushResponse;
  }

  async function pull(token: string, cursors: Record<string, number> = {}): Promise<PullResponse> {
    const a = await call(base, 'POST', '/sync/pull', { token, json: { cursors } });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return a.body as PullResponse;
  }

  /** The request is refused and the database holds exactly what it held before. */
  async function refusedUnchanged(request: () => Promise<Answer>, status: number, code: string): Promise<Answer> {
    const before = await dumpDatabase(sdb);
    const a = await request();
    expect(a.status, JSON.stringify(a.body)).toBe(status);
    expect(errorOf(a).code).toBe(code);
    expect(await dumpDatabase(sdb)).toBe(before);
    return a;
  }

  beforeAll(async () => {
    if (dialect === 'postgres') pgdb = await createTestDatabase();
    server = await startServer(pgdb ? { databaseUrl: pgdb.url } : {});
    base = server.url;
    sdb = await openSameDatabase(server, pgdb?.url);
    await cli(['user', 'add', '--login', 'admin', '--name', '管理员', '--role', 'admin', '--password', PASSWORD]);
    await cli(['user', 'add', '--login', 'coord', '--name', '协调员', '--role', 'coordinator', '--password', PASSWORD]);
    for (const [l, n] of [
      ['li', '李明'],
      ['wang', '王芳'],
      ['zhao', '赵强'],
      ['sun', '孙丽'],
    ]) {
      await cli(['user', 'add', '--login', l!, '--name', n!, '--role', 'inspector', '--password', PASSWORD]);
    }
    for (const line of (await cli(['user', 'list'])).trim().split('\n')) {
      const [id, l] = line.split('\t');
      ids[l!] = id!;
    }
    const groupA = await cli(['group', 'add', '--name', '第一服务组', '--leader', 'li']);
    ids.groupA = /id ([0-9a-f-]+)/.exec(groupA)![1]!;
    const groupB = await cli(['group', 'add', '--name', '第二服务组']);
    ids.groupB = /id ([0-9a-f-]+)/.exec(groupB)![1]!;
    await cli(['group', 'member', '--group', '第二服务组', '--user', 'wang']);
    await cli(['group', 'member', '--group', ids.groupA, '--user', 'sun']);

    const coord = await tokenOf('coord', 'coorddev');
    const created = await push(coord, [
      ...projectOps('coorddev', 'proj-a', '甲项目'),
      ...projectOps('coorddev', 'proj-b', '乙项目'),
    ]);
    expect(created.refused).toEqual([]);
    await cli(['assign', '--group', '第一服务组', '--project', 'proj-a']);
    await cli(['assign', '--group', ids.groupB, '--project', 'proj-b']);
  });

  afterAll(async () => {
    await sdb?.close();
    await server?.dispose();
    await pgdb?.drop();
  });

  it('answers health with its version and database, and the server clock on every answer', async () => {
    const t0 = Date.now();
    const a = await call(base, 'GET', '/health');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ ok: true, version: '0.1.0', database: dialect });
    const serverTime = Number(a.headers.get('x-server-time'));
    expect(serverTime).toBeGreaterThanOrEqual(t0 - 1000);
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 1000);
    const missing = await call(base, 'GET', '/no/such/route');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
    expect(Number(missing.headers.get('x-server-time'))).toBeGreaterThan(0);
  });

  it('the CLI made the accounts, groups and assignments, and wrote the server-owned cells', async () => {
    const groups = await cli(['group', 'list']);
    expect(groups).toMatch(/第一服务组\tleader=li\tmembers=\S*li\S*\tprojects=1/);
    expect(groups).toMatch(/第二服务组\tleader=-\tmembers=wang\tprojects=1/);
    const coord = await tokenOf('coord', 'coorddev');
    const dir = await call(base, 'GET', '/directory', { token: coord });
    const directory = dir.body as Directory;
    const a = directory.groups.find((g) => g.name === '第一服务组')!;
    expect(a).toMatchObject({ leaderId: ids.li, projectIds: ['proj-a'] });
    expect(a.memberIds.sort()).toEqual([ids.li, ids.sun].sort());
    expect(directory.users.map((u) => u.login)).toEqual(['admin', 'coord', 'li', 'sun', 'wang', 'zhao']);
    expect(JSON.stringify(directory)).not.toMatch(/scrypt/);

    const all = await pull(coord);
    const projA = all.rows.find((r) => r.table === 'projects' && r.id === 'proj-a')!;
    expect(projA.cells.group_id).toBe(ids.groupA);
    const groupRow = all.rows.find((r) => r.table === 'service_groups' && r.id === ids.groupA)!;
    expect(groupRow.scope).toBe('org');
    expect(groupRow.cells).toMatchObject({ name: '第一服务组', leader: '李明', deleted: false });
    expect(JSON.parse(String(groupRow.cells.members))).toEqual([
      { name: '孙丽', role: '组员', unit: null, phone: null },
    ]);

    const dup = await server.cli([
      'user',
      'add',
      '--login',
      'LI',
      '--name',
      'x',
      '--role',
      'inspector',
      '--password',
      PASSWORD,
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already taken/);
    const bad = await server.cli(['assign', '--group', 'nope', '--project', 'proj-a']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no service group/);
  });

  it('signs in with the right password only, with one message for a wrong password and an unknown login', async () => {
    const ok = await login('li', 'lidev1');
    expect(ok.status).toBe(200);
    const body = ok.body as LoginResponse;
    expect(body.user).toEqual({ id: ids.li, login: 'li', name: '李明', role: 'inspector' });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    expect(Math.abs(body.serverTime - Date.now())).toBeLessThan(5000);
    const me = await call(base, 'GET', '/auth/me', { token: body.token });
    expect(me.body).toMatchObject({ user: { login: 'li' }, groupIds: [ids.groupA], deviceId: 'lidev1' });
    const stored = await sdb.db.selectFrom('devices').select('token_hash').where('device_id', '=', 'lidev1').execute();
    expect(stored.map((d) => d.token_hash)).not.toContain(body.token);

    const wrong = await refusedUnchanged(() => login('li', 'lidev1', 'wrong-password'), 401, 'bad_credentials');
    const unknown = await refusedUnchanged(() => login('nobody', 'lidev1'), 401, 'bad_credentials');
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
    const noToken = await call(base, 'POST', '/sync/pull', { json: { cursors: {} } });
    expect(noToken.status).toBe(401);
    expect(errorOf(noToken).code).toBe('unauthorized');
    const badToken = await call(base, 'POST', '/sync/pull', { token: 'A'.repeat(43), json: { cursors: {} } });
    expect(errorOf(badToken).code).toBe('unauthorized');
  });

  it('rate-limits failed sign-ins: the 6th attempt in 15 minutes is refused even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const a = await login('zhao', 'zhaodev', `wrong-${i}`);
      expect(a.status).toBe(401);
    }
    const limited = await refusedUnchanged(() => login('zhao', 'zhaodev'), 429, 'rate_limited');
    expect(errorOf(limited).retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    const stillLimited = await login('ZHAO', 'zhaodev');
    expect(stillLimited.status).toBe(429);
    // Another login from the same address is not locked out by zhao's failures.
    expect((await login('wang', 'wangdev')).status).toBe(200);
  });

  it('refuses a revoked token (device_revoked), a signed-out token and a disabled account (token_revoked)', async () => {
    const sun = await tokenOf('sun', 'sundev');
    expect((await call(base, 'GET', '/auth/me', { token: sun })).status).toBe(200);
    const admin = await tokenOf('admin', 'admindev');
    const devices = (await call(base, 'GET', '/admin/devices', { token: admin })).body as {
      id: string;
      deviceId: string;
      revokedAt: number | null;
    }[];
    const sunDevice = devices.find((d) => d.deviceId === 'sundev' && d.revokedAt === null)!;
    const revoked = await call(base, 'POST', `/admin/devices/${sunDevice.id}/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
    expect((revoked.body as typeof devices).find((d) => d.id === sunDevice.id)!.revokedAt).not.toBeNull();
    const after = await call(base, 'POST', '/sync/pull', { token: sun, json: { cursors: {} } });
    expect(after.status).toBe(401);
    // An administrator's revocation tells the device to wipe (tests/integration/sync/revocation.test.ts).
    expect(errorOf(after).code).toBe('device_revoked');

    const sun2 = await tokenOf('sun', 'sundev');
    expect((await call(base, 'POST', '/auth/logout', { token: sun2 })).status).toBe(200);
    expect(errorOf(await call(base, 'GET', '/auth/me', { token: sun2 })).code).toBe('token_revoked');

    const sun3 = await tokenOf('sun', 'sundev');
    await cli(['user', 'disable', '--login', 'sun']);
    expect(errorOf(await call(base, 'GET', '/directory', { token: sun3 })).code).toBe('token_revoked');
    const disabledLogin = await login('sun', 'sundev');
    expect(disabledLogin.status).toBe(403);
    await cli(['user', 'enable', '--login', 'sun']);
    expect((await login('sun', 'sundev')).status).toBe(200);

    const listed = await cli(['device', 'list']);
    expect(listed).toMatch(/孙丽\tsundev\ttest\trevoked/);
  });

  it("keeps an inspector to their group's projects: no pull or push of another group's project, no org writes", async () => {
    const li = await tokenOf('li', 'lidev2');
    const page = await pull(li, { 'proj-b': 0 });
    expect(page.scopes).toEqual(['org', 'proj-a']);
    expect(page.rows.some((r) => r.scope === 'proj-b')).toBe(false);
    expect(page.rows.some((r) => r.id === 'proj-a')).toBe(true);
    expect(page.cursors['proj-b']).toBeUndefined();

    const visitA = op('lidev2', 'proj-a', 'visits', 'visit-a1', 'project_id', 'proj-a');
    const visitB = op('lidev2', 'proj-b', 'visits', 'visit-b1', 'project_id', 'proj-b');
    const unit = op('lidev2', 'org', 'units', 'unit-1', 'name', '发改委');
    const before = await sdb.db.selectFrom('ops').select('op_id').execute();
    const res = await push(li, [visitA, visitB, unit]);
    expect(res.accepted).toEqual([visitA.opId]);
    expect(res.refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ opId: visitB.opId, reason: 'no_access' }),
        expect.objectContaining({ opId: unit.opId, reason: 'forbidden' }),
      ]),
    );
    const stored = await sdb.db.selectFrom('ops').select('op_id').execute();
    expect(stored.length).toBe(before.length + 1);

    const coord = await tokenOf('coord', 'coorddev');
    const coordUnit = op('coorddev', 'org', 'units', 'unit-1', 'name', '发改委');
    const coordVisit = op('coorddev', 'proj-b', 'visits', 'visit-b2', 'project_id', 'proj-b');
    const ok = await push(coord, [coordUnit, coordVisit]);
    expect(ok.accepted.sort()).toEqual([coordUnit.opId, coordVisit.opId].sort());
    const coordPage = await pull(coord);
    expect(coordPage.scopes).toEqual(expect.arrayContaining(['org', 'proj-a', 'proj-b']));
  });

  it('lets coordinators manage accounts, groups and assignments through the admin API, and nobody else', async () => {
    const coord = await tokenOf('coord', 'coorddev');
    const li = await tokenOf('li', 'lidev3');
    const wang = await tokenOf('wang', 'wangdev');

    await refusedUnchanged(
      () =>
        call(base, 'POST', '/admin/users', {
          token: li,
          json: { login: 'x1', name: 'X', role: 'inspector', password: PASSWORD },
        }),
      403,
      'forbidden',
    );
    await refusedUnchanged(
      () =>
        call(base, 'POST', '/admin/users', {
          token: coord,
          json: { login: 'boss', name: 'B', role: 'admin', password: PASSWORD },
        }),
      403,
      'forbidden',
    );
    const created = await call(base, 'POST', '/admin/users', {
      token: coord,
      json: { login: 'zhou', name: '周杰', role: 'inspector', password: PASSWORD },
    });
    expect(created.status).toBe(200);
    const dir = created.body as Directory;
    const zhou = dir.users.find((u) => u.login === 'zhou')!;
    expect(zhou).toMatchObject({ name: '周杰', role: 'inspector', disabled: false });
    expect((await login('zhou', 'zhoudev')).status).toBe(200);

    const badGroup = await refusedUnchanged(
      () =>
        call(base, 'POST', '/admin/groups', {
          token: coord,
          json: { name: '第三服务组', memberIds: [zhou.id, 'ghost'] },
        }),
      400,
      'invalid_payload',
    );
    expect(errorOf(badGroup).message).toMatch(/memberIds\.1/);
    const group = await call(base, 'POST', '/admin/groups', {
      token: coord,
      json: { name: '第三服务组', leaderId: zhou.id, memberIds: [] },
    });
    expect(group.status).toBe(200);
    const third = (group.body as Directory).groups.find((g) => g.name === '第三服务组')!;
    expect(third.memberIds).toEqual([zhou.id]);
    expect((group.body as Directory).version).toBeGreaterThan(dir.version);

    // Moving proj-b from group B to group A: wang loses it, li gains it.
    const moved = await call(base, 'POST', '/admin/assignments', {
      token: coord,
      json: { groupId: ids.groupA, projectId: 'proj-b', assigned: true },
    });
    expect(moved.status).toBe(200);
    const groups = (moved.body as Directory).groups;
    expect(groups.find((g) => g.id === ids.groupA)!.projectIds).toEqual(['proj-a', 'proj-b']);
    expect(groups.find((g) => g.id === ids.groupB)!.projectIds).toEqual([]);
    expect((await pull(li)).scopes).toEqual(['org', 'proj-a', 'proj-b']);
    expect((await pull(wang)).scopes).toEqual(['org']);
    const projB = (await pull(li, {})).rows.find((r) => r.id === 'proj-b' && r.table === 'projects')!;
    expect(projB.cells.group_id).toBe(ids.groupA);

    await refusedUnchanged(
      () =>
        call(base, 'POST', '/admin/assignments', {
          token: coord,
          json: { groupId: ids.groupA, projectId: 'no-such', assigned: true },
        }),
      404,
      'not_found',
    );
    const back = await call(base, 'POST', '/admin/assignments', {
      token: coord,
      json: { groupId: ids.groupA, projectId: 'proj-b', assigned: false },
    });
    expect((back.body as Directory).groups.find((g) => g.id === ids.groupA)!.projectIds).toEqual(['proj-a']);
    await cli(['assign', '--group', ids.groupB!, '--project', 'proj-b']);
  });

  it('refuses malformed, schema-invalid and oversized bodies with a clear 4xx and changes nothing', async () => {
    const coord = await tokenOf('coord', 'coorddev');
    const malformed = await refusedUnchanged(
      () => call(base, 'POST', '/sync/push', { token: coord, raw: '{"ops": [' }),
      400,
      'invalid_payload',
    );
    expect(errorOf(malformed).message).toMatch(/not valid JSON/);

    const good = op('coorddev', 'proj-a', 'visits', 'visit-x', 'project_id', 'proj-a');
    const { hlc: _dropped, ...noHlc } = good;
    const invalid = await refusedUnchanged(
      () => call(base, 'POST', '/sync/push', { token: coord, json: { ops: [good, noHlc] } }),
      400,
      'invalid_payload',
    );
    expect(errorOf(invalid).message).toMatch(/ops\.1\.hlc/);
    const badLogin = await refusedUnchanged(
      () => call(base, 'POST', '/auth/login', { json: { login: 'li', password: PASSWORD, deviceId: 'Bad Id!' } }),
      400,
      'invalid_payload',
    );
    expect(errorOf(badLogin).message).toMatch(/deviceId/);
    const extra = await refusedUnchanged(
      () => call(base, 'POST', '/sync/pull', { token: coord, json: { cursors: {}, sneaky: 1 } }),
      400,
      'invalid_payload',
    );
    expect(errorOf(extra).message).toMatch(/sneaky|unrecognized/i);

    const tooLarge = await refusedUnchanged(
      () => oversizedRequest(base, '/sync/push', coord, MAX_BODY_BYTES + 1),
      413,
      'payload_too_large',
    );
    expect(Number(tooLarge.headers.get('x-server-time'))).toBeGreaterThan(0);
  });
});
