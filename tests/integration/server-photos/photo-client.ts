/**
 * The device side of photo bytes for the server tests: tus-js-client (as the desktop
 * uses it) against the real server, the photo row a device pushes first, and plain
 * HTTP for have() and downloads.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DetailedError, Upload } from 'tus-js-client';
import {
  BLOB_STORED_HEADER,
  blobPath,
  PHOTO_HAVE_PATH,
  TUS_PATH,
  type BlobRef,
  type BlobVariant,
  type HaveResponse,
} from '../../../shared/photos/transfer';
import type { SyncOp } from '../../../shared/sync/wire';
import { call, op } from '../server-http/client';

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Random bytes that look like nothing in particular (a "photo"). */
export function photoBytes(size: number): Buffer {
  return randomBytes(size);
}

/** The ops of a new photo row in `projectId` whose original hashes to `sha`. */
export function photoRowOps(node: string, projectId: string, sha: string, photoId = randomUUID()): SyncOp[] {
  const cells: Record<string, SyncOp['value']> = {
    sha256: sha,
    project_id: projectId,
    kind: 'site',
    caption: '现场照片',
    mime: 'image/jpeg',
    byte_size: 1,
    original_name: `${sha.slice(0, 8)}.jpg`,
    deleted: false,
  };
  return Object.entries(cells).map(([col, v]) => op(node, projectId, 'photos', photoId, col, v));
}

export interface UploadResult {
  url: string;
  /** The `x-blob-stored` header of the answer that completed the upload (stored | existed). */
  stored: string | undefined;
}

export class UploadFailed extends Error {
  constructor(
    readonly status: number | null,
    readonly body: string,
    cause: Error,
  ) {
    super(`upload failed (${status}): ${body || cause.message}`);
    this.name = 'UploadFailed';
  }
}

export interface UploadOptions {
  base: string;
  token: string;
  bytes: Buffer;
  sha256: string;
  variant?: BlobVariant;
  /** The hash the metadata announces for these bytes (the bytes' own by default). */
  contentSha256?: string;
  projectId: string;
  chunkSize?: number;
  /** Resume this upload (HEAD, then PATCH from the server's offset). */
  uploadUrl?: string;
  onProgress?: (sent: number, total: number, upload: Upload) => void;
  onChunkComplete?: (accepted: number) => void;
}

export function metadataOf(o: Pick<UploadOptions, 'sha256' | 'variant' | 'contentSha256' | 'projectId' | 'bytes'>) {
  return {
    sha256: o.sha256,
    variant: o.variant ?? 'original',
    contentSha256: o.contentSha256 ?? (o.variant && o.variant !== 'original' ? sha256(o.bytes) : o.sha256),
    projectId: o.projectId,
  };
}

/** Starts an upload; `started.upload` can be aborted, `started.done` settles with the outcome. */
export function startUpload(o: UploadOptions): { upload: Upload; done: Promise<UploadResult> } {
  let upload!: Upload;
  const done = new Promise<UploadResult>((resolve, reject) => {
    upload = new Upload(o.bytes, {
      endpoint: `${o.base}${TUS_PATH}`,
      ...(o.uploadUrl ? { uploadUrl: o.uploadUrl } : {}),
      headers: { authorization: `Bearer ${o.token}` },
      metadata: metadataOf(o),
      chunkSize: o.chunkSize ?? 256 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      onProgress: (sent, total) => o.onProgress?.(sent, total, upload),
      onChunkComplete: (_size, accepted) => o.onChunkComplete?.(accepted),
      onSuccess: ({ lastResponse }) =>
        resolve({ url: upload.url!, stored: lastResponse.getHeader(BLOB_STORED_HEADER) ?? undefined }),
      onError: (err) => {
        const res = err instanceof DetailedError ? err.originalResponse : null;
        reject(new UploadFailed(res ? res.getStatus() : null, res ? res.getBody() : '', err));
      },
    });
    upload.start();
  });
  return { upload, done };
}

export function uploadBlob(o: UploadOptions): Promise<UploadResult> {
  return startUpload(o).done;
}

export async function have(base: string, token: string, blobs: BlobRef[]): Promise<BlobRef[]> {
  const a = await call(base, 'POST', PHOTO_HAVE_PATH, { token, json: { blobs } });
  if (a.status !== 200) throw new Error(`have: ${a.status} ${JSON.stringify(a.body)}`);
  return (a.body as HaveResponse).have;
}

export interface Download {
  status: number;
  bytes: Buffer;
  headers: Headers;
}

export async function download(
  base: string,
  token: string | null,
  ref: BlobRef,
  headers: Record<string, string> = {},
): Promise<Download> {
  const res = await fetch(`${base}${blobPath(ref)}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** A raw tus creation request (no client library), for the refusals before any byte. */
export async function createUpload(
  base: string,
  token: string | null,
  length: number,
  metadata: string,
): Promise<{ status: number; body: string; location: string | null }> {
  const res = await fetch(`${base}${TUS_PATH}`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'tus-resumable': '1.0.0',
      'upload-length': String(length),
      'upload-metadata': metadata,
    },
  });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

/** tus Upload-Metadata: `key base64(value)` pairs. */
export function encodeMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');
}

/** HEAD of an upload: the server's offset. */
export async function serverOffset(url: string, token: string): Promise<number> {
  const res = await fetch(url, {
    method: 'HEAD',
    headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
  });
  if (res.status !== 200) throw new Error(`HEAD ${url}: ${res.status}`);
  return Number(res.headers.get('upload-offset'));
}
