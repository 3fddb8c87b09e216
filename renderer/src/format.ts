import dayjs from 'dayjs';
import { formatChineseDate, shanghaiDate } from '../../shared/calendar';
import { formatWan, YUAN_PER_YI } from '../../shared/money';
import type { Lang } from './i18n';

// toLocaleString builds a formatter per call, which shows when thousands of ledger cells scroll by;
// the strings are memoised (bounded) so shared/money.ts stays the one place that formats money.
const wanCache = new Map<string, string>();

/** 万元 with grouped digits, from integer yuan. */
export function wan(yuan: number | null | undefined, lang: Lang): string {
  if (yuan === null || yuan === undefined) return '—';
  const key = `${lang}:${yuan}`;
  let s = wanCache.get(key);
  if (s === undefined) {
    if (wanCache.size > 20_000) wanCache.clear();
    s = formatWan(yuan, 2, lang === 'zh-CN' ? 'zh-CN' : 'en-US');
    wanCache.set(key, s);
  }
  return s;
}

/** 亿元 with two decimals, from integer yuan. */
export function yi(yuan: number, lang: Lang): string {
  return (yuan / YUAN_PER_YI).toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/** A business date (YYYY-MM-DD): 2020年4月1日 in Chinese, Apr 1, 2020 in English. */
export function date(d: string | null | undefined, lang: Lang): string {
  if (!d) return '—';
  return lang === 'zh-CN' ? formatChineseDate(d) : dayjs(d).locale('en').format('MMM D, YYYY');
}

/** An instant shown as Asia/Shanghai wall time, whatever the machine's zone. */
export function instant(ms: number, lang: Lang): string {
  const shifted = new Date(ms + 8 * 3_600_000);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${date(shanghaiDate(ms), lang)} ${hh}:${mm}`;
}

/** Today's calendar date in Asia/Shanghai. */
export function todayShanghai(): string {
  return shanghaiDate(Date.now());
}

/** Billions of CNY with two decimals, for English summaries (亿 has no English unit). */
export function billions(yuan: number): string {
  return (yuan / 1_000_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
