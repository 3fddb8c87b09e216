/**
 * `backup --out <file>`: a copy of the server database that the server can be
 * restarted on (see README "Backups"). SQLite: a database file; PostgreSQL: a
 * pg_dump custom-format archive for pg_restore.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backupPostgres, backupSqlite } from '../db/backup';
import type { ServerDb } from '../db/connect';
import { backupDiskBlobs } from '../photos/backup';
import { DiskBlobStore } from '../photos/disk-blob-store';
import { diskBlobDir, type PhotoStorageConfig } from '../photos/storage';
import { optional, parseFlags, required, UsageError } from './args';
import type { Print } from './index';
import { photoConfigOf } from './photos';

export async function backupCommand(
  sdb: ServerDb,
  args: string[],
  print: Print,
  env: NodeJS.ProcessEnv = process.env,
  photos?: PhotoStorageConfig,
): Promise<void> {
  const f = parseFlags(args, ['out', 'blobs-out']);
  const out = resolve(required(f, 'out'));
  // An older backup is never silently replaced.
  if (existsSync(out)) throw new UsageError(`--out: 文件已存在 file exists: ${out}`);
  if (sdb.dialect === 'sqlite') {
    backupSqlite(sdb, out);
  } else {
    const url = env.DATABASE_URL;
    if (!url) throw new UsageError('PostgreSQL backup needs DATABASE_URL');
    await backupPostgres(url, out);
  }
  print(`已备份 backup written (${sdb.dialect}): ${out}`);
  // After the database: every blob its photo_blobs rows list is then in the copy.
  const store = photoConfigOf(photos, env);
  if (store.kind === 's3') {
    print(
      `照片在 S3 上，未复制 photos are in S3 bucket ${store.s3.bucket}: back it up with the bucket's versioning or replication`,
    );
    return;
  }
  const blobsOut = resolve(optional(f, 'blobs-out') ?? join(dirname(out), 'blobs'));
  const report = await backupDiskBlobs(new DiskBlobStore(diskBlobDir(store.dataDir)), blobsOut);
  print(
    `已备份照片 photo blobs backed up: ${blobsOut} (${report.copied} new, ${report.bytes} bytes; ${report.skipped} already there)`,
  );
}
