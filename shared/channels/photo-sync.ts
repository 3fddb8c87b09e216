/**
 * Photo bytes between this device and the server (issue 5): what the sync status shows of them,
 * the user's choices, and fetching an original on demand. The wire side is shared/photos/transfer.ts.
 */
import { z } from 'zod';
import { Id } from '../domain/primitives';
import { BlobVariant, Sha256Hex } from '../photos/transfer';
import { channel, NoInput } from './define';

/**
 * - original: the photo as taken goes to the server.
 * - reduced: only the report-size copy goes; the original then stays on this device for good
 *   (it is never evicted, since the server never has it).
 */
export const PhotoSendSize = z.enum(['original', 'reduced']);
export type PhotoSendSize = z.infer<typeof PhotoSendSize>;

export const PhotoSyncSettings = z
  .object({
    /** Photo bytes wait while the network is metered (mobile hotspot); records still sync. */
    unmeteredOnly: z.boolean(),
    sendSize: PhotoSendSize,
    /** Originals the server has are removed from this device this many days after import; null keeps them. */
    evictAfterDays: z.number().int().min(1).max(3650).nullable(),
  })
  .strict();
export type PhotoSyncSettings = z.infer<typeof PhotoSyncSettings>;

export const DEFAULT_PHOTO_SYNC_SETTINGS: PhotoSyncSettings = {
  unmeteredOnly: false,
  sendSize: 'original',
  evictAfterDays: null,
};

/** What the renderer can tell of the network (navigator.connection where the runtime has it). */
export const NetworkKind = z.enum(['unmetered', 'metered', 'unknown']);
export type NetworkKind = z.infer<typeof NetworkKind>;

/** One upload or download that failed, and why (a code the UI translates, and the detail). */
export const PhotoTransferFailure = z.object({
  sha256: Sha256Hex,
  variant: BlobVariant,
  direction: z.enum(['up', 'down']),
  /** Display name of the photo (its original file name), when this device has the record. */
  name: z.string(),
  code: z.string(),
  message: z.string(),
  attempts: z.number().int().min(0),
  /** When the engine tries it again (backoff); null: it waits for the user (photoSync.retry). */
  nextAttemptAt: z.number().int().nullable(),
});
export type PhotoTransferFailure = z.infer<typeof PhotoTransferFailure>;

export const PhotoSyncStatus = z.object({
  state: z.enum(['idle', 'uploading', 'downloading', 'waiting_unmetered', 'offline', 'signed_out']),
  /** Blobs waiting to go up (including the one in flight), and their bytes. */
  uploadsWaiting: z.number().int().min(0),
  bytesWaiting: z.number().int().min(0),
  /** Derivatives (thumbnails, report copies) of synced photos not yet on this device. */
  downloadsWaiting: z.number().int().min(0),
  /** Bytes sent in the current run, and the recent speed (bytes per second) while sending. */
  bytesSent: z.number().int().min(0),
  bytesPerSecond: z.number().min(0),
  failures: z.array(PhotoTransferFailure),
});
export type PhotoSyncStatus = z.infer<typeof PhotoSyncStatus>;

/** Progress of an original being fetched on demand (opening a photo full-size). */
export const OriginalFetchProgress = z.object({
  photoId: Id,
  received: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  done: z.boolean(),
});
export type OriginalFetchProgress = z.infer<typeof OriginalFetchProgress>;

export const photoSyncChannels = {
  'photoSync.status': channel<typeof NoInput, PhotoSyncStatus>(NoInput),
  'photoSync.settings': channel<typeof NoInput, PhotoSyncSettings>(NoInput),
  'photoSync.saveSettings': channel<typeof PhotoSyncSettings, PhotoSyncSettings>(PhotoSyncSettings),
  /** The renderer reports the network kind when it changes; the engine waits or goes on. */
  'photoSync.network': channel<z.ZodObject<{ kind: typeof NetworkKind }>, { kind: NetworkKind }>(
    z.object({ kind: NetworkKind }).strict(),
  ),
  /** Failed transfers are tried again now (clears their backoff). */
  'photoSync.retry': channel<typeof NoInput, PhotoSyncStatus>(NoInput),
  /**
   * Makes sure the original is on this device, fetching it from the server if it was evicted or
   * never came (progress on the `photos.originalProgress` event); then photos.image serves it.
   */
  'photos.fetchOriginal': channel<z.ZodObject<{ id: typeof Id }>, { id: string; present: boolean }>(
    z.object({ id: Id }).strict(),
  ),
} as const;
