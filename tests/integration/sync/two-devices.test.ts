import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { ConflictView, SyncStatus } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import { projectInput, tempDir } from '../../unit/db/fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startServer, type ServerProcess } from '../../support/server-process';

/**
 * Two desktop backends (real SQLite files) against a real server process over HTTP,
 * on SQLite and on PostgreSQL: edits travel, a collision becomes one conflict on both,
 * a wrong clock is corrected, a device revoked by an administrator wipes itself.
 */
const PASSWORD = 'correct-horse-1';
const DAY = 24 * 3600_000;

async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), res.error);
  return res.value as T;
}

const sync = (b: Backend) => call<SyncStatus>(b, 'sync.now');

describe.each(['sqlite', 'postgres'] as const)('on %s', (kind) => {
  let server: ServerProcess;
  let database: TestDatabase | null = null;
  let tmp: ReturnType<typeof tempDir>;
  const backends: Backend[] = [];

  async function device(name: string, login: string, now?: () => number): Promise<Backend> {
    const b = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, name),
      shell: 'browser',
      now,
      sync: { auto: false },
    });
    backends.push(b);
    await call(b, 'sync.signIn', { serverUrl: server.url, login, password: PASSWORD });
    return b;
  }

  async function addUser(login: string, role: string): Promise<void> {
    const res = await server.cli([
      'user',
      'add',
      '--login',
      login,
      '--name',
      login.toUpperCase(),
      '--role',
      role,
      '--password',
      PASSWORD,
    ]);
    expect(res.code, res.stderr).toBe(0);
  }

  beforeAll(async () => {
    tmp = tempDir();
    database = kind === 'postgres' ? await createTestDatabase() : null;
    server = await startServer({ databaseUrl: database?.url });
    for (const login of ['coord_a', 'coord_b', 'coord_c', 'coord_d']) await addUser(login, 'coordinator');
  });

  afterAll(async () => {
    for (const b of backends) await b.shutdown();
    await server?.dispose();
    await database?.drop();
    tmp?.cleanup();
  });

  describe('sync between two devices through the real server', () => {
    let a: Backend;
    let b: Backend;
    let project: Project;

    it('an edit on A appears on B after both sync', async () => {
      a = await device('a', 'coord_a');
      b = await device('b', 'coord_b');
      project = await call<Project>(a, 'projects.create', projectInput({ code: 'SYNC-1', name: '同步测试项目' }));
      const afterPush = await sync(a);
      expect(afterPush).toMatchObject({ state: 'idle', pending: 0, setAside: 0, lastError: null });
      await sync(b);
      expect((await call<{ project: Project }>(b, 'projects.get', { id: project.id })).project.name).toBe(
        '同步测试项目',
      );

      await call(a, 'projects.update', { id: project.id, patch: { location: '松北区某路' } });
      await sync(a);
      await sync(b);
      expect((await call<{ project: Project }>(b, 'projects.get', { id: project.id })).project.location).toBe(
        '松北区某路',
      );
    });

    it('a field collision is one conflict on both devices; resolved on B, the resolution reaches A', async () => {
      await call(a, 'projects.update', { id: project.id, patch: { name: 'A 的名字' } });
      await call(b, 'projects.update', { id: project.id, patch: { name: 'B 的名字' } });
      await sync(a);
      await sync(b);
      await sync(a);
      const onA = await call<ConflictView[]>(a, 'conflicts.list', {});
      const onB = await call<ConflictView[]>(b, 'conflicts.list', {});
      expect(onA).toHaveLength(1);
      expect(onB.map((c) => c.id)).toEqual(onA.map((c) => c.id));
      const conflict = onB[0]!;
      expect(conflict).toMatchObject({ kind: 'field', column: 'name', table: 'projects', rowId: project.id });
      expect(new Set([conflict.kept.value, conflict.other.value])).toEqual(new Set(['A 的名字', 'B 的名字']));
      expect(conflict.current).toBe(conflict.kept.value);
      expect((await sync(b)).conflicts).toBe(1);

      const resolved = await call<ConflictView>(b, 'conflicts.resolve', { id: conflict.id, choice: 'other' });
      expect(resolved).toMatchObject({ resolution: 'other', current: conflict.other.value });
      await sync(b);
      const statusA = await sync(a);
      expect(statusA.conflicts).toBe(0);
      const onAAfter = await call<ConflictView[]>(a, 'conflicts.list', { includeResolved: true });
      expect(onAAfter[0]).toMatchObject({ id: conflict.id, resolution: 'other' });
      expect((await call<{ project: Project }>(a, 'projects.get', { id: project.id })).project.name).toBe(
        conflict.other.value,
      );
      // Taking the other value knew both sides: no new conflict came of it.
      expect(await call<ConflictView[]>(b, 'conflicts.list', {})).toEqual([]);
    });

    it('a device one day ahead gets its changes in after re-stamping', async () => {
      const ahead = await device('c', 'coord_c', () => Date.now() + DAY);
      const made = await call<Project>(
        ahead,
        'projects.create',
        projectInput({ code: 'AHEAD-1', name: '时钟超前的项目' }),
      );
      const status = await sync(ahead);
      expect(status).toMatchObject({ state: 'idle', pending: 0, setAside: 0 });
      await sync(b);
      const got = await call<{ project: Project }>(b, 'projects.get', { id: made.id });
      expect(got.project.name).toBe('时钟超前的项目');
      // Its later writes are stamped from the corrected clock, not a day ahead.
      await call(ahead, 'projects.update', { id: made.id, patch: { name: '改过的' } });
      const stamp = (ahead.db.prepare("SELECT hlc FROM outbox WHERE col = 'name'").get() as { hlc: string }).hlc;
      expect(Date.parse(stamp.slice(0, 24))).toBeLessThan(Date.now() + 60_000);
      expect((await sync(ahead)).pending).toBe(0);
    });

    it('a device revoked by an administrator wipes itself (tests/integration/sync/revocation.test.ts)', async () => {
      const d = await device('d', 'coord_d');
      const list = await server.cli(['device', 'list']);
      const line = list.stdout.split('\n').find((l) => l.includes('COORD_D'));
      expect(line, list.stdout).toBeDefined();
      const revoked = await server.cli(['device', 'revoke', '--id', line!.split('\t')[0]!]);
      expect(revoked.code, revoked.stderr).toBe(0);
      const status = await sync(d);
      expect(status.state).toBe('signed_out');
      expect(status.lastError?.code).toBe('device_wiped');
      await expect(sync(d)).rejects.toMatchObject({ code: 'not_signed_in' });
    });
  });
});
