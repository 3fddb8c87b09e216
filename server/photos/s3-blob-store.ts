/**
 * Blobs as S3 objects `blobs/<first two hex>/<key>` (any S3-compatible service). An
 * object appears whole or not at all, so S3 needs no temp-and-rename. A finished upload
 * becomes a blob by a streamed PutObject of its file (uploads on a disk, the default) or a
 * server-side copy (S3_UPLOADS=s3: the tus S3 datastore's multipart uploads in the bucket).
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  BlobMissingError,
  parseBlobKey,
  shardOf,
  type BlobStat,
  type BlobStore,
  type ByteRange,
  type FinishedUpload,
} from './blob-store';

const PREFIX = 'blobs/';

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | null;
  return (
    e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.Code === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404
  );
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly description: string;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {
    this.description = `s3: bucket ${bucket}, ${PREFIX}`;
  }

  objectKey(key: string): string {
    if (!parseBlobKey(key)) throw new Error(`not a blob key: ${key}`);
    return `${PREFIX}${shardOf(key)}/${key}`;
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: Number(head.ContentLength ?? 0), mtimeMs: head.LastModified?.getTime() ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      // In Node the SDK's body is an http.IncomingMessage: a Readable.
      return res.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw new BlobMissingError(key);
      throw err;
    }
  }

  async put(key: string, bytes: Readable, size: number): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: bytes, ContentLength: size }),
    );
  }

  async putFinished(key: string, upload: FinishedUpload): Promise<'stored' | 'existed'> {
    if (await this.has(key)) return 'existed';
    if (upload.kind === 'file') {
      // Streamed from the file, never whole in memory; the upload's size is its Content-Length.
      const bytes = createReadStream(upload.path, { highWaterMark: 1024 * 1024 });
      try {
        await this.put(key, bytes, upload.size);
      } finally {
        bytes.destroy(); // a failed request may leave the file open
      }
      return 'stored';
    }
    const source = `${upload.bucket}/${upload.key.split('/').map(encodeURIComponent).join('/')}`;
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), CopySource: source }),
    );
    return 'stored';
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<{ key: string } & BlobStat> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: PREFIX, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const key = (o.Key ?? '').slice((o.Key ?? '').lastIndexOf('/') + 1);
        if (!parseBlobKey(key) || o.Key !== this.objectKey(key)) continue;
        yield { key, size: Number(o.Size ?? 0), mtimeMs: o.LastModified?.getTime() ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
