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
import {
  textCountSql,
  textEstimate,
  textPlanSql,
  textWalkTerms,
  type Param,
  type SortKey,
  type TextMatch,
} from './problems-list-text';

/**
 * The problem list (问题清单) across projects: filters, sort, paging, at province scale
 * (150,000 problems) within a few milliseconds. A page is chosen as ids first, then only the
 * page's rows are read and joined. Four plans choose the ids:
 * - text: free text collects its matches once through the search index and sorts them, or, when
 *   very many match, counts them and walks the sort's index (problems-list-text.ts);
 * - keyed: a filter that names its rows through another index (project, visit, district,
 *   group) finds them directly, sorts them, and counts them in the same pass;
 * - walk: a broad filter walks the sort's own index (migration 007) in order and stops after
 *   the page;
 * - sorted: a narrow filter reads its rows from the covering idx_problems_live and sorts them.
 * Walk or sorted is decided from the total, counted first from idx_problems_live.
 */

export type ProblemListPlan = 'keyed' | 'walk' | 'sorted';

const ACTIVE_STATUSES: readonly string[] = ['open', 'in_progress'];
const ACTIVE = `pr.status IN ('open', 'in_progress')`;

/** Each sort as a list of terms; 'desc' flips them all, ties end on the id. Identical to migration 007's indexes. */
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

/** The index a walk follows per sort and direction; 'project' walks projects by code, then each one's problems. */
const WALK_INDEX: { readonly [F in Exclude<ProblemSortField, 'project'>]: { asc: string; desc: string } } = {
  urgency: { asc: 'idx_problems_by_urgency', desc: 'idx_problems_by_urgency_desc' },
  deadline: { asc: 'idx_problems_by_deadline', desc: 'idx_problems_by_deadline_desc' },
  raisedOn: { asc: 'idx_problems_by_raised_on', desc: 'idx_problems_by_raised_on' },
  status: { asc: 'idx_problems_by_status', desc: 'idx_problems_by_status' },
  category: { asc: 'idx_problems_by_category', desc: 'idx_problems_by_category' },
  leadUnit: { asc: 'idx_problems_by_lead_unit', desc: 'idx_problems_by_lead_unit_desc' },
  handlingLevel: { asc: 'idx_problems_by_handling_level', desc: 'idx_problems_by_handling_level' },
};

function sortKeys(field: ProblemSortField, order: 'asc' | 'desc'): SortKey[] {
  const dir = order === 'desc' ? ' DESC' : '';
  // "No deadline / no lead unit" stays last in both directions.
  const terms = SORT_TERMS[field].map((expr): SortKey => ({ expr, dir: expr.endsWith('IS NULL') ? '' : dir }));
  return [...terms, { expr: 'pr.id', dir }];
}

function orderBy(field: ProblemSortField, order: 'asc' | 'desc'): string {
  return sortKeys(field, order)
    .map((k) => `${k.expr}${k.dir}`)
    .join(', ');
}

type ParsedQuery = ReturnType<typeof ProblemListQuery.parse>;

/** Value lists to seek idx_problems_live with: the filter's values among those present (problem_counts). */
export interface SeekLists {
  statuses: readonly string[];
  categories: readonly string[];
  handlingLevels: readonly string[];
}

export interface ProblemListOptions {
  plan: ProblemListPlan;
  /** Only when some project is deleted do its problems need leaving out row by row (~100 ns a row). */
  deletedProjects: boolean;
  seek?: SeekLists;
}

interface Filter {
  /** Terms over `pr` alone; status first, so a walk tests it on the index entry before reading the row. */
  where: string;
  params: Param[];
  /** Whether a filter names its rows through another index (see keyed above). */
  keyed: boolean;
  /** The free text as FTS5 expressions, when there is any. */
  text: TextMatch | null;
}

function problemFilter(q: ParsedQuery, today: string, opts: ProblemListOptions): Filter {
  const where = ['pr.deleted = 0'];
  const params: Param[] = [];
  const inList = (column: string, values: readonly string[]): void => {
    if (values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('pr.status', opts.seek?.statuses ?? q.statuses);
  if (q.overdueOnly) {
    where.push(`${ACTIVE} AND pr.deadline < ?`);
    params.push(today);
  }
  inList('pr.category', opts.seek?.categories ?? q.categories);
  inList('pr.handling_level', opts.seek?.handlingLevels ?? q.handlingLevels);
  inList('pr.lead_unit', q.leadUnits);
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
  const projectLevel = q.districts.length > 0 || q.groupIds.length > 0;
  if (projectLevel) {
    const projectWhere = ['deleted = 0'];
    if (q.districts.length > 0) projectWhere.push(`district IN (${q.districts.map(() => '?').join(', ')})`);
    if (q.groupIds.length > 0) projectWhere.push(`group_id IN (${q.groupIds.map(() => '?').join(', ')})`);
    where.push(`pr.project_id IN (SELECT id FROM projects WHERE ${projectWhere.join(' AND ')})`);
    params.push(...q.districts, ...q.groupIds);
  } else if (opts.deletedProjects) {
    where.push('pr.project_id NOT IN (SELECT id FROM projects WHERE deleted = 1)');
  }
  // The problem's own text, or its project's (name, code, district …): "巴彦" finds 巴彦县's problems.
  // Only problem documents have a problem_docs row, so the problems' side needs no kind term.
  const problemMatch = buildMatch(q.query);
  const projectMatch = buildMatch(q.query, 'project');
  return {
    where: where.join(' AND '),
    params,
    keyed: projectLevel || q.projectId !== null || q.visitId !== null,
    text: problemMatch !== null && projectMatch !== null ? { problemMatch, projectMatch } : null,
  };
}

export interface ProblemListSql {
  /** The page's ids in order (`id`), and under the keyed and text plans except a walk the total too (`total`). */
  pageSql: string;
  pageParams: Param[];
  /** The total; under the keyed and text plans only needed when the page is past the end. */
  countSql: string;
  countParams: Param[];
  /** A filter that names its rows through another index (visit, project, district, group). */
  keyed: boolean;
  /** There is free text: `opts.plan` chooses among the text plans (listProblems). */
  text: TextMatch | null;
}

/**
 * The list's SQL under a plan, built only from whitelisted pieces; exported so tests can EXPLAIN it.
 * A keyed filter without free text takes the keyed plan whatever `opts.plan` says. With free
 * text (problems-list-text.ts), 'walk' walks, any other plan sorts the matches.
 */
export function problemListSql(query: ProblemListQuery, today: string, opts: ProblemListOptions): ProblemListSql {
  const q = ProblemListQuery.parse(query);
  const { where, params, keyed, text } = problemFilter(q, today, opts);
  const { field, order } = q.sort;
  const page = `ORDER BY ${orderBy(field, order)} LIMIT ? OFFSET ?`;
  if (text && opts.plan !== 'walk') {
    const sql = textPlanSql({
      where,
      params,
      ...text,
      keys: sortKeys(field, order),
      projectJoin: field === 'project',
      limit: q.limit,
      offset: q.offset,
    });
    return { ...sql, keyed, text };
  }
  const projectJoin = field === 'project' ? 'JOIN projects p ON p.id = pr.project_id' : '';
  // Without a keyed filter, idx_problems_live holds every column filtered on: counting and
  // sorting never read a row. A keyed filter seeks by visit or by project. (Left to itself
  // SQLite may take a narrower index, handling level say, and read every row it names.)
  const byKey = q.visitId !== null ? 'idx_problems_visit' : 'idx_problems_by_project';
  const live = `problems pr INDEXED BY ${keyed ? byKey : 'idx_problems_live'}`;
  // A walk with free text tests each entry against the matches.
  const walkText = text ? textWalkTerms(text) : null;
  const walkWhere = walkText ? `${where} AND ${walkText.term}` : where;
  let pageSql: string;
  if (keyed && !text) {
    pageSql = `SELECT pr.id AS id, count(*) OVER () AS total FROM ${live} ${projectJoin} WHERE ${where} ${page}`;
  } else if (opts.plan === 'keyed') {
    pageSql = `SELECT pr.id AS id, count(*) OVER () AS total FROM problems pr ${projectJoin} WHERE ${where} ${page}`;
  } else if (opts.plan === 'sorted') {
    pageSql = `SELECT pr.id AS id FROM ${live} ${projectJoin} WHERE ${where} ${page}`;
  } else if (field === 'project') {
    // Projects in code order, each one's problems by date: the order without a sort of all rows.
    pageSql = `SELECT pr.id AS id FROM projects p INDEXED BY idx_projects_code
      CROSS JOIN problems pr INDEXED BY idx_problems_by_project
      WHERE pr.project_id = p.id AND p.deleted = 0 AND ${walkWhere} ${page}`;
  } else {
    pageSql = `SELECT pr.id AS id FROM problems pr INDEXED BY ${WALK_INDEX[field][order]} WHERE ${walkWhere} ${page}`;
  }
  const counted = text
    ? textCountSql({ where, params, ...text })
    : { countSql: `SELECT count(*) AS n FROM ${live} WHERE ${where}`, countParams: params };
  return {
    pageSql: walkText ? `${walkText.with} ${pageSql}` : pageSql,
    pageParams: [...(walkText?.withParams ?? []), ...params, q.limit, q.offset],
    countSql: counted.countSql,
    countParams: counted.countParams,
    keyed,
    text,
  };
}

/**
 * Filtered on the sort's own column, the matches sit together somewhere along the walk, maybe at
 * its end. A lead unit follows from the kind of problem (land goes to the natural resources
 * bureau, on-site work to the project's own people), so category and level cluster along its walk too.
 */
function clustered(q: ParsedQuery): boolean {
  return (
    (q.sort.field === 'category' && q.categories.length > 0) ||
    (q.sort.field === 'handlingLevel' && q.handlingLevels.length > 0) ||
    (q.sort.field === 'leadUnit' && q.leadUnits.length + q.categories.length + q.handlingLevels.length > 0)
  );
}

/**
 * Free text: walk or sort. Both collect the matches (problems-list-text.ts); sorting then costs
 * ~0.3 µs a match, a walk instead ~0.3 µs for each own-text match (its test set) and ~0.8 µs an
 * entry walked (row read, tests). So a walk pays when the matching projects bring many problems.
 */
function textWalks(q: ParsedQuery, byProject: number, total: number, all: number, margin = 1): boolean {
  if (clustered(q)) return false;
  const walked = ((q.offset + q.limit) * all) / Math.max(total, 1);
  return byProject * 0.3 > walked * 0.8 * margin;
}

/**
 * Walk or sort, by estimated cost. A walk reads about (offset + limit) × all / total entries of
 * the sort's index; those past the status test cost a row read each (~0.7 µs). Sorting seeks
 * the matching entries of idx_problems_live (~0.2 µs each; ~1 µs more when each needs its
 * project's code).
 */
export function choosePlan(q: ParsedQuery, total: number, all: number): 'walk' | 'sorted' {
  if (clustered(q)) return 'sorted';
  const walked = ((q.offset + q.limit) * all) / Math.max(total, 1);
  const beyondStatus =
    q.categories.length + q.handlingLevels.length + q.leadUnits.length > 0 ||
    q.overdueOnly ||
    q.raisedFrom !== null ||
    q.raisedTo !== null;
  const walkCost = walked * (beyondStatus ? 0.7 : 0.1);
  const sortCost = total * (q.sort.field === 'project' ? 1.2 : 0.2);
  return walkCost <= sortCost ? 'walk' : 'sorted';
}

interface Combination {
  status: string;
  category: string;
  handling_level: string;
  n: number;
}

const COMBINATIONS_SQL = 'SELECT status, category, handling_level, n FROM problem_counts WHERE n > 0';
const DELETED_PROJECT_SQL = 'SELECT EXISTS (SELECT 1 FROM projects WHERE deleted = 1) AS any';
const PAGE_ROWS_SQL = `SELECT pr.*, p.name AS project_name, p.code AS project_code, p.district AS project_district,
    p.group_id AS project_group_id, g.name AS group_name
  FROM problems pr JOIN projects p ON p.id = pr.project_id
  LEFT JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0
  WHERE pr.id IN (SELECT value FROM json_each(?))`;

function pageRows(db: Database, ids: readonly string[], today: string): ProblemListItem[] {
  if (ids.length === 0) return [];
  const rank = new Map(ids.map((id, i) => [id, i]));
  const rows = stmt(db, PAGE_ROWS_SQL).all(JSON.stringify(ids)) as Row[];
  rows.sort((a, b) => rank.get(str(a['id']))! - rank.get(str(b['id']))!);
  return rows.map((r): ProblemListItem => {
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
}

/** A page whose rows carry the total (keyed, and text sorted); a null id is no row (see textPlanSql). */
function countedPage(db: Database, q: ParsedQuery, today: string, sql: ProblemListSql): ProblemPage {
  const page = stmt(db, sql.pageSql).all(...sql.pageParams) as { id: string | null; total: number }[];
  const total =
    page[0]?.total ?? (q.offset === 0 ? 0 : (stmt(db, sql.countSql).get(...sql.countParams) as { n: number }).n);
  const ids = page.flatMap((r) => (r.id === null ? [] : [r.id]));
  return { rows: pageRows(db, ids, today), total, today };
}

export function listProblems(db: Database, query: ProblemListQuery, now: number): ProblemPage {
  const today = shanghaiDate(now);
  const q = ProblemListQuery.parse(query);
  const deletedProjects = (stmt(db, DELETED_PROJECT_SQL).get() as { any: number }).any === 1;
  const keyed = problemListSql(q, today, { plan: 'keyed', deletedProjects });
  if (keyed.keyed && !keyed.text) return countedPage(db, q, today, keyed);
  const combinations = stmt(db, COMBINATIONS_SQL).all() as Combination[];
  const wanted = (values: readonly string[], v: string) => values.length === 0 || values.includes(v);
  const matching = combinations.filter(
    (c) =>
      wanted(q.statuses, c.status) &&
      (!q.overdueOnly || ACTIVE_STATUSES.includes(c.status)) &&
      wanted(q.categories, c.category) &&
      wanted(q.handlingLevels, c.handling_level),
  );
  if (matching.length === 0) return { rows: [], total: 0, today };
  const all = combinations.reduce((sum, c) => sum + c.n, 0);
  const some = matching.reduce((sum, c) => sum + c.n, 0);
  if (keyed.text) {
    // The status, category and level filters keep `some / all` of either part, about; other
    // filters keep an unknown share, so then the matches are sorted. When a walk looks clearly
    // cheaper, the matches are counted first (without sorting), and the count decides.
    const onlyCounted = !q.overdueOnly && !q.raisedFrom && !q.raisedTo && q.leadUnits.length === 0 && !keyed.keyed;
    if (!onlyCounted) return countedPage(db, q, today, keyed);
    const estimate = textEstimate(db, keyed.text, all);
    const share = some / Math.max(all, 1);
    const byProject = estimate.byProject * share;
    const expected = (estimate.own + estimate.byProject) * share;
    if (!textWalks(q, byProject, expected, all, 2)) return countedPage(db, q, today, keyed);
    const total = (stmt(db, keyed.countSql).get(...keyed.countParams) as { n: number }).n;
    if (total <= q.offset) return { rows: [], total, today };
    if (!textWalks(q, byProject, total, all)) return countedPage(db, q, today, keyed);
    const walk = problemListSql(q, today, { plan: 'walk', deletedProjects });
    const ids = (stmt(db, walk.pageSql).all(...walk.pageParams) as { id: string }[]).map((r) => r.id);
    return { rows: pageRows(db, ids, today), total, today };
  }
  const distinct = (pick: (c: Combination) => string) => [...new Set(matching.map(pick))].sort();
  const seek: SeekLists = {
    statuses: distinct((c) => c.status),
    categories: distinct((c) => c.category),
    handlingLevels: distinct((c) => c.handling_level),
  };
  const byCombination = !deletedProjects && !q.overdueOnly && !q.raisedFrom && !q.raisedTo && q.leadUnits.length === 0;
  const counted = problemListSql(q, today, { plan: 'sorted', deletedProjects, seek });
  const total = byCombination ? some : (stmt(db, counted.countSql).get(...counted.countParams) as { n: number }).n;
  if (total <= q.offset) return { rows: [], total, today };
  const plan = choosePlan(q, total, all);
  const { pageSql, pageParams } = plan === 'sorted' ? counted : problemListSql(q, today, { plan, deletedProjects });
  const ids = (stmt(db, pageSql).all(...pageParams) as { id: string }[]).map((r) => r.id);
  return { rows: pageRows(db, ids, today), total, today };
}

export function problemFacets(db: Database): ProblemFacets {
  const rows = stmt(
    db,
    `SELECT DISTINCT lead_unit AS v FROM problems WHERE deleted = 0 AND lead_unit IS NOT NULL AND lead_unit <> ''
     ORDER BY lead_unit`,
  ).all() as { v: string }[];
  return { leadUnits: rows.map((r) => r.v) };
}
