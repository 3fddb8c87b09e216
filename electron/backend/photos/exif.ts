/** What a photo's EXIF says about when and where it was taken. */
import exifr from 'exifr';
import type { LatLng } from '../../../shared/domain/primitives';

export interface PhotoExif {
  /** Epoch ms, or null when the file carries no usable capture time. */
  takenAt: number | null;
  /** WGS-84, or null when there is no GPS fix. */
  position: LatLng | null;
  /** EXIF Orientation 1–8 (1 when absent). */
  orientation: number;
}

const NONE: PhotoExif = { takenAt: null, position: null, orientation: 1 };
const SHANGHAI_OFFSET_MIN = 8 * 60;
const EXIF_TIME_RE = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * EXIF times are wall-clock without a zone. With OffsetTimeOriginal we use it; without, the
 * photo was taken in China, so Asia/Shanghai (UTC+8) — never the machine's zone (CI runs in UTC).
 */
export function parseExifTime(value: unknown, offset: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = EXIF_TIME_RE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Cameras with an unset clock write 0000:00:00 or nonsense; such a time is no evidence.
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  let offsetMin = SHANGHAI_OFFSET_MIN;
  const om = typeof offset === 'string' ? OFFSET_RE.exec(offset.trim()) : null;
  if (om) offsetMin = (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 60 + Number(om[3]));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000;
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function validPosition(lat: unknown, lng: unknown): LatLng | null {
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  // 0,0 is what some phones write when they had no fix.
  if (lat === 0 && lng === 0) return null;
  return { lat, lng };
}

/** Never throws: a file whose EXIF is unreadable is treated as having none (the decoder decides validity). */
export async function readExif(bytes: Uint8Array): Promise<PhotoExif> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      // Raw strings: exifr would otherwise turn EXIF times into Dates in the machine's zone.
      reviveValues: false,
      translateValues: false,
      pick: [
        'DateTimeOriginal',
        'CreateDate',
        'OffsetTimeOriginal',
        'OffsetTimeDigitized',
        'Orientation',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    })) as Record<string, unknown> | undefined;
  } catch {
    return NONE;
  }
  if (!tags) return NONE;
  const takenAt =
    parseExifTime(tags['DateTimeOriginal'], tags['OffsetTimeOriginal']) ??
    parseExifTime(tags['CreateDate'], tags['OffsetTimeDigitized']);
  const o = tags['Orientation'];
  return {
    takenAt,
    position: validPosition(tags['latitude'], tags['longitude']),
    orientation: typeof o === 'number' && o >= 1 && o <= 8 ? o : 1,
  };
}
