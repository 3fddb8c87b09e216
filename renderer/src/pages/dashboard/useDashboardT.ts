import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardMessages } from '../../i18n/features/dashboard';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message key of the `dashboard` namespace, e.g. 'closing.confirmTitle'. */
export type DashboardKey = Leaves<DashboardMessages>;
export type DashboardT = (key: DashboardKey, options?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` for the `dashboard` namespace, keys checked against DashboardMessages here (as usePlanT does
 * for `plan`: one more subtree in i18next's own typing makes its key union too deep to check).
 */
export function useDashboardT(): DashboardT {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as unknown as (lng: string, ns: string) => LooseT)(lang, 'dashboard');
    return (key, options) => fixed(key, options);
  }, [i18n, lang]);
}
