/**
 * What happens when a tus upload's last byte arrives: the bytes' hash (taken as they
 * arrived, or read back as a stream) is compared with the hash the upload announced, and
 * the upload is either discarded (mismatch) or made a blob and listed in photo_blobs.
 * Safe to run twice and against a concurrent upload of the same key: the blob is stored
 * once, never written over, and its row always describes the bytes actually stored (two
 * devices may make a thumbnail of one photo with different bytes).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Upload } from '@tus/server';
import { Metadata } from '@tus/server';
import { blobKey, UploadMetadata } from '../../shared/photos/transfer';
import type { ServerDb } from '../db/connect';
import { recordPhotoBlob } from '../db/photo-blobs';
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

/** Finishes of one key run one after the other in this process: the store check, the publish and the row go together. */
const keyQueues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = keyQueues.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  keyQueues.set(key, settled);
  try {
    return await mine;
  } finally {
    if (keyQueues.get(key) === settled) keyQueues.delete(key);
  }
}

export async function finishUpload(
  sdb: ServerDb,
  storage: PhotoStorage,
  upload: Upload,
  meta: UploadMetadata,
  now: number,
): Promise<FinishOutcome> {
  const { sha256, size } = await storage.uploads.contentHash(upload);
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
  const outcome = await oneAtATime(key, async () => {
    const blob = await storage.blobs.putFinished(key, storage.uploads.finished(upload));
    // An original's key is its hash, so stored bytes are these bytes; a derivative stored
    // by another upload may be other bytes, and the row (and so every download's hash
    // header) must describe the bytes the store holds.
    const stored =
      blob === 'existed' && meta.variant !== 'original'
        ? await hashStream(await storage.blobs.read(key))
        : { sha256, size };
    await recordPhotoBlob(sdb.db, {
      key,
      sha256: meta.sha256,
      variant: meta.variant,
      content_sha256: stored.sha256,
      size: stored.size,
      stored_at: now,
    });
    return { blob, contentSha256: stored.sha256 };
  });
  await storage.uploads.discard(upload.id);
  return { ok: true, key, ...outcome };
}
