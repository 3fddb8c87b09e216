import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { getHistory } from '../../../electron/backend/db/history';
import { openDatabase } from '../../../electron/backend/db/open';
import { writeRecord } from '../../../electron/backend/db/writer';
import type { LoginResponse } from '../../../shared/sync/wire';
import type { SyncStatus } from '../../../shared/channels/sync';
import { fakeClock, projectInput, tempDir } from '../db/fixtures';
import { T0, count, outboxOf, projectCells } from './helpers';
import { startWireServer, type WireServer } from './wire-server';

let server: WireServer;
let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
const clock = fakeClock(T0);

function login(id: string, role: LoginResponse['user']['role'] = 'coordinator'): LoginResponse {
  return { token: `tok-${id}`, user: { id, login: id, name: `用户${id}`, role }, serverTime: T0 };
}

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await backend.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
  return res.value as T;
}

beforeEach(async () => {
  server = await startWireServer();
  tmp = tempDir();
  backend = createBackend({
    encryption: 'none',
    dataDir: join(tmp.dir, 'a'),
    shell: 'browser',
    now: clock.now,
    sync: { auto: false },
  });
  server.on('POST /auth/logout', () => ({ body: { ok: true } }));
});
afterEach(async () => {
  await backend.shutdown();
  await server.close();
  tmp.cleanup();
});

describe('signing in', () => {
  it('the local user becomes the account and keeps everything made before', async () => {
    const local = await call<{ id: string }>('identity.get');
    await call('projects.create', projectInput());
    const pendingBefore = outboxOf(backend.db).length;
    const project = backend.db.prepare('SELECT id FROM projects').get() as { id: string };
    const noteProblem = 'pr1';
    writeRecord(backend.db, { userId: local.id, userName: '本机用户', deviceId: 'x1' }, T0, {
      table: 'problems',
      rowId: noteProblem,
      cells: {
        project_id: project.id,
        category: 'land',
        description: '用地',
        handling_level: 'county',
        status: 'open',
        raised_on: '2026-03-01',
      },
    });
    writeRecord(backend.db, { userId: local.id, userName: '本机用户', deviceId: 'x1' }, T0, {
      table: 'progress_notes',
      rowId: 'n1',
      cells: {
        problem_id: noteProblem,
        project_id: project.id,
        text: '已协调',
        author_id: local.id,
        author_name: '本机用户',
        at: T0,
      },
    });
    server.on('POST /auth/login', (body) => {
      expect(body).toMatchObject({ login: 'zhang', password: 'secret-pw', deviceId: expect.any(String) });
      return { body: login('acct-1') };
    });
    const status = await call<SyncStatus>('sync.signIn', {
      serverUrl: `${server.url}/`,
      login: 'zhang',
      password: 'secret-pw',
    });
    expect(status).toMatchObject({ state: 'idle', serverUrl: server.url, user: { id: 'acct-1', role: 'coordinator' } });
    expect(status.pending).toBe(outboxOf(backend.db).length);

    const user = await call<{ id: string; kind: string; role: string; name: string }>('identity.get');
    expect(user).toMatchObject({ id: 'acct-1', kind: 'account', role: 'coordinator', name: '用户acct-1' });
    expect(count(backend.db, 'change_log WHERE author_id = ?', local.id)).toBe(0);
    expect(getHistory(backend.db, 'projects', project.id).every((e) => e.authorId === 'acct-1')).toBe(true);
    expect(outboxOf(backend.db).length).toBeGreaterThanOrEqual(pendingBefore);
    const note = outboxOf(backend.db).find((o) => o.tbl === 'progress_notes' && o.col === 'author_id');
    expect(note?.value).toBe('"acct-1"');
  });

  it('another account on a device with unsynced changes is refused, and nothing changes', async () => {
    server.on('POST /auth/login', () => ({ body: login('acct-1') }));
    await call('sync.signIn', { serverUrl: server.url, login: 'a', password: 'pw' });
    await call('sync.signOut');
    writeRecord(backend.db, { userId: 'acct-1', userName: 'a', deviceId: 'x1' }, T0, {
      table: 'projects',
      rowId: 'p1',
      cells: projectCells(),
    });
    server.on('POST /auth/login', () => ({ body: login('acct-2') }));
    await expect(call('sync.signIn', { serverUrl: server.url, login: 'b', password: 'pw' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(server.calls.filter((c) => c.route === 'POST /auth/logout').at(-1)?.auth).toBe('Bearer tok-acct-2');
    expect((await call<{ id: string }>('identity.get')).id).toBe('acct-1');
    expect((await call<SyncStatus>('sync.status')).state).toBe('signed_out');
  });

  it('bad credentials and an unreachable server are plain errors', async () => {
    server.on('POST /auth/login', () => ({
      status: 401,
      body: { error: { code: 'bad_credentials', message: 'wrong login or password' } },
    }));
    await expect(call('sync.signIn', { serverUrl: server.url, login: 'a', password: 'x' })).rejects.toMatchObject({
      code: 'bad_credentials',
    });
    await expect(
      call('sync.signIn', { serverUrl: 'http://127.0.0.1:9', login: 'a', password: 'x' }),
    ).rejects.toMatchObject({
      code: 'server_unreachable',
    });
  });

  it('an inspector may not create or edit projects; a local user may', async () => {
    await call('projects.create', projectInput());
    server.on('POST /auth/login', () => ({ body: login('insp', 'inspector') }));
    await call('sync.signIn', { serverUrl: server.url, login: 'i', password: 'pw' });
    await expect(call('projects.create', projectInput({ code: 'X-2' }))).rejects.toMatchObject({ code: 'forbidden' });
    const p = backend.db.prepare('SELECT id FROM projects').get() as { id: string };
    await expect(call('projects.update', { id: p.id, patch: { name: '改' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(call('admin.devices')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('signing out', () => {
  it("drops the account's role: the person works on as a local user", async () => {
    server.on('POST /auth/login', () => ({ body: login('insp', 'inspector') }));
    await call('sync.signIn', { serverUrl: server.url, login: 'i', password: 'pw' });
    await expect(call('projects.create', projectInput())).rejects.toMatchObject({ code: 'forbidden' });
    await call('sync.signOut');
    const user = await call<{ id: string; role: string | null }>('identity.get');
    expect(user.id).toBe('insp');
    expect(user.role ?? null).toBeNull();
    await expect(call('projects.create', projectInput())).resolves.toMatchObject({ code: projectInput().code });
  });

  it("another account signing in later leaves the first account's history under its name", async () => {
    server.on('POST /auth/login', () => ({ body: login('acct-1') }));
    await call('sync.signIn', { serverUrl: server.url, login: 'a', password: 'pw' });
    const made = await call<{ id: string }>('projects.create', projectInput());
    // As if synced: nothing of acct-1's is pending, so another account may sign in.
    backend.db.prepare('DELETE FROM outbox').run();
    await call('sync.signOut');
    server.on('POST /auth/login', () => ({ body: login('acct-2') }));
    await call('sync.signIn', { serverUrl: server.url, login: 'b', password: 'pw' });
    expect((await call<{ id: string }>('identity.get')).id).toBe('acct-2');
    const authors = new Set(getHistory(backend.db, 'projects', made.id).map((e) => e.authorId));
    expect(authors).toEqual(new Set(['acct-1']));
  });
});

describe('the deletion base', () => {
  it('a deletion names the newest version of any cell of the row', () => {
    const db = openDatabase(':memory:');
    const me = { userId: 'u', userName: 'u', deviceId: 'deva' };
    writeRecord(db, me, T0, { table: 'projects', rowId: 'p1', cells: projectCells() });
    db.prepare('DELETE FROM outbox').run();
    writeRecord(db, me, T0 + 1000, { table: 'projects', rowId: 'p1', cells: { name: '后改' } });
    const nameHlc = (db.prepare("SELECT hlc FROM cell_versions WHERE col = 'name'").get() as { hlc: string }).hlc;
    db.prepare('DELETE FROM outbox').run();
    writeRecord(db, me, T0 + 2000, { table: 'projects', rowId: 'p1', cells: { deleted: true } });
    const del = outboxOf(db).find((o) => o.col === 'deleted')!;
    expect(del.base_hlc).toBe(nameHlc);
    const deletedVersion = (db.prepare("SELECT hlc FROM cell_versions WHERE col = 'deleted'").get() as { hlc: string })
      .hlc;
    expect(deletedVersion > nameHlc).toBe(true);
    db.close();
  });
});
