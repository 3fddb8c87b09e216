import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getProblem } from '../../../electron/backend/db/problems';
import {
  OVERDUE_LATER_SQL,
  OVERDUE_OPEN_SQL,
  RAISED_SQL,
  RESOLVED_SQL,
  LATEST_SQL,
  VISITS_SQL,
  kpiLatestFigures,
  kpiProblemFacts,
  kpiVisits,
} from '../../../electron/backend/db/kpi-gather';
import { writeRecord } from '../../../electron/backend/db/writer';
import { countedFigures, kpiContext, monthPeriod, problemFacts, type KpiProblem } from '../../../shared/kpi/rows';
import { addGroup, addProblem, addProject, assign, at, openWorld, writer, type World } from '../plan/setup';
import { addFiguresVisit as addVisit, W } from './db-fixtures';

let w: World;

/*
 * Three projects of group g1 (assigned in January 2020), worked by hand for April 2020:
 *   P1 new, started 12 Apr, plan 100万; visits 5 Apr (10万/20万) and 28 Apr (30万/40万);
 *      in production 27 Apr, planned 28 Apr; problem raised 2 Apr, due 20 Apr, open.
 *   P2 continuing, resumed 20 Mar, plan 200万; one visit 15 Mar (50万/10万), none in April;
 *      a problem raised 1 Mar, due 31 Mar, resolved 11 Apr; another raised 15 Apr, due 30 May.
 *   P3 new, planned to start 1 Jun, no plan money, no visit.
 */
beforeEach(() => {
  w = openWorld(at('2020-01-05 09:00'));
  addGroup(w.db, 'g1', '第一服务组', w.now());
  addProject(w.db, 'P1', w.now(), {
    isNew: true,
    plannedStart: '2020-04-10',
    actualStart: '2020-04-12',
    annualPlannedInvestment: 100 * W,
    plannedProduction: '2020-04-28',
    actualProduction: '2020-04-27',
  });
  addProject(w.db, 'P2', w.now(), {
    isNew: false,
    district: '南岗区',
    annualPlannedInvestment: 200 * W,
    plannedProduction: null,
  });
  addProject(w.db, 'P3', w.now(), {
    isNew: true,
    plannedStart: '2020-06-01',
    annualPlannedInvestment: 0,
    plannedProduction: null,
  });
  for (const p of ['P1', 'P2', 'P3']) assign(w.db, p, 'g1', w.now());
  writeRecord(w.db, writer, w.now(), {
    table: 'resumptions',
    rowId: 'r2',
    cells: { project_id: 'P2', year: 2020, resumed_on: '2020-03-20', planned_on: '2020-03-15', deleted: false },
  });
  w.setNow(at('2020-05-10 10:00'));
  addVisit(w, 'v1a', 'P1', '2020-04-05', 10 * W, 20 * W);
  addVisit(w, 'v1b', 'P1', '2020-04-28', 30 * W, 40 * W);
  addVisit(w, 'v2', 'P2', '2020-03-15', 50 * W, 10 * W);
  addProblem(w.db, 'x1', 'P1', { raisedOn: '2020-04-02', deadline: '2020-04-20' });
  addProblem(w.db, 'x2', 'P2', {
    raisedOn: '2020-03-01',
    deadline: '2020-03-31',
    status: 'resolved',
    resolvedOn: '2020-04-11',
  });
  addProblem(w.db, 'x3', 'P2', { raisedOn: '2020-04-15', deadline: '2020-05-30' });
});
afterEach(() => w.close());

const APRIL = { from: '2020-04', to: '2020-04' };

describe('figures from a real database', () => {
  it('April, worked by hand', async () => {
    const { figures: f, source } = await w.invoke('kpi.figures', { period: APRIL });
    expect(source).toBe('live');
    expect(f.asOf).toBe('2020-04-30');
    expect(f.start).toMatchObject({ numerator: 2, denominator: 3, numeratorIds: ['P1', 'P2'] });
    // The later April visit counts for P1; P2's March figures carry forward.
    expect(f.investment).toMatchObject({ numerator: 80 * W, denominator: 300 * W });
    expect(f.funding).toMatchObject({ numerator: 50 * W, denominator: 300 * W });
    expect(f.production).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(f.coverage).toMatchObject({ numerator: 1, denominator: 3, numeratorIds: ['P1'] });
    expect([f.raised.value, f.resolved.value, f.overdue.value]).toEqual([2, 1, 1]);
    expect(f.resolveDays).toMatchObject({ value: 41, count: 1 });
    expect(f.notReportedIds).toEqual(['P2']);
  });

  it('a month with no visit at all (January): nothing reported, every money rate 0', async () => {
    const { figures: f } = await w.invoke('kpi.figures', { period: { from: '2020-01', to: '2020-01' } });
    expect(f.investment).toMatchObject({ numerator: 0, denominator: 300 * W, value: 0 });
    expect(f.coverage).toMatchObject({ numerator: 0, denominator: 3, value: 0 });
    expect(f.start).toMatchObject({ numerator: 0, denominator: 3 });
  });

  it('slices and breakdowns through the channel; an empty slice has no rate', async () => {
    const r = await w.invoke('kpi.figures', { period: APRIL, slice: { districts: ['南岗区'] }, by: ['district'] });
    expect(r.figures.projects).toBe(1);
    expect(r.figures.investment.value).toBe(0.25);
    expect(r.breakdowns.district?.map((b) => b.key)).toEqual(['南岗区']);
    const none = await w.invoke('kpi.figures', { period: APRIL, slice: { levels: ['government_funded'] } });
    expect(none.figures.start.value).toBeNull();
    expect(none.figures.investment.value).toBeNull();
  });

  it('the SQL problem counts are problemFacts() of the same problems, month by month', () => {
    const all = ['x1', 'x2', 'x3'].map((id) => getProblem(w.db, id)!);
    for (const month of ['2020-03', '2020-04', '2020-05']) {
      const ctx = kpiContext(monthPeriod(month), '2020-05-10');
      const sql = kpiProblemFacts(w.db, ctx);
      for (const projectId of ['P1', 'P2']) {
        const mine: KpiProblem[] = all.filter((p) => p.projectId === projectId);
        const expected = problemFacts(mine, ctx);
        const got = sql.get(projectId) ?? { raised: 0, resolved: 0, resolveDays: 0, overdue: 0 };
        expect(got, `${month} ${projectId}`).toEqual(expected);
      }
    }
  });

  it('the latest visit in SQL is countedFigures() of the same visits: ties by submission, then id', () => {
    const put = (id: string, date: string, submittedAt: number | null, completed: number, over = {}) =>
      writeRecord(w.db, writer, w.now(), {
        table: 'visits',
        rowId: id,
        cells: {
          project_id: 'P3',
          date,
          kind: 'monthly',
          status: 'submitted',
          participants: '[]',
          findings: '',
          submitted_at: submittedAt,
          completed_investment_this_year: completed,
          funds_in_place: null,
          deleted: false,
          ...over,
        },
      });
    put('vb', '2020-04-10', null, 1);
    put('va', '2020-04-10', 9_000, 2);
    put('vc', '2020-04-10', 9_000, 3);
    put('vd', '2020-04-09', 99_000, 4);
    put('ve', '2020-04-11', 1, 5, { status: 'draft' });
    put('vf', '2020-04-12', 1, 6, { deleted: true });
    for (const [month, today] of [
      ['2020-04', '2020-05-10'],
      ['2020-04', '2020-04-09'],
      ['2020-03', '2020-05-10'],
    ] as const) {
      const ctx = kpiContext(monthPeriod(month), today);
      const sql = kpiLatestFigures(w.db, ctx);
      const all = kpiVisits(w.db, 2020, ctx.asOf);
      for (const p of ['P1', 'P2', 'P3']) {
        expect(sql.get(p) ?? null, `${month} ${today} ${p}`).toEqual(countedFigures(all.get(p) ?? [], ctx));
      }
    }
    expect(kpiLatestFigures(w.db, kpiContext(monthPeriod('2020-04'), '2020-05-10')).get('P3')?.completed).toBe(3);
  });

  it('the projects behind a figure: the denominator, the numerator marked', async () => {
    const list = await w.invoke('kpi.projects', { period: APRIL, figure: 'start' });
    expect(list.rows.map((r) => r.projectId)).toEqual(['P1', 'P2', 'P3']);
    expect(list.numeratorIds).toEqual(['P1', 'P2']);
    const overdue = await w.invoke('kpi.projects', { period: APRIL, figure: 'overdue' });
    expect(overdue.rows.map((r) => [r.projectId, r.overdue])).toEqual([['P1', 1]]);
  });

  it('reads the covering indexes of migration 010', () => {
    const plan = (sql: string, n: number) =>
      (w.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(n).fill('2020-04-30')) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(VISITS_SQL, 2)).toContain('COVERING INDEX idx_visits_kpi');
    expect(plan(LATEST_SQL, 2)).toContain('COVERING INDEX idx_visits_kpi');
    expect(plan(RAISED_SQL, 2)).toContain('COVERING INDEX idx_problems_kpi_raised');
    expect(plan(RESOLVED_SQL, 2)).toContain('COVERING INDEX idx_problems_kpi_resolved');
    expect(plan(OVERDUE_OPEN_SQL, 2)).toContain('COVERING INDEX idx_problems_kpi_unresolved');
    expect(plan(OVERDUE_LATER_SQL, 3)).toContain('COVERING INDEX idx_problems_kpi_resolved');
  });

  it('refuses a period that has not begun or runs backwards', async () => {
    expect((await w.refusal('kpi.figures', { period: { from: '2020-06', to: '2020-06' } })).code).toBe('invalid_input');
    expect((await w.refusal('kpi.figures', { period: { from: '2020-04', to: '2020-03' } })).code).toBe('invalid_input');
  });
});
