/**
 * The month-by-month trend of the rates: the sums of figures.ts for each month, accumulated
 * project by project without building a row per project and month (a province's year is 36,000
 * of them on every dashboard refresh). tests/unit/kpi/targets-trend.test.ts checks it against the rows.
 */
import { ratioOf } from './figures';
import {
  latestIndex,
  producedOnTime,
  productionDueBy,
  startedBy,
  startKindOf,
  type KpiContext,
  type KpiProjectInput,
  type KpiVisit,
} from './rows';
import type { RatioSummary } from './types';

export interface TrendTotals {
  start: RatioSummary;
  investment: RatioSummary;
  funding: RatioSummary;
  production: RatioSummary;
  coverage: RatioSummary;
}

const NONE: readonly KpiVisit[] = [];

/** The rates of one month over the given projects; visits per project sorted by compareVisits. */
export function monthTotals(
  projects: readonly KpiProjectInput[],
  visitsByProject: ReadonlyMap<string, readonly KpiVisit[]>,
  ctx: KpiContext,
): TrendTotals {
  let startNum = 0;
  let startDen = 0;
  let completed = 0;
  let funds = 0;
  let plan = 0;
  let prodNum = 0;
  let prodDen = 0;
  let covNum = 0;
  let covDen = 0;
  // Booleans and an index only: no object per project and month (36,000 a refresh at province scale).
  for (const p of projects) {
    if (startKindOf(p, ctx) !== null) {
      startDen += 1;
      if (startedBy(p, ctx)) startNum += 1;
    }
    const visits = visitsByProject.get(p.id) ?? NONE;
    const i = latestIndex(visits, ctx.asOf);
    const v = i >= 0 && visits[i]!.date >= ctx.yearStart ? visits[i]! : null;
    completed += v?.completed ?? 0;
    funds += v?.funds ?? 0;
    plan += p.annualPlannedInvestment;
    if (productionDueBy(p, ctx)) {
      prodDen += 1;
      if (producedOnTime(p, ctx)) prodNum += 1;
    }
    if (p.dueSince !== null && p.dueSince <= ctx.period.to) {
      covDen += 1;
      if (v !== null && v.date >= ctx.first) covNum += 1;
    }
  }
  const r = (n: number, d: number): RatioSummary => ({ numerator: n, denominator: d, value: ratioOf(n, d) });
  return {
    start: r(startNum, startDen),
    investment: r(completed, plan),
    funding: r(funds, plan),
    production: r(prodNum, prodDen),
    coverage: r(covNum, covDen),
  };
}
