import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  ProjectListQuery,
  type ProjectDetail,
  type ProjectFacets,
  type ProjectListItem,
  type ProjectPage,
  type ProjectSortField,
} from '../../../shared/api';
import type { LatLng } from '../../../shared/domain/primitives';
import {
  Project,
  ProjectInput,
  ProjectPatch,
  type ProjectLevel,
  type ProjectStage,
} from '../../../shared/domain/project';
import { shanghaiDate } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import type { CellValue } from '../../../shared/records';
import { bool, jsonCell, num, parseJson, str, strOrNull, stmt, type Row } from './cells';
import { getGroup } from './directory';
import { listProblemsByProject, problemCounts } from './problems';
import { listProcedures, listResumptions } from './procedures';
import { projectQueryClause } from './search';
import { listVisitsByProject } from './visits';
import { writeRecord, type Actor } from './writer';

export function rowToProject(r: Row): Project {
  return {
    id: str(r['id']),
    code: str(r['code']),
    name: str(r['name']),
    level: str(r['level']) as ProjectLevel,
    district: str(r['district']),
    industry: str(r['industry']),
    ownerCompany: strOrNull(r['owner_company']),
    responsibleUnit: strOrNull(r['responsible_unit']),
    leaderInCharge: strOrNull(r['leader_in_charge']),
    chiefOfficer: strOrNull(r['chief_officer']),
    chiefOfficerPhone: strOrNull(r['chief_officer_phone']),
    groupId: strOrNull(r['group_id']),
    totalInvestment: num(r['total_investment']),
    annualPlannedInvestment: num(r['annual_planned_investment']),
    stage: str(r['stage']) as ProjectStage,
    isNew: bool(r['is_new']),
    plannedStart: strOrNull(r['planned_start']),
    actualStart: strOrNull(r['actual_start']),
    plannedCompletion: strOrNull(r['planned_completion']),
    actualCompletion: strOrNull(r['actual_completion']),
    plannedProduction: strOrNull(r['planned_production']),
    actualProduction: strOrNull(r['actual_production']),
    location: strOrNull(r['location']),
    position: parseJson<LatLng | null>(r['position'], null),
  };
}

/** Domain field → storage column, the one place the two spellings meet. */
const FIELD_COLUMNS: { readonly [K in keyof ProjectInput]-?: string } = {
  code: 'code',
  name: 'name',
  level: 'level',
  district: 'district',
  industry: 'industry',
  ownerCompany: 'owner_company',
  responsibleUnit: 'responsible_unit',
  leaderInCharge: 'leader_in_charge',
  chiefOfficer: 'chief_officer',
  chiefOfficerPhone: 'chief_officer_phone',
  groupId: 'group_id',
  totalInvestment: 'total_investment',
  annualPlannedInvestment: 'annual_planned_investment',
  stage: 'stage',
  isNew: 'is_new',
  plannedStart: 'planned_start',
  actualStart: 'actual_start',
  plannedCompletion: 'planned_completion',
  actualCompletion: 'actual_completion',
  plannedProduction: 'planned_production',
  actualProduction: 'actual_production',
  location: 'location',
  position: 'position',
};

export function projectToCells(p: ProjectPatch): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
    const value = (p as Record<string, unknown>)[field];
    if (value === undefined) continue;
    cells[column] = field === 'position' ? jsonCell(value) : (value as CellValue);
  }
  return cells;
}

export function getProject(db: Database, id: string): Project | null {
  const r = stmt(db, 'SELECT * FROM projects WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToProject(r) : null;
}

const SORT_COLUMNS: { readonly [F in ProjectSortField]: string } = {
  code: 'p.code',
  name: 'p.name',
  level: 'p.level',
  district: 'p.district',
  stage: 'p.stage',
  totalInvestment: 'p.total_investment',
  annualPlannedInvestment: 'p.annual_planned_investment',
};

/** Bounds of the Asia/Shanghai month and day of `now`, as the date strings the tables hold. */
function calendarBounds(now: number): { today: string; monthStart: string; nextMonthStart: string } {
  const today = shanghaiDate(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { today, monthStart: `${today.slice(0, 7)}-01`, nextMonthStart: next };
}

/**
 * The list's SQL, built only from whitelisted pieces; exported so tests can EXPLAIN it.
 * `now` dates the "this month" and "overdue" filters (Asia/Shanghai).
 */
export function projectListSql(
  query: ProjectListQuery = {},
  now: number = Date.now(),
): {
  sql: string;
  countSql: string;
  params: (string | number)[];
} {
  const q = ProjectListQuery.parse(query);
  const where = ['p.deleted = 0'];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly string[]): void => {
    if (values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('p.level', q.levels);
  inList('p.district', q.districts);
  inList('p.stage', q.stages);
  inList('p.group_id', q.groupIds);
  inList('p.industry', q.industries);
  if (q.notVisitedThisMonth || q.hasOverdueProblems) {
    const { today, monthStart, nextMonthStart } = calendarBounds(now);
    // Correlated probes, one index seek per candidate row: migration 004's partial indexes
    // (submitted visits by project and date; open problems by project, status and deadline).
    if (q.notVisitedThisMonth) {
      where.push(`NOT EXISTS (SELECT 1 FROM visits v WHERE v.project_id = p.id AND v.date >= ? AND v.date < ?
        AND v.status = 'submitted' AND v.deleted = 0)`);
      params.push(monthStart, nextMonthStart);
    }
    if (q.hasOverdueProblems) {
      where.push(`EXISTS (SELECT 1 FROM problems pr WHERE pr.project_id = p.id
        AND pr.status IN ('open', 'in_progress') AND pr.deadline < ? AND pr.deleted = 0)`);
      params.push(today);
    }
  }
  const text = projectQueryClause(q.query);
  if (text) {
    where.push(text.sql);
    params.push(...text.params);
  }
  const whereSql = where.join(' AND ');
  const order = `${SORT_COLUMNS[q.sort.field]} ${q.sort.order === 'desc' ? 'DESC' : 'ASC'}, p.id`;
  const sql = `SELECT p.*, g.name AS group_name,
      (SELECT count(*) FROM problems pr
        WHERE pr.project_id = p.id AND pr.status IN ('open', 'in_progress') AND pr.deleted = 0) AS open_problems,
      (SELECT max(v.date) FROM visits v
        WHERE v.project_id = p.id AND v.status = 'submitted' AND v.deleted = 0) AS last_visit_date
     FROM projects p LEFT JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0
     WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`;
  return {
    sql,
    countSql: `SELECT count(*) AS n FROM projects p WHERE ${whereSql}`,
    params: [...params, q.limit, q.offset],
  };
}

export function listProjects(db: Database, query: ProjectListQuery = {}, now: number = Date.now()): ProjectPage {
  const { sql, countSql, params } = projectListSql(query, now);
  const filterParams = params.slice(0, -2);
  const total = (db.prepare(countSql).get(...filterParams) as { n: number }).n;
  // Raw arrays turned into rows here: better-sqlite3 building wide row objects natively costs
  // about a third more, and at 500–1,000 rows a page row building outweighs the query itself.
  const select = db.prepare(sql).raw(true);
  const names = select.columns().map((c) => c.name);
  const rows = (select.all(...params) as unknown[][]).map((a) => {
    const r: Row = {};
    for (let i = 0; i < names.length; i++) r[names[i]!] = a[i];
    return r;
  });
  const items: ProjectListItem[] = rows.map((r) => ({
    ...rowToProject(r),
    groupName: strOrNull(r['group_name']),
    openProblems: num(r['open_problems']),
    lastVisitDate: strOrNull(r['last_visit_date']),
  }));
  return { rows: items, total };
}

export function projectFacets(db: Database): ProjectFacets {
  const districts = stmt(db, 'SELECT DISTINCT district AS v FROM projects WHERE deleted = 0 ORDER BY district').all();
  const industries = stmt(db, 'SELECT DISTINCT industry AS v FROM projects WHERE deleted = 0 ORDER BY industry').all();
  const groups = stmt(db, 'SELECT id, name FROM service_groups WHERE deleted = 0 ORDER BY name, id').all();
  return {
    districts: (districts as { v: string }[]).map((r) => r.v),
    industries: (industries as { v: string }[]).map((r) => r.v),
    groups: groups as { id: string; name: string }[],
  };
}

export function getProjectDetail(db: Database, id: string): ProjectDetail {
  const project = getProject(db, id);
  if (!project) throw new AppError('not_found', `no project ${id}`);
  return {
    project,
    group: project.groupId ? getGroup(db, project.groupId) : null,
    procedures: listProcedures(db, id),
    resumptions: listResumptions(db, id),
    visits: listVisitsByProject(db, id),
    problems: listProblemsByProject(db, id),
    problemCounts: problemCounts(db, id),
  };
}

/** A new project: a fresh id and every cell written, so it syncs complete. */
export function createProject(db: Database, actor: Actor, now: number, input: ProjectInput): Project {
  const p = ProjectInput.parse(input);
  const id = randomUUID();
  writeRecord(db, actor, now, { table: 'projects', rowId: id, cells: projectToCells(p) });
  return getProject(db, id)!;
}

/** Only the fields in the patch are written; unchanged ones leave no log or outbox entry. */
export function updateProject(db: Database, actor: Actor, now: number, id: string, patch: ProjectPatch): Project {
  const current = getProject(db, id);
  if (!current) throw new AppError('not_found', `no project ${id}`);
  const parsed = ProjectPatch.parse(patch);
  Project.parse({ ...current, ...parsed });
  writeRecord(db, actor, now, { table: 'projects', rowId: id, cells: projectToCells(parsed) });
  return getProject(db, id)!;
}
