import { create } from 'zustand';
import type { LockState, UnlockResult } from '../../../shared/channels/lock';
import { call, onEvent, toApiError, type ApiError } from '../api/client';

interface LockStore {
  /** null until the backend answered: nothing but a blank page is shown before that. */
  state: LockState | null;
  /** When `state` arrived (renderer clock), to count `retryInMs` down. */
  receivedAt: number;
  loadError: ApiError | null;
  refresh: () => Promise<void>;
  apply: (state: LockState) => void;
  /** The lock screen first (the pages unmount and save what they hold), then the backend locks. */
  lockNow: () => Promise<void>;
  unlock: (secret: string) => Promise<UnlockResult>;
}

// Long enough for an unmounting form to send its last autosave before the backend refuses writes.
const LOCK_AFTER_UNMOUNT_MS = 150;

export const useLockStore = create<LockStore>((set, get) => ({
  state: null,
  receivedAt: 0,
  loadError: null,
  refresh: async () => {
    try {
      get().apply(await call('lock.state', {}));
      set({ loadError: null });
    } catch (e) {
      set({ loadError: toApiError(e) });
    }
  },
  apply: (state) => set({ state, receivedAt: Date.now() }),
  lockNow: async () => {
    const current = get().state;
    if (!current?.secretKind) return;
    set({ state: { ...current, locked: true }, receivedAt: Date.now() });
    await new Promise((r) => setTimeout(r, LOCK_AFTER_UNMOUNT_MS));
    get().apply(await call('lock.lockNow', {}));
  },
  unlock: async (secret) => {
    const result = await call('lock.unlock', { secret });
    get().apply(result.state);
    return result;
  },
}));

/** Reads the lock state once and follows `lock.changed`; call once, from the lock gate. */
export function startLockState(): () => void {
  void useLockStore.getState().refresh();
  return onEvent('lock.changed', (s) => useLockStore.getState().apply(s));
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const MAX_REPORT_INTERVAL_MS = 30_000;

/**
 * Reports keyboard, mouse and touch activity to the backend, at most one `lock.activity` call per
 * 30 s (a quarter of the idle time when that is shorter), the last one of a busy stretch included.
 */
export function startActivityReports(idleMs: number): () => void {
  const interval = Math.max(250, Math.min(MAX_REPORT_INTERVAL_MS, Math.floor(idleMs / 4)));
  let lastSent = 0;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const send = () => {
    lastSent = Date.now();
    trailing = null;
    void call('lock.activity', {}).then(
      (s) => useLockStore.getState().apply(s),
      () => undefined,
    );
  };
  const onActivity = () => {
    const wait = lastSent + interval - Date.now();
    if (wait <= 0) send();
    else trailing ??= setTimeout(send, wait);
  };
  for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
  return () => {
    if (trailing) clearTimeout(trailing);
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
  };
}
