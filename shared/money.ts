/** Money is integer yuan; users read 万元 (10k) and 亿元 (100M). */
export const YUAN_PER_WAN = 10_000;
export const YUAN_PER_YI = 100_000_000;

/** Integer yuan from a 万元 amount typed by a user (at most 4 decimals: exact to the yuan). */
export function wanToYuan(wan: number): number {
  return Math.round(wan * YUAN_PER_WAN);
}

/** Format yuan as 万元 with up to `digits` decimals, grouped (e.g. 1,234.5). */
export function formatWan(yuan: number, digits = 0, locale = 'zh-CN'): string {
  return (yuan / YUAN_PER_WAN).toLocaleString(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** Format yuan as 亿元 with 2 decimals. */
export function formatYi(yuan: number, locale = 'zh-CN'): string {
  return (yuan / YUAN_PER_YI).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
