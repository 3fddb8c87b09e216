/**
 * How each project counts in a period's figures (DOMAIN.md "the figures leaders watch"), decided
 * once here for the dashboard, the monthly report and a month's closing snapshot. Where DOMAIN.md
 * is silent the choice is written next to the code; tests/unit/kpi/*.test.ts computes them by hand.
 */
import { daysBetween } from '../calendar';
import type { ProjectLevel } from '../domain/project';
import type { KpiPeriod, KpiRow } from './types';

/** The dates a period's figures hang on. */
export interface KpiContext {
  period: KpiPeriod;
  year: number;
  /** 1 January of the period's year. */
  yearStart: string;
  /** The first day of the period. */
  first: string;
  /** The period's last day, or today when that is earlier (a running month stands at today). */
  asOf: string;
  /** The first day of the period's last month: figures from a visit on or after it are "reported". */
  lastMonthStart: string;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function kpiContext(period: KpiPeriod, today: string): KpiContext {
  const end = lastDayOfMonth(period.to);
  const year = Number(period.to.slice(0, 4));
  return {
    period,
    year,
    yearStart: `${year}-01-01`,
    first: `${period.from}-01`,
    asOf: today < end ? today : end,
    lastMonthStart: `${period.to}-01`,
  };
}

/** A single month as a period. */
export function monthPeriod(month: string): KpiPeriod {
  return { from: month, to: month };
}

/** What the rows need of a project (its current attributes; dates are Asia/Shanghai calendar dates). */
export interface KpiProjectInput {
  id: string;
  code: string;
  name: string;
  level: ProjectLevel;
  district: string;
  groupId: string | null;
  groupName: string | null;
  industry: string;
  isNew: boolean;
  plannedStart: string | null;
  actualStart: string | null;
  plannedProduction: string | null;
  actualProduction: string | null;
  annualPlannedInvestment: number;
  /** This year's spring resumption (复工) date, from the project's resumption row of the year. */
  resumedOn: string | null;
  /** The month the project's current group assignment began (as the month's plan dates it); null: no group. */
  dueSince: string | null;
}

/** A submitted, not deleted visit, as far as the money figures go. */
export interface KpiVisit {
  id: string;
  date: string;
  submittedAt: number | null;
  completed: number | null;
  funds: number | null;
}

/** The visit whose figures count. */
export interface CountedFigures {
  date: string;
  completed: number | null;
  funds: number | null;
}

/** A problem, as far as the counts go. */
export interface KpiProblem {
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  raisedOn: string;
  resolvedOn: string | null;
  deadline: string | null;
}

export interface ProblemFacts {
  raised: number;
  resolved: number;
  resolveDays: number;
  overdue: number;
}

export const NO_PROBLEMS: ProblemFacts = { raised: 0, resolved: 0, resolveDays: 0, overdue: 0 };

/** The facts the db gathers per project; `figures` null when no visit this year counts. */
export interface ProjectFacts {
  figures: CountedFigures | null;
  visited: boolean;
  problems: ProblemFacts;
}

/** Visits in the order "latest" is decided in: date, then submission time, then id (monthly-figures.ts). */
export function compareVisits(a: KpiVisit, b: KpiVisit): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const sa = a.submittedAt ?? -1;
  const sb = b.submittedAt ?? -1;
  if (sa !== sb) return sa - sb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Which figures count for the period (DOMAIN.md): those of the latest submitted visit of its
 * last month; without one, the last known figures carried forward (未报送). Completed investment
 * and funds in place are this-year amounts, so only visits from 1 January count: they restart
 * in January and nothing is carried over New Year. The whole visit counts (as on the project's
 * chart), so a figure the latest visit left blank is blank, not taken from an earlier visit.
 */
export function countedFigures(visits: readonly KpiVisit[], ctx: KpiContext): CountedFigures | null {
  let best: KpiVisit | null = null;
  for (const v of visits) {
    if (v.date < ctx.yearStart || v.date > ctx.asOf) continue;
    if (best === null || compareVisits(v, best) > 0) best = v;
  }
  return best ? { date: best.date, completed: best.completed, funds: best.funds } : null;
}

/** A submitted visit is dated in the period (up to its as-of day). */
export function visitedIn(visits: readonly KpiVisit[], ctx: KpiContext): boolean {
  return visits.some((v) => v.date >= ctx.first && v.date <= ctx.asOf);
}

/** Sorts a project's visits into the order "latest" is decided in (in place) and returns them. */
export function sortVisits(visits: KpiVisit[]): KpiVisit[] {
  return visits.sort(compareVisits);
}

/** The index of the latest visit dated on or before `day` in visits sorted by compareVisits; -1: none. */
export function latestIndex(sorted: readonly KpiVisit[], day: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.date <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * countedFigures() and visitedIn() at once on visits already sorted by compareVisits, by binary
 * search: the dashboard's trend asks this of every project for every month of the year.
 */
export function factsAtSorted(sorted: readonly KpiVisit[], ctx: KpiContext): Pick<ProjectFacts, 'figures' | 'visited'> {
  const i = latestIndex(sorted, ctx.asOf);
  const v = i >= 0 ? sorted[i]! : null;
  if (v === null || v.date < ctx.yearStart) return { figures: null, visited: false };
  return { figures: { date: v.date, completed: v.completed, funds: v.funds }, visited: v.date >= ctx.first };
}

/**
 * A problem is resolved by a day when its resolution date is on or before it; one marked resolved
 * or closed without a date (hand-entered data) counts as resolved, at no known date.
 */
function resolvedBy(p: KpiProblem, day: string): boolean {
  if (p.resolvedOn !== null) return p.resolvedOn <= day;
  return p.status === 'resolved' || p.status === 'closed';
}

/**
 * Raised and resolved count by date within the period; overdue is the state at the as-of day:
 * raised by then, its deadline before that day, not resolved by then (a deadline of today is not
 * overdue yet, as in the deadline summary). Days to resolve never count below zero.
 */
export function problemFacts(problems: readonly KpiProblem[], ctx: KpiContext): ProblemFacts {
  const out = { ...NO_PROBLEMS };
  for (const p of problems) {
    if (p.raisedOn >= ctx.first && p.raisedOn <= ctx.asOf) out.raised += 1;
    if (p.resolvedOn !== null && p.resolvedOn >= ctx.first && p.resolvedOn <= ctx.asOf) {
      out.resolved += 1;
      out.resolveDays += Math.max(0, daysBetween(p.raisedOn, p.resolvedOn));
    }
    if (p.deadline !== null && p.deadline < ctx.asOf && p.raisedOn <= ctx.asOf && !resolvedBy(p, ctx.asOf)) {
      out.overdue += 1;
    }
  }
  return out;
}

const yearEnd = (ctx: KpiContext): string => `${ctx.year}-12-31`;
const inYearBy = (d: string | null, ctx: KpiContext): d is string => d !== null && d >= ctx.yearStart && d <= ctx.asOf;

/**
 * 开复工率's part (DOMAIN.md: started new + resumed continuing ÷ new due to start + continuing).
 * The denominator is the year's list, as the campaigns count it ("开复工率 100 % by the end of
 * June"): a new project is due when its planned start is in the year or earlier (a slipped start
 * is still due), or it started in the year; every continuing project is due to resume. Started:
 * a new project's actual start on or before the as-of day; a continuing one's resumption of the
 * year on or before it — or a first start in the year, for a project entered as continuing.
 */
export function startKindOf(p: KpiProjectInput, ctx: KpiContext): KpiRow['startKind'] {
  if (!p.isNew) return 'continuing';
  const due = (p.plannedStart !== null && p.plannedStart <= yearEnd(ctx)) || inYearBy(p.actualStart, ctx);
  return due ? 'new' : null;
}

/** Started or resumed by the as-of day, for a project due to (see startKindOf). */
export function startedBy(p: KpiProjectInput, ctx: KpiContext): boolean {
  if (p.isNew) return p.actualStart !== null && p.actualStart <= ctx.asOf;
  return inYearBy(p.resumedOn, ctx) || inYearBy(p.actualStart, ctx);
}

export function startPart(p: KpiProjectInput, ctx: KpiContext): Pick<KpiRow, 'startKind' | 'started'> {
  const startKind = startKindOf(p, ctx);
  return { startKind, started: startKind !== null && startedBy(p, ctx) };
}

/**
 * 按期投产率's part: due when the planned production date falls in the year up to the as-of day;
 * on time when in production on or before that planned date.
 */
export function productionDueBy(p: KpiProjectInput, ctx: KpiContext): boolean {
  return inYearBy(p.plannedProduction, ctx);
}

export function producedOnTime(p: KpiProjectInput, ctx: KpiContext): boolean {
  return (
    productionDueBy(p, ctx) &&
    p.actualProduction !== null &&
    p.actualProduction <= p.plannedProduction! &&
    p.actualProduction <= ctx.asOf
  );
}

export function productionPart(p: KpiProjectInput, ctx: KpiContext): Pick<KpiRow, 'productionDue' | 'producedOnTime'> {
  return { productionDue: productionDueBy(p, ctx), producedOnTime: producedOnTime(p, ctx) };
}

/** One project's row for the period. */
export function kpiRow(p: KpiProjectInput, facts: ProjectFacts, ctx: KpiContext): KpiRow {
  const f = facts.figures;
  // Visits are due from the month the group took the project on (the month's plan counts the same way).
  const visitDue = p.dueSince !== null && p.dueSince <= ctx.period.to;
  return {
    projectId: p.id,
    code: p.code,
    name: p.name,
    level: p.level,
    district: p.district,
    groupId: p.groupId,
    groupName: p.groupName,
    industry: p.industry,
    ...startPart(p, ctx),
    annualPlan: p.annualPlannedInvestment,
    completed: f?.completed ?? 0,
    funds: f?.funds ?? 0,
    figuresDate: f?.date ?? null,
    reported: f !== null && f.date >= ctx.lastMonthStart,
    ...productionPart(p, ctx),
    visitDue,
    visited: facts.visited,
    ...facts.problems,
  };
}
