/**
 * The server process configured for S3 (S3_BUCKET, S3_ENDPOINT, …) against s3rver: blobs
 * are served from the bucket and gc-blobs deletes from it. (The tus upload path on S3
 * needs multipart ListParts, which s3rver lacks; see the issue 5 report.)
 */
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../server/photos/s3-blob-store';
import { s3ClientConfig, type S3Settings } from '../../../server/photos/upload-area';
import { CONTENT_SHA_HEADER, type BlobRef } from '../../../shared/photos/transfer';
import { startPhotoServer, type PhotoServer } from './fixture';
import { download, have, photoBytes, photoRowOps, sha256 } from './photo-client';

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
