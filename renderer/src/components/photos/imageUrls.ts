/**
 * Photo bytes → blob URLs (the CSP allows img-src blob:). Thumbnails are content-addressed, so one
 * URL per hash is kept for the session; report copies are larger and their owner revokes them.
 */
import { useEffect, useState } from 'react';
import type { PhotoVariant } from '../../../../shared/channels/photos';
import { ApiError, call, onEvent } from '../../api/client';

const MAX_PARALLEL = 4;
const cache = new Map<string, Promise<string>>();
let active = 0;
const waiting: (() => void)[] = [];

/** Bounds calls in flight so a page of 200 thumbnails does not queue 200 decodes at once. */
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (active >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await task();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

export interface PhotoRef {
  id: string;
  sha256: string;
}

/** A fresh blob URL for any variant; the caller revokes it (URL.revokeObjectURL). */
export function loadPhotoUrl(photo: PhotoRef, variant: PhotoVariant): Promise<string> {
  return limited(() => call('photos.image', { id: photo.id, variant })).then(({ mime, bytes }) =>
    URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime })),
  );
}

/** The shared, session-long URL of a thumbnail. */
export function thumbUrl(photo: PhotoRef): Promise<string> {
  const hit = cache.get(photo.sha256);
  if (hit) return hit;
  const p = loadPhotoUrl(photo, 'thumb');
  cache.set(photo.sha256, p);
  // A failure is not cached: the next render may try again (e.g. after a sync brought the file).
  p.catch(() => cache.delete(photo.sha256));
  return p;
}

export interface ThumbState {
  url?: string;
  /**
   * Why it could not load: 'pending' when the record synced but its bytes have not come yet,
   * 'missing' when the file is not on this device, 'error' otherwise.
   */
  failed: false | 'pending' | 'missing' | 'error';
}

function failureOf(e: unknown): Exclude<ThumbState['failed'], false> {
  if (!(e instanceof ApiError)) return 'error';
  if (e.code === 'photo_pending') return 'pending';
  return e.code === 'not_found' ? 'missing' : 'error';
}

/**
 * A photo's thumbnail URL, or undefined while loading. A thumbnail whose bytes are not here yet
 * is asked for again when photos change (the sync brought a file), so the placeholder fills in.
 */
export function useThumbUrl(photo: PhotoRef): ThumbState {
  const [state, setState] = useState<ThumbState & { sha: string }>({ sha: '', failed: false });
  const [attempt, setAttempt] = useState(0);
  const { id, sha256 } = photo;
  useEffect(() => {
    let alive = true;
    thumbUrl({ id, sha256 }).then(
      (url) => alive && setState({ sha: sha256, url, failed: false }),
      (e: unknown) => alive && setState({ sha: sha256, failed: failureOf(e) }),
    );
    return () => {
      alive = false;
    };
  }, [id, sha256, attempt]);
  const waiting = state.sha === sha256 && (state.failed === 'pending' || state.failed === 'missing');
  useEffect(() => {
    if (!waiting) return undefined;
    return onEvent('data.changed', ({ tables }) => {
      if (tables.includes('photos')) setAttempt((n) => n + 1);
    });
  }, [waiting]);
  if (state.sha !== sha256) return { failed: false };
  // While a retry is on its way the placeholder stays (no spinner flicker on every change).
  return { url: state.url, failed: state.failed };
}

/**
 * The original of a photo as a fresh blob URL (the caller revokes it): first made sure to be on
 * this device (photos.fetchOriginal downloads it when it was evicted or never came), then read.
 */
export async function loadOriginalUrl(photo: PhotoRef): Promise<string> {
  const { present } = await call('photos.fetchOriginal', { id: photo.id });
  if (!present) throw new ApiError('photo_pending', `the original of photo ${photo.id} is not on this device`);
  return loadPhotoUrl(photo, 'original');
}
