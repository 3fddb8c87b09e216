/**
 * finishUpload against the real disk photo store and a real SQLite server database: two
 * uploads racing for the same derivative key (made from different bytes) leave a photo_blobs
 * row that describes the bytes actually stored, and the hash an upload is checked against is
 * right whether it was taken as the bytes arrived or read back (after a restart).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerDatabase, type ServerDb } from '../../../server/db/connect';
import { findPhotoBlob } from '../../../server/db/photo-blobs';
import { finishUpload, hashStream } from '../../../server/photos/finish';
import { openPhotoStorage, type PhotoStorage } from '../../../server/photos/storage';
import { DiskUploadArea } from '../../../server/photos/upload-area';
import type { BlobVariant, UploadMetadata } from '../../../shared/photos/transfer';
import { photoBytes, sha256 } from './photo-client';

let dir: string;
let sdb: ServerDb;
let storage: PhotoStorage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-finish-'));
  sdb = await openServerDatabase({ sqliteFile: join(dir, 'server.db') });
  storage = openPhotoStorage({ kind: 'disk', dataDir: dir });
});

afterEach(async () => {
  await sdb.close();
  rmSync(dir, { recursive: true, force: true });
});

function metaOf(photoSha: string, variant: BlobVariant, bytes: Buffer): UploadMetadata {
  return { sha256: photoSha, variant, contentSha256: sha256(bytes), projectId: 'proj-a' };
}

/**
 * A tus upload of `size` bytes in the disk upload area, `bytes` (all or the first part)
 * written in `pieces` PATCH-like writes.
 */
async function uploadInArea(
  area: PhotoStorage,
  meta: UploadMetadata,
  bytes: Buffer,
  pieces = 1,
  size = bytes.length,
): Promise<Upload> {
  const id = randomBytes(16).toString('hex');
  const { datastore } = area.uploads;
  await datastore.create(new Upload({ id, size, offset: 0, metadata: { ...meta } }));
  const step = Math.ceil(bytes.length / pieces);
  for (let at = 0; at < bytes.length; at += step) {
    const written = await datastore.write(Readable.from([bytes.subarray(at, at + step)]), id, at);
    expect(written).toBe(Math.min(bytes.length, at + step));
  }
  return datastore.getUpload(id);
}

function diskArea(area: PhotoStorage): DiskUploadArea {
  if (!(area.uploads instanceof DiskUploadArea)) throw new Error('these tests run on the disk upload area');
  return area.uploads;
}

async function storedHash(key: string): Promise<string> {
  return (await hashStream(await storage.blobs.read(key))).sha256;
}

describe('finishUpload', () => {
  it('two uploads of one derivative key with different bytes: the row always describes the stored bytes', async () => {
    // Many keys at once, each raced by two uploads, so the interleavings vary.
    const races = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const photoSha = sha256(photoBytes(64));
        const variant: BlobVariant = i % 2 === 0 ? 'thumb' : 'report';
        const a = photoBytes(200_000 + i * 1000);
        const b = photoBytes(150_000 + i * 1000);
        const [ua, ub] = await Promise.all([
          uploadInArea(storage, metaOf(photoSha, variant, a), a),
          uploadInArea(storage, metaOf(photoSha, variant, b), b),
        ]);
        const outcomes = await Promise.all([
          finishUpload(sdb, storage, ua, metaOf(photoSha, variant, a), 1000),
          finishUpload(sdb, storage, ub, metaOf(photoSha, variant, b), 1000),
        ]);
        return { key: `${photoSha}.${variant}`, a, b, outcomes };
      }),
    );
    for (const { key, a, b, outcomes } of races) {
      const stored = await storedHash(key);
      expect([sha256(a), sha256(b)]).toContain(stored);
      const row = await findPhotoBlob(sdb.db, key);
      expect(row?.content_sha256).toBe(stored);
      expect(row?.size).toBe(stored === sha256(a) ? a.length : b.length);
      // One made the blob; the other's bytes were dropped, never written over it.
      expect(outcomes.map((o) => (o.ok ? o.blob : o.message)).sort()).toEqual(['existed', 'stored']);
      // What each upload was told the blob hashes to is what a download will carry.
      for (const o of outcomes) expect(o.ok && o.contentSha256).toBe(stored);
    }
    expect(await storage.uploads.sweep(Date.now() + 1000)).toMatchObject({ count: 0 });
  });

  it('a row left describing other bytes is corrected by the next upload of that key', async () => {
    const photoSha = sha256(photoBytes(64));
    const first = photoBytes(50_000);
    const meta = metaOf(photoSha, 'thumb', first);
    expect(await finishUpload(sdb, storage, await uploadInArea(storage, meta, first), meta, 1)).toMatchObject({
      ok: true,
      blob: 'stored',
    });
    const key = `${photoSha}.thumb`;
    await sdb.db
      .updateTable('photo_blobs')
      .set({ content_sha256: 'f'.repeat(64), size: 1 })
      .execute();
    const second = photoBytes(40_000);
    const meta2 = metaOf(photoSha, 'thumb', second);
    const outcome = await finishUpload(sdb, storage, await uploadInArea(storage, meta2, second), meta2, 2);
    expect(outcome).toEqual({ ok: true, blob: 'existed', key, contentSha256: sha256(first) });
    expect(await findPhotoBlob(sdb.db, key)).toMatchObject({
      content_sha256: sha256(first),
      size: 50_000,
      stored_at: 1,
    });
  });

  it('hashes the bytes as they arrive, and reads the file back when the running hash is not there', async () => {
    const bytes = photoBytes(3_000_000);
    const sha = sha256(bytes);
    const meta = metaOf(sha, 'original', bytes);
    // Writes that each continue where the last stopped: one running hash over all of them.
    const probe = await uploadInArea(storage, meta, bytes, 5);
    expect(diskArea(storage).datastore.takeHash(probe.id, bytes.length)).toEqual({ sha256: sha, size: bytes.length });
    expect(diskArea(storage).datastore.takeHash(probe.id, bytes.length)).toBeNull();
    // Taken already: the finish reads the file back, and gets the same answer.
    expect(await finishUpload(sdb, storage, probe, meta, 1)).toMatchObject({ ok: true, blob: 'stored' });
    expect(await storedHash(sha)).toBe(sha);

    // Half written, then a "restart" (a new store on the same folder): the rest goes on without a running hash.
    const other = photoBytes(2_000_000);
    const otherMeta = metaOf(sha256(other), 'original', other);
    const half = await uploadInArea(storage, otherMeta, other.subarray(0, 1_000_000), 1, other.length);
    const restarted = openPhotoStorage({ kind: 'disk', dataDir: dir });
    await restarted.uploads.datastore.write(Readable.from([other.subarray(1_000_000)]), half.id, 1_000_000);
    const resumed = await restarted.uploads.datastore.getUpload(half.id);
    expect(resumed.offset).toBe(other.length);
    expect(await finishUpload(sdb, restarted, resumed, otherMeta, 2)).toMatchObject({ ok: true, blob: 'stored' });
    expect(await storedHash(sha256(other))).toBe(sha256(other));
  });

  it('a request cut mid-body keeps the bytes that arrived, and the resume goes on with the running hash', async () => {
    const bytes = photoBytes(2_500_000);
    const meta = metaOf(sha256(bytes), 'original', bytes);
    const upload = await uploadInArea(storage, meta, Buffer.alloc(0), 1, bytes.length);
    const { datastore } = diskArea(storage);
    async function* cutAfter(n: number): AsyncGenerator<Buffer> {
      for (let at = 0; at < n; at += 64 * 1024) yield bytes.subarray(at, Math.min(n, at + 64 * 1024));
      throw new Error('connection reset');
    }
    await expect(datastore.write(Readable.from(cutAfter(1_300_000)), upload.id, 0)).rejects.toBeTruthy();
    const afterCut = await datastore.getUpload(upload.id);
    expect(afterCut.offset).toBe(1_300_000);
    await datastore.write(Readable.from([bytes.subarray(1_300_000)]), upload.id, 1_300_000);
    expect(datastore.takeHash(upload.id, bytes.length)).toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it('refuses wrong bytes, and a file that disagrees with the running hash is read back', async () => {
    const bytes = photoBytes(500_000);
    const meta = metaOf(sha256(bytes), 'original', bytes);
    const flipped = Buffer.from(bytes);
    flipped[123_456] = flipped[123_456]! ^ 0xff;
    const refused = await finishUpload(sdb, storage, await uploadInArea(storage, meta, flipped, 3), meta, 1);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining(sha256(flipped)) as string });
    expect(await findPhotoBlob(sdb.db, sha256(bytes))).toBeNull();
    expect(await storage.blobs.has(sha256(bytes))).toBe(false);

    // A failed write left the file shorter than the running hash: the next write cannot continue it.
    const good = await uploadInArea(storage, meta, bytes.subarray(0, 300_000), 1, bytes.length);
    truncateSync(join(dir, 'uploads', good.id), 200_000);
    await storage.uploads.datastore.write(Readable.from([bytes.subarray(200_000)]), good.id, 200_000);
    expect(diskArea(storage).datastore.takeHash(good.id, bytes.length)).toBeNull();
    const upload = await storage.uploads.datastore.getUpload(good.id);
    expect(upload.offset).toBe(bytes.length);
    expect(await finishUpload(sdb, storage, upload, meta, 2)).toMatchObject({ ok: true, blob: 'stored' });
    expect(await storedHash(sha256(bytes))).toBe(sha256(bytes));
  });
});
