import type { SyncStatus } from '../../../shared/channels/sync';

/** How the header shows the sync state: an antd status tone and the i18n key of its words. */
export type SyncTone = 'success' | 'processing' | 'warning' | 'error' | 'default';
export type SyncStateKey = 'signedOut' | 'offline' | 'synced' | 'pendingOnly' | 'syncing' | 'error';

export interface SyncIndicator {
  tone: SyncTone;
  state: SyncStateKey;
  /** 0–100 while the total is known, null otherwise (a spinner then). */
  percent: number | null;
}

/** The words and colour of the always-visible sync indicator. */
export function syncIndicator(status: SyncStatus): SyncIndicator {
  switch (status.state) {
    case 'signed_out':
      return { tone: 'default', state: 'signedOut', percent: null };
    case 'offline':
      return { tone: 'warning', state: 'offline', percent: null };
    case 'error':
      return { tone: 'error', state: 'error', percent: null };
    case 'syncing': {
      const p = status.progress;
      const percent = p && p.total !== null && p.total > 0 ? Math.min(100, Math.round((100 * p.done) / p.total)) : null;
      return { tone: 'processing', state: 'syncing', percent };
    }
    case 'idle':
      // Online but with changes still waiting (e.g. between two automatic rounds).
      return status.pending > 0
        ? { tone: 'processing', state: 'pendingOnly', percent: null }
        : { tone: 'success', state: 'synced', percent: null };
  }
}

export type RelativeTime =
  | { key: 'justNow' }
  | { key: 'minutesAgo' | 'hoursAgo' | 'daysAgo'; count: number }
  | { key: 'inMinutes' | 'inSeconds'; count: number }
  | { key: 'never' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 minutes ago" as an i18n key and count; clock skew (a time slightly ahead) reads as "just now". */
export function relativePast(ms: number | null, now: number): RelativeTime {
  if (ms === null) return { key: 'never' };
  const ago = now - ms;
  if (ago < MINUTE) return { key: 'justNow' };
  if (ago < HOUR) return { key: 'minutesAgo', count: Math.floor(ago / MINUTE) };
  if (ago < DAY) return { key: 'hoursAgo', count: Math.floor(ago / HOUR) };
  return { key: 'daysAgo', count: Math.floor(ago / DAY) };
}

/** When the next automatic attempt comes, for "retrying in 40 s". */
export function relativeFuture(ms: number, now: number): RelativeTime {
  const ahead = Math.max(0, ms - now);
  if (ahead < MINUTE) return { key: 'inSeconds', count: Math.ceil(ahead / 1000) };
  return { key: 'inMinutes', count: Math.ceil(ahead / MINUTE) };
}

/** The error codes the UI has words for; anything else shows as a server error with its message. */
const KNOWN_SYNC_ERRORS = new Set([
  'server_unreachable',
  'tls_untrusted',
  'bad_credentials',
  'rate_limited',
  'not_signed_in',
  'token_revoked',
  'device_revoked',
  'device_wiped',
  'server_error',
  'sync_in_progress',
  'forbidden',
  'internal',
  'network',
  'invalid_input',
  'disk_full',
]);

/** The errors.<code> key for a sync error code coming from the engine (which may send codes we do not know). */
export function syncErrorCode(code: string): string {
  return KNOWN_SYNC_ERRORS.has(code) ? code : 'server_error';
}
