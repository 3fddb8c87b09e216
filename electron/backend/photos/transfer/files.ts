/** Where each variant of a photo lives on this device, and streamed hashing of a file. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { BlobRef } from '../../../../shared/photos/transfer';
import { originalPath, reportCopyPath, thumbnailPath } from '../layout';

export function localPath(photosDir: string, ref: BlobRef): string {
  switch (ref.variant) {
    case 'original':
      return originalPath(photosDir, ref.sha256);
    case 'report':
      return reportCopyPath(photosDir, ref.sha256);
    case 'thumb':
      return thumbnailPath(photosDir, ref.sha256);
  }
}

/** The file's size, or null when it is not there. */
export async function sizeOrNull(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
}

/** SHA-256 of a file, read in a stream (an original may be 100 MB). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
