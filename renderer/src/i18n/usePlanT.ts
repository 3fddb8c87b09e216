import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanMessages } from './zh-CN';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message key of the `plan` namespace, e.g. 'meetings.decision.remarks'. */
export type PlanKey = Leaves<PlanMessages>;

export type PlanT = (key: PlanKey, options?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` for the `plan` namespace, with keys checked against PlanMessages here rather than through
 * i18next's own typing (see zh-CN.ts, planNsZh). Re-renders on a language switch like useTranslation.
 */
export function usePlanT(): PlanT {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as unknown as (lng: string, ns: string) => LooseT)(lang, 'plan');
    return (key, options) => fixed(key, options);
  }, [i18n, lang]);
}
