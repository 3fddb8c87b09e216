import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import { originalPath, photosDirOf, thumbnailPath } from '../../../electron/backend/photos/layout';
import type { PhotoSyncSettings, PhotoSyncStatus } from '../../../shared/channels/photo-sync';
import type { SyncStatus } from '../../../shared/channels/sync';
import { tempDir } from '../../unit/db/fixtures';
import { startServer, type ServerProcess } from '../../support/server-process';
import { startByteProxy, type ByteProxy } from './byte-proxy';
import {
  addUser,
  call,
  newProject,
  putPhoto,
  readServerBlob,
  settled,
  sha256,
  signedInDevice,
  waitForPhotos,
} from './support';

const DAY = 24 * 3600_000;

/**
 * Several devices and users against the real server: the same photo sent by two devices at once
 * is stored once; a record that arrives before its bytes shows photo_pending, then the bytes; a
 * user who lost access gets no_access (403); a disabled account's token (401) is handled as sync
 * does; eviction removes only originals the server has, and fetchOriginal brings one back.
 */
describe('photo bytes, access and disk', () => {
  let server: ServerProcess;
  let proxy: ByteProxy;
  let tmp: ReturnType<typeof tempDir>;
  const backends: Backend[] = [];

  async function device(name: string, login: string, viaProxy = true): Promise<Backend> {
    const b = await signedInDevice(join(tmp.dir, name), viaProxy ? proxy.url : server.url, login);
    backends.push(b);
    return b;
  }

  async function cli(args: string[]): Promise<string> {
    const res = await server.cli(args);
    if (res.code !== 0) throw new Error(`${args.join(' ')}: ${res.stderr}`);
    return res.stdout;
  }

  beforeAll(async () => {
    tmp = tempDir();
    server = await startServer();
    for (const login of ['coord_a', 'coord_b', 'coord_c', 'coord_e', 'coord_x'])
      await addUser(server, login, 'coordinator');
    await addUser(server, 'insp', 'inspector');
    proxy = await startByteProxy(server.url);
  });

  afterAll(async () => {
    for (const b of backends) await b.shutdown();
    await proxy?.close();
    await server?.dispose();
    tmp?.cleanup();
  });

  it('two devices send the same photo at once: stored once; a third sees photo_pending, then the thumbnail', async () => {
    const a = await device('a', 'coord_a');
    const b = await device('b', 'coord_b');
    const c = await device('c', 'coord_c', false);
    const project = await newProject(a, 'SAME-1');
    await call(a, 'sync.now');
    await call(b, 'sync.now');
    const bytes = randomBytes(6 * 1024 * 1024);
    // Records first, bytes held back (the tus endpoint answers 503 for now).
    proxy.plan.refuseUploads = true;
    const onA = await putPhoto(a, join(tmp.dir, 'a'), project.id, bytes);
    const onB = await putPhoto(b, join(tmp.dir, 'b'), project.id, bytes);
    await call(a, 'sync.now');
    await call(b, 'sync.now');
    const waiting = await waitForPhotos(a, (s) => s.state !== 'uploading');
    expect(waiting.uploadsWaiting).toBe(3);
    expect(waiting.failures.map((f) => f.code)).toEqual(['server_error', 'server_error', 'server_error']);

    await call(c, 'sync.now');
    const pending = await waitForPhotos(c, (s) => s.state === 'idle');
    // Quietly waiting: no failure shown for bytes the server does not have yet.
    expect(pending).toMatchObject({ downloadsWaiting: 2, failures: [] });
    await expect(call(c, 'photos.image', { id: onA.photo.id, variant: 'thumb' })).rejects.toMatchObject({
      code: 'photo_pending',
    });

    proxy.plan.refuseUploads = false;
    await Promise.all([call(a, 'photoSync.retry'), call(b, 'photoSync.retry')]);
    const [doneA, doneB] = await Promise.all([waitForPhotos(a, settled), waitForPhotos(b, settled)]);
    expect(doneA.failures).toEqual([]);
    expect(doneB.failures).toEqual([]);
    const sha = onA.photo.sha256;
    expect(readServerBlob(server, sha, 'original').equals(bytes)).toBe(true);
    // One blob per key; no upload left behind in the server's upload area.
    const shard = readdirSync(join(server.dataDir, 'blobs', sha.slice(0, 2))).filter((n) => n.startsWith(sha));
    expect(shard.sort()).toEqual([sha, `${sha}.report`, `${sha}.thumb`].sort());
    const thumbStored = readServerBlob(server, sha, 'thumb');
    expect(thumbStored.equals(onA.thumb) && onB.thumb.equals(onA.thumb)).toBe(true);

    await call(c, 'sync.now');
    await waitForPhotos(c, (s) => settled(s) && s.downloadsWaiting === 0);
    const thumb = await call<{ bytes: Uint8Array }>(c, 'photos.image', { id: onA.photo.id, variant: 'thumb' });
    expect(sha256(thumb.bytes)).toBe(sha256(thumbStored));
  });

  it('a user who lost access to the project: the upload fails with no_access (403)', async () => {
    const a = backends[0]!;
    const project = await newProject(a, 'ACCESS-1');
    await call(a, 'sync.now');
    await cli(['group', 'add', '--name', '松北一组']);
    await cli(['group', 'member', '--group', '松北一组', '--user', 'insp']);
    await cli(['assign', '--group', '松北一组', '--project', project.id]);
    const i = await device('i', 'insp');
    await call(i, 'sync.now');
    proxy.plan.refuseUploads = true;
    const put = await putPhoto(i, join(tmp.dir, 'i'), project.id, randomBytes(300_000));
    const synced = await call<SyncStatus>(i, 'sync.now');
    expect(synced).toMatchObject({ pending: 0, setAside: 0 });
    await waitForPhotos(i, (s) => s.state !== 'uploading');
    await cli(['unassign', '--group', '松北一组', '--project', project.id]);
    proxy.plan.refuseUploads = false;
    await call(i, 'photoSync.retry');
    const status = await waitForPhotos(
      i,
      (s) => s.state !== 'uploading' && s.failures.every((f) => f.code === 'no_access'),
    );
    expect(status.failures.length).toBeGreaterThan(0);
    expect(status.failures[0]).toMatchObject({
      sha256: put.photo.sha256,
      direction: 'up',
      code: 'no_access',
      nextAttemptAt: null,
    });
    expect(status.uploadsWaiting).toBe(3);
  });

  it("a disabled account's token (401): the session is handled as sync handles it", async () => {
    const x = await device('x', 'coord_x');
    const project = await newProject(x, 'AUTH-1');
    await call(x, 'sync.now');
    proxy.plan.refuseUploads = true;
    await putPhoto(x, join(tmp.dir, 'x'), project.id, randomBytes(200_000));
    await call(x, 'sync.now');
    await waitForPhotos(x, (s) => s.state !== 'uploading');
    await cli(['user', 'disable', '--login', 'coord_x']);
    proxy.plan.refuseUploads = false;
    await call(x, 'photoSync.retry');
    // The photo engine hands the 401 to the sync engine, which runs and marks the session.
    const until = Date.now() + 20_000;
    let sync = await call<SyncStatus>(x, 'sync.status');
    while (sync.state !== 'error' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      sync = await call<SyncStatus>(x, 'sync.status');
    }
    expect(sync.lastError?.code).toBe('token_revoked');
    const photos = await call<PhotoSyncStatus>(x, 'photoSync.status');
    expect(photos.state).toBe('signed_out');
    expect(photos.uploadsWaiting).toBe(3);
  });

  it('eviction removes only originals the server has; fetchOriginal brings one back', async () => {
    const dir = join(tmp.dir, 'e');
    const e = await device('e', 'coord_e');
    const project = await newProject(e, 'EVICT-1');
    const old = Date.now() - 3 * DAY;
    const sent = await putPhoto(e, dir, project.id, randomBytes(400_000), old);
    const recent = await putPhoto(e, dir, project.id, randomBytes(400_000));
    await call(e, 'sync.now');
    await waitForPhotos(e, settled);
    proxy.plan.refuseUploads = true;
    const unsent = await putPhoto(e, dir, project.id, randomBytes(400_000), old);
    await call(e, 'sync.now');
    await waitForPhotos(e, (s) => s.state !== 'uploading');

    const settings: PhotoSyncSettings = { unmeteredOnly: false, sendSize: 'original', evictAfterDays: 1 };
    expect(await call(e, 'photoSync.saveSettings', settings)).toEqual(settings);
    await waitForPhotos(e, (s) => s.state !== 'uploading');
    const photos = photosDirOf(dir);
    expect(existsSync(originalPath(photos, sent.photo.sha256))).toBe(false);
    expect(existsSync(thumbnailPath(photos, sent.photo.sha256))).toBe(true);
    expect(existsSync(originalPath(photos, unsent.photo.sha256))).toBe(true);
    expect(existsSync(originalPath(photos, recent.photo.sha256))).toBe(true);

    await expect(call(e, 'photos.image', { id: sent.photo.id, variant: 'original' })).rejects.toMatchObject({
      code: 'photo_pending',
    });
    const report = await call<{ bytes: Uint8Array }>(e, 'photos.image', { id: sent.photo.id, variant: 'report' });
    expect(Buffer.from(report.bytes).equals(sent.report)).toBe(true);
    expect(await call(e, 'photos.fetchOriginal', { id: sent.photo.id })).toEqual({ id: sent.photo.id, present: true });
    const back = await call<{ bytes: Uint8Array }>(e, 'photos.image', { id: sent.photo.id, variant: 'original' });
    expect(sha256(back.bytes)).toBe(sent.photo.sha256);

    // Once sent, the old unsent one goes too; with only reduced copies sent, nothing is evicted.
    proxy.plan.refuseUploads = false;
    await call(e, 'photoSync.saveSettings', { ...settings, sendSize: 'reduced' });
    await call(e, 'photoSync.retry');
    // Reduced: the original is not queued at all, nothing is evicted.
    expect((await waitForPhotos(e, settled)).uploadsWaiting).toBe(0);
    expect(existsSync(originalPath(photos, unsent.photo.sha256))).toBe(true);
    expect(() => readServerBlob(server, unsent.photo.sha256, 'original')).toThrow();
    await call(e, 'photoSync.saveSettings', settings);
    await waitForPhotos(e, settled);
    expect(readServerBlob(server, unsent.photo.sha256, 'original').equals(unsent.original)).toBe(true);
    expect(existsSync(originalPath(photos, unsent.photo.sha256))).toBe(false);
    expect(existsSync(originalPath(photos, recent.photo.sha256))).toBe(true);
  });
});
