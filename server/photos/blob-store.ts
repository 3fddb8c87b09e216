/**
 * Where photo bytes live on the server (issue 5): one immutable blob per key
 * (blobKey() of shared/photos/transfer.ts), on disk by default, on S3 for large
 * deployments. Blobs are content-addressed, so a key is written once and never changed.
 */
import type { Readable } from 'node:stream';
import { BlobVariant, Sha256Hex, type BlobRef } from '../../shared/photos/transfer';

export interface BlobStat {
  size: number;
  /** When the blob was written (epoch ms): the GC's grace period counts from it. */
  mtimeMs: number;
}

/** Inclusive byte positions, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A finished tus upload, where its datastore left it: the bytes a blob is made from. */
export type FinishedUpload =
  /** synced: its bytes are flushed to the disk already (the upload area did it as the last byte arrived). */
  | { kind: 'file'; path: string; size: number; synced?: boolean }
  | { kind: 's3'; bucket: string; key: string; size: number };

export interface BlobStore {
  readonly kind: 'disk' | 's3';
  /** Where it lives, for logs and the startup line. */
  readonly description: string;
  stat(key: string): Promise<BlobStat | null>;
  has(key: string): Promise<boolean>;
  /** The bytes (or a range of them); throws BlobMissingError when the key is not stored. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Stores a stream of `size` bytes under `key`, atomically: readers see all of it or nothing. */
  put(key: string, bytes: Readable, size: number): Promise<void>;
  /**
   * Makes a finished upload the blob `key` (a rename on disk, a server-side copy on S3).
   * 'existed' when the key was already stored (e.g. a concurrent upload): nothing changes.
   * The upload itself is the caller's to remove.
   */
  putFinished(key: string, upload: FinishedUpload): Promise<'stored' | 'existed'>;
  delete(key: string): Promise<void>;
  /** Every stored key with its stat, for the GC. */
  list(): AsyncIterable<{ key: string } & BlobStat>;
}

export class BlobMissingError extends Error {
  constructor(readonly key: string) {
    super(`no blob stored under ${key}`);
    this.name = 'BlobMissingError';
  }
}

/** The inverse of blobKey(); null for a name that is no blob key (a temp file, a stray). */
export function parseBlobKey(key: string): BlobRef | null {
  const [sha, variant, ...rest] = key.split('.');
  if (rest.length > 0 || !Sha256Hex.safeParse(sha).success) return null;
  if (variant === undefined) return { sha256: sha!, variant: 'original' };
  const v = BlobVariant.safeParse(variant);
  return v.success && v.data !== 'original' ? { sha256: sha!, variant: v.data } : null;
}

/** Blobs are spread over 256 folders by the first two hex digits of their key. */
export function shardOf(key: string): string {
  return key.slice(0, 2);
}
