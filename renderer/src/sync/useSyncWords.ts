import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../i18n';
import { date, instant, wan } from '../format';
import { cellText, describeCell, type CellFormatters, type Translate } from './cells';
import type { RelativeTime } from './status';
import type { CellValue } from '../../../shared/records';

/** `t` for keys built at run time (column names, enum values); the typed `t` takes literal keys only. */
export function useTranslate(): Translate {
  const { t } = useTranslation();
  return useCallback(
    (key: string, options?: Record<string, unknown>) => (t as unknown as Translate)(key, options),
    [t],
  );
}

/** Words for relative times and synced cell values in the current language. */
export function useSyncWords() {
  const { i18n } = useTranslation();
  const tr = useTranslate();
  const lang = i18n.language as Lang;
  const relative = useCallback(
    (r: RelativeTime) => ('count' in r ? tr(`sync.time.${r.key}`, { count: r.count }) : tr(`sync.time.${r.key}`)),
    [tr],
  );
  const fmt: CellFormatters = {
    money: (yuan) => wan(yuan, lang),
    date: (d) => date(d, lang),
    instant: (ms) => instant(ms, lang),
    listSeparator: lang === 'zh-CN' ? '、' : ', ',
  };
  const cell = (table: string, column: string, value: CellValue) =>
    cellText(describeCell(table, column, value), tr, fmt);
  return { tr, lang, relative, cell, when: (ms: number) => instant(ms, lang) };
}
