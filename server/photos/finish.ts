/**
 * What happens when a tus upload's last byte arrives: the bytes are hashed as a stream
 * (never held whole), compared with the hash the upload announced, and either discarded
 * (mismatch) or made a blob and listed in photo_blobs. Safe to run twice and against a
 * concurrent upload of the same blob: the blob is stored once, the row inserted once.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Upload } from '@tus/server';
import { Metadata } from '@tus/server';
import { blobKey, UploadMetadata } from '../../shared/photos/transfer';
import type { ServerDb } from '../db/connect';
import { insertPhotoBlob } from '../db/photo-blobs';
import type { PhotoStorage } from './storage';

export async function hashStream(bytes: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of bytes) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { sha256: hash.digest('hex'), size };
}

/** An upload's metadata, or why it is not ours (tus values may be null: a key without a value). */
export function parseUploadMetadata(
  raw: Record<string, string | null> | undefined,
): { ok: true; value: UploadMetadata } | { ok: false; message: string } {
  const result = UploadMetadata.safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'Upload-Metadata';
  return { ok: false, message: `Invalid Upload-Metadata: ${where}: ${issue?.message ?? 'invalid'}` };
}

/** The Upload-Metadata header decoded, or null when it is not valid tus metadata. */
export function decodeMetadataHeader(header: string | undefined): Record<string, string | null> | null {
  try {
    return Metadata.parse(header);
  } catch {
    return null;
  }
}

export type FinishOutcome =
  { ok: true; blob: 'stored' | 'existed'; key: string; contentSha256: string } | { ok: false; message: string };

export async function finishUpload(
  sdb: ServerDb,
  storage: PhotoStorage,
  upload: Upload,
  meta: UploadMetadata,
  now: number,
): Promise<FinishOutcome> {
  const { sha256, size } = await hashStream(await storage.uploads.open(upload.id));
  if (sha256 !== meta.contentSha256 || (upload.size !== undefined && size !== upload.size)) {
    await storage.uploads.discard(upload.id);
    return {
      ok: false,
      message:
        `The uploaded bytes hash to ${sha256} (${size} bytes), not to ${meta.contentSha256}: ` +
        'they were discarded; upload the file again.',
    };
  }
  const key = blobKey(meta);
  const blob = await storage.blobs.putFinished(key, storage.uploads.finished(upload));
  await insertPhotoBlob(sdb.db, {
    key,
    sha256: meta.sha256,
    variant: meta.variant,
    content_sha256: meta.contentSha256,
    size,
    stored_at: now,
  });
  await storage.uploads.discard(upload.id);
  return { ok: true, blob, key, contentSha256: meta.contentSha256 };
}
