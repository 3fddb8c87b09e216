import type { GroupCoverage, MonthPlanEntry } from '../../../../shared/domain/plan';

/*
 * The plan page's pure parts (unit-tested in tests/unit/renderer/plan-logic.test.ts). Months are
 * YYYY-MM strings of Asia/Shanghai calendar months; nothing here reads the machine's clock.
 */

/** The month `delta` months after `month` (negative: before). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last calendar dates of a month. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

export function monthParts(month: string): { year: number; month: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

export const PLAN_FILTERS = ['all', 'todo', 'overdue', 'planned', 'visited'] as const;
export type PlanFilter = (typeof PLAN_FILTERS)[number];

/** Does an entry show under a status filter? "todo" is everything not yet visited this month. */
export function matchesFilter(entry: Pick<MonthPlanEntry, 'status'>, filter: PlanFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'todo':
      return entry.status !== 'visited';
    default:
      return entry.status === filter;
  }
}

export function filterCounts(entries: readonly Pick<MonthPlanEntry, 'status'>[]): Record<PlanFilter, number> {
  const counts: Record<PlanFilter, number> = { all: 0, todo: 0, overdue: 0, planned: 0, visited: 0 };
  for (const e of entries) for (const f of PLAN_FILTERS) if (matchesFilter(e, f)) counts[f] += 1;
  return counts;
}

/** Coverage as a whole percentage for the progress bar; null for a group with nothing due. */
export function coveragePercent(c: Pick<GroupCoverage, 'visited' | 'due'>): number | null {
  if (c.due === 0) return null;
  return Math.round((Math.min(c.visited, c.due) / c.due) * 100);
}

/** Month status relative to today's month: past months are read-only, visits start only in the current one. */
export function monthKind(month: string, currentMonth: string): 'past' | 'current' | 'future' {
  return month < currentMonth ? 'past' : month > currentMonth ? 'future' : 'current';
}

/** The row index after an arrow key, kept inside the list (−1 = nothing selected yet). */
export function moveSelection(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return Math.max(0, Math.min(length - 1, index + delta));
}
