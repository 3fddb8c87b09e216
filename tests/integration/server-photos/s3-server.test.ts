/**
 * The server process configured for S3 (S3_BUCKET, S3_ENDPOINT, …) against s3rver: tus
 * uploads in flight on its disk (UPLOADS_DIR's default) end as blobs in the bucket, blobs
 * are served from the bucket and gc-blobs deletes from it. (Uploads in the bucket,
 * S3_UPLOADS=s3, need multipart ListParts, which s3rver lacks: not tested here.)
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../server/photos/s3-blob-store';
import { readPhotoStorageConfig } from '../../../server/photos/storage';
import { s3ClientConfig, type S3Settings } from '../../../server/photos/upload-area';
import { CONTENT_SHA_HEADER, HASH_MISMATCH_STATUS, type BlobRef } from '../../../shared/photos/transfer';
import { startPhotoServer, type PhotoServer } from './fixture';
import { download, have, photoBytes, photoRowOps, sha256, uploadBlob, UploadFailed } from './photo-client';

const BUCKET = 'sitebook-photos';

describe('a server with its photo store on S3', () => {
  let dir: string;
  let s3rver: S3rver;
  let settings: S3Settings;
  let ps: PhotoServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sitebook-s3rver-'));
    s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await s3rver.run();
    settings = {
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    };
    ps = await startPhotoServer('sqlite', {
      env: {
        S3_BUCKET: BUCKET,
        S3_ENDPOINT: settings.endpoint!,
        S3_REGION: settings.region,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: '1',
      },
    });
  });

  afterAll(async () => {
    await ps?.dispose();
    await s3rver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function bucketKeys(): Promise<string[]> {
    const client = new S3Client(s3ClientConfig(settings));
    try {
      const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
    } finally {
      client.destroy();
    }
  }

  function uploadsLeft(): string[] {
    const uploads = join(ps.server.dataDir, 'uploads');
    return existsSync(uploads) ? readdirSync(uploads) : [];
  }

  it('takes a tus upload on its disk and stores the bytes in the bucket; refuses wrong bytes with 460, storing nothing', async () => {
    const li = await ps.tokenOf('li', 'lidev');
    const bytes = photoBytes(700_000);
    const sha = sha256(bytes);
    const ref: BlobRef = { sha256: sha, variant: 'original' };
    await ps.push(li, photoRowOps('lidev', 'proj-a', sha));
    expect(await have(ps.base, li, [ref])).toEqual([]);

    // Mid-upload the bytes are in <data dir>/uploads (UPLOADS_DIR's default), not in the bucket.
    let inFlight: string[] = [];
    const res = await uploadBlob({
      base: ps.base,
      token: li,
      bytes,
      sha256: sha,
      projectId: 'proj-a',
      chunkSize: 256 * 1024,
      onChunkComplete: () => {
        if (inFlight.length === 0) inFlight = uploadsLeft();
      },
    });
    expect(res.stored).toBe('stored');
    const id = new URL(res.url).pathname.split('/').pop()!;
    expect(inFlight).toContain(id);
    // Only the blob: no multipart upload or upload info objects in the bucket.
    const inBucket = await bucketKeys();
    expect(inBucket.filter((k) => !k.startsWith('blobs/'))).toEqual([]);
    expect(inBucket).toContain(`blobs/${sha.slice(0, 2)}/${sha}`);
    expect(uploadsLeft()).toEqual([]);

    expect(await have(ps.base, li, [ref])).toEqual([ref]);
    const got = await download(ps.base, li, ref);
    expect(got.status).toBe(200);
    expect(got.headers.get(CONTENT_SHA_HEADER)).toBe(sha);
    expect(got.bytes.equals(bytes)).toBe(true);
    const client = new S3Client(s3ClientConfig(settings));
    const stored = await new S3BlobStore(client, BUCKET).stat(sha);
    expect(stored?.size).toBe(bytes.length);
    client.destroy();

    // Other bytes announced as another photo: refused, nothing lands in the bucket or stays on disk.
    const other = photoBytes(400_000);
    const claimed = sha256(photoBytes(400_000));
    await ps.push(li, photoRowOps('lidev', 'proj-a', claimed));
    const before = await bucketKeys();
    const err = await uploadBlob({ base: ps.base, token: li, bytes: other, sha256: claimed, projectId: 'proj-a' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UploadFailed);
    expect((err as UploadFailed).status).toBe(HASH_MISMATCH_STATUS);
    expect((err as UploadFailed).body).toContain(sha256(other));
    expect(await bucketKeys()).toEqual(before);
    expect(before.some((k) => k.includes(claimed) || k.includes(sha256(other)))).toBe(false);
    expect(await have(ps.base, li, [{ sha256: claimed, variant: 'original' }])).toEqual([]);
    expect(uploadsLeft()).toEqual([]);
  });

  it('serves a blob from the bucket, and gc-blobs deletes an unreferenced one there', async () => {
    const client = new S3Client(s3ClientConfig(settings));
    const store = new S3BlobStore(client, BUCKET);
    const li = await ps.tokenOf('li', 'lidev');
    const old = Date.now() - 30 * 24 * 3600 * 1000;
    const put = async (withRow: boolean) => {
      const bytes = photoBytes(150_000);
      const sha = sha256(bytes);
      if (withRow) await ps.push(li, photoRowOps('lidev', 'proj-a', sha));
      // As a finished upload leaves it: the object in the bucket, then its row.
      await store.put(sha, Readable.from([bytes]), bytes.length);
      await ps.sdb.db
        .insertInto('photo_blobs')
        .values({ key: sha, sha256: sha, variant: 'original', content_sha256: sha, size: bytes.length, stored_at: old })
        .execute();
      return { bytes, sha };
    };
    const kept = await put(true);
    const orphan = await put(false);

    const ref: BlobRef = { sha256: kept.sha, variant: 'original' };
    expect(await have(ps.base, li, [ref])).toEqual([ref]);
    const got = await download(ps.base, li, ref);
    expect(got.status).toBe(200);
    expect(got.headers.get(CONTENT_SHA_HEADER)).toBe(kept.sha);
    expect(got.bytes.equals(kept.bytes)).toBe(true);
    const part = await download(ps.base, li, ref, { range: 'bytes=-100' });
    expect(part.status).toBe(206);
    expect(part.bytes.equals(kept.bytes.subarray(kept.bytes.length - 100))).toBe(true);

    const out = await ps.cli(['gc-blobs']);
    expect(out).toContain(`removed blob ${orphan.sha}`);
    expect(out).toContain('s3: bucket');
    expect(await store.has(orphan.sha)).toBe(false);
    expect(await store.has(kept.sha)).toBe(true);
    client.destroy();
  });
});

describe('the S3 upload setting', () => {
  const s3 = { S3_BUCKET: 'b' };

  it('keeps uploads in flight on a disk by default: <data dir>/uploads, or UPLOADS_DIR', () => {
    expect(readPhotoStorageConfig(s3, '/srv/data')).toMatchObject({
      kind: 's3',
      uploads: { kind: 'disk', dir: join('/srv/data', 'uploads') },
    });
    expect(readPhotoStorageConfig({ ...s3, UPLOADS_DIR: '/mnt/shared/uploads' }, '/srv/data')).toMatchObject({
      uploads: { kind: 'disk', dir: '/mnt/shared/uploads' },
    });
  });

  it('puts them in the bucket only with S3_UPLOADS=s3, and refuses what contradicts', () => {
    expect(readPhotoStorageConfig({ ...s3, S3_UPLOADS: 's3' }, '/srv/data')).toMatchObject({ uploads: { kind: 's3' } });
    expect(() => readPhotoStorageConfig({ ...s3, S3_UPLOADS: 'multipart' }, '/srv/data')).toThrow(/S3_UPLOADS/);
    expect(() => readPhotoStorageConfig({ ...s3, S3_UPLOADS: 's3', UPLOADS_DIR: '/x' }, '/srv/data')).toThrow(
      /UPLOADS_DIR/,
    );
    expect(() => readPhotoStorageConfig({ S3_UPLOADS: 's3' }, '/srv/data')).toThrow(/without S3_BUCKET/);
  });
});
