import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { PhotoSyncStatus } from '../../../shared/channels/photo-sync';
import type { SyncStatus } from '../../../shared/channels/sync';
import { tempDir } from '../../unit/db/fixtures';
import { startServer, type ServerProcess } from '../../support/server-process';
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

/**
 * Photo bytes through the real server: records first, then thumbnail, report copy and original
 * go up; another device gets the derivatives with the records' sync and the original on demand.
 */
describe('photo bytes between two devices', () => {
  let server: ServerProcess;
  let tmp: ReturnType<typeof tempDir>;
  const backends: Backend[] = [];

  beforeAll(async () => {
    tmp = tempDir();
    server = await startServer();
    for (const login of ['coord_a', 'coord_b']) await addUser(server, login, 'coordinator');
  });

  afterAll(async () => {
    for (const b of backends) await b.shutdown();
    await server?.dispose();
    tmp?.cleanup();
  });

  it('uploads after the records, skips what the server has, and the other device downloads', async () => {
    const a = await signedInDevice(join(tmp.dir, 'a'), server.url, 'coord_a');
    backends.push(a);
    const project = await newProject(a, 'PH-1');
    const put = await putPhoto(a, join(tmp.dir, 'a'), project.id, randomBytes(3 * 1024 * 1024 + 17));
    const sha = put.photo.sha256;
    const statuses: PhotoSyncStatus[] = [];
    a.on('photoSync.status', (s) => statuses.push(s));
    await call(a, 'sync.now');
    const done = await waitForPhotos(a, settled);
    expect(done).toMatchObject({ uploadsWaiting: 0, bytesWaiting: 0, failures: [] });
    expect(readServerBlob(server, sha, 'original').equals(put.original)).toBe(true);
    expect(readServerBlob(server, sha, 'thumb').equals(put.thumb)).toBe(true);
    expect(readServerBlob(server, sha, 'report').equals(put.report)).toBe(true);
    expect(statuses.some((s) => s.state === 'uploading')).toBe(true);
    expect(Math.max(...statuses.map((s) => s.bytesSent))).toBeGreaterThanOrEqual(put.original.length);

    const b = await signedInDevice(join(tmp.dir, 'b'), server.url, 'coord_b');
    backends.push(b);
    const changed: string[][] = [];
    b.on('data.changed', (e) => changed.push(e.tables));
    await call(b, 'sync.now');
    await waitForPhotos(b, (s) => settled(s) && s.downloadsWaiting === 0);
    expect(changed.some((t) => t.includes('photos'))).toBe(true);
    const thumb = await call<{ bytes: Uint8Array }>(b, 'photos.image', { id: put.photo.id, variant: 'thumb' });
    expect(sha256(thumb.bytes)).toBe(sha256(put.thumb));
    await expect(call(b, 'photos.image', { id: put.photo.id, variant: 'original' })).rejects.toMatchObject({
      code: 'photo_pending',
    });
    const progress: { received: number; done: boolean }[] = [];
    b.on('photos.originalProgress', (p) => progress.push(p));
    expect(await call(b, 'photos.fetchOriginal', { id: put.photo.id })).toEqual({ id: put.photo.id, present: true });
    const original = await call<{ bytes: Uint8Array }>(b, 'photos.image', { id: put.photo.id, variant: 'original' });
    expect(sha256(original.bytes)).toBe(sha);
    expect(progress.at(-1)).toMatchObject({ received: put.original.length, done: true });

    // B has the derivatives from the server: its next cycle asks have and sends nothing.
    await call(b, 'sync.now');
    const again = await waitForPhotos(b, settled);
    expect(again.bytesSent).toBe(0);
  });

  it('with "unmetered only" on a metered network photo bytes wait while records still sync', async () => {
    const dir = join(tmp.dir, 'm');
    const m = await signedInDevice(dir, server.url, 'coord_a');
    backends.push(m);
    await call(m, 'photoSync.saveSettings', { unmeteredOnly: true, sendSize: 'original', evictAfterDays: null });
    await call(m, 'photoSync.network', { kind: 'metered' });
    const project = await newProject(m, 'PH-METERED');
    const put = await putPhoto(m, dir, project.id, randomBytes(100_000));
    const synced = await call<SyncStatus>(m, 'sync.now');
    expect(synced.pending).toBe(0);
    const waiting = await waitForPhotos(m, (s) => s.state !== 'uploading');
    expect(waiting).toMatchObject({ state: 'waiting_unmetered', uploadsWaiting: 3, bytesSent: 0 });
    expect(() => readServerBlob(server, put.photo.sha256, 'original')).toThrow();

    await call(m, 'photoSync.network', { kind: 'unmetered' });
    const done = await waitForPhotos(m, settled);
    expect(done).toMatchObject({ state: 'idle', uploadsWaiting: 0 });
    expect(readServerBlob(server, put.photo.sha256, 'original').equals(put.original)).toBe(true);
  });
});
