/** How the sync status words photo transfer: sizes, speed, and a failure's reason by its code. */
import type { PhotoSyncStatus, PhotoTransferFailure } from '../../../shared/channels/photo-sync';
import { photoSyncZh } from '../i18n/features/photoSync';
import type { PhotoSyncKey } from '../i18n/usePhotoSyncT';
import { zhCN } from '../i18n/zh-CN';

/** "12.5 MB", "830 KB", "0 B": binary units, as a file manager shows them. */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${Math.max(0, Math.round(bytes))} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

/** What the header's photo badge shows: files to send, else failures, else copies to fetch; null shows none. */
export function photoBadge(s: PhotoSyncStatus | null): { kind: 'up' | 'failed' | 'down'; count: number } | null {
  if (!s) return null;
  if (s.uploadsWaiting > 0) return { kind: 'up', count: s.uploadsWaiting };
  if (s.failures.length > 0) return { kind: 'failed', count: s.failures.length };
  if (s.downloadsWaiting > 0) return { kind: 'down', count: s.downloadsWaiting };
  return null;
}

/** Where a failure's reason is worded: the photoSync namespace, or the app's errors.<code>. */
export type FailureReason = { ns: 'photoSync'; key: PhotoSyncKey } | { ns: 'translation'; key: string };

/**
 * The words of a failure's reason: photoSync `reason.<code>` for transfer codes, errors.<code>
 * for the app's own codes (server_unreachable, token_revoked …), else a generic "failed".
 */
export function failureReason(code: PhotoTransferFailure['code']): FailureReason {
  if (code in photoSyncZh.reason) return { ns: 'photoSync', key: `reason.${code}` as PhotoSyncKey };
  // The app's own codes have their words already (and keep zod out of the header's bundle).
  if (code in zhCN.errors) return { ns: 'translation', key: `errors.${code}` };
  return { ns: 'photoSync', key: 'reason.unknown' };
}
