import { useNamespaceT, type MessageKey, type NamespaceT } from '../../i18n/namespaceT';
import type { LockMessages } from '../../i18n/features/lock';

export type LockKey = MessageKey<LockMessages>;
export type LockT = NamespaceT<LockMessages>;

/** `t` for the `lock` namespace, keys checked against LockMessages (as useDashboardT does for `dashboard`). */
export function useLockT(): LockT {
  return useNamespaceT<LockMessages>('lock');
}
