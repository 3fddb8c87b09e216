import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_SQL } from '../../../electron/backend/db/history';
import { openDatabase } from '../../../electron/backend/db/open';
import { PROBLEMS_BY_PROJECT_SQL, problemsByStatusSql } from '../../../electron/backend/db/problems';
import { problemListSql } from '../../../electron/backend/db/problems-list';
import { projectListSql } from '../../../electron/backend/db/projects';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { VISITS_BY_PROJECT_SQL } from '../../../electron/backend/db/visits';
import { ProblemSortField, type ProblemListQuery } from '../../../shared/channels/problems';
import { group, problem, project, visit } from './fixtures';

let db: Database;

beforeAll(() => {
  db = openDatabase(':memory:');
  const districts = ['道里区', '南岗区', '巴彦县', '松北区', '阿城区'];
  const projects = Array.from({ length: 300 }, (_, i) =>
    project(`p${i}`, { code: `C${i}`, district: districts[i % 5]!, groupId: `g${i % 10}` }),
  );
  importSnapshot(
    db,
    [
      { table: 'service_groups', records: Array.from({ length: 10 }, (_, i) => group(`g${i}`, `第${i}组`)) },
      { table: 'projects', records: projects },
      { table: 'visits', records: projects.map((p, i) => visit(`v${i}`, p.id, '2020-04-02')) },
      {
        table: 'problems',
        records: projects.map((p, i) => problem(`q${i}`, p.id, { status: i % 2 ? 'open' : 'closed' })),
      },
    ],
    '2020-01-01T00:00:00.000Z-0000-server',
  );
});
afterAll(() => db.close());

function plan(sql: string, params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

function expectIndexed(lines: string[], table: string, index: string): void {
  expect(
    lines.some((l) => l.includes(index) && /USING (COVERING )?INDEX/.test(l)),
    lines.join('\n'),
  ).toBe(true);
  expect(
    lines.some((l) => new RegExp(`^SCAN ${table}\\b`).test(l)),
    lines.join('\n'),
  ).toBe(false);
}

describe('hot queries use their indexes', () => {
  it.each([
    ['district', { districts: ['巴彦县'] }, 'idx_projects_district'],
    ['level', { levels: ['provincial_top100' as const] }, 'idx_projects_level'],
    ['group', { groupIds: ['g1', 'g2'] }, 'idx_projects_group'],
    ['stage', { stages: ['continuing' as const] }, 'idx_projects_stage'],
    ['industry', { industries: ['现代服务业'] }, 'idx_projects_industry'],
  ])('project list by %s', (_name, query, index) => {
    const { sql, countSql, params } = projectListSql(query);
    const lines = plan(sql, params);
    expectIndexed(lines, 'p', index);
    // The per-row counts look up problems and visits by project, never scan them.
    // (Migration 004's partial indexes cover both probes when present.)
    expect(lines.some((l) => /idx_problems_(project|open)\b/.test(l))).toBe(true);
    expect(lines.some((l) => /idx_visits_(project_date|submitted)\b/.test(l))).toBe(true);
    expect(lines.some((l) => /^SCAN (pr|v)\b/.test(l))).toBe(false);
    expectIndexed(plan(countSql, params.slice(0, -2)), 'p', index);
  });

  it('project list by free text goes through the FTS index', () => {
    const { sql, params } = projectListSql({ query: '巴彦' });
    const lines = plan(sql, params);
    expect(lines.some((l) => l.includes('VIRTUAL TABLE INDEX'))).toBe(true);
  });

  it('problems by project', () => {
    // Either index leading with project_id (001's, or 007's for the problem list) is a seek.
    const lines = plan(PROBLEMS_BY_PROJECT_SQL, ['p1']);
    expectIndexed(
      lines,
      'problems',
      lines.some((l) => l.includes('idx_problems_by_project')) ? 'idx_problems_by_project' : 'idx_problems_project',
    );
    expect(
      lines.some((l) => /\(project_id=\?/.test(l)),
      lines.join('\n'),
    ).toBe(true);
  });

  it('problems by status', () => {
    expectIndexed(plan(problemsByStatusSql(2), ['open', 'in_progress', 100]), 'problems', 'idx_problems_status');
  });

  it('visits by project, ordered by date without a sort step', () => {
    const lines = plan(VISITS_BY_PROJECT_SQL, ['p1']);
    expectIndexed(lines, 'visits', 'idx_visits_project_date');
    expect(lines.some((l) => l.includes('TEMP B-TREE'))).toBe(false);
  });

  it('change log of one record', () => {
    const lines = plan(HISTORY_SQL, ['projects', 'p1', 100]);
    expectIndexed(lines, 'change_log', 'idx_change_log_record');
    expect(lines.some((l) => l.includes('TEMP B-TREE'))).toBe(false);
  });
});

describe('the problem list plans (problems-list.ts)', () => {
  const today = '2020-05-10';
  const sorts = ProblemSortField.options.flatMap((field) =>
    (['asc', 'desc'] as const).map((order) => ({ field, order })),
  );

  it.each(sorts)('walk, sorted by $field $order: its own index in order, stopped after the page, no sort', (sort) => {
    const { pageSql, pageParams } = problemListSql({ statuses: ['open'], sort }, today, {
      plan: 'walk',
      deletedProjects: true,
    });
    const lines = plan(pageSql, pageParams);
    const index = sort.field === 'project' ? 'idx_problems_by_project' : 'idx_problems_by_';
    expect(
      lines.some((l) => l.includes(index)),
      lines.join('\n'),
    ).toBe(true);
    if (sort.field === 'project') {
      expect(lines[0], lines.join('\n')).toMatch(/^SCAN p USING INDEX idx_projects_code/);
    }
    // A project code may repeat: only then are its problems ordered within the code, a page at a time.
    const sorts = lines.filter((l) => l.includes('TEMP B-TREE'));
    expect(sorts, lines.join('\n')).toEqual(
      sort.field === 'project' ? ['USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY'] : [],
    );
  });

  it('sorted and counted from the covering idx_problems_live, seeking the value lists', () => {
    const seek = { statuses: ['open'], categories: ['land', 'funding'], handlingLevels: ['district'] };
    const sql = problemListSql({ overdueOnly: true }, today, { plan: 'sorted', deletedProjects: false, seek });
    for (const lines of [plan(sql.pageSql, sql.pageParams), plan(sql.countSql, sql.countParams)]) {
      expect(lines[0], lines.join('\n')).toMatch(
        /^SEARCH pr USING COVERING INDEX idx_problems_live \(status=\? AND category=\? AND handling_level=\?\)/,
      );
    }
  });

  // Another filter's own index (a level index, say) must not take over from the key.
  it.each([
    {},
    { handlingLevels: ['district' as const] },
    { categories: ['land' as const], statuses: ['open' as const] },
  ])('keyed by district %j: driven from the projects, never a scan of problems', (more) => {
    const { pageSql, pageParams } = problemListSql({ districts: ['巴彦县'], ...more }, today, {
      plan: 'keyed',
      deletedProjects: false,
    });
    const lines = plan(pageSql, pageParams);
    expect(
      lines.some((l) => /^SCAN pr\b/.test(l)),
      lines.join('\n'),
    ).toBe(false);
    expect(
      lines.some((l) => /^SEARCH pr USING .*INDEX idx_problems_(project|by_project|open) \(project_id=\?/.test(l)),
      lines.join('\n'),
    ).toBe(true);
  });

  /** The text plan's matches: FTS doclists, problem_docs by docid, the matching projects' problems by project. */
  function expectTextMatches(lines: string[]): void {
    const text = lines.join('\n');
    expect(
      lines.filter((l) => l.includes('SCAN search_fts VIRTUAL TABLE INDEX')),
      text,
    ).toHaveLength(2);
    expect(
      lines.filter((l) => l === 'SEARCH pr USING INTEGER PRIMARY KEY (rowid=?)'),
      text,
    ).toHaveLength(1);
    expect(
      lines.filter((l) => /^SEARCH pr USING (COVERING )?INDEX idx_problems_by_project \(project_id=\?\)/.test(l)),
      text,
    ).toHaveLength(1);
    expect(
      lines.filter((l) => /^SEARCH pr\b/.test(l)),
      text,
    ).toHaveLength(2);
    expect(
      lines.some((l) => /^SCAN (pr|problems|problem_docs)\b/.test(l)),
      text,
    ).toBe(false);
  }

  const textCases: [ProblemSortField, ProblemListQuery][] = [
    ['urgency', {}],
    ['urgency', { handlingLevels: ['district'], statuses: ['open'] }],
    ['project', { districts: ['巴彦县'], overdueOnly: true }],
  ];
  it.each(textCases)('free text, sorted by %s %j: matches collected once, then one top-k sort', (field, more) => {
    const sql = problemListSql({ query: '用地', ...more, sort: { field, order: 'asc' }, offset: 200 }, today, {
      plan: 'keyed',
      deletedProjects: true,
    });
    const lines = plan(sql.pageSql, sql.pageParams);
    expectTextMatches(lines);
    expect(lines.filter((l) => l === 'MATERIALIZE matched')).toHaveLength(1);
    // One sort of the matches for the page, one of the page's own rows (≤ limit) after the join.
    expect(lines.filter((l) => l === 'USE TEMP B-TREE FOR ORDER BY')).toHaveLength(2);
    expectTextMatches(plan(sql.countSql, sql.countParams));
  });

  it.each(sorts)('free text, walked by $field $order: its own index in order, each entry tested', (sort) => {
    const sql = problemListSql({ query: '项目', statuses: ['open'], sort }, today, {
      plan: 'walk',
      deletedProjects: false,
    });
    const lines = plan(sql.pageSql, sql.pageParams);
    const text = lines.join('\n');
    expect(lines[0], text).toMatch(
      sort.field === 'project' ? /^SCAN p USING INDEX idx_projects_code/ : /^SCAN pr USING INDEX idx_problems_by_/,
    );
    // The matches are sets to test against, each built once: never the loop, never sorted.
    expect(
      lines.filter((l) => /^MATERIALIZE (own|by_project)$/.test(l)),
      text,
    ).toHaveLength(2);
    expect(
      lines.filter((l) => l.includes('TEMP B-TREE')),
      text,
    ).toEqual(sort.field === 'project' ? ['USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY'] : []);
  });
});
