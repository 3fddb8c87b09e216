/**
 * The photo store a server runs with: blobs and the tus upload area, on disk under the
 * data dir by default, blobs on S3 when S3_BUCKET is set (server/main.ts reads the
 * environment). On S3, uploads in flight stay on a disk (UPLOADS_DIR) unless
 * S3_UPLOADS=s3 puts them in the bucket as multipart uploads.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { join, resolve } from 'node:path';
import type { BlobStore } from './blob-store';
import { DiskBlobStore } from './disk-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { DiskUploadArea, S3UploadArea, s3ClientConfig, type S3Settings, type UploadArea } from './upload-area';

/** Where tus uploads are written while in flight, with blobs on S3. */
export type S3UploadsConfig = { kind: 'disk'; dir: string } | { kind: 's3' };

export type PhotoStorageConfig =
  { kind: 'disk'; dataDir: string; uploadsDir?: string } | { kind: 's3'; s3: S3Settings; uploads: S3UploadsConfig };

export interface PhotoStorage {
  blobs: BlobStore;
  uploads: UploadArea;
  describe(): string;
}

/**
 * S3 when S3_BUCKET is set (the other S3_* refine it), the data dir otherwise. Uploads in
 * flight go to UPLOADS_DIR (default `<dataDir>/uploads`); with S3_UPLOADS=s3 to the bucket.
 */
export function readPhotoStorageConfig(env: NodeJS.ProcessEnv, dataDir: string): PhotoStorageConfig {
  const bucket = env.S3_BUCKET || undefined;
  const s3Vars = Object.keys(env).filter((k) => k.startsWith('S3_') && env[k]);
  // Half an S3 set-up would silently keep photos on the local disk: refuse to start instead.
  if (!bucket && s3Vars.length > 0) throw new Error(`${s3Vars.join(', ')} set without S3_BUCKET`);
  const uploadsDir = env.UPLOADS_DIR ? resolve(env.UPLOADS_DIR) : undefined;
  if (!bucket) return { kind: 'disk', dataDir, ...(uploadsDir ? { uploadsDir } : {}) };
  const mode = env.S3_UPLOADS || 'disk';
  if (mode !== 'disk' && mode !== 's3') throw new Error(`S3_UPLOADS must be disk or s3, not ${mode}`);
  // Both set would leave one of them silently unused.
  if (mode === 's3' && uploadsDir) throw new Error('UPLOADS_DIR set with S3_UPLOADS=s3 (uploads in the bucket)');
  return {
    kind: 's3',
    uploads: mode === 's3' ? { kind: 's3' } : { kind: 'disk', dir: uploadsDir ?? join(dataDir, 'uploads') },
    s3: {
      bucket,
      region: env.S3_REGION || 'us-east-1',
      endpoint: env.S3_ENDPOINT || undefined,
      accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
      // MinIO and most self-hosted services need path-style addresses.
      forcePathStyle:
        env.S3_FORCE_PATH_STYLE === undefined
          ? Boolean(env.S3_ENDPOINT)
          : env.S3_FORCE_PATH_STYLE === '1' || env.S3_FORCE_PATH_STYLE === 'true',
    },
  };
}

export function diskBlobDir(dataDir: string): string {
  return join(dataDir, 'blobs');
}

export function openPhotoStorage(cfg: PhotoStorageConfig): PhotoStorage {
  if (cfg.kind === 'disk') {
    const blobs = new DiskBlobStore(diskBlobDir(cfg.dataDir));
    const uploads = new DiskUploadArea(cfg.uploadsDir ?? join(cfg.dataDir, 'uploads'));
    return { blobs, uploads, describe: () => `photos on ${blobs.description}` };
  }
  const client = new S3Client(s3ClientConfig(cfg.s3));
  const blobs = new S3BlobStore(client, cfg.s3.bucket);
  // A finished upload on disk is streamed into the bucket by S3BlobStore.putFinished.
  const uploads: UploadArea =
    cfg.uploads.kind === 's3' ? new S3UploadArea(client, cfg.s3) : new DiskUploadArea(cfg.uploads.dir);
  return { blobs, uploads, describe: () => `photos on ${blobs.description}, uploads on ${uploads.description}` };
}
