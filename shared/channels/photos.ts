/** The photos channels of the contract (merged into shared/api.ts). */
import { z } from 'zod';
import { Photo, PhotoKind } from '../domain/photo';
import { Id, Instant, ShortText } from '../domain/primitives';
import type { PhotoFlags } from '../photo-flags';
import { channel } from './define';

/** Larger than any phone photo (a 200 MP HEIC is ~60 MB); keeps one call's memory bounded. */
export const MAX_PHOTO_BYTES = 100 * 1024 * 1024;

/**
 * How many photos.import calls the UI keeps in flight: decoding runs off the main thread, so two
 * overlap on a two-core laptop, and the progress list still advances file by file.
 */
export const IMPORT_CONCURRENCY = 2;

/** A photo as lists show it: the record, its proof-of-presence flags, and its visit's date. */
export interface PhotoView extends Photo {
  flags: PhotoFlags;
  visitDate: string | null;
}

export interface PhotoImportResult {
  photo: PhotoView;
  /** The same bytes were already attached here: the existing record, nothing new stored. */
  duplicate: boolean;
}

export const PhotoVariant = z.enum(['thumb', 'report', 'original']);
export type PhotoVariant = z.infer<typeof PhotoVariant>;

export interface PhotoImage {
  mime: string;
  bytes: Uint8Array;
}

/** One file per call, so the UI shows per-file progress and a bad file does not stop the others. */
export const PhotoImportInput = z
  .object({
    projectId: Id,
    visitId: Id.nullable().default(null),
    problemId: Id.nullable().default(null),
    kind: PhotoKind.default('progress'),
    caption: ShortText.default(''),
    /** The file's name as the user picked it (display only; the type is sniffed from the bytes). */
    name: z.string().max(1000),
    /** The file's modification time: the photo's time when it carries no EXIF. */
    lastModified: Instant,
    bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_PHOTO_BYTES, 'file too large'),
  })
  .strict();

export const PhotoListQuery = z
  .object({ projectId: Id.optional(), visitId: Id.optional(), problemId: Id.optional() })
  .strict()
  .refine((q) => Boolean(q.projectId ?? q.visitId ?? q.problemId), 'give a projectId, visitId or problemId');

export const PhotoPatch = z
  .object({ id: Id, caption: ShortText.optional(), kind: PhotoKind.optional(), problemId: Id.nullable().optional() })
  .strict();

const ById = z.object({ id: Id }).strict();

export const photoChannels = {
  'photos.import': channel<typeof PhotoImportInput, PhotoImportResult>(PhotoImportInput),
  'photos.list': channel<typeof PhotoListQuery, PhotoView[]>(PhotoListQuery),
  'photos.update': channel<typeof PhotoPatch, PhotoView>(PhotoPatch),
  /** Soft delete (the `deleted` cell, synced like any edit); photos.restore undoes it. */
  'photos.delete': channel<typeof ById, { id: string }>(ById),
  'photos.restore': channel<typeof ById, PhotoView>(ById),
  'photos.image': channel<z.ZodObject<{ id: typeof Id; variant: typeof PhotoVariant }>, PhotoImage>(
    z.object({ id: Id, variant: PhotoVariant }).strict(),
  ),
} as const;
