import type { Database } from 'better-sqlite3';
import { addDays, daysBetween, shanghaiDate, shanghaiMonth } from '../../../shared/calendar';
import type { LocalUser } from '../../../shared/domain/identity';
import { DUE_SOON_DAYS, type Reminder, type ReminderList } from '../../../shared/domain/plan';
import { seesAllProjects } from '../../../shared/sync/roles';
import { dueItems, problemsDueBy } from './deadlines';
import { defaultGroupIds, groupsOfUser, lastDayOf, monthEntries } from './plan';

/*
 * In-app reminders (提醒): what is due for the user, from local data only. Visits: the
 * projects of the user's groups not yet visited this month. Problems: open or in progress,
 * overdue or due within 7 days — of the user's groups' projects, or every problem here for a
 * coordinator, an admin or a local user, who chase them all.
 */

const MAX_ITEMS = 200;

/** Whose visits remind the user: members their groups; coordinators only groups they are named in. */
function visitGroups(db: Database, user: LocalUser): string[] {
  if (user.role !== null && seesAllProjects(user.role)) return groupsOfUser(db, user);
  return defaultGroupIds(db, user);
}

export function listReminders(db: Database, user: LocalUser, now: number): ReminderList {
  const today = shanghaiDate(now);
  const month = shanghaiMonth(now);
  const groups = new Set(visitGroups(db, user));
  const entries = monthEntries(db, month).filter((e) => groups.has(e.groupId));
  const visits: Reminder[] = entries
    .filter((e) => e.status !== 'visited')
    .sort((a, b) => b.overdueMonths - a.overdueMonths || a.projectCode.localeCompare(b.projectCode))
    .map((e) => ({
      kind: 'visit_due',
      id: `visit_due:${e.projectId}`,
      projectId: e.projectId,
      projectName: e.projectName,
      problemId: null,
      text: null,
      date: e.plannedDate,
      daysLeft: daysBetween(today, e.plannedDate ?? lastDayOf(month)),
      overdueMonths: e.overdueMonths,
    }));

  const everyProblem = user.role === null || seesAllProjects(user.role);
  const projectIds = everyProblem ? undefined : new Set(entries.map((e) => e.projectId));
  const due = problemsDueBy(db, addDays(today, DUE_SOON_DAYS), today, projectIds);
  const overdue = due.filter((d) => d.daysLeft < 0);
  const dueSoon = due.filter((d) => d.daysLeft >= 0);
  // Only the problems that make the list are read in full.
  const shown = dueItems(db, [...overdue, ...dueSoon].slice(0, MAX_ITEMS));
  const problems: Reminder[] = shown.map((p) => {
    const kind = p.daysLeft < 0 ? 'problem_overdue' : 'problem_due_soon';
    return {
      kind,
      id: `${kind}:${p.problemId}`,
      projectId: p.projectId,
      projectName: p.projectName,
      problemId: p.problemId,
      text: p.description,
      date: p.deadline,
      daysLeft: p.daysLeft,
      overdueMonths: 0,
    };
  });
  const all = [...problems, ...visits].slice(0, MAX_ITEMS);
  return {
    today,
    month,
    count: visits.length + due.length,
    counts: { visit_due: visits.length, problem_overdue: overdue.length, problem_due_soon: dueSoon.length },
    items: all,
  };
}
