/**
 * Pure parsers for what offices type into ledgers: header text, amounts and dates, as text or as
 * Excel values. No I/O here, so the unit tests cover every spelling directly.
 */
import type { MoneyUnit } from '../../../shared/channels/import';

/**
 * Header text for matching: full-width forms folded (NFKC: （→(, ０→0, ：→:), every kind of
 * white space removed (项 目 名 称 → 项目名称, line breaks inside a cell), bullets and stars dropped.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b]+/g, '')
    .replace(/[*※★☆]/g, '')
    .replace(/[:：]$/, '');
}

/** Cell text for values: NFKC (full-width digits and letters) and trimmed, inner spaces kept. */
export function normalizeValue(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u3000\u200b]/g, ' ')
    .trim();
}

const UNIT_WORDS: { re: RegExp; unit: MoneyUnit }[] = [
  { re: /亿元|亿/, unit: 'yi' },
  { re: /万元|万/, unit: 'wan' },
  { re: /(^|[^万亿])元/, unit: 'yuan' },
];

/**
 * The money unit a header or title states: (亿元), （万元）, 单位：万元, 总投资/亿元, 投资(万).
 * Only the unit words inside brackets or after 单位/a slash count when the text is long, so a
 * title such as 百亿元级产业项目台账 does not set the unit.
 */
export function detectUnit(text: string): MoneyUnit | null {
  const t = normalizeHeader(text);
  const candidates: string[] = [];
  for (const m of t.matchAll(/\(([^()]*)\)/g)) candidates.push(m[1]!);
  for (const m of t.matchAll(/单位[:]?([^,;，；(]*)/g)) candidates.push(m[1]!);
  for (const m of t.matchAll(/\/([^/]*)$/g)) candidates.push(m[1]!);
  for (const c of candidates) {
    for (const { re, unit } of UNIT_WORDS) if (re.test(c) && c.length <= 12) return unit;
  }
  // A bare unit at the end of a short header: 总投资亿元, 计划投资万元.
  const tail = /(亿元|万元)$/.exec(t);
  if (tail && t.length <= 16) return tail[1] === '亿元' ? 'yi' : 'wan';
  return null;
}

/** The header without its unit, for matching names: 总投资(亿元) → 总投资. */
export function stripUnit(normalized: string): string {
  return normalized
    .replace(/\([^()]*(元|亿|万|%)[^()]*\)/g, '')
    .replace(/\/(亿元|万元|元)$/, '')
    .replace(/(亿元|万元)$/, '')
    .replace(/\(\)/g, '');
}

export const UNIT_EXPONENT: Record<MoneyUnit, number> = { yuan: 0, wan: 4, yi: 8 };

export type AmountResult =
  { ok: true; yuan: number | null } | { ok: false; code: 'not_a_number' | 'negative' | 'too_large' };

const BLANK = /^(|-|—|–|－|\/|无|暂无|空|N\/A|n\/a)$/;

/**
 * Decimal text × 10^exponent as an integer, exactly (string arithmetic, no binary float),
 * rounded half up to the yuan. Null when the text is not a plain decimal.
 */
export function shiftDecimal(text: string, exponent: number): bigint | null {
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const intPart = m[1] ?? '';
  const frac = m[2] ?? '';
  const exp = exponent + Number(m[3] ?? 0) - frac.length;
  let digits = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  if (exp >= 0) return digits * 10n ** BigInt(exp);
  const div = 10n ** BigInt(-exp);
  const q = digits / div;
  digits = digits % div;
  return digits * 2n >= div ? q + 1n : q;
}

/**
 * An amount in `unit` as integer yuan. Numbers stored as text are common: 1,234.5 / １２３４ /
 * ￥3.5 / "3.5亿元" (a unit written in the cell wins over the column's). Blank-like cells (—, 无)
 * are null, not errors.
 */
export function parseAmount(value: unknown, unit: MoneyUnit): AmountResult {
  if (value === null || value === undefined) return { ok: true, yuan: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, code: 'not_a_number' };
    if (value < 0) return { ok: false, code: 'negative' };
    // String(n) is the shortest text that reads back as n: 12345.6789 stays exact.
    return fromDigits(String(value), UNIT_EXPONENT[unit]);
  }
  if (typeof value !== 'string') return { ok: false, code: 'not_a_number' };
  let t = normalizeValue(value).replace(/[\s,，_']/g, '');
  if (BLANK.test(t)) return { ok: true, yuan: null };
  let exponent = UNIT_EXPONENT[unit];
  const unitMatch = /(亿元|亿|万元|万|元)$/.exec(t);
  if (unitMatch) {
    exponent = unitMatch[1]!.startsWith('亿') ? 8 : unitMatch[1]!.startsWith('万') ? 4 : 0;
    t = t.slice(0, -unitMatch[1]!.length);
  }
  t = t.replace(/^[¥￥]|^RMB/i, '');
  if (t.startsWith('-')) return /^-\d/.test(t) ? { ok: false, code: 'negative' } : { ok: false, code: 'not_a_number' };
  if (t.startsWith('+')) t = t.slice(1);
  return fromDigits(t, exponent);
}

function fromDigits(text: string, exponent: number): AmountResult {
  const yuan = shiftDecimal(text, exponent);
  if (yuan === null) return { ok: false, code: 'not_a_number' };
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, code: 'too_large' };
  return { ok: true, yuan: Number(yuan) };
}

export type DateResult =
  { ok: true; date: string | null } | { ok: false; code: 'bad_date' | 'impossible_date' | 'year_only' };

const pad = (n: number): string => String(n).padStart(2, '0');

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function ymd(y: number, m: number, d: number | 'end'): DateResult {
  if (y < 1950 || y > 2100 || m < 1 || m > 12) return { ok: false, code: 'impossible_date' };
  const day = d === 'end' ? daysInMonth(y, m) : d;
  if (day < 1 || day > daysInMonth(y, m)) return { ok: false, code: 'impossible_date' };
  return { ok: true, date: `${y}-${pad(m)}-${pad(day)}` };
}

/** Excel's day 0 is 1899-12-30 in the 1900 date system (the serial 60 bug is before any ledger). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel date serial (days, wall clock) as YYYY-MM-DD. */
export function serialToDate(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial + 1e-9) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const TEN_DAYS: Record<string, number | 'end'> = { 上旬: 1, 初: 1, 中旬: 11, 下旬: 21, 底: 'end', 末: 'end' };

/**
 * A calendar date from what ledgers hold: Date cells (wall clock in UTC fields, as exceljs reads
 * them), Excel serials, and text such as 2020-04-01, 2020/4/1, 2020.4.1, 2020年4月1日, or a month
 * only — 2020.4, 2020年4月, 2020-04, 202004 — which means its first day (上旬/中旬/下旬 → 1st/11th/
 * 21st, 月底 → last day, 年底 → 31 December). A bare year is refused: too vague for a deadline.
 */
export function parseDate(value: unknown): DateResult {
  if (value === null || value === undefined) return { ok: true, date: null };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, code: 'bad_date' };
    return ymd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return numberToDate(value);
  if (typeof value !== 'string') return { ok: false, code: 'bad_date' };
  const t = normalizeValue(value).replace(/\s+/g, '');
  if (BLANK.test(t)) return { ok: true, date: null };
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.年](\d{1,2})月?(上旬|中旬|下旬|初|底|末)?(?:份)?$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), TEN_DAYS[m[3] ?? '上旬']!);
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (m && t.length !== 4) return ymd(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1);
  m = /^(\d{4})年?(底|末|年底|年末)$/.exec(t);
  if (m) return ymd(Number(m[1]), 12, 31);
  if (/^\d{4}年?$/.test(t)) return { ok: false, code: 'year_only' };
  if (/^\d+(\.\d+)?$/.test(t)) return numberToDate(Number(t));
  return { ok: false, code: 'bad_date' };
}

/** A number in a date column: 2020.4 typed as a number (year.month), or an Excel serial. */
function numberToDate(n: number): DateResult {
  if (!Number.isFinite(n) || n <= 0) return { ok: false, code: 'bad_date' };
  if (n >= 1950 && n < 2101) {
    if (Number.isInteger(n)) return { ok: false, code: 'year_only' };
    // The digits after the point as written: 2020.4 → April, 2020.12 → December.
    const [y, frac] = String(n).split('.') as [string, string];
    return ymd(Number(y), Number(frac), 1);
  }
  // Serials between 1950 and 2100.
  if (n >= 18_264 && n < 73_051) return { ok: true, date: serialToDate(n) };
  return { ok: false, code: 'bad_date' };
}

/** Text of any cell for display and for text fields: numbers as written, dates as YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const r = parseDate(value);
    return r.ok && r.date ? r.date : value.toISOString();
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
