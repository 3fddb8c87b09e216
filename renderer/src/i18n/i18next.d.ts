import 'i18next';
import type { Messages } from './zh-CN';

// Typed keys: t('ledger.col.code') is checked against the Chinese message tree.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Column names are looked up at run time only; typing them makes `t` too deep to check.
    // Issue 6's pages use the `plan` namespace, typed on its own by usePlanT (i18n/usePlanT.ts).
    resources: { translation: Omit<Messages, 'syncColumns'> };
  }
}
