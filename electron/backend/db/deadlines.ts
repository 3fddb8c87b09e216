import type { Database } from 'better-sqlite3';
import { addDays, daysBetween, shanghaiDate } from '../../../shared/calendar';
import {
  DUE_SOON_DAYS,
  type DeadlineGroupBy,
  type DeadlineItem,
  type DeadlineRow,
  type DeadlineSummary,
} from '../../../shared/domain/plan';
import { str, strOrNull, stmt, type Row } from './cells';
import { problemRefs } from './problem-refs';

/*
 * Deadlines (办结时限): open and in-progress problems overdue (deadline before today) or due
 * within the next 7 days, today included, in Asia/Shanghai. A province holds thousands of
 * them: they are counted from a covering index and the project table, and only the items
 * shown are read in full.
 */

/** Items listed per summary row, most overdue first; the counts cover them all. */
export const ITEMS_PER_ROW = 20;

/** Reads only the covering index idx_problems_open_due (migration 009). */
export const DUE_SQL = `SELECT id, project_id, lead_unit, deadline FROM problems
  WHERE deleted = 0 AND status IN ('open', 'in_progress') AND deadline IS NOT NULL AND deadline <= ?`;

/** A problem due by the horizon, as the index holds it. */
export interface DueProblem {
  problemId: string;
  projectId: string;
  leadUnit: string | null;
  deadline: string;
  daysLeft: number;
  groupId: string | null;
  groupName: string | null;
  district: string;
}

/** Open or in-progress problems with a deadline up to `until`, most overdue first. */
export function problemsDueBy(
  db: Database,
  until: string,
  today: string,
  projectIds?: ReadonlySet<string>,
): DueProblem[] {
  const rows = stmt(db, DUE_SQL).all(until) as Row[];
  const projects = new Map(
    (
      stmt(
        db,
        `SELECT p.id, p.district, p.group_id, g.name AS group_name FROM projects p
           LEFT JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0 WHERE p.deleted = 0`,
      ).all() as Row[]
    ).map((r) => [str(r['id']), r]),
  );
  const out: DueProblem[] = [];
  for (const r of rows) {
    const projectId = str(r['project_id']);
    const project = projects.get(projectId);
    if (!project || (projectIds && !projectIds.has(projectId))) continue;
    const deadline = str(r['deadline']);
    out.push({
      problemId: str(r['id']),
      projectId,
      leadUnit: strOrNull(r['lead_unit']),
      deadline,
      daysLeft: daysBetween(today, deadline),
      groupId: strOrNull(project['group_id']),
      groupName: strOrNull(project['group_name']),
      district: str(project['district']),
    });
  }
  return out.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.problemId.localeCompare(b.problemId));
}

/** The full items of some due problems, in the given order. */
export function dueItems(db: Database, due: readonly DueProblem[]): DeadlineItem[] {
  const refs = problemRefs(
    db,
    due.map((d) => d.problemId),
  );
  return due.flatMap((d) => {
    const ref = refs.get(d.problemId);
    return ref ? [{ ...ref, daysLeft: d.daysLeft }] : [];
  });
}

const NONE_LABEL: Record<DeadlineGroupBy, string> = {
  group: '未分组',
  unit: '未指定牵头单位',
  district: '未指定区县',
};

function keyOf(item: DueProblem, by: DeadlineGroupBy): { key: string | null; label: string } {
  if (by === 'group') {
    return item.groupId
      ? { key: item.groupId, label: item.groupName ?? item.groupId }
      : { key: null, label: NONE_LABEL.group };
  }
  const value = by === 'unit' ? item.leadUnit : item.district;
  return value ? { key: value, label: value } : { key: null, label: NONE_LABEL[by] };
}

export function deadlineSummary(db: Database, by: DeadlineGroupBy, now: number): DeadlineSummary {
  const today = shanghaiDate(now);
  const due = problemsDueBy(db, addDays(today, DUE_SOON_DAYS), today);
  const rows = new Map<string | null, { row: Omit<DeadlineRow, 'items'>; due: DueProblem[] }>();
  for (const d of due) {
    const { key, label } = keyOf(d, by);
    const entry = rows.get(key) ?? { row: { key, label, dueSoon: 0, overdue: 0 }, due: [] };
    if (d.daysLeft < 0) entry.row.overdue += 1;
    else entry.row.dueSoon += 1;
    if (entry.due.length < ITEMS_PER_ROW) entry.due.push(d);
    rows.set(key, entry);
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      b.row.overdue - a.row.overdue || b.row.dueSoon - a.row.dueSoon || a.row.label.localeCompare(b.row.label, 'zh-CN'),
  );
  const items = dueItems(
    db,
    sorted.flatMap((e) => e.due),
  );
  const byId = new Map(items.map((i) => [i.problemId, i]));
  return {
    by,
    today,
    rows: sorted.map((e) => ({
      ...e.row,
      items: e.due.flatMap((d) => {
        const item = byId.get(d.problemId);
        return item ? [item] : [];
      }),
    })),
    totals: {
      dueSoon: due.filter((d) => d.daysLeft >= 0).length,
      overdue: due.filter((d) => d.daysLeft < 0).length,
    },
  };
}
