import 'i18next';
import type { Messages } from './zh-CN';

// Typed keys: t('ledger.col.code') is checked against the Chinese message tree.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Column names are looked up at run time only; typing them makes `t` too deep to check.
    resources: { translation: Omit<Messages, 'syncColumns'> };
  }
}
