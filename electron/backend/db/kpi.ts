import type { Database } from 'better-sqlite3';
import { shanghaiDate, shanghaiMonth } from '../../../shared/calendar';
import type {
  KpiFiguresQuery,
  KpiFiguresResult,
  KpiProjectList,
  KpiProjectsQuery,
  MonthClosingInfo,
  MonthCloseInput,
} from '../../../shared/channels/kpi';
import { AppError } from '../../../shared/errors';
import { amendmentOf } from '../../../shared/kpi/amend';
import { breakdown, computeFigures, sliceRows } from '../../../shared/kpi/figures';
import {
  kpiContext,
  kpiRow,
  lastDayOfMonth,
  monthPeriod,
  NO_PROBLEMS,
  type KpiContext,
} from '../../../shared/kpi/rows';
import { KpiPeriod, type KpiDimension, type KpiRow, type KpiSlice } from '../../../shared/kpi/types';
import { closedSnapshot, writeClosing } from './kpi-closings';
import { kpiLatestFigures, kpiProblemFacts, kpiProjects } from './kpi-gather';
import type { Actor } from './writer';

/*
 * The figures for a period and slice, the projects behind a figure and month closing. A single
 * closed month reads its frozen snapshot, with what changed since as an amendment; every other
 * period is computed from the data as it stands (inputs gathered in kpi-gather.ts, the rules in
 * shared/kpi). The dashboard and its trend are in kpi-dashboard.ts.
 */

/** Every project's row for the period, from three set queries. */
function rowsOf(db: Database, ctx: KpiContext): KpiRow[] {
  const latest = kpiLatestFigures(db, ctx);
  const problems = kpiProblemFacts(db, ctx);
  return kpiProjects(db, ctx.year).map((p) => {
    const figures = latest.get(p.id) ?? null;
    const visited = figures !== null && figures.date >= ctx.first;
    return kpiRow(p, { figures, visited, problems: problems.get(p.id) ?? NO_PROBLEMS }, ctx);
  });
}

export function resolvePeriod(period: KpiPeriod | undefined, now: number): KpiPeriod {
  const current = shanghaiMonth(now);
  const p = period ?? monthPeriod(current);
  if (!KpiPeriod.safeParse(p).success) throw new AppError('invalid_input', 'a period runs forward within one year');
  if (p.from > current) throw new AppError('invalid_input', `the period ${p.from}…${p.to} has not begun`);
  return p;
}

/** The rows of a period as the data stands now. */
export function liveRows(db: Database, period: KpiPeriod, now: number): { rows: KpiRow[]; ctx: KpiContext } {
  const ctx = kpiContext(resolvePeriod(period, now), shanghaiDate(now));
  return { rows: rowsOf(db, ctx), ctx };
}

export interface Source {
  ctx: KpiContext;
  rows: KpiRow[];
  source: 'snapshot' | 'live';
  closing: MonthClosingInfo | null;
  /** The live rows, when the rows above are a snapshot (for the amendment). */
  live: KpiRow[] | null;
}

/** A single closed month reads its snapshot (when all of it is here); anything else is live. */
export function sourceOf(db: Database, period: KpiPeriod, now: number): Source {
  const ctx = kpiContext(period, shanghaiDate(now));
  const live = rowsOf(db, ctx);
  if (period.from !== period.to) return { ctx, rows: live, source: 'live', closing: null, live: null };
  const closed = closedSnapshot(db, period.to);
  if (!closed?.snapshot) return { ctx, rows: live, source: 'live', closing: closed?.info ?? null, live: null };
  return {
    ctx: { ...ctx, asOf: closed.snapshot.asOf },
    rows: closed.snapshot.rows,
    source: 'snapshot',
    closing: closed.info,
    live,
  };
}

/**
 * The figures of a period and slice with the projects behind each, and breakdowns by the
 * dimensions asked for. What the monthly report's four-rates table is built from.
 */
export function kpiFigures(db: Database, query: KpiFiguresQuery, now: number): KpiFiguresResult {
  const period = resolvePeriod(query.period, now);
  const slice: KpiSlice = query.slice ?? {};
  const s = sourceOf(db, period, now);
  const rows = sliceRows(s.rows, slice);
  const breakdowns: KpiFiguresResult['breakdowns'] = {};
  for (const dim of new Set<KpiDimension>(query.by ?? [])) breakdowns[dim] = breakdown(rows, dim, s.ctx);
  return {
    figures: computeFigures(rows, s.ctx),
    breakdowns,
    source: s.source,
    closing: s.closing,
    amendment: s.live ? amendmentOf(s.rows, s.live, s.ctx, slice) : null,
  };
}

/** The projects behind one figure, in code order. */
export function kpiProjectsBehind(db: Database, query: KpiProjectsQuery, now: number): KpiProjectList {
  const period = resolvePeriod(query.period, now);
  const s = sourceOf(db, period, now);
  const f = computeFigures(s.rows, s.ctx, query.slice ?? {});
  let ids: string[];
  let numeratorIds: string[];
  switch (query.figure) {
    case 'start':
    case 'investment':
    case 'funding':
    case 'production':
    case 'coverage': {
      const r = f[query.figure];
      // A money rate's numerator can name a project without a plan: list it too.
      ids = [...new Set([...r.denominatorIds, ...r.numeratorIds])];
      numeratorIds = r.numeratorIds;
      break;
    }
    case 'resolveDays':
      ids = f.resolveDays.projectIds;
      numeratorIds = ids;
      break;
    default:
      ids = f[query.figure].projectIds;
      numeratorIds = ids;
  }
  const wanted = new Set(ids);
  const rows = s.rows
    .filter((r) => wanted.has(r.projectId))
    .sort((a, b) => a.code.localeCompare(b.code) || a.projectId.localeCompare(b.projectId));
  return { figure: query.figure, source: s.source, asOf: s.ctx.asOf, rows, numeratorIds };
}

/** Freezes a month's figures: from its last day on, and not twice without reopening. */
export function closeMonth(db: Database, actor: Actor, now: number, input: MonthCloseInput): MonthClosingInfo {
  const today = shanghaiDate(now);
  const end = lastDayOfMonth(input.month);
  if (today < end) {
    throw new AppError('invalid_input', `${input.month} can be closed from its last day (${end}) on`);
  }
  const { rows, ctx } = liveRows(db, monthPeriod(input.month), now);
  return writeClosing(db, actor, now, input.month, ctx.asOf, rows, (input.note ?? '').trim());
}
