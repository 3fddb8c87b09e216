import type { Database } from 'better-sqlite3';
import { addDays, daysBetween, shanghaiDate } from '../../../shared/calendar';
import type { HandlingLevel } from '../../../shared/domain/problem';
import type { DeadlineItem, WeeklyEscalatedItem, WeeklyProblemSummary } from '../../../shared/domain/plan';
import { num, str, stmt, type Row } from './cells';
import { PROBLEM_REF_SELECT, rowToProblemRef, sortByDistrict } from './problem-refs';

/*
 * 每周问题报告 (the weekly problem report the district plans ask for): a Monday-to-Sunday
 * week in Asia/Shanghai. New and resolved go by the problems' raised and resolved dates,
 * escalations by their instant; overdue is judged at the week's end, or today while the
 * week is still running.
 */

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((day + 6) % 7));
}

/** Asia/Shanghai midnight at the start of a date, as epoch ms. */
function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

export function weeklyProblems(db: Database, weekOf: string | undefined, now: number): WeeklyProblemSummary {
  const today = shanghaiDate(now);
  const weekStart = mondayOf(weekOf ?? today);
  const weekEnd = addDays(weekStart, 6);
  const asOf = weekEnd < today ? weekEnd : today;
  const order = 'ORDER BY p.code, pr.raised_on, pr.id';

  const created = stmt(
    db,
    `${PROBLEM_REF_SELECT} WHERE pr.deleted = 0 AND pr.raised_on >= ? AND pr.raised_on <= ? ${order}`,
  ).all(weekStart, weekEnd) as Row[];
  const resolved = stmt(
    db,
    `${PROBLEM_REF_SELECT} WHERE pr.deleted = 0 AND pr.resolved_on >= ? AND pr.resolved_on <= ? ${order}`,
  ).all(weekStart, weekEnd) as Row[];
  // Not resolved by asOf: still open, or resolved only after it (a closed problem keeps resolved_on).
  // Each half has its index; the open half reads only the covering one.
  const overdue = stmt(
    db,
    `${PROBLEM_REF_SELECT}
      WHERE pr.id IN (
          SELECT id FROM problems WHERE deleted = 0 AND status IN ('open', 'in_progress')
             AND deadline IS NOT NULL AND deadline < ?
          UNION ALL
          SELECT id FROM problems WHERE resolved_on > ? AND deadline < ? AND deleted = 0)
        AND pr.raised_on <= ?
      ORDER BY pr.deadline, p.code, pr.id`,
  ).all(asOf, asOf, asOf, asOf) as Row[];
  const escalated = stmt(
    db,
    `SELECT q.*, e.from_level, e.to_level, e.at, e.reason
       FROM escalations e
       JOIN (${PROBLEM_REF_SELECT} WHERE pr.deleted = 0) q ON q.problem_id = e.problem_id
      WHERE e.deleted = 0 AND e.kind = 'escalate' AND e.at >= ? AND e.at < ?
      ORDER BY e.at, e.id`,
  ).all(shanghaiMidnight(weekStart), shanghaiMidnight(addDays(weekEnd, 1))) as Row[];

  const overdueItems = overdue.map((r): DeadlineItem => {
    const ref = rowToProblemRef(r);
    return { ...ref, daysLeft: daysBetween(asOf, ref.deadline!) };
  });
  const escalatedItems = escalated.map((r): WeeklyEscalatedItem => ({
    ...rowToProblemRef(r),
    from: str(r['from_level']) as HandlingLevel,
    to: str(r['to_level']) as HandlingLevel,
    at: num(r['at']),
    reason: str(r['reason']),
  }));
  return {
    weekStart,
    weekEnd,
    asOf,
    new: sortByDistrict(created.map(rowToProblemRef)),
    resolved: sortByDistrict(resolved.map(rowToProblemRef)),
    overdue: overdueItems,
    escalated: escalatedItems,
    counts: {
      new: created.length,
      resolved: resolved.length,
      overdue: overdueItems.length,
      escalated: escalatedItems.length,
    },
  };
}
