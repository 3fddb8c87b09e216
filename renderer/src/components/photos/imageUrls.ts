/**
 * Photo bytes → blob URLs (the CSP allows img-src blob:). Thumbnails are content-addressed, so one
 * URL per hash is kept for the session; report copies are larger and their owner revokes them.
 */
import { useEffect, useState } from 'react';
import type { PhotoVariant } from '../../../../shared/channels/photos';
import { ApiError, call } from '../../api/client';

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
  /** Why it could not load: 'missing' when the file is not on this device (not synced yet). */
  failed: false | 'missing' | 'error';
}

/** A photo's thumbnail URL, or undefined while loading. */
export function useThumbUrl(photo: PhotoRef): ThumbState {
  const [state, setState] = useState<ThumbState & { sha: string }>({ sha: '', failed: false });
  const { id, sha256 } = photo;
  useEffect(() => {
    let alive = true;
    thumbUrl({ id, sha256 }).then(
      (url) => alive && setState({ sha: sha256, url, failed: false }),
      (e: unknown) =>
        alive &&
        setState({ sha: sha256, failed: e instanceof ApiError && e.code === 'not_found' ? 'missing' : 'error' }),
    );
    return () => {
      alive = false;
    };
  }, [id, sha256]);
  return state.sha === sha256 ? { url: state.url, failed: state.failed } : { failed: false };
}
