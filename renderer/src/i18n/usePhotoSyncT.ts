import type { PhotoSyncMessages } from './features/photoSync';
import { useNamespaceT, type MessageKey, type NamespaceT } from './namespaceT';

export type PhotoSyncKey = MessageKey<PhotoSyncMessages>;
export type PhotoSyncT = NamespaceT<PhotoSyncMessages>;

/** `t` for the `photoSync` namespace, keys checked against PhotoSyncMessages (as usePlanT does for `plan`). */
export function usePhotoSyncT(): PhotoSyncT {
  return useNamespaceT<PhotoSyncMessages>('photoSync');
}
