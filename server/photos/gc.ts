/**
 * Garbage collection of the photo store (`gc-blobs`): a blob goes once no photo row
 * holds its hash (deleted rows still do: they can be restored) and it was stored longer
 * ago than the grace period; stale tus uploads go after the same period. It also mends
 * the list against the store: a blob without a row that a photo row needs is listed
 * again (a restore of an older database), a row whose blob is gone is dropped (so
 * devices upload it again).
 */
import type { ServerDb } from '../db/connect';
import { chunks } from '../db/executor';
import {
  deletePhotoBlob,
  findPhotoBlobs,
  insertPhotoBlob,
  photoBlobsStoredBefore,
  photoScopesByHash,
} from '../db/photo-blobs';
import { parseBlobKey } from './blob-store';
import { hashStream } from './finish';
import type { PhotoStorage } from './storage';

export const DEFAULT_GRACE_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

export interface GcReport {
  /** Blobs deleted: no photo row holds them and they are past the grace period. */
  removed: string[];
  /** Blobs in the store that photo rows need but photo_blobs did not list: listed again. */
  relisted: string[];
  /** photo_blobs rows whose bytes are gone from the store: dropped. */
  droppedRows: string[];
  /** Blobs not in photo_blobs that no photo row holds, kept because they are younger than the grace period. */
  keptRecent: number;
  uploadsRemoved: number;
}

export async function gcBlobs(
  sdb: ServerDb,
  storage: PhotoStorage,
  opts: { graceDays: number; now: number; log: (line: string) => void },
): Promise<GcReport> {
  const cutoff = opts.now - opts.graceDays * DAY_MS;
  const report: GcReport = { removed: [], relisted: [], droppedRows: [], keptRecent: 0, uploadsRemoved: 0 };

  // Listed blobs past the grace period that no photo row holds.
  const old = await photoBlobsStoredBefore(sdb.db, cutoff);
  const held = await photoScopesByHash(
    sdb,
    old.map((r) => r.sha256),
  );
  for (const row of old) {
    if (held.has(row.sha256)) continue;
    await storage.blobs.delete(row.key);
    await deletePhotoBlob(sdb.db, row.key);
    report.removed.push(row.key);
    opts.log(`removed blob ${row.key} (${row.size} bytes, no photo row holds it)`);
  }

  // The store against the list; rows written after the walk starts are not judged by it.
  const walkStart = Date.now();
  const inStore = new Set<string>();
  const page: { key: string; size: number; mtimeMs: number }[] = [];
  const judge = async (): Promise<void> => {
    const listed = await findPhotoBlobs(
      sdb.db,
      page.map((b) => b.key),
    );
    const unlisted = page.filter((b) => !listed.has(b.key));
    const needed = await photoScopesByHash(
      sdb,
      unlisted.map((b) => parseBlobKey(b.key)!.sha256),
    );
    for (const b of unlisted) {
      const ref = parseBlobKey(b.key)!;
      if (needed.has(ref.sha256)) {
        const { sha256, size } = await hashStream(await storage.blobs.read(b.key));
        if (ref.variant === 'original' && sha256 !== ref.sha256) {
          opts.log(`kept unlisted blob ${b.key}: its bytes hash to ${sha256}, not to its name`);
          continue;
        }
        await insertPhotoBlob(sdb.db, {
          key: b.key,
          sha256: ref.sha256,
          variant: ref.variant,
          content_sha256: sha256,
          size,
          stored_at: Math.floor(b.mtimeMs),
        });
        report.relisted.push(b.key);
        opts.log(`listed blob ${b.key} again (a photo row holds it)`);
      } else if (b.mtimeMs < cutoff) {
        await storage.blobs.delete(b.key);
        report.removed.push(b.key);
        opts.log(`removed unlisted blob ${b.key} (${b.size} bytes, no photo row holds it)`);
      } else {
        report.keptRecent += 1;
      }
    }
    page.length = 0;
  };
  for await (const b of storage.blobs.list()) {
    inStore.add(b.key);
    page.push(b);
    if (page.length >= 500) await judge();
  }
  await judge();

  const removed = new Set(report.removed);
  for (const part of chunks(await photoBlobsStoredBefore(sdb.db, walkStart), 500)) {
    for (const row of part) {
      if (inStore.has(row.key) || removed.has(row.key)) continue;
      await deletePhotoBlob(sdb.db, row.key);
      report.droppedRows.push(row.key);
      opts.log(`dropped the listing of ${row.key}: its bytes are not in the store (devices will upload it again)`);
    }
  }

  const sweep = await storage.uploads.sweep(cutoff);
  report.uploadsRemoved = sweep.count;
  for (const id of sweep.ids) opts.log(`removed stale upload ${id}`);
  if (sweep.note) opts.log(sweep.note);
  if (sweep.count > 0 && sweep.ids.length === 0) opts.log(`removed ${sweep.count} stale upload objects`);
  return report;
}
