import { create } from 'zustand';
import type { NetworkKind, PhotoSyncStatus } from '../../../shared/channels/photo-sync';
import { call, onEvent, toApiError, type ApiError } from '../api/client';
import { watchNetworkKind } from '../sync/network';

interface PhotoSyncState {
  /** Null until the first answer (or when the backend has no photo transfer). */
  status: PhotoSyncStatus | null;
  /** What this window saw of the network, as reported to the engine. */
  network: NetworkKind;
  retrying: boolean;
  actionError: ApiError | null;
  setStatus: (status: PhotoSyncStatus) => void;
  refresh: () => Promise<void>;
  retry: () => Promise<boolean>;
}

export const usePhotoSyncStore = create<PhotoSyncState>((set, get) => ({
  status: null,
  network: 'unknown',
  retrying: false,
  actionError: null,
  setStatus: (status) => set({ status }),
  refresh: async () => {
    try {
      get().setStatus(await call('photoSync.status', {}));
    } catch {
      // No status yet (an older backend): the header simply shows no photo line.
    }
  },
  retry: async () => {
    set({ retrying: true, actionError: null });
    try {
      get().setStatus(await call('photoSync.retry', {}));
      return true;
    } catch (e) {
      set({ actionError: toApiError(e) });
      return false;
    } finally {
      set({ retrying: false });
    }
  },
}));

/** Reads the photo status once, follows its event and reports the network kind; call once, from the layout. */
export function startPhotoSync(): () => void {
  void usePhotoSyncStore.getState().refresh();
  const offStatus = onEvent('photoSync.status', (s) => usePhotoSyncStore.getState().setStatus(s));
  const offNetwork = watchNetworkKind((kind) => {
    usePhotoSyncStore.setState({ network: kind });
    void call('photoSync.network', { kind }).catch(() => undefined);
  });
  return () => {
    offStatus();
    offNetwork();
  };
}
