import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { LocalUser } from '../../../shared/domain/identity';
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

/** Reads the status once and follows the `sync.status` event; call once, from the layout. */
export function startSyncStatus(): () => void {
  void useSyncStore.getState().refresh();
  return onEvent('sync.status', (s) => useSyncStore.getState().setStatus(s));
}

/** The role for the UI's permissions: the account's, or null for a local user. */
export function useRole() {
  return useSyncStore((s) => s.identity?.role ?? s.status?.user?.role ?? null);
}
