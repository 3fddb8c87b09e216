import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { PhotoSyncStatus } from '../../../shared/channels/photo-sync';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/photos/transfer';
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

/** A seeded PRNG (mulberry32): the same cut offsets on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Bad networks between one device and the real server, through a streaming proxy: uploads cut
 * at random byte offsets resume without resending completed chunks; corrupted, wrong and
 * truncated bytes are refused on either side and sent again right.
 */
describe('photo transfers over a bad network', () => {
  let server: ServerProcess;
  let proxy: ByteProxy;
  let tmp: ReturnType<typeof tempDir>;
  let device: Backend;
  let projectId: string;
  const dir = () => join(tmp.dir, 'dev');

  beforeAll(async () => {
    tmp = tempDir();
    server = await startServer();
    await addUser(server, 'coord', 'coordinator');
    proxy = await startByteProxy(server.url);
    device = await signedInDevice(dir(), proxy.url, 'coord');
    projectId = (await newProject(device, 'NET-1')).id;
    await call(device, 'sync.now');
  });

  afterAll(async () => {
    await device?.shutdown();
    await proxy?.close();
    await server?.dispose();
    tmp?.cleanup();
  });

  /** Only the original is looked at: its derivatives go first and are small. */
  async function uploadOnly(original: Buffer): Promise<{ sha: string; patchBytes: number; status: PhotoSyncStatus }> {
    const put = await putPhoto(device, dir(), projectId, original);
    const before = proxy.patchBytes();
    await call(device, 'sync.now');
    const status = await waitForPhotos(device, settled, 60_000);
    const derivatives = put.thumb.length + put.report.length;
    return { sha: put.photo.sha256, patchBytes: proxy.patchBytes() - before - derivatives, status };
  }

  it('an upload cut at random offsets (first chunk, middle, last chunk) resumes without resending chunks', async () => {
    const size = 2 * UPLOAD_CHUNK_BYTES + 3 * 1024 * 1024 + 321;
    const original = randomBytes(size);
    const rand = seeded(20260405);
    // Offsets within the original's bytes; its small thumbnail and report copy go through first.
    const base = proxy.patchBytes() + 2_000 + original[0]! + 40_000 + original[1]!;
    const inFirst = Math.floor(rand() * UPLOAD_CHUNK_BYTES);
    const inMiddle = UPLOAD_CHUNK_BYTES + Math.floor(rand() * UPLOAD_CHUNK_BYTES);
    const inLast = 2 * UPLOAD_CHUNK_BYTES + Math.floor(rand() * (size - 2 * UPLOAD_CHUNK_BYTES));
    proxy.plan.cutAt = [inFirst, inMiddle, inLast].map((o) => base + o);
    const { sha, patchBytes, status } = await uploadOnly(original);
    expect(proxy.plan.cutAt).toEqual([]);
    expect(status.failures).toEqual([]);
    expect(readServerBlob(server, sha, 'original').equals(original)).toBe(true);
    expect(patchBytes).toBeGreaterThanOrEqual(size);
    expect(patchBytes).toBeLessThanOrEqual(size + UPLOAD_CHUNK_BYTES);
    // Each cut resumed with a HEAD at the server's offset.
    expect(proxy.tusRequests.get('HEAD') ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('a flipped byte in an upload is refused by the server; the device checks its file and sends again', async () => {
    const original = randomBytes(UPLOAD_CHUNK_BYTES / 2);
    const posts = proxy.tusRequests.get('POST') ?? 0;
    const put = await putPhoto(device, dir(), projectId, original);
    // The first PATCH (the thumbnail) gets a byte flipped on the way.
    proxy.plan.flipNextPatchAt = 100;
    await call(device, 'sync.now');
    const status = await waitForPhotos(device, settled);
    expect(status.failures).toEqual([]);
    expect(proxy.plan.flipNextPatchAt).toBeNull();
    // The refused upload was started again from nothing: four creations for three files.
    expect((proxy.tusRequests.get('POST') ?? 0) - posts).toBe(4);
    expect(readServerBlob(server, put.photo.sha256, 'thumb').equals(put.thumb)).toBe(true);
    expect(readServerBlob(server, put.photo.sha256, 'original').equals(original)).toBe(true);
  });

  it('the wrong bytes (another file) are refused and the right ones sent', async () => {
    const original = randomBytes(1024 * 1024);
    const posts = proxy.tusRequests.get('POST') ?? 0;
    proxy.plan.wrongNextPatch = true;
    const put = await putPhoto(device, dir(), projectId, original);
    await call(device, 'sync.now');
    const status = await waitForPhotos(device, settled);
    expect(status.failures).toEqual([]);
    expect(proxy.plan.wrongNextPatch).toBe(false);
    expect((proxy.tusRequests.get('POST') ?? 0) - posts).toBe(4);
    expect(readServerBlob(server, put.photo.sha256, 'thumb').equals(put.thumb)).toBe(true);
  });

  it('a local original that no longer matches its hash fails with a clear code, nothing sent as good', async () => {
    const original = randomBytes(256 * 1024);
    const put = await putPhoto(device, dir(), projectId, original);
    // The file rots on disk after import; the proxy flips a byte so the server refuses too.
    const { writeFileSync } = await import('node:fs');
    const { originalPath, photosDirOf } = await import('../../../electron/backend/photos/layout');
    const rotten = Buffer.from(original);
    rotten[10] = rotten[10]! ^ 0x01;
    writeFileSync(originalPath(photosDirOf(dir()), put.photo.sha256), rotten);
    await call(device, 'sync.now');
    const status = await waitForPhotos(device, (s) => s.failures.length > 0 && s.state !== 'uploading');
    expect(status.failures).toMatchObject([
      {
        sha256: put.photo.sha256,
        variant: 'original',
        direction: 'up',
        code: 'local_file_corrupt',
        nextAttemptAt: null,
      },
    ]);
    expect(() => readServerBlob(server, put.photo.sha256, 'original')).toThrow();
    // Put right again (e.g. restored from a backup): retry sends it.
    writeFileSync(originalPath(photosDirOf(dir()), put.photo.sha256), original);
    await call(device, 'photoSync.retry');
    expect((await waitForPhotos(device, settled)).failures).toEqual([]);
    expect(sha256(readServerBlob(server, put.photo.sha256, 'original'))).toBe(put.photo.sha256);
  });

  it('a corrupted or truncated download is refused and fetched again', async () => {
    const other = await signedInDevice(join(tmp.dir, 'other'), proxy.url, 'coord');
    try {
      const original = randomBytes(512 * 1024);
      const put = await putPhoto(device, dir(), projectId, original);
      await call(device, 'sync.now');
      await waitForPhotos(device, settled);

      proxy.plan.nextDownload = 'flip';
      await call(other, 'sync.now');
      let s = await waitForPhotos(other, settled);
      // One of the two derivatives was refused; it waits with a backoff and a reason.
      expect(s.failures).toMatchObject([{ direction: 'down', code: 'hash_mismatch' }]);
      await call(other, 'photoSync.retry');
      s = await waitForPhotos(other, (x) => settled(x) && x.downloadsWaiting === 0);
      expect(s.failures).toEqual([]);

      proxy.plan.nextDownload = 'truncate';
      await expect(call(other, 'photos.fetchOriginal', { id: put.photo.id })).rejects.toMatchObject({
        code: 'server_unreachable',
      });
      await expect(call(other, 'photos.image', { id: put.photo.id, variant: 'original' })).rejects.toMatchObject({
        code: 'photo_pending',
      });
      await call(other, 'photos.fetchOriginal', { id: put.photo.id });
      const got = await call<{ bytes: Uint8Array }>(other, 'photos.image', { id: put.photo.id, variant: 'original' });
      expect(Buffer.from(got.bytes).equals(original)).toBe(true);
      for (const variant of ['thumb', 'report'] as const) {
        const img = await call<{ bytes: Uint8Array }>(other, 'photos.image', { id: put.photo.id, variant });
        expect(Buffer.from(img.bytes).equals(variant === 'thumb' ? put.thumb : put.report)).toBe(true);
      }
    } finally {
      await other.shutdown();
    }
  });
});
