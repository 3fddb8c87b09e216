import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectListQuery } from '../../../shared/api';
import { openDatabase } from '../../../electron/backend/db/open';
import { listProjects, projectListSql } from '../../../electron/backend/db/projects';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { problem, project, visit } from './fixtures';

/*
 * The ledger's "not visited this month" and "has overdue problems" filters. The clock is
 * 2020-05-01 00:30 in Shanghai, which is still 2020-04-30 in UTC: the month and "today"
 * must be Shanghai's, whatever the machine's zone.
 */
const NOW = Date.UTC(2020, 3, 30, 16, 30);

let db: Database;

beforeAll(() => {
  db = openDatabase(':memory:');
  const projects = Array.from({ length: 8 }, (_, i) => project(`p${i}`, { code: `C${i}` }));
  importSnapshot(
    db,
    [
      { table: 'projects', records: projects },
      {
        table: 'visits',
        records: [
          visit('v0', 'p0', '2020-05-01'), // visited this (Shanghai) month
          visit('v1', 'p1', '2020-04-30'), // last month only
          visit('v2', 'p2', '2020-05-03', { status: 'draft', submittedAt: null }), // a draft does not count
          visit('v3', 'p3', '2020-05-02', { status: 'submitted' }),
          visit('v4', 'p3', '2020-03-02'),
          visit('v5', 'p5', '2020-06-01'), // next month (a typo'd date) is not this month
        ],
      },
      {
        table: 'problems',
        records: [
          problem('q0', 'p0', { status: 'open', deadline: '2020-04-30' }), // overdue
          problem('q1', 'p1', { status: 'in_progress', deadline: '2020-04-01' }), // overdue
          problem('q2', 'p2', { status: 'open', deadline: '2020-05-01' }), // due today: not overdue
          problem('q3', 'p3', { status: 'resolved', deadline: '2020-01-01', resolvedOn: '2020-02-01' }),
          problem('q4', 'p4', { status: 'open', deadline: null }), // no deadline: never overdue
          problem('q5', 'p5', { status: 'closed', deadline: '2020-01-01', closedOn: '2020-02-01' }),
          problem('q6', 'p6', { status: 'open', deadline: '2020-04-29' }),
          problem('q7', 'p6', { status: 'open', deadline: '2020-04-28' }),
        ],
      },
    ],
    '2020-01-01T00:00:00.000Z-0000-server',
  );
});
afterAll(() => db.close());

const ids = (q: Parameters<typeof listProjects>[1]) => {
  const page = listProjects(db, q, NOW);
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.id);
};

describe('ledger filters', () => {
  it('both default to off', () => {
    expect(ids({})).toHaveLength(8);
    expect(ids({ notVisitedThisMonth: false, hasOverdueProblems: false })).toHaveLength(8);
  });

  it('not visited this month: no submitted visit in the Shanghai month of now', () => {
    expect(ids({ notVisitedThisMonth: true })).toEqual(['p1', 'p2', 'p4', 'p5', 'p6', 'p7']);
  });

  it('has overdue problems: open or in progress, deadline before today in Shanghai', () => {
    expect(ids({ hasOverdueProblems: true })).toEqual(['p0', 'p1', 'p6']);
  });

  it('combine with each other and with the other filters', () => {
    expect(ids({ notVisitedThisMonth: true, hasOverdueProblems: true })).toEqual(['p1', 'p6']);
    expect(ids({ hasOverdueProblems: true, query: 'C6' })).toEqual(['p6']);
    expect(ids({ hasOverdueProblems: true, levels: ['district_key'] })).toEqual([]);
  });

  it('ignore deleted visits and problems', () => {
    db.prepare("UPDATE visits SET deleted = 1 WHERE id = 'v0'").run();
    db.prepare("UPDATE problems SET deleted = 1 WHERE id = 'q0'").run();
    try {
      expect(ids({ notVisitedThisMonth: true })).toContain('p0');
      expect(ids({ hasOverdueProblems: true })).not.toContain('p0');
    } finally {
      db.prepare("UPDATE visits SET deleted = 0 WHERE id = 'v0'").run();
      db.prepare("UPDATE problems SET deleted = 0 WHERE id = 'q0'").run();
    }
  });

  it('the month rolls over in December', () => {
    const dec = Date.UTC(2020, 11, 15, 4);
    const { params } = projectListSql({ notVisitedThisMonth: true }, dec);
    expect(params.slice(0, 2)).toEqual(['2020-12-01', '2021-01-01']);
  });
});

describe('the two filters probe indexes', () => {
  function plan(sql: string, params: unknown[]): string[] {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  }
  const noScan = (lines: string[]) =>
    expect(
      lines.some((l) => /^SCAN (pr|v)\b/.test(l)),
      lines.join('\n'),
    ).toBe(false);

  it.each<[string, ProjectListQuery]>([
    ['not visited', { notVisitedThisMonth: true }],
    ['overdue', { hasOverdueProblems: true }],
    ['both, with a district', { notVisitedThisMonth: true, hasOverdueProblems: true, districts: ['巴彦县'] }],
  ])('%s', (_name, query) => {
    const { sql, countSql, params } = projectListSql(query, NOW);
    for (const lines of [plan(sql, params), plan(countSql, params.slice(0, -2))]) {
      noScan(lines);
      if (query.notVisitedThisMonth) {
        expect(
          lines.some((l) =>
            /SEARCH v USING COVERING INDEX idx_visits_submitted \(project_id=\? AND date>\? AND date<\?\)/.test(l),
          ),
          lines.join('\n'),
        ).toBe(true);
      }
      if (query.hasOverdueProblems) {
        expect(
          lines.some((l) =>
            /SEARCH pr (EXISTS )?USING COVERING INDEX idx_problems_open \(project_id=\? AND status=\? AND deadline<\?\)/.test(
              l,
            ),
          ),
          lines.join('\n'),
        ).toBe(true);
      }
    }
  });
});
