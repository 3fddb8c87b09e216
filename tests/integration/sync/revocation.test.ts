import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { getSession, markSessionRevoked, recordSyncError } from '../../../electron/backend/db/sync-state';
import type { ProjectDetail, ProjectPage } from '../../../shared/api';
import type { PhotoImportResult } from '../../../shared/channels/photos';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import { plainJpeg } from '../photos/fixtures';
import { projectInput, tempDir } from '../../unit/db/fixtures';
import { startServer, type ServerProcess } from '../../support/server-process';

/**
 * Issue 8 "revocation", against a real server process over HTTP: a device revoked by an
 * administrator pushes its unsynced changes at its next sync, then its local data is gone
 * (database, photos, backups) and the server refuses its token from then on.
 */
const PASSWORD = 'correct-horse-1';

async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), res.error);
  return res.value as T;
}

const sync = (b: Backend) => call<SyncStatus>(b, 'sync.now');

/** The server's answer to a raw request with this token: status and error code. */
async function answer(url: string, path: string, token: string, body?: unknown): Promise<[number, string | null]> {
  const res = await fetch(new URL(path, url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code: string } };
  return [res.status, json.error?.code ?? null];
}

describe('an administrator revokes a device', () => {
  let server: ServerProcess;
  let tmp: ReturnType<typeof tempDir>;
  const backends: Backend[] = [];

  async function device(name: string, login: string): Promise<Backend> {
    const b = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, name),
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    backends.push(b);
    await call(b, 'sync.signIn', { serverUrl: server.url, login, password: PASSWORD });
    return b;
  }

  async function revoke(login: string): Promise<void> {
    const list = await server.cli(['device', 'list']);
    const line = list.stdout.split('\n').find((l) => l.includes(login.toUpperCase()) && l.includes('active'));
    expect(line, list.stdout).toBeDefined();
    const res = await server.cli(['device', 'revoke', '--id', line!.split('\t')[0]!]);
    expect(res.code, res.stderr).toBe(0);
  }

  beforeAll(async () => {
    tmp = tempDir();
    server = await startServer();
    for (const login of ['lost', 'office', 'quits']) {
      const res = await server.cli(
        ['user', 'add', '--login', login, '--name', login.toUpperCase(), '--role', 'coordinator'].concat([
          '--password',
          PASSWORD,
        ]),
      );
      expect(res.code, res.stderr).toBe(0);
    }
  });

  afterAll(async () => {
    for (const b of backends) await b.shutdown();
    await server?.dispose();
    tmp?.cleanup();
  });

  it('pushes its pending changes, then wipes its local data; the server refuses it afterwards', async () => {
    const lost = await device('lost', 'lost');
    const dataDir = join(tmp.dir, 'lost');
    const synced = await call<Project>(lost, 'projects.create', projectInput({ code: 'REV-1', name: '已同步项目' }));
    expect((await sync(lost)).pending).toBe(0);

    // Offline work: a new project, an edit and a photo, none of it on the server yet.
    const offline = await call<Project>(lost, 'projects.create', projectInput({ code: 'REV-2', name: '离线新建' }));
    await call(lost, 'projects.update', { id: synced.id, patch: { name: '离线修改' } });
    const bytes = await plainJpeg(320, 240);
    await call<PhotoImportResult>(lost, 'photos.import', {
      projectId: offline.id,
      kind: 'progress',
      name: 'IMG_0001.JPG',
      lastModified: Date.UTC(2020, 3, 3),
      bytes,
    });
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    writeFileSync(join(dataDir, 'backups', 'sitebook-2020-04-03.db'), 'a backup');
    const token = getSession(lost.db)!.token;
    const before = await call<SyncStatus>(lost, 'sync.status');
    expect(before.pending).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'photos'))).toBe(true);

    await revoke('lost');
    const after = await sync(lost);

    // Its pending changes reached the server: another device sees them.
    const office = await device('office', 'office');
    await sync(office);
    const seen = await call<ProjectDetail>(office, 'projects.get', { id: offline.id });
    expect(seen.project).toMatchObject({ code: 'REV-2', name: '离线新建' });
    const edited = await call<ProjectDetail>(office, 'projects.get', { id: synced.id });
    expect(edited.project).toMatchObject({ name: '离线修改' });

    // Then it wiped itself and says so; the app keeps running on an empty database.
    expect(after).toMatchObject({ state: 'signed_out', user: null, pending: 0 });
    expect(after.lastError?.code).toBe('device_wiped');
    expect(existsSync(join(dataDir, 'photos'))).toBe(false);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
    expect(getSession(lost.db)).toBeNull();
    await expect(call(lost, 'projects.get', { id: offline.id })).rejects.toMatchObject({ code: 'not_found' });
    const fresh = new BetterSqlite3(join(dataDir, 'sitebook.db'), { readonly: true });
    try {
      expect(fresh.prepare('SELECT count(*) AS n FROM projects').get()).toEqual({ n: 0 });
    } finally {
      fresh.close();
    }
    await call(lost, 'projects.create', projectInput({ code: 'REV-3', name: '清除后新建' }));
    expect(await call<SyncStatus>(lost, 'sync.status')).toMatchObject({ lastError: { code: 'device_wiped' } });

    // The old token is refused everywhere now, the push included.
    expect(await answer(server.url, '/sync/pull', token, { cursors: {} })).toEqual([401, 'device_revoked']);
    expect(await answer(server.url, '/auth/me', token)).toEqual([401, 'device_revoked']);
    const op = { opId: 'late-op', scope: synced.id, table: 'projects', rowId: synced.id, column: 'name' };
    const late = { ops: [{ ...op, value: 'x', hlc: '2020-04-03T00:00:00.000Z-0000-dev', baseHlc: null }] };
    expect(await answer(server.url, '/sync/push', token, late)).toEqual([401, 'device_revoked']);
    await expect(sync(lost)).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('a wipe cut short (the app quit after the server said device_revoked) is finished at the next start', async () => {
    const dir = join(tmp.dir, 'cut');
    const first = createBackend({
      encryption: 'none',
      dataDir: dir,
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    await call(first, 'sync.signIn', { serverUrl: server.url, login: 'office', password: PASSWORD });
    await call(first, 'projects.create', projectInput({ code: 'REV-5', name: '中断' }));
    // What the engine records before the wipe (engine.ts fail()), then the process ends.
    markSessionRevoked(first.db, Date.now());
    recordSyncError(first.db, { code: 'device_revoked', message: 'revoked' });
    await first.shutdown();
    const again = createBackend({
      encryption: 'none',
      dataDir: dir,
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
    backends.push(again);
    expect((await call<ProjectPage>(again, 'projects.list', {})).total).toBe(0);
    expect(await call<SyncStatus>(again, 'sync.status')).toMatchObject({ lastError: { code: 'device_wiped' } });
  });

  it('a device signed out by its user keeps token_revoked and its data', async () => {
    const quits = await device('quits', 'quits');
    const token = getSession(quits.db)!.token;
    await call(quits, 'projects.create', projectInput({ code: 'REV-4', name: '退出登录' }));
    await sync(quits);
    await call(quits, 'sync.signOut');
    expect(await answer(server.url, '/sync/pull', token, { cursors: {} })).toEqual([401, 'token_revoked']);
    const list = await call<ProjectPage>(quits, 'projects.list', {});
    expect(list.rows.map((r) => r.code)).toContain('REV-4');
  });
});
