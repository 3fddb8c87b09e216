/**
 * Photo store commands: `gc-blobs [--grace-days N]` (server/photos/gc.ts) and
 * `restore-blobs --from <dir>` (puts a blob backup back; README "Backups").
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { ServerDb } from '../db/connect';
import { restoreBlobs } from '../photos/backup';
import { DEFAULT_GRACE_DAYS, gcBlobs } from '../photos/gc';
import { openPhotoStorage, readPhotoStorageConfig, type PhotoStorageConfig } from '../photos/storage';
import { optional, parseFlags, required, UsageError } from './args';
import type { Print } from './index';

/** The photo store of the environment (server/main.ts passes the one it read). */
export function photoConfigOf(given: PhotoStorageConfig | undefined, env: NodeJS.ProcessEnv = process.env) {
  return given ?? readPhotoStorageConfig(env, resolve(env.SITEBOOK_DATA_DIR ?? './data'));
}

export async function gcBlobsCommand(
  sdb: ServerDb,
  args: string[],
  print: Print,
  photos: PhotoStorageConfig | undefined,
): Promise<void> {
  const f = parseFlags(args, ['grace-days']);
  const text = optional(f, 'grace-days');
  const grace = z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .safeParse(text ?? DEFAULT_GRACE_DAYS);
  if (!grace.success) throw new UsageError(`--grace-days: 需要 0–3650 的整数 a whole number of days (0–3650): ${text}`);
  const storage = openPhotoStorage(photoConfigOf(photos));
  const report = await gcBlobs(sdb, storage, { graceDays: grace.data, now: Date.now(), log: print });
  print(
    `照片存储清理完成 blob GC done (${storage.describe()}, grace ${grace.data} days): ` +
      `removed ${report.removed.length} blobs, relisted ${report.relisted.length}, ` +
      `dropped ${report.droppedRows.length} rows without bytes, ${report.uploadsRemoved} stale uploads`,
  );
}

export async function restoreBlobsCommand(
  args: string[],
  print: Print,
  photos: PhotoStorageConfig | undefined,
): Promise<void> {
  const f = parseFlags(args, ['from']);
  const from = resolve(required(f, 'from'));
  if (!existsSync(from)) throw new UsageError(`--from: 没有该目录 no such folder: ${from}`);
  const storage = openPhotoStorage(photoConfigOf(photos));
  const report = await restoreBlobs(from, storage.blobs);
  print(
    `已恢复照片 blobs restored into ${storage.describe()}: ${report.copied} copied (${report.bytes} bytes), ` +
      `${report.skipped} already there`,
  );
}
