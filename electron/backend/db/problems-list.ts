import type { Database } from 'better-sqlite3';
import { shanghaiDate } from '../../../shared/calendar';
import {
  ProblemListQuery,
  type ProblemFacets,
  type ProblemListItem,
  type ProblemPage,
  type ProblemSortField,
} from '../../../shared/channels/problems';
import { strOrNull, str, stmt, type Row } from './cells';
import { rowToProblem } from './problems';
import { daysOverdue } from '../../../shared/problem-flow';
import { buildMatch } from './search';

/** The problem list (问题清单) across projects: filters, sort, paging. */

const ACTIVE = `pr.status IN ('open', 'in_progress')`;

/** Each sort as a list of terms; 'desc' flips them all, ties end on the id. */
const SORT_TERMS: { readonly [F in ProblemSortField]: readonly string[] } = {
  urgency: [
    `CASE pr.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 0 WHEN 'resolved' THEN 1 ELSE 2 END`,
    'pr.deadline IS NULL',
    'pr.deadline',
    'pr.raised_on',
  ],
  deadline: ['pr.deadline IS NULL', 'pr.deadline'],
  raisedOn: ['pr.raised_on'],
  status: [`CASE pr.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'resolved' THEN 2 ELSE 3 END`],
  category: [
    `CASE pr.category WHEN 'land' THEN 0 WHEN 'approval' THEN 1 WHEN 'funding' THEN 2 WHEN 'utilities' THEN 3
      WHEN 'infrastructure' THEN 4 WHEN 'expropriation' THEN 5 WHEN 'policy' THEN 6 ELSE 7 END`,
  ],
  leadUnit: ['pr.lead_unit IS NULL', 'pr.lead_unit'],
  handlingLevel: [
    `CASE pr.handling_level WHEN 'onsite' THEN 0 WHEN 'district' THEN 1 WHEN 'city_department' THEN 2
      WHEN 'city_joint_meeting' THEN 3 ELSE 4 END`,
  ],
  project: ['p.code', 'pr.raised_on'],
};

function orderBy(field: ProblemSortField, order: 'asc' | 'desc'): string {
  const dir = order === 'desc' ? ' DESC' : '';
  // "No deadline / no lead unit" stays last in both directions.
  const terms = SORT_TERMS[field].map((t) => (t.endsWith('IS NULL') ? t : `${t}${dir}`));
  return [...terms, `pr.id${dir}`].join(', ');
}

/** The list's SQL, built only from whitelisted pieces; exported so tests can EXPLAIN it. */
export function problemListSql(
  query: ProblemListQuery,
  today: string,
): { sql: string; countSql: string; params: (string | number)[]; countParams: (string | number)[] } {
  const q = ProblemListQuery.parse(query);
  const where = ['pr.deleted = 0', 'p.deleted = 0'];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly string[]): void => {
    if (values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('pr.status', q.statuses);
  inList('pr.category', q.categories);
  inList('pr.handling_level', q.handlingLevels);
  inList('pr.lead_unit', q.leadUnits);
  inList('p.district', q.districts);
  inList('p.group_id', q.groupIds);
  if (q.overdueOnly) {
    where.push(`${ACTIVE} AND pr.deadline < ?`);
    params.push(today);
  }
  if (q.raisedFrom) {
    where.push('pr.raised_on >= ?');
    params.push(q.raisedFrom);
  }
  if (q.raisedTo) {
    where.push('pr.raised_on <= ?');
    params.push(q.raisedTo);
  }
  if (q.projectId) {
    where.push('pr.project_id = ?');
    params.push(q.projectId);
  }
  if (q.visitId) {
    where.push('pr.visit_id = ?');
    params.push(q.visitId);
  }
  const problemMatch = buildMatch(q.query, 'problem');
  const projectMatch = buildMatch(q.query, 'project');
  if (problemMatch && projectMatch) {
    // The problem's own text, or its project's (name, code, district …): "巴彦" finds 巴彦县's problems.
    const docs = 'SELECT d.ref_id FROM search_fts JOIN search_docs d ON d.docid = search_fts.rowid';
    where.push(`(pr.id IN (${docs} WHERE search_fts MATCH ?) OR pr.project_id IN (${docs} WHERE search_fts MATCH ?))`);
    params.push(problemMatch, projectMatch);
  }
  const whereSql = where.join(' AND ');
  const from = 'FROM problems pr JOIN projects p ON p.id = pr.project_id';
  const columns = `pr.*, p.name AS project_name, p.code AS project_code, p.district AS project_district,
      p.group_id AS project_group_id, g.name AS group_name`;
  const joins = `LEFT JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0`;
  const order = orderBy(q.sort.field, q.sort.order);
  // Without a project-level filter or sort, the page and the total come from problems alone
  // (the covering idx_problems_live), minus those of deleted projects (a small set, checked
  // through one in-memory list); only the page's rows are then read and joined.
  const projectLevel = q.districts.length > 0 || q.groupIds.length > 0 || q.sort.field === 'project';
  const ownWhere = `${where.filter((w) => w !== 'p.deleted = 0').join(' AND ')}
    AND pr.project_id NOT IN (SELECT id FROM projects WHERE deleted = 1)`;
  const sql = projectLevel
    ? `SELECT ${columns} ${from} ${joins} WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`
    : `SELECT ${columns} ${from} ${joins}
       WHERE pr.id IN (SELECT pr.id FROM problems pr WHERE ${ownWhere} ORDER BY ${order} LIMIT ? OFFSET ?)
       ORDER BY ${order}`;
  const countSql = projectLevel
    ? `SELECT count(*) AS n ${from} WHERE ${whereSql}`
    : `SELECT count(*) AS n FROM problems pr WHERE ${ownWhere}`;
  return {
    sql,
    countSql,
    params: [...params, q.limit, q.offset],
    countParams: params,
  };
}

export function listProblems(db: Database, query: ProblemListQuery, now: number): ProblemPage {
  const today = shanghaiDate(now);
  const { sql, countSql, params, countParams } = problemListSql(query, today);
  const total = (db.prepare(countSql).get(...countParams) as { n: number }).n;
  const rows = (db.prepare(sql).all(...params) as Row[]).map((r): ProblemListItem => {
    const problem = rowToProblem(r);
    return {
      ...problem,
      projectName: str(r['project_name']),
      projectCode: str(r['project_code']),
      district: str(r['project_district']),
      groupId: strOrNull(r['project_group_id']),
      groupName: strOrNull(r['group_name']),
      daysOverdue: daysOverdue(problem, today),
    };
  });
  return { rows, total, today };
}

export function problemFacets(db: Database): ProblemFacets {
  const rows = stmt(
    db,
    `SELECT DISTINCT lead_unit AS v FROM problems WHERE deleted = 0 AND lead_unit IS NOT NULL AND lead_unit <> ''
     ORDER BY lead_unit`,
  ).all() as { v: string }[];
  return { leadUnits: rows.map((r) => r.v) };
}
