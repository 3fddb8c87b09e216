/**
 * Where photo files live: originals are content-addressed by their SHA-256 and never rewritten;
 * thumbnails and report copies sit beside them. A two-hex-digit fan-out keeps directories small.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const SHA_RE = /^[0-9a-f]{64}$/;

function checkSha(sha256: string): string {
  // Also what keeps a crafted value from escaping the photos directory.
  if (!SHA_RE.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return sha256;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function originalPath(photosDir: string, sha256: string): string {
  return join(photosDir, 'originals', checkSha(sha256).slice(0, 2), sha256);
}

export function thumbnailPath(photosDir: string, sha256: string): string {
  return join(photosDir, 'thumbs', checkSha(sha256).slice(0, 2), `${sha256}.jpg`);
}

/** The ~1600 px copy reports and the viewer use, so neither ever decodes an original. */
export function reportCopyPath(photosDir: string, sha256: string): string {
  return join(photosDir, 'report', checkSha(sha256).slice(0, 2), `${sha256}.jpg`);
}

/** Photo files live beside the database, as the demo generator and the browser shell put them. */
export function photosDirOf(dataDir: string): string {
  return join(dataDir, 'photos');
}

/** Writes a file atomically: a crash leaves either the old state or the whole new file, never a torn one. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Like writeFileAtomic for bytes that come as a stream (downloads): `fill` writes the temp file
 * beside `path` (and may refuse it by throwing), then it is renamed into place.
 */
export async function writeFileAtomicFrom(path: string, fill: (tmpPath: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fill(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Stores an original under its hash and returns the path. The bytes must hash to `sha256`;
 * an original already present is left untouched (same hash, same bytes).
 */
export async function writeOriginal(photosDir: string, sha256: string, bytes: Uint8Array): Promise<string> {
  const path = originalPath(photosDir, sha256);
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new Error(`photo bytes hash to ${actual}, not ${sha256}`);
  if (!existsSync(path)) await writeFileAtomic(path, bytes);
  return path;
}
