/**
 * Calendar arithmetic for the generator. Time within a year is a fractional month t in [0, 12)
 * (t = 3.5 is mid-April), which makes the seasonal investment curve easy to integrate.
 */
import { addDays as addDaysSlow } from '../../shared/calendar';
import { pad } from './prng';

export interface Timeline {
  today: string;
  year: number;
  month: number;
  day: number;
  /** Today as fractional month of `year`. */
  todayT: number;
  /** The 12 business months ending with today's month, oldest first. */
  months: { year: number; month: number }[];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function makeTimeline(today: string): Timeline {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const months: { year: number; month: number }[] = [];
  for (let k = 11; k >= 0; k--) {
    const idx = year * 12 + (month - 1) - k;
    months.push({ year: Math.floor(idx / 12), month: (idx % 12) + 1 });
  }
  return { today, year, month, day, todayT: tOfDate(today), months };
}

export function dateOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month, 2)}-${pad(Math.min(day, daysInMonth(year, month)), 2)}`;
}

/** Fractional month of a date within its own year. */
export function tOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return m - 1 + (d - 1) / daysInMonth(y, m);
}

/** The date at fractional month t of `year` (t clamped into the year). */
export function dateAtT(year: number, t: number): string {
  const tc = Math.min(Math.max(t, 0), 11.999);
  const m = Math.floor(tc) + 1;
  const d = Math.floor((tc - (m - 1)) * daysInMonth(year, m)) + 1;
  return dateOf(year, m, d);
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Epoch ms of a wall-clock time on a business date in Asia/Shanghai. */
export function instantAt(date: string, hour: number, minute: number): number {
  return dayNumber(date) * 86_400_000 - SHANGHAI_OFFSET_MS + hour * 3_600_000 + minute * 60_000;
}

// Memoised day arithmetic: the generator does it a few million times at province scale,
// over only a few thousand distinct dates.
const dayNumbers = new Map<string, number>();
const dayStrings = new Map<number, string>();

function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    dayNumbers.set(date, n);
  }
  return n;
}

export function addDays(date: string, days: number): string {
  const n = dayNumber(date) + days;
  let s = dayStrings.get(n);
  if (s === undefined) {
    s = addDaysSlow(date, days);
    dayStrings.set(n, s);
  }
  return s;
}

// Share of a year's construction work done in each month: nothing in the frozen months,
// the bulk in the May–October season (Heilongjiang stops building over winter).
const SEASON = [0, 0, 0.02, 0.08, 0.12, 0.14, 0.15, 0.15, 0.14, 0.12, 0.06, 0.02];
const CUM: number[] = SEASON.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [0]);

function integral(t: number): number {
  const tc = Math.min(Math.max(t, 0), 12);
  const k = Math.min(Math.floor(tc), 11);
  return CUM[k]! + SEASON[k]! * (tc - k);
}

/**
 * Share (0..1) of a year's target done by time t, for works running from t0 to t1.
 * Non-decreasing in t, so figures read off it never go backwards.
 */
export function progressShare(t: number, t0: number, t1: number): number {
  if (t <= t0) return 0;
  if (t >= t1) return 1;
  const total = integral(t1) - integral(t0);
  if (total <= 0) return t >= t1 ? 1 : 0;
  return Math.min(1, Math.max(0, (integral(t) - integral(t0)) / total));
}

/** Winter stop: before the spring start or after mid-November. */
export function isWinterT(t: number): boolean {
  return t < 2.5 || t > 10.5;
}
