/**
 * The channels of issue 7's figures (merged into shared/api.ts): the four rates and the rest for
 * any period and slice, the projects behind a figure, the dashboard, month closings and targets.
 */
import { z } from 'zod';
import type { DeadlineItem } from '../domain/plan';
import { CalendarDate, Id, LongText, Month, ShortText } from '../domain/primitives';
import type { Amendment } from '../kpi/amend';
import type { CampaignTarget, TargetRate } from '../kpi/targets';
import { TargetSaveInput } from '../kpi/targets';
import {
  FigureKey,
  KpiDimension,
  KpiPeriod,
  KpiSlice,
  type KpiBreakdownRow,
  type KpiFigures,
  type KpiRow,
  type KpiSummary,
  type RatioSummary,
} from '../kpi/types';
import { channel, NoInput } from './define';

export const KpiFiguresQuery = z
  .object({
    /** Default: the current Asia/Shanghai month. */
    period: KpiPeriod.optional(),
    slice: KpiSlice.prefault({}),
    /** Breakdowns to add (figures per district, group …). */
    by: z.array(KpiDimension).max(4).default([]),
  })
  .strict();
export type KpiFiguresQuery = z.input<typeof KpiFiguresQuery>;

/** A month closing as users see it. */
export const MonthClosingInfo = z.object({
  month: Month,
  status: z.enum(['closed', 'reopened']),
  /** The day the snapshot's figures stand at (the month's last day). */
  asOf: CalendarDate.nullable(),
  projects: z.number().int().nullable(),
  closedAt: z.number().int().nullable(),
  closedByName: ShortText.nullable(),
  note: LongText.nullable(),
  reopenedAt: z.number().int().nullable(),
  reopenedByName: ShortText.nullable(),
  reopenReason: LongText.nullable(),
  /** Closed and the whole snapshot is here (false while its parts are still syncing). */
  snapshotReady: z.boolean(),
});
export type MonthClosingInfo = z.infer<typeof MonthClosingInfo>;

export interface KpiFiguresResult {
  figures: KpiFigures;
  breakdowns: Partial<Record<KpiDimension, KpiBreakdownRow[]>>;
  /** 'snapshot': a closed month, its frozen figures; 'live': computed from the data now. */
  source: 'snapshot' | 'live';
  closing: MonthClosingInfo | null;
  /** For a closed month: what changed since it was closed (empty lists when nothing did). */
  amendment: Amendment | null;
}

export interface KpiTrendPoint {
  month: string;
  closed: boolean;
  start: RatioSummary;
  investment: RatioSummary;
  funding: RatioSummary;
  production: RatioSummary;
  coverage: RatioSummary;
}

export const KpiDashboardQuery = z
  .object({
    /** Default: the current Asia/Shanghai month. */
    month: Month.optional(),
    slice: KpiSlice.prefault({}),
  })
  .strict();
export type KpiDashboardQuery = z.input<typeof KpiDashboardQuery>;

/** Problems listed on the dashboard: the most overdue first. */
export const DASHBOARD_OVERDUE_ITEMS = 10;

export interface KpiDashboard {
  month: string;
  today: string;
  asOf: string;
  source: 'snapshot' | 'live';
  closing: MonthClosingInfo | null;
  amendment: Amendment | null;
  figures: KpiSummary;
  byDistrict: KpiBreakdownRow[];
  byGroup: KpiBreakdownRow[];
  targets: CampaignTarget[];
  /** The target each rate is measured against at `asOf` (see shared/kpi/targets.ts targetFor). */
  applied: Record<TargetRate, CampaignTarget | null>;
  /** Problems overdue at `asOf` in the slice, most overdue first (at most DASHBOARD_OVERDUE_ITEMS). */
  overdueItems: DeadlineItem[];
  /** The signed-in user may close months and set targets. */
  mayManage: boolean;
  /** The month may be closed now: it has reached its last day, and it is not closed already. */
  mayClose: boolean;
}

export const KpiProjectsQuery = z
  .object({
    period: KpiPeriod.optional(),
    slice: KpiSlice.prefault({}),
    figure: FigureKey,
  })
  .strict();
export type KpiProjectsQuery = z.input<typeof KpiProjectsQuery>;

/** The projects behind a figure: a rate's denominator (with those in its numerator marked), a count's projects. */
export interface KpiProjectList {
  figure: FigureKey;
  source: 'snapshot' | 'live';
  asOf: string;
  rows: KpiRow[];
  /** Of `rows`, those counted above the line (a rate's numerator; every row for a count). */
  numeratorIds: string[];
}

export const MonthCloseInput = z.object({ month: Month, note: LongText.trim().max(2000).default('') }).strict();
export type MonthCloseInput = z.input<typeof MonthCloseInput>;

export const MonthReopenInput = z.object({ month: Month, reason: LongText.trim().min(1).max(2000) }).strict();
export type MonthReopenInput = z.input<typeof MonthReopenInput>;

const IdInput = z.object({ id: Id }).strict();

export const kpiChannels = {
  /** Figures for a period and slice with the projects behind each; a closed month from its snapshot. */
  'kpi.figures': channel<typeof KpiFiguresQuery, KpiFiguresResult>(KpiFiguresQuery),
  /** Everything the dashboard shows for a month but the trend, without project lists. */
  'kpi.dashboard': channel<typeof KpiDashboardQuery, KpiDashboard>(KpiDashboardQuery),
  /** The rates month by month, January to the month (closed months from their snapshots). */
  'kpi.trend': channel<typeof KpiDashboardQuery, KpiTrendPoint[]>(KpiDashboardQuery),
  /** "Which ones?": the projects behind one figure. */
  'kpi.projects': channel<typeof KpiProjectsQuery, KpiProjectList>(KpiProjectsQuery),
  /** Month closings, newest month first. */
  'kpi.closings': channel<typeof NoInput, MonthClosingInfo[]>(NoInput),
  /** Coordinators and admins: freeze a month's figures (from its last day on). */
  'kpi.close': channel<typeof MonthCloseInput, MonthClosingInfo>(MonthCloseInput),
  /** Coordinators and admins: reopen a closed month (a reason is required); closing again takes a new snapshot. */
  'kpi.reopen': channel<typeof MonthReopenInput, MonthClosingInfo>(MonthReopenInput),
  'kpi.targets': channel<typeof NoInput, CampaignTarget[]>(NoInput),
  /** Coordinators and admins. */
  'kpi.saveTarget': channel<typeof TargetSaveInput, CampaignTarget>(TargetSaveInput),
  /** Coordinators and admins. */
  'kpi.deleteTarget': channel<typeof IdInput, { id: string }>(IdInput),
} as const;
