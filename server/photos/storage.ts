/**
 * The photo store a server runs with: blobs and the tus upload area, on disk under the
 * data dir by default, on S3 when S3_BUCKET is set (server/main.ts reads the environment).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import type { BlobStore } from './blob-store';
import { DiskBlobStore } from './disk-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { DiskUploadArea, S3UploadArea, s3ClientConfig, type S3Settings, type UploadArea } from './upload-area';

export type PhotoStorageConfig = { kind: 'disk'; dataDir: string } | { kind: 's3'; s3: S3Settings };

export interface PhotoStorage {
  blobs: BlobStore;
  uploads: UploadArea;
  describe(): string;
}

/** S3 when S3_BUCKET is set (the other S3_* refine it), the data dir otherwise. */
export function readPhotoStorageConfig(env: NodeJS.ProcessEnv, dataDir: string): PhotoStorageConfig {
  const bucket = env.S3_BUCKET || undefined;
  const s3Vars = Object.keys(env).filter((k) => k.startsWith('S3_') && env[k]);
  // Half an S3 set-up would silently keep photos on the local disk: refuse to start instead.
  if (!bucket && s3Vars.length > 0) throw new Error(`${s3Vars.join(', ')} set without S3_BUCKET`);
  if (!bucket) return { kind: 'disk', dataDir };
  return {
    kind: 's3',
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
    const uploads = new DiskUploadArea(join(cfg.dataDir, 'uploads'));
    return { blobs, uploads, describe: () => `photos on ${blobs.description}` };
  }
  const client = new S3Client(s3ClientConfig(cfg.s3));
  const blobs = new S3BlobStore(client, cfg.s3.bucket);
  const uploads = new S3UploadArea(client, cfg.s3);
  return { blobs, uploads, describe: () => `photos on ${blobs.description}` };
}
