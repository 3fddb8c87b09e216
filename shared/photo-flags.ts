/**
 * Proof-of-presence flags of a photo, computed on read (never stored, so they follow edits
 * to the project's position or the visit's date).
 */
import { shanghaiDate } from './calendar';
import type { Photo } from './domain/photo';
import type { LatLng } from './domain/primitives';
import { distanceMetres, gcj02ToWgs84 } from './geo';

/** A photo further than this from the project site is flagged. */
export const FAR_FROM_PROJECT_M = 1000;

export interface PhotoFlags {
  /** Metres between the photo's GPS and the project's position; null when either is unknown. */
  distanceM: number | null;
  far: boolean;
  /** Taken on another Asia/Shanghai day than the visit's date. */
  otherDay: boolean;
  noLocation: boolean;
  /** The time is the file's, not the camera's (no EXIF, e.g. passed through WeChat). */
  fileTime: boolean;
}

/**
 * @param projectPositionGcj the project's position as map apps give it (GCJ-02)
 * @param visitDate the visit's calendar date (YYYY-MM-DD), or null for a photo without a visit
 */
export function photoFlags(
  photo: Pick<Photo, 'position' | 'takenAt' | 'takenAtSource'>,
  projectPositionGcj: LatLng | null,
  visitDate: string | null,
): PhotoFlags {
  const distanceM =
    photo.position && projectPositionGcj
      ? Math.round(distanceMetres(photo.position, gcj02ToWgs84(projectPositionGcj)))
      : null;
  return {
    distanceM,
    far: distanceM !== null && distanceM > FAR_FROM_PROJECT_M,
    otherDay: visitDate !== null && photo.takenAt !== null && shanghaiDate(photo.takenAt) !== visitDate,
    noLocation: photo.position === null,
    fileTime: photo.takenAtSource === 'file',
  };
}
