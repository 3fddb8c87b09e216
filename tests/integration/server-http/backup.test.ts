/**
 * Server backup and restore with the real server process, on SQLite and on
 * PostgreSQL: a device pushes data and a photo's bytes, `backup --out` snapshots the
 * database and copies the photo blobs while the server runs, the server is stopped,
 * its database replaced by the backup and its blobs lost and put back the documented
 * way (README "Backups"), and a fresh device signs in to the restarted server and
 * gets the data and the photo.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import { projectInput, tempDir } from '../../unit/db/fixtures';
import { CONTENT_SHA_HEADER } from '../../../shared/photos/transfer';
import type { LoginResponse } from '../../../shared/sync/wire';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { runCli, startServer, type ServerProcess } from '../../support/server-process';
import { download, photoBytes, photoRowOps, sha256, uploadBlob } from '../server-photos/photo-client';
import { call as http } from './client';

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
    const b = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, name),
      shell: 'browser',
      sync: { auto: false },
      backup: false,
    });
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

    // A photo of the first project, its record pushed and its bytes uploaded.
    const signIn = async (deviceId: string): Promise<string> => {
      const res = await http(server!.url, 'POST', '/auth/login', {
        json: { login: 'coord_a', password: PASSWORD, deviceId, deviceName: 'photos' },
      });
      expect(res.status).toBe(200);
      return (res.body as LoginResponse).token;
    };
    const photo = photoBytes(400_000);
    const photoSha = sha256(photo);
    const uploader = await signIn('bakphotos');
    const pushed = await http(server.url, 'POST', '/sync/push', {
      token: uploader,
      json: { ops: photoRowOps('bakphotos', made[0]!.id, photoSha) },
    });
    expect(pushed.status).toBe(200);
    await uploadBlob({ base: server.url, token: uploader, bytes: photo, sha256: photoSha, projectId: made[0]!.id });

    // Taken while the server runs: VACUUM INTO is a consistent snapshot next to live writers.
    const res = await server.cli(['backup', '--out', backup]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(backup);
    expect(res.stdout).toContain('1 new');
    expect(existsSync(backup)).toBe(true);
    const savedBlobs = join(tmp.dir, 'saved', 'blobs');
    expect(existsSync(join(savedBlobs, photoSha.slice(0, 2), photoSha))).toBe(true);
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
    // The photo store is lost with the machine too, and put back from the backup.
    rmSync(join(dataDir, 'blobs'), { recursive: true, force: true });
    const restored = await runCli(['restore-blobs', '--from', savedBlobs], { dataDir, databaseUrl: restoredUrl });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('1 copied');
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
    const got = await download(server.url, await signIn('bakfresh'), { sha256: photoSha, variant: 'original' });
    expect(got.status).toBe(200);
    expect(got.headers.get(CONTENT_SHA_HEADER)).toBe(photoSha);
    expect(got.bytes.equals(photo)).toBe(true);
  });
});
