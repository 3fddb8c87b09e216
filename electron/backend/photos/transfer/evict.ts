/**
 * Disk kept in check: originals the server confirmed it has are removed some days after they
 * were taken in (photoSync settings). The thumbnail and report copy stay, and the original comes
 * back on demand (photos.fetchOriginal). Nothing the server lacks is ever removed, nor anything
 * while only reduced copies are sent.
 */
import { rm } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { evictableOriginals, getPhotoSyncSettings, markEvicted } from '../../db/photo-transfers';
import { localPath, sizeOrNull } from './files';

const DAY_MS = 24 * 3600_000;
const EVICT_BATCH = 500;

/** Returns the number of originals removed. */
export async function evictOriginals(db: Database, photosDir: string, now: number): Promise<number> {
  const settings = getPhotoSyncSettings(db);
  if (settings.evictAfterDays === null || settings.sendSize !== 'original') return 0;
  const cutoff = now - settings.evictAfterDays * DAY_MS;
  let evicted = 0;
  for (const sha256 of evictableOriginals(db, cutoff, EVICT_BATCH)) {
    // The copies that stand in for it must be here first.
    const thumb = await sizeOrNull(localPath(photosDir, { sha256, variant: 'thumb' }));
    const report = await sizeOrNull(localPath(photosDir, { sha256, variant: 'report' }));
    if (thumb === null || report === null) continue;
    // Marked first: a crash in between leaves a file the next run removes, never a row claiming a file.
    markEvicted(db, sha256, now);
    await rm(localPath(photosDir, { sha256, variant: 'original' }), { force: true });
    evicted++;
  }
  return evicted;
}
