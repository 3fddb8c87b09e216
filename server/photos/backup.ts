/**
 * Backup of the disk photo store beside the database backup: blobs are immutable and
 * named by their hash, so a backup folder shared by every dated backup only ever gains
 * the blobs it lacks (incremental). Restore copies back what the store lacks, into the
 * disk or S3 store alike.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { shardOf, type BlobStore } from './blob-store';
import { DiskBlobStore } from './disk-blob-store';

export interface BlobCopyReport {
  copied: number;
  /** Already there (same size): not copied again. */
  skipped: number;
  bytes: number;
}

/** Copies every blob of the disk store that `outDir` lacks (a clone where the file system can, else a copy). */
export async function backupDiskBlobs(store: DiskBlobStore, outDir: string): Promise<BlobCopyReport> {
  const report: BlobCopyReport = { copied: 0, skipped: 0, bytes: 0 };
  for await (const b of store.list()) {
    const dir = join(outDir, shardOf(b.key));
    const target = join(dir, b.key);
    const existing = await stat(target).catch(() => null);
    if (existing && existing.size === b.size) {
      report.skipped += 1;
      continue;
    }
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      await copyFile(store.pathOf(b.key), temp, constants.COPYFILE_FICLONE);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    report.copied += 1;
    report.bytes += b.size;
  }
  return report;
}

/** Puts every blob of a backup folder that the store lacks back into the store. */
export async function restoreBlobs(fromDir: string, store: BlobStore): Promise<BlobCopyReport> {
  const source = new DiskBlobStore(fromDir);
  const report: BlobCopyReport = { copied: 0, skipped: 0, bytes: 0 };
  for await (const b of source.list()) {
    if (await store.has(b.key)) {
      report.skipped += 1;
      continue;
    }
    await store.put(b.key, await source.read(b.key), b.size);
    report.copied += 1;
    report.bytes += b.size;
  }
  return report;
}
