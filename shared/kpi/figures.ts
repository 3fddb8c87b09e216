/**
 * Figures summed from project rows: any slice, any breakdown, the same arithmetic everywhere.
 * A rate whose denominator is 0 has the value null (shown "—"), never a division by zero.
 */
import type { ProjectLevel } from '../domain/project';
import type { KpiContext } from './rows';
import type {
  Average,
  KpiBreakdownRow,
  KpiDimension,
  KpiFigures,
  KpiRow,
  KpiSlice,
  KpiSummary,
  Ratio,
  RatioSummary,
  Tally,
} from './types';

export function ratioOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** What a slice looks at: a row, or a project before its row is made. */
export type SliceFields = Pick<KpiRow, 'level' | 'district' | 'groupId' | 'industry'>;

/** Rows of the slice; an empty list in a dimension does not filter on it. */
export function sliceRows<T extends SliceFields>(rows: readonly T[], slice: KpiSlice = {}): T[] {
  const levels = new Set<ProjectLevel>(slice.levels ?? []);
  const districts = new Set(slice.districts ?? []);
  const groups = new Set(slice.groupIds ?? []);
  const industries = new Set(slice.industries ?? []);
  return rows.filter(
    (r) =>
      (levels.size === 0 || levels.has(r.level)) &&
      (districts.size === 0 || districts.has(r.district)) &&
      (groups.size === 0 || (r.groupId !== null && groups.has(r.groupId))) &&
      (industries.size === 0 || industries.has(r.industry)),
  );
}

function countRatio(rows: readonly KpiRow[], inDen: (r: KpiRow) => boolean, inNum: (r: KpiRow) => boolean): Ratio {
  const numeratorIds: string[] = [];
  const denominatorIds: string[] = [];
  for (const r of rows) {
    if (!inDen(r)) continue;
    denominatorIds.push(r.projectId);
    if (inNum(r)) numeratorIds.push(r.projectId);
  }
  return {
    numerator: numeratorIds.length,
    denominator: denominatorIds.length,
    value: ratioOf(numeratorIds.length, denominatorIds.length),
    numeratorIds,
    denominatorIds,
  };
}

/**
 * A money rate over the annual plan. The sums run over every project of the slice: a project
 * without a plan adds its money but nothing below the line. The projects behind the numerator
 * are those that report money; behind the denominator those with a plan.
 */
function moneyRatio(rows: readonly KpiRow[], part: 'completed' | 'funds'): Ratio {
  let numerator = 0;
  let denominator = 0;
  const numeratorIds: string[] = [];
  const denominatorIds: string[] = [];
  for (const r of rows) {
    numerator += r[part];
    denominator += r.annualPlan;
    if (r[part] > 0) numeratorIds.push(r.projectId);
    if (r.annualPlan > 0) denominatorIds.push(r.projectId);
  }
  return { numerator, denominator, value: ratioOf(numerator, denominator), numeratorIds, denominatorIds };
}

function tally(rows: readonly KpiRow[], part: 'raised' | 'resolved' | 'overdue'): Tally {
  let value = 0;
  const projectIds: string[] = [];
  for (const r of rows) {
    if (r[part] === 0) continue;
    value += r[part];
    projectIds.push(r.projectId);
  }
  return { value, projectIds };
}

function average(rows: readonly KpiRow[]): Average {
  let count = 0;
  let totalDays = 0;
  const projectIds: string[] = [];
  for (const r of rows) {
    if (r.resolved === 0) continue;
    count += r.resolved;
    totalDays += r.resolveDays;
    projectIds.push(r.projectId);
  }
  return { value: count === 0 ? null : totalDays / count, count, totalDays, projectIds };
}

/** The figures of the rows (already sliced). */
export function figuresOf(rows: readonly KpiRow[], ctx: Pick<KpiContext, 'period' | 'asOf'>): KpiFigures {
  return {
    period: ctx.period,
    asOf: ctx.asOf,
    projects: rows.length,
    start: countRatio(
      rows,
      (r) => r.startKind !== null,
      (r) => r.started,
    ),
    investment: moneyRatio(rows, 'completed'),
    funding: moneyRatio(rows, 'funds'),
    production: countRatio(
      rows,
      (r) => r.productionDue,
      (r) => r.producedOnTime,
    ),
    coverage: countRatio(
      rows,
      (r) => r.visitDue,
      (r) => r.visited,
    ),
    raised: tally(rows, 'raised'),
    resolved: tally(rows, 'resolved'),
    overdue: tally(rows, 'overdue'),
    resolveDays: average(rows),
    notReportedIds: rows.filter((r) => r.annualPlan > 0 && !r.reported).map((r) => r.projectId),
  };
}

export function computeFigures(
  rows: readonly KpiRow[],
  ctx: Pick<KpiContext, 'period' | 'asOf'>,
  slice: KpiSlice = {},
): KpiFigures {
  return figuresOf(sliceRows(rows, slice), ctx);
}

const summaryOf = (r: Ratio): RatioSummary => ({ numerator: r.numerator, denominator: r.denominator, value: r.value });

export function summarize(f: KpiFigures): KpiSummary {
  return {
    period: f.period,
    asOf: f.asOf,
    projects: f.projects,
    start: summaryOf(f.start),
    investment: summaryOf(f.investment),
    funding: summaryOf(f.funding),
    production: summaryOf(f.production),
    coverage: summaryOf(f.coverage),
    raised: f.raised.value,
    resolved: f.resolved.value,
    overdue: f.overdue.value,
    resolveDays: { value: f.resolveDays.value, count: f.resolveDays.count },
    notReported: f.notReportedIds.length,
  };
}

/** The value of a row in a dimension, and how it is named (groups by their name, else "no group"). */
export function dimensionOf(r: KpiRow, dim: KpiDimension): { key: string | null; label: string } {
  switch (dim) {
    case 'level':
      return { key: r.level, label: r.level };
    case 'district':
      return { key: r.district, label: r.district };
    case 'industry':
      return { key: r.industry, label: r.industry };
    case 'group':
      return r.groupId === null ? { key: null, label: '' } : { key: r.groupId, label: r.groupName ?? r.groupId };
  }
}

const ZH = new Intl.Collator('zh-CN');
const LEVEL_ORDER: readonly string[] = [
  'provincial_top100',
  'city_key_industrial',
  'district_key',
  'government_funded',
];

/**
 * The order rows of a dimension are listed in, as elsewhere in the app: levels as the enum lists
 * them, groups by name in code-point order (as the groups directory), districts and industries
 * in pinyin order (as the agenda). Projects without a group come last.
 */
function compareKeys(dim: KpiDimension, a: KpiBreakdownRow, b: KpiBreakdownRow): number {
  if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
  if (dim === 'level') return LEVEL_ORDER.indexOf(a.key) - LEVEL_ORDER.indexOf(b.key);
  if (dim === 'group') return a.label < b.label ? -1 : a.label > b.label ? 1 : a.key < b.key ? -1 : 1;
  return ZH.compare(a.label, b.label);
}

/** Figures per value of a dimension. */
export function breakdown(
  rows: readonly KpiRow[],
  dim: KpiDimension,
  ctx: Pick<KpiContext, 'period' | 'asOf'>,
): KpiBreakdownRow[] {
  const parts = new Map<string | null, { label: string; rows: KpiRow[] }>();
  for (const r of rows) {
    const { key, label } = dimensionOf(r, dim);
    const part = parts.get(key);
    if (part) part.rows.push(r);
    else parts.set(key, { label, rows: [r] });
  }
  return [...parts.entries()]
    .map(([key, p]) => ({ key, label: p.label, figures: summarize(figuresOf(p.rows, ctx)) }))
    .sort((a, b) => compareKeys(dim, a, b));
}
