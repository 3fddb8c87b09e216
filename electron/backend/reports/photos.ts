/**
 * The photo files documents embed, all from the ~1600 px report copy: as it is on photo pages, and
 * shrunk to 480 px for a table cell (a 300-project report stays a document one can e-mail). Never
 * the original: when a report copy is missing (demo data, a photo that arrived by sync) it is made
 * once from the original, as the photo viewer does, and the document takes the copy. One photo at
 * a time; nothing is kept in memory.
 */
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Photo } from '../../../shared/domain/photo';
import { ensureDerivatives } from '../photos/import';
import { originalPath, reportCopyPath } from '../photos/layout';

export type PhotoSize = 'report' | 'table';

/** Long side of a table cell's photo: ~430 dpi in a 28 mm cell. */
export const TABLE_LONG_SIDE = 480;

export interface PhotoFile {
  path: string;
  /** Pixel size of the file (upright). */
  width: number;
  height: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

let tableCopies = 0;

/**
 * The report copy of `photo` (made from the original if need be), or for a table a smaller copy of
 * it written into `workDir`; null when neither the copy nor the original is on this device.
 */
export async function photoFile(
  photosDir: string,
  photo: Photo,
  size: PhotoSize,
  workDir: string,
): Promise<PhotoFile | null> {
  const report = reportCopyPath(photosDir, photo.sha256);
  if (!(await exists(report))) {
    const original = originalPath(photosDir, photo.sha256);
    if (!(await exists(original))) return null;
    try {
      await ensureDerivatives(photosDir, photo.sha256, await readFile(original));
    } catch {
      // An unreadable original: the document says the photo is missing rather than failing.
      return null;
    }
  }
  if (size === 'table') {
    await mkdir(workDir, { recursive: true });
    const path = join(workDir, `t${++tableCopies}.jpg`);
    const info = await sharp(report)
      .resize(TABLE_LONG_SIDE, TABLE_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toFile(path);
    return { path, width: info.width, height: info.height };
  }
  const meta = await sharp(report).metadata();
  if (!meta.width || !meta.height) return null;
  return { path: report, width: meta.width, height: meta.height };
}

/** The largest size of `w`×`h` that fits in a `boxW`×`boxH` box, keeping the aspect ratio. */
export function fitInto(w: number, h: number, boxW: number, boxH: number): { width: number; height: number } {
  const scale = Math.min(boxW / w, boxH / h);
  return { width: w * scale, height: h * scale };
}
