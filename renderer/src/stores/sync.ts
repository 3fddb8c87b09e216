import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { LocalUser } from '../../../shared/domain/identity';
import type { Role } from '../../../shared/sync/roles';
import { call, onEvent, toApiError, type ApiError } from '../api/client';

interface SyncState {
  status: SyncStatus | null;
  identity: LocalUser | null;
  /** The last failure of a call made from the header (sync now, sign out), shown there. */
  actionError: ApiError | null;
  /** Reads status and identity; the identity changes on sign-in and sign-out. */
  refresh: () => Promise<void>;
  setStatus: (status: SyncStatus) => void;
  syncNow: () => Promise<void>;
  signOut: () => Promise<void>;
}

function sameUser(a: SyncStatus | null, b: SyncStatus): boolean {
  return (a?.user?.id ?? null) === (b.user?.id ?? null) && (a?.user?.role ?? null) === (b.user?.role ?? null);
}

export const useSyncStore = create<SyncState>((set, get) => ({
  status: null,
  identity: null,
  actionError: null,
  refresh: async () => {
    const [status, identity] = await Promise.allSettled([call('sync.status', {}), call('identity.get', {})]);
    set({
      ...(status.status === 'fulfilled' ? { status: status.value } : {}),
      ...(identity.status === 'fulfilled' ? { identity: identity.value } : {}),
    });
  },
  setStatus: (status) => {
    const userChanged = !sameUser(get().status, status);
    set({ status });
    // A sign-in or sign-out seen through the event (another window, a revoked token): the name and role follow.
    if (userChanged)
      void call('identity.get', {}).then(
        (identity) => set({ identity }),
        () => undefined,
      );
  },
  syncNow: async () => {
    set({ actionError: null });
    try {
      get().setStatus(await call('sync.now', {}));
    } catch (e) {
      set({ actionError: toApiError(e) });
    }
  },
  signOut: async () => {
    set({ actionError: null });
    try {
      get().setStatus(await call('sync.signOut', {}));
    } catch (e) {
      set({ actionError: toApiError(e) });
    }
  },
}));

// Typing fires many writes; one status read after they pause is enough.
const WRITE_REFRESH_MS = 300;

/**
 * Reads the status once and follows the `sync.status` event; call once, from the layout.
 * Local writes change the count of unsynced changes (and a resolution the conflicts) without a
 * sync run, which is all the engine reports: signed out or offline, the header would go stale.
 */
export function startSyncStatus(): () => void {
  void useSyncStore.getState().refresh();
  let timer: ReturnType<typeof setTimeout> | null = null;
  // An event newer than a read in flight wins: the read is dropped.
  let events = 0;
  const offStatus = onEvent('sync.status', (s) => {
    events++;
    useSyncStore.getState().setStatus(s);
  });
  const offData = onEvent('data.changed', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const seen = events;
      call('sync.status', {}).then(
        (s) => {
          if (events === seen) useSyncStore.getState().setStatus(s);
        },
        () => undefined,
      );
    }, WRITE_REFRESH_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    offStatus();
    offData();
  };
}

/**
 * The role for the UI's permissions: the signed-in account's, or null for a local user, who may
 * do everything on this device. Signed out, the device is a local user again, whatever role the
 * account had (the backend drops it too), so offline work goes on.
 */
export function roleOf(s: Pick<SyncState, 'status' | 'identity'>): Role | null {
  if (s.status?.state === 'signed_out') return null;
  return s.status?.user?.role ?? s.identity?.role ?? null;
}

export function useRole(): Role | null {
  return useSyncStore(roleOf);
}
