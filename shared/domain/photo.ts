import { z } from 'zod';
import { Id, Instant, LatLng, ShortText } from './primitives';

/** What a photo shows: 形象进度 / 问题佐证 / 整改前 / 整改后 */
export const PhotoKind = z.enum(['progress', 'problem_evidence', 'before', 'after']);
export type PhotoKind = z.infer<typeof PhotoKind>;

/** Where the photo's time came from: its EXIF, or (no EXIF, e.g. passed through WeChat) the file's time. */
export const TakenAtSource = z.enum(['exif', 'file']);

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex digest');

/** 照片: the original is kept untouched, content-addressed by its SHA-256. */
export const Photo = z.object({
  id: Id,
  sha256: Sha256,
  projectId: Id,
  visitId: Id.nullable(),
  problemId: Id.nullable(),
  kind: PhotoKind,
  caption: ShortText,
  takenAt: Instant.nullable(),
  takenAtSource: TakenAtSource,
  /** WGS-84 from EXIF GPS, or null ("no location"). */
  position: LatLng.nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  mime: ShortText,
  byteSize: z.number().int().nonnegative(),
  originalName: ShortText,
});
export type Photo = z.infer<typeof Photo>;
