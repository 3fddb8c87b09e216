/**
 * photos.fetchOriginal: the original of a photo brought to this device on demand (it was
 * evicted, or the photo came from another device), with progress, checked against its hash.
 */
import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import { markOriginalFetched } from '../../db/photo-transfers';
import { getPhotoView } from '../../db/photos';
import { downloadBlob } from './download';
import { localPath, sizeOrNull } from './files';
import { TransferError, type PhotoServer } from './net';

const PROGRESS_EVERY_MS = 100;

export interface FetchOriginalDeps {
  db: Database;
  photosDir: string;
  server: () => PhotoServer;
  now: () => number;
  signal: AbortSignal;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** A 401: the session's usual handling. */
  onAuthFailure: () => void;
}

function toAppError(err: TransferError): AppError {
  switch (err.kind) {
    case 'not_on_server':
      return new AppError('photo_pending', 'the server does not have this original yet; try again later');
    case 'no_access':
      return new AppError('forbidden', 'you may not see the project this photo belongs to');
    case 'auth':
      return new AppError('token_revoked', 'sign in again to fetch photos');
    default:
      if (err.code === 'server_unreachable') return new AppError('server_unreachable', err.message);
      if (err.code === 'tls_untrusted') return new AppError('tls_untrusted', err.message);
      return new AppError('server_error', err.message);
  }
}

export async function fetchOriginal(
  deps: FetchOriginalDeps,
  photoId: string,
): Promise<{ id: string; present: boolean }> {
  const photo = getPhotoView(deps.db, photoId);
  if (!photo) throw new AppError('not_found', `no photo ${photoId}`);
  const ref = { sha256: photo.sha256, variant: 'original' as const };
  const dest = localPath(deps.photosDir, ref);
  if ((await sizeOrNull(dest)) !== null) return { id: photoId, present: true };
  const server = deps.server();
  let last = 0;
  const progress = (received: number, total: number | null, done: boolean): void => {
    const t = Date.now();
    if (!done && t - last < PROGRESS_EVERY_MS) return;
    last = t;
    deps.emit('photos.originalProgress', { photoId, received, total, done });
  };
  progress(0, photo.byteSize, false);
  try {
    const size = await downloadBlob({
      server,
      ref,
      dest,
      signal: deps.signal,
      onProgress: (r, t) => progress(r, t, false),
    });
    markOriginalFetched(deps.db, photo.sha256, deps.now());
    progress(size, size, true);
    return { id: photoId, present: true };
  } catch (err) {
    progress(0, null, true);
    if (!(err instanceof TransferError)) throw err;
    if (err.kind === 'auth') deps.onAuthFailure();
    throw toAppError(err);
  }
}
