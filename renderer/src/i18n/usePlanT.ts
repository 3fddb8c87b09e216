import { useNamespaceT, type MessageKey, type NamespaceT } from './namespaceT';
import type { PlanMessages } from './zh-CN';

/** Every message key of the `plan` namespace, e.g. 'meetings.decision.remarks'. */
export type PlanKey = MessageKey<PlanMessages>;
export type PlanT = NamespaceT<PlanMessages>;

/**
 * `t` for the `plan` namespace, with keys checked against PlanMessages here rather than through
 * i18next's own typing (see zh-CN.ts, planNsZh). Re-renders on a language switch like useTranslation.
 */
export function usePlanT(): PlanT {
  return useNamespaceT<PlanMessages>('plan');
}
