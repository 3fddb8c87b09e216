import type { Database } from 'better-sqlite3';
import { shanghaiMonth } from '../../../shared/calendar';
import type { ProjectLevel } from '../../../shared/domain/project';
import { parseHlc } from '../../../shared/hlc';
import {
  NO_PROBLEMS,
  sortVisits,
  type CountedFigures,
  type KpiContext,
  type KpiProjectInput,
  type KpiVisit,
  type ProblemFacts,
} from '../../../shared/kpi/rows';
import { bool, num, numOrNull, str, strOrNull, stmt, type Row } from './cells';

/*
 * The inputs of the figures, read with a few set queries whatever the number of projects: the
 * projects (with this year's resumption and when their group took them on), the year's submitted
 * visits from a covering index (idx_visits_kpi), and the problem counts per project aggregated in
 * SQL from covering indexes (migration 010). The rules themselves are in shared/kpi/rows.ts; the
 * SQL here computes exactly problemFacts() of that file (tests/unit/kpi/db.test.ts checks it).
 * `GROUP BY +project_id`: grouping must not tempt the planner into walking a project index
 * (it does on a database without statistics) instead of the date range.
 */

export const PROJECTS_SQL = `SELECT p.id, p.code, p.name, p.level, p.district, p.industry, p.is_new,
    p.planned_start, p.actual_start, p.planned_production, p.actual_production, p.annual_planned_investment,
    p.group_id, g.id AS live_group, g.name AS group_name, coalesce(cv.hlc, p.row_hlc) AS assigned_hlc
  FROM projects p
  LEFT JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0
  LEFT JOIN cell_versions cv ON cv.tbl = 'projects' AND cv.row_id = p.id AND cv.col = 'group_id'
  WHERE p.deleted = 0`;

/** This year's resumption per project (the earliest, should two devices have made one each). */
export const RESUMPTIONS_SQL = `SELECT project_id, min(resumed_on) FROM resumptions
  WHERE year = ? AND deleted = 0 AND resumed_on IS NOT NULL GROUP BY project_id`;

/**
 * Reads idx_visits_kpi alone: the range's submitted visits as one string (fields split by
 * U+001F, visits by U+001E, the id last). A province's year is ~40,000 visits: one string
 * crosses into JavaScript far faster than 40,000 rows, and needs no grouping in SQL.
 */
export const VISITS_SQL = `SELECT group_concat(project_id || char(31) || date || char(31) || ifnull(submitted_at, '')
    || char(31) || ifnull(completed_investment_this_year, '') || char(31) || ifnull(funds_in_place, '')
    || char(31) || id, char(30))
  FROM visits WHERE status = 'submitted' AND deleted = 0 AND date >= ? AND date <= ?`;

/**
 * Each project's latest submitted visit in the range, in the order "latest" is decided in
 * (date, then submission time, then id: the key sorts as compareVisits does, a missing
 * submission time first); SQLite takes the bare columns from the row holding the max. Only
 * 3,000 rows reach JavaScript at province scale, where the figures of a month need no more.
 */
export const LATEST_SQL = `SELECT project_id,
    max(date || char(31) || printf('%015d', ifnull(submitted_at, -1)) || char(31) || id) AS k,
    date, completed_investment_this_year, funds_in_place
  FROM visits WHERE status = 'submitted' AND deleted = 0 AND date >= ? AND date <= ? GROUP BY +project_id`;

export const RAISED_SQL = `SELECT project_id, count(*) AS n FROM problems
  WHERE deleted = 0 AND raised_on >= ? AND raised_on <= ? GROUP BY +project_id`;
export const RESOLVED_SQL = `SELECT project_id, count(*) AS n,
    sum(max(0, CAST(round(julianday(resolved_on) - julianday(raised_on)) AS INTEGER))) AS days
  FROM problems WHERE deleted = 0 AND resolved_on >= ? AND resolved_on <= ? GROUP BY +project_id`;
/** Overdue at a day: not resolved at all yet … */
export const OVERDUE_OPEN_SQL = `SELECT project_id, count(*) AS n FROM problems
  WHERE deleted = 0 AND resolved_on IS NULL AND status IN ('open', 'in_progress') AND deadline < ? AND raised_on <= ?
  GROUP BY +project_id`;
/** … or resolved only after that day (the unary + keeps the planner on idx_problems_kpi_resolved). */
export const OVERDUE_LATER_SQL = `SELECT project_id, count(*) AS n FROM problems
  WHERE deleted = 0 AND resolved_on > ? AND +deadline < ? AND +raised_on <= ? GROUP BY +project_id`;

/** The month a project's current group assignment began, as the month's plan dates it. */
function dueSinceOf(r: Row): string | null {
  if (r['live_group'] === null || r['live_group'] === undefined) return null;
  const hlc = strOrNull(r['assigned_hlc']);
  // A row without any version (hand-made data) counts as assigned all along, as in plan.ts.
  if (!hlc) return '0000-01';
  try {
    return shanghaiMonth(parseHlc(hlc).millis);
  } catch {
    return '0000-01';
  }
}

export function kpiProjects(db: Database, year: number): KpiProjectInput[] {
  const resumed = new Map(stmt(db, RESUMPTIONS_SQL).raw(true).all(year) as [string, string][]);
  return (stmt(db, PROJECTS_SQL).all() as Row[]).map((r) => ({
    id: str(r['id']),
    code: str(r['code']),
    name: str(r['name']),
    level: str(r['level']) as ProjectLevel,
    district: str(r['district']),
    groupId: strOrNull(r['group_id']),
    groupName: strOrNull(r['group_name']),
    industry: str(r['industry']),
    isNew: bool(r['is_new']),
    plannedStart: strOrNull(r['planned_start']),
    actualStart: strOrNull(r['actual_start']),
    plannedProduction: strOrNull(r['planned_production']),
    actualProduction: strOrNull(r['actual_production']),
    annualPlannedInvestment: num(r['annual_planned_investment']),
    resumedOn: resumed.get(str(r['id'])) ?? null,
    dueSince: dueSinceOf(r),
  }));
}

const intOrNull = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));

/** The submitted visits dated from 1 January to `through`, per project, in no particular order. */
export function kpiVisits(db: Database, year: number, through: string): Map<string, KpiVisit[]> {
  const out = new Map<string, KpiVisit[]>();
  const packed = stmt(db, VISITS_SQL).pluck(true).get(`${year}-01-01`, through) as string | null;
  if (!packed) return out;
  for (const one of packed.split('\u001e')) {
    const f = one.split('\u001f');
    const projectId = f[0]!;
    const v: KpiVisit = {
      date: f[1]!,
      submittedAt: intOrNull(f[2]),
      completed: intOrNull(f[3]),
      funds: intOrNull(f[4]),
      // An id is the rest, whatever it holds.
      id: f.length === 6 ? f[5]! : f.slice(5).join('\u001f'),
    };
    const list = out.get(projectId);
    if (list) list.push(v);
    else out.set(projectId, [v]);
  }
  return out;
}

/** countedFigures() of every project for the period (from 1 January to its as-of day). */
export function kpiLatestFigures(db: Database, ctx: KpiContext): Map<string, CountedFigures> {
  const rows = stmt(db, LATEST_SQL).raw(true).all(ctx.yearStart, ctx.asOf) as unknown[][];
  return new Map(rows.map((r) => [str(r[0]), { date: str(r[2]), completed: numOrNull(r[3]), funds: numOrNull(r[4]) }]));
}

/** Problem counts per project for the period, as shared/kpi/rows.ts problemFacts() defines them. */
export function kpiProblemFacts(db: Database, ctx: KpiContext): Map<string, ProblemFacts> {
  const out = new Map<string, ProblemFacts>();
  const at = (id: string): ProblemFacts => {
    let f = out.get(id);
    if (!f) {
      f = { ...NO_PROBLEMS };
      out.set(id, f);
    }
    return f;
  };
  for (const r of stmt(db, RAISED_SQL).all(ctx.first, ctx.asOf) as Row[]) at(str(r['project_id'])).raised = num(r['n']);
  for (const r of stmt(db, RESOLVED_SQL).all(ctx.first, ctx.asOf) as Row[]) {
    const f = at(str(r['project_id']));
    f.resolved = num(r['n']);
    f.resolveDays = num(r['days']);
  }
  for (const r of stmt(db, OVERDUE_OPEN_SQL).all(ctx.asOf, ctx.asOf) as Row[]) {
    at(str(r['project_id'])).overdue += num(r['n']);
  }
  for (const r of stmt(db, OVERDUE_LATER_SQL).all(ctx.asOf, ctx.asOf, ctx.asOf) as Row[]) {
    at(str(r['project_id'])).overdue += num(r['n']);
  }
  return out;
}

/** A year's projects and submitted visits (each project's sorted by compareVisits): shared, never mutate. */
export interface YearInputs {
  projects: KpiProjectInput[];
  visits: Map<string, KpiVisit[]>;
}

// The last year read per connection, kept while the database has not changed: total_changes()
// counts every row this connection wrote (local edits and sync alike), data_version moves when
// another connection commits. Switching the dashboard's slice or month then costs no reading.
const lastRead = new WeakMap<Database, { key: string; value: YearInputs }>();

function changeStamp(db: Database): string {
  const c = stmt(db, 'SELECT total_changes() AS c').get() as { c: number };
  return `${c.c}:${String(db.pragma('data_version', { simple: true }))}`;
}

export function yearInputs(db: Database, year: number, through: string): YearInputs {
  const key = `${year}|${through}|${changeStamp(db)}`;
  const hit = lastRead.get(db);
  if (hit?.key === key) return hit.value;
  const visits = kpiVisits(db, year, through);
  for (const list of visits.values()) sortVisits(list);
  const value = { projects: kpiProjects(db, year), visits };
  lastRead.set(db, { key, value });
  return value;
}

/** Forgets the cached year (benchmarks measure the reading too). */
export function forgetYearInputs(db: Database): void {
  lastRead.delete(db);
}
