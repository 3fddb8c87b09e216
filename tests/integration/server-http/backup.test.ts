/**
 * Server backup and restore with the real server process, on SQLite and on
 * PostgreSQL: a device pushes data, `backup --out` snapshots the database while
 * the server runs, the server is stopped and its database replaced by the backup
 * the documented way (README "Backups"), and a fresh device signs in to the
 * restarted server and gets the data.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import { projectInput, tempDir } from '../../unit/db/fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { startServer, type ServerProcess } from '../../support/server-process';

const PASSWORD = 'correct-horse-1';

async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.message}`), res.error);
  return res.value as T;
}

describe.each(['sqlite', 'postgres'] as const)('server backup and restore on %s', (kind) => {
  let tmp: ReturnType<typeof tempDir>;
  let server: ServerProcess | null = null;
  const backends: Backend[] = [];
  const databases: TestDatabase[] = [];

  async function device(name: string, login: string): Promise<Backend> {
    const b = createBackend({ dataDir: join(tmp.dir, name), shell: 'browser', sync: { auto: false }, backup: false });
    backends.push(b);
    await call(b, 'sync.signIn', { serverUrl: server!.url, login, password: PASSWORD });
    return b;
  }

  beforeAll(() => {
    tmp = tempDir();
  });

  afterAll(async () => {
    for (const b of backends) await b.shutdown();
    await server?.dispose();
    for (const d of databases) await d.drop();
    tmp?.cleanup();
  });

  it('a restored backup serves the data to a fresh device', async () => {
    const dataDir = join(tmp.dir, 'server');
    const dbFile = join(dataDir, 'sitebook-server.db');
    const backup = join(tmp.dir, 'saved', 'server-backup.db');
    const original = kind === 'postgres' ? await createTestDatabase() : null;
    if (original) databases.push(original);
    server = await startServer({ dataDir, databaseUrl: original?.url });
    const added = await server.cli([
      'user',
      'add',
      '--login',
      'coord_a',
      '--name',
      '甲',
      '--role',
      'coordinator',
      '--password',
      PASSWORD,
    ]);
    expect(added.code, added.stderr).toBe(0);

    const a = await device('a', 'coord_a');
    const made: Project[] = [];
    for (let i = 1; i <= 3; i++) {
      made.push(await call<Project>(a, 'projects.create', projectInput({ code: `BAK-${i}`, name: `备份测试${i}` })));
    }
    await call(a, 'projects.update', { id: made[0]!.id, patch: { location: '备份前的地点' } });
    expect(await call<SyncStatus>(a, 'sync.now')).toMatchObject({ state: 'idle', pending: 0 });

    // Taken while the server runs: VACUUM INTO is a consistent snapshot next to live writers.
    const res = await server.cli(['backup', '--out', backup]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(backup);
    expect(existsSync(backup)).toBe(true);
    const again = await server.cli(['backup', '--out', backup]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('file exists');

    // Written after the backup: the restored server must not have it.
    const after = await call<Project>(a, 'projects.create', projectInput({ code: 'BAK-LATE', name: '备份之后' }));
    expect((await call<SyncStatus>(a, 'sync.now')).pending).toBe(0);

    const port = server.port;
    expect(await server.stop('SIGTERM')).toBe(0);
    server = null;
    let restoredUrl: string | undefined;
    if (kind === 'sqlite') {
      // The documented restore: server stopped, old WAL files removed, backup copied over.
      rmSync(`${dbFile}-wal`, { force: true });
      rmSync(`${dbFile}-shm`, { force: true });
      copyFileSync(backup, dbFile);
    } else {
      // The documented restore: pg_restore into an empty database, the server pointed at it.
      const target = await createTestDatabase();
      databases.push(target);
      execFileSync('pg_restore', ['--no-owner', `--dbname=${target.url}`, backup], { stdio: 'pipe' });
      restoredUrl = target.url;
    }
    server = await startServer({ dataDir, port, databaseUrl: restoredUrl });

    const fresh = await device('fresh', 'coord_a');
    expect(await call<SyncStatus>(fresh, 'sync.now')).toMatchObject({ state: 'idle', lastError: null });
    for (const p of made) {
      const got = await call<{ project: Project }>(fresh, 'projects.get', { id: p.id });
      expect(got.project.name).toBe(p.name);
    }
    expect((await call<{ project: Project }>(fresh, 'projects.get', { id: made[0]!.id })).project.location).toBe(
      '备份前的地点',
    );
    await expect(call(fresh, 'projects.get', { id: after.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
