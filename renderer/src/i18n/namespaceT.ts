import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Every leaf key of a messages object, dotted, e.g. 'closing.confirmTitle'. */
export type MessageKey<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : MessageKey<T[K], `${P}${K}.`>;
}[keyof T & string];

export type NamespaceT<M> = (key: MessageKey<M>, options?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * `t` for a namespace kept out of i18next's own typing (one more subtree there makes its key union
 * too deep for tsc), with keys checked against its messages `M` here instead. Re-renders on a
 * language switch like useTranslation.
 */
export function useNamespaceT<M>(ns: string): NamespaceT<M> {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as unknown as (lng: string, ns: string) => LooseT)(lang, ns);
    return (key, options) => fixed(key, options);
  }, [i18n, lang, ns]);
}
