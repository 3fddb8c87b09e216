import type { KpiTrendPoint } from '../../../../shared/channels/kpi';
import type { AmendField } from '../../../../shared/kpi/amend';
import { formatRate, formatTargetBp, NO_VALUE } from '../../../../shared/kpi/format';
import { meetsTarget, type CampaignTarget } from '../../../../shared/kpi/targets';
import type { FigureKey, KpiRow, KpiSlice, RatioKey, RatioSummary } from '../../../../shared/kpi/types';
import { formatWan } from '../../../../shared/money';

/** Pure helpers of the dashboard (unit-tested in tests/unit/kpi/dashboard-logic.test.ts). */

export const CARD_RATES: readonly RatioKey[] = ['start', 'investment', 'funding', 'production'];

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthParts(month: string): { year: number; month: number } {
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** A rate as the cards show it: "91.6%" or "—". */
export const rateText = (r: RatioSummary | null | undefined): string => (r ? formatRate(r.value) : NO_VALUE);

/** Money rates count yuan, the others projects. */
export function isMoney(key: RatioKey): boolean {
  return key === 'investment' || key === 'funding';
}

export interface TargetState {
  text: string;
  dueOn: string | null;
  met: boolean | null;
  /** Percentage points still missing (one decimal), when not met. */
  gap: number | null;
}

export function targetState(value: number | null, target: CampaignTarget | null): TargetState | null {
  if (!target) return null;
  const met = meetsTarget(value, target);
  const gap = met === false && value !== null ? Math.round((target.targetBp - value * 10_000) / 10) / 10 : null;
  return { text: formatTargetBp(target.targetBp), dueOn: target.dueOn, met, gap };
}

/** A progress bar's percent: the rate against its target (or against 100 % without one), capped at 100. */
export function progressPercent(value: number | null, target: CampaignTarget | null): number {
  if (value === null) return 0;
  const full = target ? target.targetBp / 10_000 : 1;
  if (full <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((value / full) * 100)));
}

/** Does a slice narrow anything? */
export function sliceIsEmpty(slice: KpiSlice): boolean {
  return !slice.levels?.length && !slice.districts?.length && !slice.groupIds?.length && !slice.industries?.length;
}

/** What the drawer shows of a row for a figure: the money, the count, the date. */
export function rowValue(row: KpiRow, figure: FigureKey, lang: string): string {
  const locale = lang === 'zh-CN' ? 'zh-CN' : 'en-US';
  const wan = (yuan: number) => formatWan(yuan, 0, locale);
  switch (figure) {
    case 'investment':
      return `${wan(row.completed)} / ${wan(row.annualPlan)}`;
    case 'funding':
      return `${wan(row.funds)} / ${wan(row.annualPlan)}`;
    case 'raised':
      return String(row.raised);
    case 'resolved':
      return String(row.resolved);
    case 'overdue':
      return String(row.overdue);
    case 'resolveDays':
      return `${row.resolved} · ${row.resolveDays}`;
    default:
      return '';
  }
}

/** A changed value in the amendment list, in the user's words. */
export function amendValue(
  field: AmendField,
  value: string | number | boolean | null,
  words: { yes: string; no: string; kind: (k: 'new' | 'continuing') => string },
  lang: string,
): string {
  if (value === null) return NO_VALUE;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (field === 'startKind') return value === 'new' || value === 'continuing' ? words.kind(value) : String(value);
  if (field === 'annualPlan' || field === 'completed' || field === 'funds') {
    return formatWan(Number(value), 2, lang === 'zh-CN' ? 'zh-CN' : 'en-US');
  }
  return String(value);
}

/** An amended figure's value: a rate as a percentage, a count as is, days with one decimal. */
export function amendFigureValue(figure: FigureKey, value: number | null): string {
  if (value === null) return NO_VALUE;
  if (figure === 'raised' || figure === 'resolved' || figure === 'overdue') return String(value);
  if (figure === 'resolveDays') return value.toFixed(1);
  return formatRate(value);
}

/** The trend chart's series, in order; the target lines come after them. */
export const TREND_SERIES: readonly RatioKey[] = [...CARD_RATES, 'coverage'];

/** The rate and month behind a clicked point; null for the target lines, which have no projects of their own. */
export function trendPointFigure(
  trend: readonly KpiTrendPoint[],
  seriesIndex: number,
  dataIndex: number,
): { figure: RatioKey; month: string } | null {
  const figure = TREND_SERIES[seriesIndex];
  const point = trend[dataIndex];
  return figure && point ? { figure, month: point.month } : null;
}
