import { useNamespaceT, type MessageKey, type NamespaceT } from '../../i18n/namespaceT';
import type { DashboardMessages } from '../../i18n/features/dashboard';

export type DashboardKey = MessageKey<DashboardMessages>;
export type DashboardT = NamespaceT<DashboardMessages>;

/**
 * `t` for the `dashboard` namespace, keys checked against DashboardMessages here (as usePlanT does
 * for `plan`: one more subtree in i18next's own typing makes its key union too deep to check).
 */
export function useDashboardT(): DashboardT {
  return useNamespaceT<DashboardMessages>('dashboard');
}
