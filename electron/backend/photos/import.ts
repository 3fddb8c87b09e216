/**
 * Importing one photo file: hash, sniff, free disk, EXIF, decode + derivatives, then the files
 * (atomic, content-addressed) and the row through the one write path. Everything that can refuse
 * the file runs before anything is written, so a refused file leaves no trace; a disk that fills
 * up during the writes removes what this import wrote and saves no row.
 */
import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { PhotoImportResult } from '../../../shared/channels/photos';
import type { PhotoKind } from '../../../shared/domain/photo';
import { AppError } from '../../../shared/errors';
import { actorOf, ensureLocalUser } from '../db/identity';
import { checkPhotoLinks, findPhotoBySha, getPhotoView, savePhoto } from '../db/photos';
import { writeRecord } from '../db/writer';
import { deriveImages, type Derived } from './derive';
import {
  checkFreeSpace,
  diskFullWhileImporting,
  isDiskFull,
  removeFiles,
  writeAllOrNone,
  type ImportDisk,
} from './disk';
import { readExif } from './exif';
import { originalPath, photosDirOf, reportCopyPath, sha256Hex, thumbnailPath, writeFileAtomic } from './layout';
import { IMAGE_MIME, sniffImageType } from './sniff';

export interface ImportPhotoInput {
  projectId: string;
  visitId?: string | null;
  problemId?: string | null;
  kind: PhotoKind;
  caption?: string;
  name: string;
  /** Epoch ms of the file's modification time. */
  lastModified: number;
  bytes: Uint8Array;
}

export interface ImportContext {
  dataDir: string;
  now: () => number;
  /** Free-space probe and file writer; the real filesystem unless a test injects a full one. */
  disk?: ImportDisk;
}

/** Display name: the last path segment, bounded to what the record keeps. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.trim().slice(0, 200);
}

async function writeDerived(photosDir: string, sha256: string, d: Pick<Derived, 'report' | 'thumb'>): Promise<void> {
  await Promise.all([
    writeFileAtomic(reportCopyPath(photosDir, sha256), d.report),
    writeFileAtomic(thumbnailPath(photosDir, sha256), d.thumb),
  ]);
}

/** Imports of the same bytes run one after the other: the second sees the first's files and row. */
const inFlight = new Map<string, Promise<unknown>>();

export async function importPhoto(
  db: Database,
  ctx: ImportContext,
  input: ImportPhotoInput,
): Promise<PhotoImportResult> {
  const sha256 = sha256Hex(input.bytes);
  const before = inFlight.get(sha256) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(() => importOne(db, ctx, input, sha256));
  inFlight.set(sha256, mine);
  try {
    return await mine;
  } finally {
    if (inFlight.get(sha256) === mine) inFlight.delete(sha256);
  }
}

async function importOne(
  db: Database,
  ctx: ImportContext,
  input: ImportPhotoInput,
  sha256: string,
): Promise<PhotoImportResult> {
  const visitId = input.visitId ?? null;
  const problemId = input.problemId ?? null;
  checkPhotoLinks(db, input.projectId, visitId, problemId);
  const actor = () => actorOf(ensureLocalUser(db, ctx.now()));

  const existing = findPhotoBySha(db, input.projectId, visitId, sha256);
  if (existing) {
    // Picked again after a delete: bring the record back rather than making a second one.
    if (existing.deleted) {
      writeRecord(db, actor(), ctx.now(), { table: 'photos', rowId: existing.id, cells: { deleted: false } });
    }
    const photo = getPhotoView(db, existing.id);
    if (photo) return { photo, duplicate: !existing.deleted };
  }

  const type = sniffImageType(input.bytes);
  if (!type)
    throw new AppError(
      'invalid_photo',
      `not an image file we can read (JPEG, PNG, WebP, HEIC, AVIF): ${displayName(input.name)}`,
    );
  const disk = ctx.disk ?? {};
  // Before the decode, which can take seconds for a large photo: a full disk answers at once.
  await checkFreeSpace(ctx.dataDir, input.bytes.length, displayName(input.name), disk);
  const [exif, derived] = await Promise.all([readExif(input.bytes), deriveImages(input.bytes, type)]);

  const photosDir = photosDirOf(ctx.dataDir);
  // The original first: if the disk fills up after it, what this import wrote is removed again.
  let created: string[];
  try {
    created = await writeAllOrNone(
      [
        { path: originalPath(photosDir, sha256), bytes: input.bytes },
        { path: reportCopyPath(photosDir, sha256), bytes: derived.report },
        { path: thumbnailPath(photosDir, sha256), bytes: derived.thumb },
      ],
      existsSync,
      disk,
    );
  } catch (err) {
    throw isDiskFull(err) ? diskFullWhileImporting(displayName(input.name), err) : err;
  }

  const fromExif = exif.takenAt !== null;
  let saved;
  try {
    saved = savePhoto(db, actor(), ctx.now(), {
      sha256,
      projectId: input.projectId,
      visitId,
      problemId,
      kind: input.kind,
      caption: input.caption ?? '',
      takenAt: fromExif ? exif.takenAt : Math.max(0, Math.round(input.lastModified)),
      takenAtSource: fromExif ? 'exif' : 'file',
      position: exif.position,
      width: derived.width,
      height: derived.height,
      mime: IMAGE_MIME[type],
      byteSize: input.bytes.length,
      originalName: displayName(input.name),
    });
  } catch (err) {
    // The row's transaction rolled back: the files this import made would be orphans, so they go too.
    await removeFiles(created);
    throw isDiskFull(err) ? diskFullWhileImporting(displayName(input.name), err) : err;
  }
  const photo = getPhotoView(db, saved.id);
  if (!photo) throw new AppError('internal', `photo ${saved.id} vanished after import`);
  return { photo, duplicate: false };
}

/** Makes a missing report copy or thumbnail again from the original (demo data and synced rows have none yet). */
export async function ensureDerivatives(photosDir: string, sha256: string, original: Uint8Array): Promise<void> {
  const type = sniffImageType(original);
  if (!type) throw new AppError('invalid_photo', `the stored original ${sha256} is not an image`);
  await writeDerived(photosDir, sha256, await deriveImages(original, type));
}
