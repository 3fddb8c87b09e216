/**
 * One behaviour for every BlobStore: the disk store on a temp dir and the S3 store
 * against s3rver (a local S3-compatible server standing in for the real service).
 */
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMissingError, parseBlobKey, type BlobStore } from '../../../server/photos/blob-store';
import { DiskBlobStore } from '../../../server/photos/disk-blob-store';
import { hashStream } from '../../../server/photos/finish';
import { S3BlobStore } from '../../../server/photos/s3-blob-store';
import { s3ClientConfig } from '../../../server/photos/upload-area';
import { photoBytes, sha256 } from './photo-client';

const BUCKET = 'sitebook-photos';

interface Harness {
  store: BlobStore;
  dir: string;
  /** Puts bytes where the tus datastore would leave a finished upload; returns its description. */
  finishedUpload(bytes: Buffer): Promise<Parameters<BlobStore['putFinished']>[1]>;
  close(): Promise<void>;
}

let fileCounter = 0;
function fileUpload(dir: string, bytes: Buffer) {
  const path = join(dir, `upload-${fileCounter++}`);
  writeFileSync(path, bytes);
  return { kind: 'file' as const, path, size: bytes.length };
}

async function diskHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-blobs-'));
  return {
    store: new DiskBlobStore(join(dir, 'blobs')),
    dir,
    finishedUpload: async (bytes) => fileUpload(dir, bytes),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function s3Harness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-s3rver-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dir, 's3'),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3rver.run();
  const client = new S3Client(
    s3ClientConfig({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    }),
  );
  let n = 0;
  return {
    store: new S3BlobStore(client, BUCKET),
    dir,
    finishedUpload: async (bytes) => {
      // Every other finished upload is an S3 object (the tus S3 datastore's case), the rest a file.
      if (n++ % 2 === 1) return fileUpload(dir, bytes);
      const key = `upload${n}`;
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes }));
      return { kind: 's3', bucket: BUCKET, key, size: bytes.length };
    },
    close: async () => {
      client.destroy();
      await s3rver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function readAll(store: BlobStore, key: string, range?: { start: number; end: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await store.read(key, range)) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe.each([
  ['disk', diskHarness],
  ['s3', s3Harness],
] as const)('BlobStore contract: %s', (_name, make) => {
  let h: Harness;

  beforeAll(async () => {
    h = await make();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('puts, stats, reads whole and in ranges, lists and deletes', async () => {
    const bytes = photoBytes(200_000);
    const key = sha256(bytes);
    expect(await h.store.has(key)).toBe(false);
    expect(await h.store.stat(key)).toBeNull();
    await expect(h.store.read(key)).rejects.toBeInstanceOf(BlobMissingError);

    const before = Date.now() - 2000;
    await h.store.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), bytes.length);
    expect(await h.store.has(key)).toBe(true);
    const stat = (await h.store.stat(key))!;
    expect(stat.size).toBe(bytes.length);
    expect(stat.mtimeMs).toBeGreaterThanOrEqual(before);
    expect((await readAll(h.store, key)).equals(bytes)).toBe(true);
    expect((await readAll(h.store, key, { start: 10, end: 19 })).equals(bytes.subarray(10, 20))).toBe(true);
    expect((await readAll(h.store, key, { start: 199_000, end: 199_999 })).equals(bytes.subarray(199_000))).toBe(true);

    const thumb = photoBytes(5000);
    const thumbKey = `${key}.thumb`;
    await h.store.put(thumbKey, Readable.from([thumb]), thumb.length);
    const listed = [];
    for await (const b of h.store.list()) listed.push(b);
    expect(listed.map((b) => b.key).sort()).toEqual([key, thumbKey].sort());
    expect(listed.find((b) => b.key === thumbKey)?.size).toBe(thumb.length);

    await h.store.delete(thumbKey);
    expect(await h.store.has(thumbKey)).toBe(false);
    await h.store.delete(thumbKey); // deleting what is gone is no error
    await h.store.delete(key);
    const after = [];
    for await (const b of h.store.list()) after.push(b.key);
    expect(after).toEqual([]);
  });

  it('makes a finished upload a blob once: a second one of the same key changes nothing', async () => {
    const bytes = photoBytes(300_000);
    const key = sha256(bytes);
    expect(await h.store.putFinished(key, await h.finishedUpload(bytes))).toBe('stored');
    expect(await h.store.putFinished(key, await h.finishedUpload(photoBytes(10)))).toBe('existed');
    expect((await hashStream(await h.store.read(key))).sha256).toBe(key);
    const other = photoBytes(1000);
    expect(await h.store.putFinished(sha256(other), await h.finishedUpload(other))).toBe('stored');
    expect((await readAll(h.store, sha256(other))).equals(other)).toBe(true);
  });

  it('refuses names that are not blob keys, before touching storage', async () => {
    for (const bad of ['../etc/passwd', 'abc', `${'a'.repeat(64)}.original`, `${'a'.repeat(64)}.thumb.x`]) {
      expect(parseBlobKey(bad)).toBeNull();
      await expect(h.store.put(bad, Readable.from([Buffer.from('x')]), 1)).rejects.toThrow(/not a blob key/);
      await expect(h.store.stat(bad)).rejects.toThrow(/not a blob key/);
    }
  });
});
