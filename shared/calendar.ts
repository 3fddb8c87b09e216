/**
 * Business dates and months are calendar dates in Asia/Shanghai (UTC+8, no DST since 1991),
 * whatever the machine's time zone. Fixed offset arithmetic keeps this free of Intl quirks.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instantMs: number): string {
  const d = new Date(instantMs + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The Asia/Shanghai month (YYYY-MM) of an instant. */
export function shanghaiMonth(instantMs: number): string {
  return shanghaiDate(instantMs).slice(0, 7);
}

/** The month (YYYY-MM) a calendar date falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 2020-04-01 → 2020年4月1日, as Chinese official documents write dates. */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
