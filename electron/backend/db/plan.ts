import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { monthOf, shanghaiDate, shanghaiMonth } from '../../../shared/calendar';
import type { PlanMonthQuery, PlanScheduleInput } from '../../../shared/channels/plan';
import type { LocalUser } from '../../../shared/domain/identity';
import type { GroupCoverage, GroupView, MonthPlan, MonthPlanEntry, VisitPlan } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { parseHlc } from '../../../shared/hlc';
import { num, str, strOrNull, stmt, type Row } from './cells';
import { listGroups } from './directory';
import { writeRecord, type Actor } from './writer';

/*
 * The month's plan (本月走访). Each project assigned to a group (projects.group_id) is due one
 * visit per Asia/Shanghai calendar month, from the month it was assigned: the version of its
 * group_id cell (the server's assignment, or the local edit) dates the assignment. A submitted
 * visit dated in the month, by anyone, makes it visited. It is overdue when a month before this
 * one passed without a visit since the later of its assignment and its last visit: a miss stays
 * overdue until the project is visited again, however long ago, and a visit clears the backlog.
 * Everything is a handful of set queries, whatever the number of projects.
 */

/** Months from `from` to `to` (YYYY-MM); negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The groups the user leads or belongs to, by name (the server writes members' names). */
export function groupsOfUser(db: Database, user: LocalUser): string[] {
  if (user.role === null) return [];
  return listGroups(db)
    .filter((g) => g.leader === user.name || g.members.some((m) => m.name === user.name))
    .map((g) => g.id);
}

/**
 * Whose work the home screen and the reminders show: the user's groups; when the user is in
 * none (a coordinator, a local user, a name the server spells otherwise), every group here.
 */
export function defaultGroupIds(db: Database, user: LocalUser): string[] {
  const mine = groupsOfUser(db, user);
  return mine.length > 0 ? mine : listGroups(db).map((g) => g.id);
}

interface AssignedProject {
  id: string;
  code: string;
  name: string;
  district: string;
  groupId: string;
  groupName: string;
  dueSince: string;
}

function assignmentMonth(hlc: string | null, fallback: string): string {
  if (!hlc) return fallback;
  try {
    return shanghaiMonth(parseHlc(hlc).millis);
  } catch {
    return fallback;
  }
}

function assignedProjects(db: Database, month: string): AssignedProject[] {
  const rows = stmt(
    db,
    `SELECT p.id, p.code, p.name, p.district, p.group_id, g.name AS group_name,
            coalesce(cv.hlc, p.row_hlc) AS assigned_hlc
       FROM projects p
       JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0
       LEFT JOIN cell_versions cv ON cv.tbl = 'projects' AND cv.row_id = p.id AND cv.col = 'group_id'
      WHERE p.deleted = 0 AND p.group_id IS NOT NULL
      ORDER BY p.code, p.id`,
  ).all() as Row[];
  return rows.map((r) => ({
    id: str(r['id']),
    code: str(r['code']),
    name: str(r['name']),
    district: str(r['district']),
    groupId: str(r['group_id']),
    groupName: str(r['group_name']),
    // A row without any version (hand-made test data) counts as assigned all along.
    dueSince: assignmentMonth(strOrNull(r['assigned_hlc']), month),
  }));
}

interface MonthFacts {
  visitedOn: Map<string, { date: string; id: string }>;
  lastBefore: Map<string, string>;
  planned: Map<string, string>;
}

function monthFacts(db: Database, month: string): MonthFacts {
  const first = `${month}-01`;
  const last = lastDayOf(month);
  // SQLite gives the bare `id` of the row holding max(date): the month's latest visit.
  const inMonth = stmt(
    db,
    `SELECT project_id, max(date) AS date, id FROM visits
      WHERE status = 'submitted' AND deleted = 0 AND date >= ? AND date <= ? GROUP BY project_id`,
  ).all(first, last) as Row[];
  const before = stmt(
    db,
    `SELECT project_id, max(date) AS date FROM visits
      WHERE status = 'submitted' AND deleted = 0 AND date < ? GROUP BY project_id`,
  ).all(first) as Row[];
  const plans = stmt(
    db,
    'SELECT project_id, planned_on FROM visit_plans WHERE month = ? AND deleted = 0 AND planned_on IS NOT NULL',
  ).all(month) as Row[];
  return {
    visitedOn: new Map(inMonth.map((r) => [str(r['project_id']), { date: str(r['date']), id: str(r['id']) }])),
    lastBefore: new Map(before.map((r) => [str(r['project_id']), str(r['date'])])),
    planned: new Map(plans.map((r) => [str(r['project_id']), str(r['planned_on'])])),
  };
}

function entryOf(p: AssignedProject, month: string, facts: MonthFacts): MonthPlanEntry {
  const visit = facts.visitedOn.get(p.id) ?? null;
  const lastBefore = facts.lastBefore.get(p.id) ?? null;
  const plannedDate = facts.planned.get(p.id) ?? null;
  const afterLastVisit = lastBefore ? addMonths(monthOf(lastBefore), 1) : p.dueSince;
  const since = afterLastVisit > p.dueSince ? afterLastVisit : p.dueSince;
  const overdueMonths = visit ? 0 : Math.max(0, monthsBetween(since, month));
  const status = visit ? 'visited' : overdueMonths > 0 ? 'overdue' : plannedDate ? 'planned' : 'due';
  return {
    projectId: p.id,
    projectCode: p.code,
    projectName: p.name,
    district: p.district,
    groupId: p.groupId,
    groupName: p.groupName,
    status,
    plannedDate,
    lastVisitDate: visit?.date ?? lastBefore,
    visitIdThisMonth: visit?.id ?? null,
    overdueMonths,
    dueSince: p.dueSince,
  };
}

const STATUS_ORDER: Record<MonthPlanEntry['status'], number> = { overdue: 0, due: 1, planned: 2, visited: 3 };

function compareEntries(a: MonthPlanEntry, b: MonthPlanEntry): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    b.overdueMonths - a.overdueMonths ||
    (a.plannedDate ?? '').localeCompare(b.plannedDate ?? '') ||
    a.projectCode.localeCompare(b.projectCode) ||
    a.projectId.localeCompare(b.projectId)
  );
}

/** Every project due in `month` (assigned by then), with its status. */
export function monthEntries(db: Database, month: string): MonthPlanEntry[] {
  const facts = monthFacts(db, month);
  return assignedProjects(db, month)
    .filter((p) => p.dueSince <= month)
    .map((p) => entryOf(p, month, facts));
}

function coverageOf(db: Database, entries: readonly MonthPlanEntry[]): GroupCoverage[] {
  const byGroup = new Map<string, GroupCoverage>();
  for (const g of listGroups(db)) {
    byGroup.set(g.id, { groupId: g.id, groupName: g.name, due: 0, visited: 0, planned: 0, overdue: 0, rate: null });
  }
  for (const e of entries) {
    const c = byGroup.get(e.groupId);
    if (!c) continue;
    c.due += 1;
    if (e.status === 'visited') c.visited += 1;
    if (e.status === 'planned' || (e.status === 'overdue' && e.plannedDate)) c.planned += 1;
    if (e.status === 'overdue') c.overdue += 1;
  }
  return [...byGroup.values()].map((c) => ({ ...c, rate: c.due === 0 ? null : c.visited / c.due }));
}

export function monthPlan(db: Database, user: LocalUser, query: PlanMonthQuery, now: number): MonthPlan {
  const month = query.month ?? shanghaiMonth(now);
  const groupIds = query.groupIds ?? defaultGroupIds(db, user);
  const wanted = new Set(groupIds);
  const all = monthEntries(db, month);
  const entries = all.filter((e) => wanted.has(e.groupId)).sort(compareEntries);
  const count = (s: MonthPlanEntry['status']): number => entries.filter((e) => e.status === s).length;
  return {
    month,
    today: shanghaiDate(now),
    groupIds,
    entries,
    coverage: coverageOf(db, all),
    totals: {
      due: entries.length,
      visited: count('visited'),
      planned: entries.filter((e) => e.status === 'planned' || (e.status === 'overdue' && e.plannedDate)).length,
      overdue: count('overdue'),
    },
  };
}

/** One plan row per project and month, the same id on every device: two plans merge cell by cell. */
export function visitPlanId(projectId: string, month: string): string {
  return `vp-${createHash('sha256').update(`${projectId}|${month}`).digest('hex').slice(0, 40)}`;
}

function rowToPlan(r: Row): VisitPlan {
  return {
    id: str(r['id']),
    projectId: str(r['project_id']),
    month: str(r['month']),
    plannedDate: strOrNull(r['planned_on']),
    plannedBy: str(r['planned_by_name']),
    at: num(r['at'] ?? 0),
  };
}

export function scheduleVisit(db: Database, actor: Actor, now: number, input: PlanScheduleInput): VisitPlan {
  const project = stmt(db, 'SELECT group_id FROM projects WHERE id = ? AND deleted = 0').get(input.projectId) as
    { group_id: string | null } | undefined;
  if (!project) throw new AppError('not_found', `no project ${input.projectId}`);
  const month = input.date ? monthOf(input.date) : (input.month ?? shanghaiMonth(now));
  const id = visitPlanId(input.projectId, month);
  writeRecord(db, actor, now, {
    table: 'visit_plans',
    rowId: id,
    cells: {
      project_id: input.projectId,
      group_id: project.group_id,
      month,
      planned_on: input.date,
      planned_by: actor.userId,
      planned_by_name: actor.userName,
      at: now,
      deleted: false,
    },
  });
  return rowToPlan(stmt(db, 'SELECT * FROM visit_plans WHERE id = ?').get(id) as Row);
}

/** 包保服务组 as users see them: leader, members, projects with 包保领导 and 首席服务员. */
export function groupsOverview(db: Database, user: LocalUser): GroupView[] {
  const mine = new Set(groupsOfUser(db, user));
  const rows = stmt(
    db,
    `SELECT id, code, name, district, group_id, leader_in_charge, chief_officer, chief_officer_phone
       FROM projects WHERE deleted = 0 AND group_id IS NOT NULL ORDER BY code, id`,
  ).all() as Row[];
  const byGroup = new Map<string, Row[]>();
  for (const r of rows) byGroup.set(str(r['group_id']), [...(byGroup.get(str(r['group_id'])) ?? []), r]);
  return listGroups(db).map((group) => ({
    group,
    leader: group.leader,
    members: group.members,
    projects: (byGroup.get(group.id) ?? []).map((r) => ({
      projectId: str(r['id']),
      projectCode: str(r['code']),
      projectName: str(r['name']),
      district: str(r['district']),
      leaderInCharge: strOrNull(r['leader_in_charge']),
      chiefOfficer: strOrNull(r['chief_officer']),
      chiefOfficerPhone: strOrNull(r['chief_officer_phone']),
    })),
    mine: mine.has(group.id),
  }));
}
