import type { Database } from 'better-sqlite3';
import { daysBetween, shanghaiDate, shanghaiMonth } from '../../../shared/calendar';
import type { KpiDashboard, KpiDashboardQuery, KpiTrendPoint } from '../../../shared/channels/kpi';
import { DASHBOARD_OVERDUE_ITEMS } from '../../../shared/channels/kpi';
import type { DeadlineItem } from '../../../shared/domain/plan';
import { amendmentOf } from '../../../shared/kpi/amend';
import { breakdown, computeFigures, sliceRows, summarize } from '../../../shared/kpi/figures';
import { kpiContext, lastDayOfMonth, monthPeriod } from '../../../shared/kpi/rows';
import { targetFor, TargetRate } from '../../../shared/kpi/targets';
import { monthTotals } from '../../../shared/kpi/trend';
import type { KpiSlice } from '../../../shared/kpi/types';
import { str, stmt, type Row } from './cells';
import { resolvePeriod, sourceOf } from './kpi';
import { closedSnapshot, closingsOfYear } from './kpi-closings';
import { yearInputs } from './kpi-gather';
import { listTargets } from './kpi-targets';
import { problemRefs } from './problem-refs';

/*
 * The dashboard: one month's figures with breakdowns by district and by group, targets, the
 * closing and the most overdue problems; and, asked for separately so the figures show first,
 * the month-by-month trend of the rates (the one part that reads every visit of the year).
 */

// Both read covering indexes in deadline order (the first with resolved_on fixed at NULL), so the
// most overdue come first and reading stops once enough of the slice's are found.
const OVERDUE_OPEN_ITEMS_SQL = `SELECT rowid, project_id, deadline FROM problems
  WHERE deleted = 0 AND resolved_on IS NULL AND status IN ('open', 'in_progress') AND deadline < ? AND raised_on <= ?
  ORDER BY deadline`;
const OVERDUE_LATER_ITEMS_SQL = `SELECT rowid, project_id, deadline FROM problems
  WHERE deleted = 0 AND resolved_on > ? AND +deadline < ? AND +raised_on <= ? ORDER BY deadline`;

type OverdueHit = [rowid: number, projectId: string, deadline: string];

function firstInSlice(rows: Iterable<unknown>, projectIds: ReadonlySet<string>, limit: number): OverdueHit[] {
  const out: OverdueHit[] = [];
  for (const r of rows as Iterable<OverdueHit>) {
    if (!projectIds.has(r[1])) continue;
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

/** Problems overdue at `asOf` among the given projects, most overdue first. */
function overdueItems(db: Database, asOf: string, projectIds: ReadonlySet<string>, limit: number): DeadlineItem[] {
  const open = firstInSlice(stmt(db, OVERDUE_OPEN_ITEMS_SQL).raw(true).iterate(asOf, asOf), projectIds, limit);
  const later = firstInSlice(stmt(db, OVERDUE_LATER_ITEMS_SQL).raw(true).iterate(asOf, asOf, asOf), projectIds, limit);
  const picked = [...open, ...later].sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] - b[0])).slice(0, limit);
  const ids = picked.map((h) => str((stmt(db, 'SELECT id FROM problems WHERE rowid = ?').get(h[0]) as Row)['id']));
  const refs = problemRefs(db, ids);
  return ids.flatMap((id, i) => {
    const ref = refs.get(id);
    return ref ? [{ ...ref, daysLeft: daysBetween(asOf, picked[i]![2]) }] : [];
  });
}

export function kpiDashboard(db: Database, query: KpiDashboardQuery, now: number, mayManage: boolean): KpiDashboard {
  const today = shanghaiDate(now);
  const month = query.month ?? shanghaiMonth(now);
  const period = resolvePeriod(monthPeriod(month), now);
  const slice: KpiSlice = query.slice ?? {};
  const s = sourceOf(db, period, now);
  const rows = sliceRows(s.rows, slice);
  const targets = listTargets(db);
  const levels = slice.levels ?? [];
  const applied = Object.fromEntries(
    TargetRate.options.map((rate) => [rate, targetFor(targets, rate, s.ctx.asOf, levels)]),
  ) as KpiDashboard['applied'];
  return {
    month,
    today,
    asOf: s.ctx.asOf,
    source: s.source,
    closing: s.closing,
    amendment: s.live ? amendmentOf(s.rows, s.live, s.ctx, slice) : null,
    figures: summarize(computeFigures(rows, s.ctx)),
    byDistrict: breakdown(rows, 'district', s.ctx),
    byGroup: breakdown(rows, 'group', s.ctx),
    targets,
    applied,
    overdueItems: overdueItems(db, s.ctx.asOf, new Set(rows.map((r) => r.projectId)), DASHBOARD_OVERDUE_ITEMS),
    mayManage,
    mayClose: mayManage && s.closing?.status !== 'closed' && today >= lastDayOfMonth(month),
  };
}

/**
 * The rates month by month, January to the month: a closed month from its snapshot, the others
 * from the year's visits as they stand (read once, kept while the database does not change).
 */
export function kpiTrend(db: Database, query: KpiDashboardQuery, now: number): KpiTrendPoint[] {
  const today = shanghaiDate(now);
  const month = resolvePeriod(monthPeriod(query.month ?? shanghaiMonth(now)), now).to;
  const slice: KpiSlice = query.slice ?? {};
  const year = Number(month.slice(0, 4));
  const closings = closingsOfYear(db, year);
  const last = kpiContext(monthPeriod(month), today);
  const inputs = yearInputs(db, year, last.asOf);
  const projects = sliceRows(inputs.projects, slice);
  const out: KpiTrendPoint[] = [];
  for (let m = 1; m <= Number(month.slice(5, 7)); m++) {
    const mm = `${year}-${String(m).padStart(2, '0')}`;
    const ctx = kpiContext(monthPeriod(mm), today);
    const c = closings.get(mm);
    const snap = c?.status === 'closed' && c.snapshotReady ? closedSnapshot(db, mm)?.snapshot : null;
    if (snap) {
      const f = summarize(computeFigures(snap.rows, { period: ctx.period, asOf: snap.asOf }, slice));
      const { start, investment, funding, production, coverage } = f;
      out.push({ month: mm, closed: true, start, investment, funding, production, coverage });
    } else {
      out.push({ month: mm, closed: false, ...monthTotals(projects, inputs.visits, ctx) });
    }
  }
  return out;
}
