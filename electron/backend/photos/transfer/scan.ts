/**
 * After a sync cycle: the photos whose rows the server now has are looked at once. Taken here
 * (the original is on this device): their files are queued to go up, thumbnail and report copy
 * first, the original unless only reduced copies are sent. From another device: the thumbnail
 * and report copy this device lacks are queued to come down.
 */
import type { Database } from 'better-sqlite3';
import type { BlobVariant } from '../../../../shared/photos/transfer';
import {
  enqueueTransfer,
  getPhotoSyncSettings,
  insertPhotoFile,
  localOriginalsNotQueued,
  projectOfPhoto,
  unscannedPhotos,
} from '../../db/photo-transfers';
import { hashFile, localPath, sizeOrNull } from './files';

const SCAN_BATCH = 500;
const DERIVATIVES: readonly BlobVariant[] = ['thumb', 'report'];

async function queueOriginal(db: Database, photosDir: string, sha256: string, projectId: string, now: number) {
  const size = await sizeOrNull(localPath(photosDir, { sha256, variant: 'original' }));
  if (size === null) return;
  enqueueTransfer(
    db,
    { sha256, variant: 'original', direction: 'up', projectId, contentSha256: sha256, bytesTotal: size },
    now,
  );
}

async function queueUploads(
  db: Database,
  photosDir: string,
  sha256: string,
  projectId: string,
  withOriginal: boolean,
  now: number,
): Promise<void> {
  for (const variant of DERIVATIVES) {
    const path = localPath(photosDir, { sha256, variant });
    const size = await sizeOrNull(path);
    if (size === null) continue;
    const contentSha256 = await hashFile(path);
    enqueueTransfer(db, { sha256, variant, direction: 'up', projectId, contentSha256, bytesTotal: size }, now);
  }
  if (withOriginal) await queueOriginal(db, photosDir, sha256, projectId, now);
}

/** Returns how many photos were looked at (0: nothing new). */
export async function scanPhotos(db: Database, photosDir: string, now: number): Promise<number> {
  const settings = getPhotoSyncSettings(db);
  let seen = 0;
  for (;;) {
    const batch = unscannedPhotos(db, SCAN_BATCH);
    if (batch.length === 0) break;
    for (const photo of batch) {
      const originalSize = await sizeOrNull(localPath(photosDir, { sha256: photo.sha256, variant: 'original' }));
      const local = originalSize !== null;
      if (local) {
        await queueUploads(db, photosDir, photo.sha256, photo.projectId, settings.sendSize === 'original', now);
      } else {
        for (const variant of DERIVATIVES) {
          if ((await sizeOrNull(localPath(photosDir, { sha256: photo.sha256, variant }))) !== null) continue;
          enqueueTransfer(
            db,
            { sha256: photo.sha256, variant, direction: 'down', projectId: null, contentSha256: null, bytesTotal: 0 },
            now,
          );
        }
      }
      // Last, so a crash in between looks at the photo again (enqueueing twice is a no-op).
      insertPhotoFile(db, {
        sha256: photo.sha256,
        origin: local ? 'local' : 'remote',
        originalPresent: local,
        importedAt: photo.firstSeenAt ?? now,
      });
    }
    seen += batch.length;
  }
  if (settings.sendSize === 'original') {
    // Switched back from 'reduced': the originals held back go now.
    for (const sha256 of localOriginalsNotQueued(db)) {
      const projectId = projectOfPhoto(db, sha256);
      if (projectId) await queueOriginal(db, photosDir, sha256, projectId, now);
    }
  }
  return seen;
}
