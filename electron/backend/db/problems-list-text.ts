import type { Database } from 'better-sqlite3';
import { stmt } from './cells';

/**
 * The problem list's free-text plans. A problem matches by its own text (description, lead unit)
 * or by its project's (name, code, district …); a common 2-character query matches ~30k of a
 * province's 150k problems by their own text, and a word like 项目 names most projects. The
 * matches are collected once, in FTS doclist order, in two disjoint parts:
 * - own: each hit's docid seeks problem_docs (migration 008), which holds every column the
 *   filter and the sort read, so no problem row is read; problems of matching projects are
 *   left out here and taken in the other part;
 * - by project: the matching projects' problems, by idx_problems_by_project.
 * The other filters apply on the way in. What passes is materialised once with its sort key,
 * counted, and only the page is sorted out of it (a top-k sort). When very many match (项目
 * names 85% of the projects), they are only counted, and the page comes from a walk of the
 * sort's index, each entry tested against both parts.
 */

export type Param = string | number;

/** One sort term as an SQL expression over `pr` (and `p`, the project), and its direction. */
export interface SortKey {
  expr: string;
  dir: '' | ' DESC';
}

export interface TextMatch {
  /** FTS5 expressions from buildMatch: the bigram phrases alone, and restricted to project documents. */
  problemMatch: string;
  projectMatch: string;
}

export interface TextCountInput extends TextMatch {
  /** The filter's terms over `pr` (problems or problem_docs: the same column names), and their values. */
  where: string;
  params: readonly Param[];
}

export interface TextPlanInput extends TextCountInput {
  /** The whole order, ending on the id (`pr.id`). */
  keys: readonly SortKey[];
  /** The sort reads the project's code (`p`). */
  projectJoin: boolean;
  limit: number;
  offset: number;
}

export interface TextPlanSql {
  /** The page's ids in order (`id`, one null row past the end) and the number of matches (`total`) on each row. */
  pageSql: string;
  pageParams: Param[];
  /** The number of matches alone. */
  countSql: string;
  countParams: Param[];
}

const BY_PROJECT = `by_project AS MATERIALIZED (SELECT d.ref_id AS id FROM search_fts
    JOIN search_docs d ON d.docid = search_fts.rowid WHERE search_fts MATCH ?)`;

/** The two disjoint parts, each selecting `columns`; params: projectMatch, problemMatch, then the filter's twice. */
function parts(
  input: TextCountInput,
  columns: string,
  projectJoin: boolean,
): { own: string; byProject: string; params: Param[] } {
  const project = projectJoin ? 'JOIN projects p ON p.id = pr.project_id' : '';
  // The matches stay the outer loop: problem_docs is only sought by docid, problems by project
  // (left free, SQLite seeks a filter's index, handling level say, once per matching project).
  const own = `SELECT ${columns} FROM search_fts CROSS JOIN problem_docs pr ON pr.docid = search_fts.rowid ${project}
      WHERE search_fts MATCH ? AND pr.project_id NOT IN (SELECT id FROM by_project) AND ${input.where}`;
  const byProject = `SELECT ${columns} FROM by_project b CROSS JOIN problems pr INDEXED BY idx_problems_by_project
      ON pr.project_id = b.id ${project} WHERE ${input.where}`;
  return { own, byProject, params: [input.projectMatch, input.problemMatch, ...input.params, ...input.params] };
}

/** The number of matches. */
export function textCountSql(input: TextCountInput): { countSql: string; countParams: Param[] } {
  const { own, byProject, params } = parts(input, '1', false);
  return {
    countSql: `WITH ${BY_PROJECT} SELECT (SELECT count(*) FROM (${own})) + (SELECT count(*) FROM (${byProject})) AS n`,
    countParams: params,
  };
}

/** Materialise and sort: for a set of matches small enough to sort. */
export function textPlanSql(input: TextPlanInput): TextPlanSql {
  // The order ends on the id, which is the `id` column already.
  const keys = input.keys.slice(0, -1);
  const idDir = input.keys.at(-1)?.dir ?? '';
  const columns = ['pr.id AS id', ...keys.map((k, i) => `${k.expr} AS k${i}`)].join(', ');
  const { own, byProject, params } = parts(input, columns, input.projectJoin);
  const order = (table: string) => [...keys.map((k, i) => `${table}k${i}${k.dir}`), `${table}id${idDir}`].join(', ');
  return {
    // Past the end the page is empty: one row with a null id still carries the total.
    pageSql: `WITH ${BY_PROJECT}, matched AS MATERIALIZED (${own} UNION ALL ${byProject}),
    page AS (SELECT * FROM matched ORDER BY ${order('')} LIMIT ? OFFSET ?)
  SELECT page.id AS id, c.total AS total FROM (SELECT count(*) AS total FROM matched) c LEFT JOIN page ON 1
  ORDER BY ${order('page.')}`,
    pageParams: [...params, input.limit, input.offset],
    ...textCountSql(input),
  };
}

/**
 * For a walk of the sort's index: the CTEs (first in the statement; params `withParams`) and
 * the term testing `pr` against the matches, to add to the filter.
 */
export function textWalkTerms(m: TextMatch): { with: string; withParams: Param[]; term: string } {
  return {
    with: `WITH ${BY_PROJECT}, own AS MATERIALIZED (SELECT pd.id AS id FROM search_fts
      CROSS JOIN problem_docs pd ON pd.docid = search_fts.rowid WHERE search_fts MATCH ?)`,
    withParams: [m.projectMatch, m.problemMatch],
    term: '(pr.project_id IN (SELECT id FROM by_project) OR pr.id IN (SELECT id FROM own))',
  };
}

const DOCS_SQL = 'SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?';
const LIVE_PROJECTS_SQL = 'SELECT count(*) AS n FROM projects WHERE deleted = 0';

/**
 * About how many problems match before the other filters, in either part: the documents
 * matching the text (~1 ms at 36k), and the matching projects' share of all problems.
 * Only asked with no filter the estimate cannot see (listProblems).
 */
export function textEstimate(db: Database, m: TextMatch, allProblems: number): { own: number; byProject: number } {
  const docs = stmt(db, DOCS_SQL);
  const projects = (docs.get(m.projectMatch) as { n: number }).n;
  // Without matching projects nothing walks (see textWalks): the own count is not needed.
  if (projects === 0) return { own: 0, byProject: 0 };
  const own = (docs.get(m.problemMatch) as { n: number }).n;
  const live = (stmt(db, LIVE_PROJECTS_SQL).get() as { n: number }).n;
  return { own, byProject: (projects * allProblems) / Math.max(live, 1) };
}
