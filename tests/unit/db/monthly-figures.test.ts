import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_FIGURES_SQL, monthlyFigures } from '../../../electron/backend/db/monthly-figures';
import { openDatabase } from '../../../electron/backend/db/open';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import type { ProgressFigures } from '../../../shared/domain/visit';
import { project, visit } from './fixtures';

const figures = (completed: number, cumulative: number): ProgressFigures => ({
  completedInvestmentThisYear: completed,
  fundsInPlace: completed * 2,
  cumulativeInvestment: cumulative,
  stage: 'continuing',
  workersOnSite: 10,
  visibleProgress: null,
});

// 2020-06-10 in Shanghai.
const NOW = Date.UTC(2020, 5, 10, 4);
let db: Database;

beforeAll(() => {
  db = openDatabase(':memory:');
  importSnapshot(
    db,
    [
      { table: 'projects', records: [project('p1'), project('p2', { code: 'C2' })] },
      {
        table: 'visits',
        records: [
          visit('v2019', 'p1', '2019-12-20', { figures: figures(90, 400) }),
          // March: two submitted visits; the later date counts, whatever the submission order.
          visit('v3a', 'p1', '2020-03-25', { figures: figures(30, 430), submittedAt: Date.UTC(2020, 2, 25) }),
          visit('v3b', 'p1', '2020-03-05', { figures: figures(20, 420), submittedAt: Date.UTC(2020, 2, 26) }),
          // A draft later in March does not count.
          visit('v3c', 'p1', '2020-03-30', { status: 'draft', submittedAt: null, figures: figures(99, 999) }),
          // Same day twice: the later submission counts.
          visit('v5a', 'p1', '2020-05-08', { figures: figures(50, 450), submittedAt: Date.UTC(2020, 4, 9) }),
          visit('v5b', 'p1', '2020-05-08', { figures: figures(55, 455), submittedAt: Date.UTC(2020, 4, 8) }),
          visit('v8', 'p1', '2020-08-01', { figures: figures(80, 480) }), // after "now": beyond the range
        ],
      },
    ],
    '2020-01-01T00:00:00.000Z-0000-server',
  );
});
afterAll(() => db.close());

describe('monthly figures (latest submitted visit per month, carried forward)', () => {
  it('counts the latest submitted visit of each month and carries the last known figures forward', () => {
    const r = monthlyFigures(db, 'p1', 2020, NOW);
    expect(r.annualPlannedInvestment).toBe(300_000_000);
    expect(r.months.map((m) => m.month)).toEqual(['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06']);
    const [jan, feb, mar, apr, may, jun] = r.months;
    // January and February: no visit; last year's December carries, year-scoped figures restart.
    expect(jan).toMatchObject({ reported: false, visitId: 'v2019', visitDate: '2019-12-20' });
    expect(jan!.figures).toMatchObject({
      completedInvestmentThisYear: null,
      fundsInPlace: null,
      cumulativeInvestment: 400,
    });
    expect(feb).toMatchObject({ reported: false, visitId: 'v2019' });
    // March has two submitted visits: the one dated later wins.
    expect(mar).toMatchObject({ reported: true, visitId: 'v3a', visitDate: '2020-03-25' });
    expect(mar!.figures?.completedInvestmentThisYear).toBe(30);
    // April has none: March is carried forward, marked not reported.
    expect(apr).toMatchObject({ reported: false, visitId: 'v3a', visitDate: '2020-03-25' });
    expect(apr!.figures?.completedInvestmentThisYear).toBe(30);
    expect(may).toMatchObject({ reported: true, visitId: 'v5a' });
    expect(jun).toMatchObject({ reported: false, visitId: 'v5a' });
  });

  it('a project never visited has no figures, and every month is not reported', () => {
    const r = monthlyFigures(db, 'p2', 2020, NOW);
    expect(r.months).toHaveLength(6);
    expect(r.months.every((m) => !m.reported && m.figures === null && m.visitId === null)).toBe(true);
  });

  it('a past year has twelve months, a future year none', () => {
    expect(monthlyFigures(db, 'p1', 2019, NOW).months).toHaveLength(12);
    expect(monthlyFigures(db, 'p1', 2019, NOW).months[11]).toMatchObject({ reported: true, visitId: 'v2019' });
    expect(monthlyFigures(db, 'p1', 2021, NOW).months).toEqual([]);
  });

  it('the month is Shanghai’s: 2020-06-30 16:30 UTC is already July', () => {
    expect(monthlyFigures(db, 'p1', 2020, Date.UTC(2020, 5, 30, 16, 30)).months).toHaveLength(7);
  });

  it('refuses an unknown project', () => {
    expect(() => monthlyFigures(db, 'nope', 2020, NOW)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('reads visits through the submitted-visits index', () => {
    for (const [sql, params] of [
      [MONTHLY_FIGURES_SQL.inYear, ['p1', '2020-01-01', '2021-01-01']],
      [MONTHLY_FIGURES_SQL.beforeYear, ['p1', '2020-01-01']],
    ] as const) {
      const lines = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
        (l) => l.detail,
      );
      expect(
        lines.some((l) => /SEARCH visits USING (COVERING )?INDEX idx_visits_(submitted|project_date)/.test(l)),
        lines.join('\n'),
      ).toBe(true);
    }
  });
});
