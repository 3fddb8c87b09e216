/**
 * What a monthly report (月度调度报告) shows, gathered for one scope (a service group, a district,
 * all) and month from the existing queries: projects with the month's figures and one progress
 * photo, problems as they stand, visits done and due (plan.ts), and each week's problem summary
 * (weekly.ts). The four rates come from the figures module (kpi.ts), see monthly-report.ts.
 */
import type { Database } from 'better-sqlite3';
import type { MonthFigures, ProjectListItem } from '../../../shared/api';
import { addDays, shanghaiDate } from '../../../shared/calendar';
import type { ReportScope } from '../../../shared/channels/exports';
import type { ProblemListItem, ProblemListQuery } from '../../../shared/channels/problems';
import type { Photo } from '../../../shared/domain/photo';
import type { MonthPlanEntry, ProblemRef, WeeklyProblemSummary } from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { getGroup } from '../db/directory';
import { monthlyFigures } from '../db/monthly-figures';
import { listPhotosByVisit } from '../db/photos';
import { lastDayOf, monthEntries } from '../db/plan';
import { listProblems } from '../db/problems-list';
import { listProjects } from '../db/projects';
import { mondayOf, weeklyProblems } from '../db/weekly';

const PAGE = 1000;

export interface ProjectMonth {
  project: ProjectListItem;
  /** The month's figures: its latest submitted visit's, or carried forward (reported false). */
  month: MonthFigures | null;
  /** One photo of the visit the figures come from: a progress photo when there is one. */
  photo: Photo | null;
}

export interface MonthlyData {
  projects: ProjectMonth[];
  /** Open and in progress, overdue first (most days first), then by deadline. */
  openProblems: ProblemListItem[];
  /** Resolved (or since closed) within the month. */
  resolvedInMonth: ProblemListItem[];
  statusCounts: Record<ProblemListItem['status'], number>;
  plan: MonthPlanEntry[];
  weeks: WeeklyProblemSummary[];
}

function scopeFilters(scope: ReportScope): { groupIds: string[]; districts: string[] } {
  if (scope.kind === 'group') return { groupIds: [scope.groupId], districts: [] };
  if (scope.kind === 'district') return { groupIds: [], districts: [scope.district] };
  return { groupIds: [], districts: [] };
}

/** 全市 / the group's name / the district. */
export function scopeName(db: Database, scope: ReportScope): string {
  if (scope.kind === 'all') return '全市';
  if (scope.kind === 'district') return scope.district;
  const group = getGroup(db, scope.groupId);
  if (!group) throw new AppError('not_found', `no service group ${scope.groupId}`);
  return group.name;
}

export function inScope(scope: ReportScope, x: { groupId: string | null; district: string }): boolean {
  if (scope.kind === 'group') return x.groupId === scope.groupId;
  if (scope.kind === 'district') return x.district === scope.district;
  return true;
}

function allProjects(db: Database, scope: ReportScope, now: number): ProjectListItem[] {
  const out: ProjectListItem[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = listProjects(
      db,
      { ...scopeFilters(scope), sort: { field: 'code', order: 'asc' }, offset, limit: PAGE },
      now,
    );
    out.push(...page.rows);
    if (page.rows.length < PAGE) return out;
  }
}

function allProblems(db: Database, query: ProblemListQuery, now: number): ProblemListItem[] {
  const out: ProblemListItem[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = listProblems(db, { ...query, offset, limit: PAGE }, now);
    out.push(...page.rows);
    if (page.rows.length < PAGE) return out;
  }
}

function progressPhoto(db: Database, visitId: string | null): Photo | null {
  if (!visitId) return null;
  const photos = listPhotosByVisit(db, visitId);
  return photos.find((p) => p.kind === 'progress') ?? photos[0] ?? null;
}

/** The Mondays of the weeks that overlap the month, up to today's week (a later week has no data yet). */
export function weeksOf(month: string, today: string): string[] {
  const last = lastDayOf(month) < today ? lastDayOf(month) : today;
  const weeks: string[] = [];
  for (let monday = mondayOf(`${month}-01`); monday <= last; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

function scopedWeek(w: WeeklyProblemSummary, keep: (r: ProblemRef) => boolean): WeeklyProblemSummary {
  const created = w.new.filter(keep);
  const resolved = w.resolved.filter(keep);
  const overdue = w.overdue.filter(keep);
  const escalated = w.escalated.filter(keep);
  return {
    ...w,
    new: created,
    resolved,
    overdue,
    escalated,
    counts: { new: created.length, resolved: resolved.length, overdue: overdue.length, escalated: escalated.length },
  };
}

export function gatherMonthly(db: Database, scope: ReportScope, month: string, now: number): MonthlyData {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const projects = allProjects(db, scope, now).map((project): ProjectMonth => {
    const figures = monthlyFigures(db, project.id, year, now).months[monthIndex] ?? null;
    return { project, month: figures, photo: progressPhoto(db, figures?.visitId ?? null) };
  });
  const filters = scopeFilters(scope);
  const first = `${month}-01`;
  const last = lastDayOf(month);
  const open = allProblems(
    db,
    { ...filters, statuses: ['open', 'in_progress'], sort: { field: 'urgency', order: 'asc' } },
    now,
  );
  const done = allProblems(
    db,
    { ...filters, statuses: ['resolved', 'closed'], raisedTo: last, sort: { field: 'raisedOn', order: 'asc' } },
    now,
  ).filter((p) => p.resolvedOn !== null && p.resolvedOn >= first && p.resolvedOn <= last);
  // Counts only: one row of each status's page tells its total.
  const count = (status: ProblemListItem['status']): number =>
    listProblems(db, { ...filters, statuses: [status], raisedTo: last, limit: 1 }, now).total;
  const statusCounts: MonthlyData['statusCounts'] = {
    open: count('open'),
    in_progress: count('in_progress'),
    resolved: count('resolved'),
    closed: count('closed'),
  };
  const keep = (r: { groupId: string | null; district: string }): boolean => inScope(scope, r);
  return {
    projects,
    openProblems: open,
    resolvedInMonth: done,
    statusCounts,
    plan: monthEntries(db, month).filter(keep),
    weeks: weeksOf(month, shanghaiDate(now)).map((monday) => scopedWeek(weeklyProblems(db, monday, now), keep)),
  };
}
