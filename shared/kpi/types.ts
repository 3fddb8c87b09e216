/**
 * The figures leaders watch (DOMAIN.md, "the four rates" 四率) as plain data: the period and
 * slice they are asked for, one row of contributions per project, and the figures summed from
 * those rows. Pure: no node:*, no DOM; the db layer (electron/backend/db/kpi*.ts) gathers the
 * inputs, these modules compute.
 */
import { z } from 'zod';
import { CalendarDate, Id, Month, ShortText } from '../domain/primitives';
import { ProjectLevel } from '../domain/project';

/**
 * A period of whole Asia/Shanghai months within one year (the rates are annual: 本年).
 * A month is `{from: m, to: m}`; 前三季度 is `{from: 'YYYY-01', to: 'YYYY-09'}`.
 */
export const KpiPeriod = z
  .object({ from: Month, to: Month })
  .strict()
  .refine((p) => p.from.slice(0, 4) === p.to.slice(0, 4) && p.from <= p.to, {
    message: 'a period runs forward within one year',
  });
export type KpiPeriod = z.infer<typeof KpiPeriod>;

/** Which projects: every listed value of a dimension matches (OR), dimensions combine (AND); empty = all. */
export const KpiSlice = z
  .object({
    levels: z.array(ProjectLevel).max(10).default([]),
    districts: z.array(ShortText).max(300).default([]),
    groupIds: z.array(Id).max(300).default([]),
    industries: z.array(ShortText).max(300).default([]),
  })
  .strict();
export type KpiSlice = z.input<typeof KpiSlice>;

export const KpiDimension = z.enum(['level', 'district', 'group', 'industry']);
export type KpiDimension = z.infer<typeof KpiDimension>;

/** The four rates (四率). */
export const RateKey = z.enum(['start', 'investment', 'funding', 'production']);
export type RateKey = z.infer<typeof RateKey>;
export const RATE_KEYS: readonly RateKey[] = RateKey.options;

/** Every figure that clicks through to its projects. */
export const FigureKey = z.enum([
  'start',
  'investment',
  'funding',
  'production',
  'coverage',
  'raised',
  'resolved',
  'overdue',
  'resolveDays',
]);
export type FigureKey = z.infer<typeof FigureKey>;
export type RatioKey = Extract<FigureKey, RateKey | 'coverage'>;
export const RATIO_KEYS: readonly RatioKey[] = ['start', 'investment', 'funding', 'production', 'coverage'];

/**
 * One project's part in the figures of a period (see rows.ts for how each field is decided).
 * A closed month's snapshot is a list of these, so every slice of it can be recomputed.
 */
export const KpiRow = z.object({
  projectId: Id,
  code: ShortText,
  name: ShortText,
  level: ProjectLevel,
  district: ShortText,
  groupId: Id.nullable(),
  groupName: ShortText.nullable(),
  industry: ShortText,
  /** 开复工: due to start this year (new) or to resume (continuing); null: neither. */
  startKind: z.enum(['new', 'continuing']).nullable(),
  /** Started (new) or resumed (continuing) by the period's end; false when startKind is null. */
  started: z.boolean(),
  /** Yuan. */
  annualPlan: z.number().int().min(0),
  /** 本年完成投资 of the figures that count (0 when none), yuan. */
  completed: z.number().int().min(0),
  /** 资金到位 of the figures that count (0 when none), yuan. */
  funds: z.number().int().min(0),
  /** The date of the visit whose figures count; null when no visit this year reported any. */
  figuresDate: CalendarDate.nullable(),
  /** The figures come from a visit in the period's last month (else carried forward: 未报送). */
  reported: z.boolean(),
  /** 按期投产: planned production falls in the year up to the period's end. */
  productionDue: z.boolean(),
  /** In production on or before the planned date (only when productionDue). */
  producedOnTime: z.boolean(),
  /** Assigned to a service group by the period's end: one visit due each month. */
  visitDue: z.boolean(),
  /** A submitted visit is dated in the period. */
  visited: z.boolean(),
  /** Problems raised in the period. */
  raised: z.number().int().min(0),
  /** Problems resolved in the period. */
  resolved: z.number().int().min(0),
  /** Sum over the problems resolved in the period of the days from raised to resolved. */
  resolveDays: z.number().int().min(0),
  /** Problems overdue at the period's end (deadline passed, not resolved). */
  overdue: z.number().int().min(0),
});
export type KpiRow = z.infer<typeof KpiRow>;

/** A rate: value = numerator ÷ denominator, null when the denominator is 0 (shown "—"). */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
  numeratorIds: string[];
  denominatorIds: string[];
}

/** A count (problems) and the projects it comes from. */
export interface Tally {
  value: number;
  projectIds: string[];
}

/** Average days from raised to resolved over `count` problems; null when none was resolved. */
export interface Average {
  value: number | null;
  count: number;
  totalDays: number;
  projectIds: string[];
}

export interface KpiFigures {
  period: KpiPeriod;
  /** The date the figures stand at: the period's last day, or today when that is earlier. */
  asOf: string;
  /** Projects in the slice. */
  projects: number;
  start: Ratio;
  investment: Ratio;
  funding: Ratio;
  production: Ratio;
  coverage: Ratio;
  raised: Tally;
  resolved: Tally;
  overdue: Tally;
  resolveDays: Average;
  /** Projects with an annual plan whose figures were not reported in the period's last month (未报送). */
  notReportedIds: string[];
}

/** The same figures without the project lists: what a dashboard or a table shows. */
export interface RatioSummary {
  numerator: number;
  denominator: number;
  value: number | null;
}
export interface KpiSummary {
  period: KpiPeriod;
  asOf: string;
  projects: number;
  start: RatioSummary;
  investment: RatioSummary;
  funding: RatioSummary;
  production: RatioSummary;
  coverage: RatioSummary;
  raised: number;
  resolved: number;
  overdue: number;
  resolveDays: { value: number | null; count: number };
  notReported: number;
}

/** Figures of one value of a dimension (a district, a group …). */
export interface KpiBreakdownRow {
  /** The district, group id, level or industry; null for projects without a group. */
  key: string | null;
  label: string;
  figures: KpiSummary;
}
