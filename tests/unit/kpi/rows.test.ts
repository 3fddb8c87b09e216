import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../shared/calendar';
import {
  countedFigures,
  factsAtSorted,
  kpiContext,
  kpiRow,
  monthPeriod,
  NO_PROBLEMS,
  problemFacts,
  sortVisits,
  visitedIn,
  type KpiProblem,
} from '../../../shared/kpi/rows';
import { kp, kv } from './fixtures';

const april = kpiContext(monthPeriod('2020-04'), '2020-06-15');

describe('the period a figure stands at', () => {
  it('a past month stands at its last day, the running month at today', () => {
    expect(april.asOf).toBe('2020-04-30');
    expect(kpiContext(monthPeriod('2020-04'), '2020-04-17').asOf).toBe('2020-04-17');
    expect(kpiContext(monthPeriod('2020-02'), '2020-12-01').asOf).toBe('2020-02-29');
    const q3 = kpiContext({ from: '2020-07', to: '2020-09' }, '2020-12-01');
    expect([q3.first, q3.asOf, q3.yearStart, q3.lastMonthStart]).toEqual([
      '2020-07-01',
      '2020-09-30',
      '2020-01-01',
      '2020-09-01',
    ]);
  });

  it('month edges are Asia/Shanghai: 30 April 16:30 UTC is already 1 May', () => {
    const today = shanghaiDate(Date.UTC(2020, 3, 30, 16, 30));
    expect(today).toBe('2020-05-01');
    // April is over in Shanghai: its figures stand at its last day, May's at 1 May.
    expect(kpiContext(monthPeriod('2020-04'), today).asOf).toBe('2020-04-30');
    expect(kpiContext(monthPeriod('2020-05'), today).asOf).toBe('2020-05-01');
    // 15:59 UTC is still 30 April there.
    expect(kpiContext(monthPeriod('2020-04'), shanghaiDate(Date.UTC(2020, 3, 30, 15, 59))).asOf).toBe('2020-04-30');
  });
});

describe('which visit counts for a month', () => {
  it('two visits in the month: the later date counts', () => {
    const visits = [kv('a', '2020-04-03', 100, 200), kv('b', '2020-04-25', 300, 400), kv('x', '2020-03-20', 50, 60)];
    expect(countedFigures(visits, april)).toEqual({ date: '2020-04-25', completed: 300, funds: 400 });
  });

  it('two visits on one day: the later submission counts, then the larger id', () => {
    const visits = [kv('a', '2020-04-25', 100, 1, 2_000), kv('b', '2020-04-25', 300, 1, 1_000)];
    expect(countedFigures(visits, april)?.completed).toBe(100);
    expect(countedFigures([kv('a', '2020-04-25', 1, 1, 5), kv('b', '2020-04-25', 2, 2, 5)], april)?.completed).toBe(2);
  });

  it('a month with no visit carries the last known figures, marked not reported', () => {
    const visits = [kv('m', '2020-03-20', 50, 60)];
    expect(countedFigures(visits, april)).toEqual({ date: '2020-03-20', completed: 50, funds: 60 });
    const r = kpiRow(kp('p'), { figures: countedFigures(visits, april), visited: false, problems: NO_PROBLEMS }, april);
    expect([r.completed, r.funds, r.reported, r.figuresDate]).toEqual([50, 60, false, '2020-03-20']);
  });

  it('nothing carries over New Year, and later visits do not count', () => {
    expect(countedFigures([kv('d', '2019-12-28', 900, 900), kv('m', '2020-05-02', 1, 1)], april)).toBeNull();
    const none = kpiRow(kp('p'), { figures: null, visited: false, problems: NO_PROBLEMS }, april);
    expect([none.completed, none.funds, none.reported, none.figuresDate]).toEqual([0, 0, false, null]);
  });

  it('a blank figure on the latest visit stays blank (counts 0), as on the project chart', () => {
    const f = countedFigures([kv('a', '2020-04-01', 100, 100), kv('b', '2020-04-20', null, 80)], april);
    expect(f).toEqual({ date: '2020-04-20', completed: null, funds: 80 });
    expect(kpiRow(kp('p'), { figures: f, visited: true, problems: NO_PROBLEMS }, april).completed).toBe(0);
  });

  it('visited: a submitted visit dated in the period up to its as-of day', () => {
    expect(visitedIn([kv('a', '2020-04-01', 1, 1)], april)).toBe(true);
    expect(visitedIn([kv('a', '2020-03-31', 1, 1), kv('b', '2020-05-01', 1, 1)], april)).toBe(false);
  });

  it('the sorted binary search agrees with the definitions', () => {
    const visits = sortVisits([
      kv('c', '2020-04-25', 3, 3, 9),
      kv('a', '2019-12-30', 9, 9),
      kv('b', '2020-04-25', 2, 2, 1),
      kv('d', '2020-02-11', 1, 1),
      kv('e', '2020-06-01', 5, 5),
    ]);
    for (const month of ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06']) {
      const ctx = kpiContext(monthPeriod(month), '2020-06-15');
      expect(factsAtSorted(visits, ctx), month).toEqual({
        figures: countedFigures(visits, ctx),
        visited: visitedIn(visits, ctx),
      });
    }
  });
});

describe('problems in a period', () => {
  const p = (over: Partial<KpiProblem>): KpiProblem => ({
    status: 'open',
    raisedOn: '2020-04-02',
    resolvedOn: null,
    deadline: null,
    ...over,
  });

  it('raised and resolved count by date; days to resolve are summed', () => {
    const facts = problemFacts(
      [
        p({ raisedOn: '2020-03-31' }),
        p({ raisedOn: '2020-04-01' }),
        p({ raisedOn: '2020-04-30', status: 'resolved', resolvedOn: '2020-04-30' }),
        p({ raisedOn: '2020-03-01', status: 'closed', resolvedOn: '2020-04-11' }),
        p({ raisedOn: '2020-04-10', status: 'resolved', resolvedOn: '2020-05-01' }),
        p({ raisedOn: '2020-05-01' }),
      ],
      april,
    );
    // Raised 1 Apr, 30 Apr, 10 Apr; resolved 30 Apr (0 days) and 11 Apr (41 days).
    expect(facts).toMatchObject({ raised: 3, resolved: 2, resolveDays: 41 });
  });

  it('overdue at the as-of day: deadline passed, raised by then, not resolved by then', () => {
    const facts = problemFacts(
      [
        p({ deadline: '2020-04-29' }), // overdue
        p({ deadline: '2020-04-30' }), // due on the day: not yet
        p({ deadline: '2020-04-20', status: 'resolved', resolvedOn: '2020-05-03' }), // resolved later: overdue then
        p({ deadline: '2020-04-20', status: 'resolved', resolvedOn: '2020-04-30' }), // resolved on the day
        p({ deadline: '2020-04-20', status: 'closed', resolvedOn: null }), // done, date unknown
        p({ deadline: '2020-04-20', raisedOn: '2020-05-02' }), // raised later
        p({ deadline: null }),
      ],
      april,
    );
    expect(facts.overdue).toBe(2);
  });

  it('an empty list counts nothing', () => {
    expect(problemFacts([], april)).toEqual(NO_PROBLEMS);
  });
});

describe('start and production parts', () => {
  const row = (over: Parameters<typeof kp>[1], ctx = april) =>
    kpiRow(kp('p', over), { figures: null, visited: false, problems: NO_PROBLEMS }, ctx);

  it('a new project is due when planned in the year (or earlier), started by its actual start', () => {
    expect(row({ actualStart: '2020-04-30' })).toMatchObject({ startKind: 'new', started: true });
    expect(row({ actualStart: '2020-05-01' })).toMatchObject({ startKind: 'new', started: false });
    expect(row({ plannedStart: '2019-09-01' })).toMatchObject({ startKind: 'new', started: false });
    expect(row({ plannedStart: '2021-04-01' })).toMatchObject({ startKind: null, started: false });
    // Started ahead of a plan for next year: counted on both sides.
    expect(row({ plannedStart: '2021-04-01', actualStart: '2020-04-02' })).toMatchObject({
      startKind: 'new',
      started: true,
    });
    expect(row({ plannedStart: null })).toMatchObject({ startKind: null });
  });

  it('a continuing project is due to resume each spring; the year’s resumption counts', () => {
    expect(row({ isNew: false, actualStart: '2018-05-01' })).toMatchObject({
      startKind: 'continuing',
      started: false,
    });
    expect(row({ isNew: false, actualStart: '2018-05-01', resumedOn: '2020-04-12' })).toMatchObject({
      started: true,
    });
    expect(row({ isNew: false, resumedOn: '2020-05-12' })).toMatchObject({ started: false });
  });

  it('production: due when planned in the year by the as-of day, on time when by the plan', () => {
    expect(row({ plannedProduction: '2020-04-20', actualProduction: '2020-04-20' })).toMatchObject({
      productionDue: true,
      producedOnTime: true,
    });
    expect(row({ plannedProduction: '2020-04-20', actualProduction: '2020-04-21' })).toMatchObject({
      productionDue: true,
      producedOnTime: false,
    });
    expect(row({ plannedProduction: '2020-05-20', actualProduction: '2020-04-21' })).toMatchObject({
      productionDue: false,
      producedOnTime: false,
    });
    expect(row({ plannedProduction: '2019-12-20', actualProduction: '2019-12-01' })).toMatchObject({
      productionDue: false,
    });
  });

  it('visits are due from the month the group took the project on', () => {
    expect(row({ dueSince: '2020-04' }).visitDue).toBe(true);
    expect(row({ dueSince: '2020-05' }).visitDue).toBe(false);
    expect(row({ dueSince: null, groupId: null }).visitDue).toBe(false);
  });
});
