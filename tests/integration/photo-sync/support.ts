/**
 * Shared setup of the photo-sync tests: a real server process with accounts, desktop backends on
 * real data dirs, photos put straight into a device (files through layout.ts, the row through the
 * db module) so any bytes will do, and waiting for the photo engine to settle.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { actorOf, ensureLocalUser } from '../../../electron/backend/db/identity';
import { savePhoto } from '../../../electron/backend/db/photos';
import {
  originalPath,
  photosDirOf,
  reportCopyPath,
  thumbnailPath,
  writeFileAtomic,
} from '../../../electron/backend/photos/layout';
import { photoEngineFor } from '../../../electron/backend/photos/transfer/engine';
import type { PhotoSyncStatus } from '../../../shared/channels/photo-sync';
import type { Photo } from '../../../shared/domain/photo';
import type { Project } from '../../../shared/domain/project';
import { projectInput } from '../../unit/db/fixtures';
import type { ServerProcess } from '../../support/server-process';

export const PASSWORD = 'correct-horse-1';

export async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(`${channel}: ${res.error.code}: ${res.error.message}`), res.error);
  return res.value as T;
}

export async function addUser(server: ServerProcess, login: string, role: string): Promise<void> {
  const res = await server.cli([
    'user',
    'add',
    '--login',
    login,
    '--name',
    login,
    '--role',
    role,
    '--password',
    PASSWORD,
  ]);
  if (res.code !== 0) throw new Error(`user add ${login}: ${res.stderr}`);
}

export function openDevice(dataDir: string): Backend {
  return createBackend({ dataDir, shell: 'browser', encryption: 'none', sync: { auto: false }, backup: false });
}

export async function signedInDevice(dataDir: string, serverUrl: string, login: string): Promise<Backend> {
  const b = openDevice(dataDir);
  await call(b, 'sync.signIn', { serverUrl, login, password: PASSWORD });
  return b;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `length` pseudo-random bytes determined by `seed`. */
export function bytesFrom(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0, block = 0; i < length; block++) {
    const h = createHash('sha256').update(`${seed}#${block}`).digest();
    i += h.copy(out, i);
  }
  return out;
}

export interface PutPhoto {
  photo: Photo;
  original: Buffer;
  thumb: Buffer;
  report: Buffer;
}

/** A photo as an import leaves it (original, thumbnail, report copy, row), from any bytes. */
export async function putPhoto(
  b: Backend,
  dataDir: string,
  projectId: string,
  original: Buffer,
  importedAt = Date.now(),
): Promise<PutPhoto> {
  const dir = photosDirOf(dataDir);
  const sha = sha256(original);
  // Derivatives as an import makes them: the same original gives the same bytes on every device.
  const thumb = bytesFrom(`${sha}/thumb`, 2_000 + (original[0] ?? 0));
  const report = bytesFrom(`${sha}/report`, 40_000 + (original[1] ?? 0));
  await writeFileAtomic(originalPath(dir, sha), original);
  await writeFileAtomic(thumbnailPath(dir, sha), thumb);
  await writeFileAtomic(reportCopyPath(dir, sha), report);
  const photo = savePhoto(b.db, actorOf(ensureLocalUser(b.db, importedAt)), importedAt, {
    sha256: sha,
    projectId,
    visitId: null,
    problemId: null,
    kind: 'progress',
    caption: '',
    takenAt: importedAt,
    takenAtSource: 'file',
    position: null,
    width: 100,
    height: 100,
    mime: 'image/jpeg',
    byteSize: original.length,
    originalName: `photo-${sha.slice(0, 8)}.jpg`,
  });
  return { photo, original, thumb, report };
}

export async function newProject(b: Backend, code: string): Promise<Project> {
  return call<Project>(b, 'projects.create', projectInput({ code, name: `照片同步 ${code}` }));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls photoSync.status until `done` holds (the engine runs in the background after sync.now). */
export async function waitForPhotos(
  b: Backend,
  done: (s: PhotoSyncStatus) => boolean,
  timeoutMs = 30_000,
): Promise<PhotoSyncStatus> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // The cycle a sync started runs in the background: wait for it before reading the status.
    await photoEngineFor(b.db).idle();
    const s = await call<PhotoSyncStatus>(b, 'photoSync.status');
    if (done(s)) return s;
    if (Date.now() > until) throw new Error(`photo sync did not settle: ${JSON.stringify(s)}`);
    await sleep(50);
  }
}

/** Nothing waiting to go up and nothing in flight. */
export const settled = (s: PhotoSyncStatus): boolean =>
  s.uploadsWaiting === 0 && s.state !== 'uploading' && s.state !== 'downloading';

/** The blob as the server stored it (its disk store under the server's data dir). */
export function serverBlobPath(server: ServerProcess, sha: string, variant: 'original' | 'report' | 'thumb'): string {
  const key = variant === 'original' ? sha : `${sha}.${variant}`;
  return join(server.dataDir, 'blobs', key.slice(0, 2), key);
}

export function readServerBlob(server: ServerProcess, sha: string, variant: 'original' | 'report' | 'thumb'): Buffer {
  return readFileSync(serverBlobPath(server, sha, variant));
}
