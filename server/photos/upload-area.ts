/**
 * Where tus uploads are written while they are in flight (issue 5): the tus datastore
 * (@tus/file-store under UPLOADS_DIR, default `<dataDir>/uploads`, also with blobs on S3;
 * @tus/s3-store in the S3 bucket only with S3_UPLOADS=s3), and
 * what the server does with an upload beside the tus protocol: hash it (on disk as its
 * bytes arrive, hashing-file-store.ts), hand it to the blob store, discard it, and sweep
 * stale ones. Both keep their state in storage (memory only speeds it up), so an upload
 * survives a server restart.
 */
import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3Store } from '@tus/s3-store';
import type { DataStore, Upload } from '@tus/server';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FinishedUpload } from './blob-store';
import { hashStream } from './finish';
import { HashingFileStore } from './hashing-file-store';

/** Unfinished uploads are refused (410) this long after they were created, and the Upload-Expires header says so. */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;

export interface StaleSweep {
  count: number;
  /** The upload ids removed, where the store can tell them. */
  ids: string[];
  /** Why nothing could be swept, when the storage cannot say what is stale. */
  note?: string;
}

export interface UploadArea {
  readonly datastore: DataStore;
  readonly description: string;
  /** Where a finished upload's bytes are, for BlobStore.putFinished. */
  finished(upload: Upload): FinishedUpload;
  /** The upload's bytes from the start, for hashing. */
  open(id: string): Promise<Readable>;
  /** The SHA-256 and size of a finished upload's bytes (taken as they arrived where the store can, else read back). */
  contentHash(upload: Upload): Promise<{ sha256: string; size: number }>;
  /** Removes an upload in whatever state it is (its bytes may already be a blob). */
  discard(id: string): Promise<void>;
  /** Removes uploads created before `before` (epoch ms), finished or not. */
  sweep(before: number): Promise<StaleSweep>;
}

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

/** rm({ force: true }) without its lstat first: one file operation per file. */
async function unlinkIfThere(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
}

export class DiskUploadArea implements UploadArea {
  readonly datastore: HashingFileStore;
  readonly description: string;

  constructor(readonly directory: string) {
    this.datastore = new HashingFileStore({ directory, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
    this.description = `disk: ${directory}`;
  }

  private fileOf(id: string): string {
    // tus ids are random hex (Uid.rand); anything else never names a file here.
    if (!/^[0-9a-f]{16,64}$/.test(id)) throw new Error(`not an upload id: ${id}`);
    return join(this.directory, id);
  }

  finished(upload: Upload): FinishedUpload {
    return {
      kind: 'file',
      path: this.fileOf(upload.id),
      size: upload.size ?? upload.offset,
      synced: this.datastore.isSynced(upload.id),
    };
  }

  async open(id: string): Promise<Readable> {
    return createReadStream(this.fileOf(id), { highWaterMark: 1024 * 1024 });
  }

  async contentHash(upload: Upload): Promise<{ sha256: string; size: number }> {
    return (
      this.datastore.takeHash(upload.id, upload.size ?? upload.offset) ?? (await hashStream(await this.open(upload.id)))
    );
  }

  async discard(id: string): Promise<void> {
    const file = this.fileOf(id);
    await unlinkIfThere(file);
    await unlinkIfThere(`${file}.json`);
    this.datastore.forget(id);
  }

  /** Own loop rather than FileStore.deleteExpired: it also clears an info file whose bytes are gone, and names what it removed. */
  async sweep(before: number): Promise<StaleSweep> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return { count: 0, ids: [] };
      throw err;
    }
    const ids = new Set(names.map((n) => n.replace(/\.json$/, '')).filter((n) => /^[0-9a-f]{16,64}$/.test(n)));
    const removed: string[] = [];
    for (const id of [...ids].sort()) {
      if ((await this.createdAt(id)) < before) {
        await this.discard(id);
        removed.push(id);
      }
    }
    return { count: removed.length, ids: removed };
  }

  private async createdAt(id: string): Promise<number> {
    const file = this.fileOf(id);
    try {
      const info = JSON.parse(await readFile(`${file}.json`, 'utf8')) as { creation_date?: string };
      const t = info.creation_date ? Date.parse(info.creation_date) : NaN;
      if (Number.isFinite(t)) return t;
    } catch {
      // No readable info file: the bytes' own time decides.
    }
    try {
      return (await stat(file)).mtimeMs;
    } catch {
      return (await stat(`${file}.json`)).mtimeMs;
    }
  }
}

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export function s3ClientConfig(s: S3Settings) {
  return {
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.accessKeyId && s.secretAccessKey
      ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
      : {}),
    forcePathStyle: s.forcePathStyle,
    // No aws-chunked bodies with trailing checksums: many S3-compatible services cannot read them.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
}

/** Uploads as S3 multipart uploads at the bucket's top level (blobs live under `blobs/`). */
export class S3UploadArea implements UploadArea {
  readonly datastore: S3Store;
  readonly description: string;

  constructor(
    private readonly client: S3Client,
    private readonly settings: S3Settings,
  ) {
    this.datastore = S3UploadArea.store(settings, UPLOAD_EXPIRY_MS);
    this.description = `s3: bucket ${settings.bucket}`;
  }

  private static store(settings: S3Settings, expiry: number): S3Store {
    return new S3Store({
      partSize: 8 * 1024 * 1024,
      expirationPeriodInMilliseconds: expiry,
      // Tags only steer bucket lifecycle rules; not every S3-compatible service has them.
      useTags: false,
      s3ClientConfig: { bucket: settings.bucket, ...s3ClientConfig(settings) },
    });
  }

  finished(upload: Upload): FinishedUpload {
    return { kind: 's3', bucket: this.settings.bucket, key: upload.id, size: upload.size ?? upload.offset };
  }

  async open(id: string): Promise<Readable> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: id }));
    return res.Body as Readable;
  }

  async contentHash(upload: Upload): Promise<{ sha256: string; size: number }> {
    return hashStream(await this.open(upload.id));
  }

  async discard(id: string): Promise<void> {
    try {
      await this.datastore.remove(id);
    } catch {
      // A completed multipart upload cannot be aborted: its objects are deleted below.
    }
    // One by one: DeleteObject is the call every S3-compatible service has; a missing key is no error.
    for (const key of [id, `${id}.info`, `${id}.part`]) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    }
  }

  /** S3Store's own expiry sweep, with the grace period as its expiry; it counts objects, not uploads. */
  async sweep(before: number): Promise<StaleSweep> {
    try {
      const count = await S3UploadArea.store(this.settings, Math.max(1, Date.now() - before)).deleteExpired();
      return { count, ids: [] };
    } catch (err) {
      // Some S3-compatible services cannot list multipart uploads: their own lifecycle rules must expire them.
      if ((err as { name?: string } | null)?.name !== 'NotImplemented') throw err;
      return { count: 0, ids: [], note: 'this S3 service cannot list multipart uploads; stale uploads were not swept' };
    }
  }
}
