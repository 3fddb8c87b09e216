/**
 * The photo-bytes wire contract between the desktop and the server (issue 5).
 * Records sync first (shared/sync/wire.ts); bytes follow over these routes:
 *
 *  - POST {PHOTO_HAVE_PATH}: which blobs the server already stores (the device skips those).
 *  - tus 1.0.0 at {TUS_PATH} (creation, termination): one upload per blob, with the
 *    metadata below; the server hashes the bytes when the upload completes and refuses
 *    (status {HASH_MISMATCH_STATUS}, the upload discarded) bytes that do not match.
 *  - GET {blobPath(sha, variant)}: the bytes, with `x-content-sha256`; 403 when no project
 *    the user may see holds a photo with this hash, 404 when the server has no such blob.
 *
 * Every route takes the device token (`Authorization: Bearer …`): 401 when it is missing,
 * expired or revoked, as for sync.
 */
import { z } from 'zod';

export const TUS_PATH = '/photos/uploads';
export const PHOTO_HAVE_PATH = '/photos/have';
export const PHOTO_BLOB_PREFIX = '/photos/blobs';

/** The tus chunk size the desktop sends (each PATCH); resume never resends more than one. */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
/** The largest blob the server accepts (shared/channels/photos.ts MAX_PHOTO_BYTES). */
export const MAX_BLOB_BYTES = 100 * 1024 * 1024;
/** tus upload finished but its bytes do not hash to what the metadata said. */
export const HASH_MISMATCH_STATUS = 460;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex digest');

/**
 * Which file of a photo: the original (its hash is the photo's id, `photos.sha256`), or a
 * derivative the device made on import (its own bytes hash to `contentSha256`).
 */
export const BlobVariant = z.enum(['original', 'report', 'thumb']);
export type BlobVariant = z.infer<typeof BlobVariant>;

export const BlobRef = z.object({ sha256: Sha256Hex, variant: BlobVariant }).strict();
export type BlobRef = z.infer<typeof BlobRef>;

/** The key a blob is stored under: the photo hash, plus the variant for derivatives. */
export function blobKey(ref: BlobRef): string {
  return ref.variant === 'original' ? ref.sha256 : `${ref.sha256}.${ref.variant}`;
}

export function blobPath(ref: BlobRef): string {
  return `${PHOTO_BLOB_PREFIX}/${ref.sha256}/${ref.variant}`;
}

export const MAX_HAVE_ITEMS = 1000;
export const HaveRequest = z.object({ blobs: z.array(BlobRef).min(1).max(MAX_HAVE_ITEMS) }).strict();
export type HaveRequest = z.infer<typeof HaveRequest>;
/** The subset of the request the server already stores. */
export const HaveResponse = z.object({ have: z.array(BlobRef) });
export type HaveResponse = z.infer<typeof HaveResponse>;

/**
 * tus Upload-Metadata of one upload (values are strings on the wire). `contentSha256` is the
 * hash of exactly these bytes: equal to `sha256` for an original, the derivative's own
 * hash otherwise. `projectId` names the project whose photo row the device pushed first;
 * the server refuses (403) an upload for a photo no project the user may edit holds.
 */
export const UploadMetadata = z
  .object({
    sha256: Sha256Hex,
    variant: BlobVariant,
    contentSha256: Sha256Hex,
    projectId: z.string().min(1).max(64),
  })
  .strict()
  .refine((m) => m.variant !== 'original' || m.contentSha256 === m.sha256, 'an original hashes to its own id');
export type UploadMetadata = z.infer<typeof UploadMetadata>;

/** The response header that carries a downloaded blob's hash, checked by the device. */
export const CONTENT_SHA_HEADER = 'x-content-sha256';

/**
 * On the tus answer that completes an upload (204): `stored` (these bytes made the blob) or
 * `existed` (the server had it already, e.g. from another device; these bytes were dropped).
 * Either way the blob is on the server. A finished upload is removed at once, so a later
 * HEAD on its URL answers 404: ask {PHOTO_HAVE_PATH} before resuming a stored upload URL.
 */
export const BLOB_STORED_HEADER = 'x-blob-stored';
