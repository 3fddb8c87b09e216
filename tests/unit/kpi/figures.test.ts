import { describe, expect, it } from 'vitest';
import { breakdown, computeFigures, summarize } from '../../../shared/kpi/figures';
import { formatDays, formatRate, formatTargetBp } from '../../../shared/kpi/format';
import { monthPeriod } from '../../../shared/kpi/rows';
import { row } from './fixtures';

const ctx = { period: monthPeriod('2020-04'), asOf: '2020-04-30' };

/*
 * Five projects, figures worked out by hand:
 *   a  道里 P g1 新材料  new, started;       plan 100万, completed 60万, funds 80万; production due, on time; visited
 *   b  道里 C g1 新材料  new, not started;   plan 100万, completed 0,   funds 10万; visit due, not visited; 2 overdue
 *   c  南岗 P g2 物流    continuing resumed;  plan 200万, completed 50万, funds 50万; production due, late; visited
 *   d  南岗 D —  物流    nothing due;         plan 0,    completed 5万  (a project without a plan); 1 raised
 *   e  松北 P g2 能源    continuing, not yet; plan 0;    3 raised, 2 resolved in 7 + 3 days
 */
const W = 10_000;
const rows = [
  row('a', {
    startKind: 'new',
    started: true,
    annualPlan: 100 * W,
    completed: 60 * W,
    funds: 80 * W,
    reported: true,
    productionDue: true,
    producedOnTime: true,
    visitDue: true,
    visited: true,
  }),
  row('b', {
    level: 'city_key_industrial',
    startKind: 'new',
    annualPlan: 100 * W,
    funds: 10 * W,
    visitDue: true,
    overdue: 2,
  }),
  row('c', {
    district: '南岗区',
    groupId: 'g2',
    groupName: '第二服务组',
    industry: '现代物流',
    startKind: 'continuing',
    started: true,
    annualPlan: 200 * W,
    completed: 50 * W,
    funds: 50 * W,
    reported: true,
    productionDue: true,
    visitDue: true,
    visited: true,
  }),
  row('d', {
    district: '南岗区',
    level: 'district_key',
    groupId: null,
    groupName: null,
    industry: '现代物流',
    completed: 5 * W,
    raised: 1,
  }),
  row('e', {
    district: '松北区',
    groupId: 'g2',
    groupName: '第二服务组',
    industry: '新能源',
    startKind: 'continuing',
    raised: 3,
    resolved: 2,
    resolveDays: 10,
  }),
];

describe('the four rates and the rest, over every project', () => {
  const f = computeFigures(rows, ctx);

  it('start rate: started new + resumed continuing ÷ new due + continuing', () => {
    expect(f.start).toEqual({
      numerator: 2,
      denominator: 4,
      value: 0.5,
      numeratorIds: ['a', 'c'],
      denominatorIds: ['a', 'b', 'c', 'e'],
    });
  });

  it('investment completion and funding: money ÷ the annual plan (yuan)', () => {
    // (60 + 0 + 50 + 5) ÷ (100 + 100 + 200) = 115 ÷ 400
    expect(f.investment).toMatchObject({ numerator: 115 * W, denominator: 400 * W, value: 0.2875 });
    expect(f.investment.numeratorIds).toEqual(['a', 'c', 'd']);
    expect(f.investment.denominatorIds).toEqual(['a', 'b', 'c']);
    // (80 + 10 + 50) ÷ 400
    expect(f.funding).toMatchObject({ numerator: 140 * W, denominator: 400 * W, value: 0.35 });
  });

  it('on-time production and visit coverage', () => {
    expect(f.production).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, numeratorIds: ['a'] });
    expect(f.coverage).toMatchObject({ numerator: 2, denominator: 3, denominatorIds: ['a', 'b', 'c'] });
    expect(f.coverage.value).toBeCloseTo(2 / 3, 12);
  });

  it('problems raised, resolved, overdue and the average days to resolve', () => {
    expect(f.raised).toEqual({ value: 4, projectIds: ['d', 'e'] });
    expect(f.resolved).toEqual({ value: 2, projectIds: ['e'] });
    expect(f.overdue).toEqual({ value: 2, projectIds: ['b'] });
    expect(f.resolveDays).toEqual({ value: 5, count: 2, totalDays: 10, projectIds: ['e'] });
    // Planned but not reported this month: b.
    expect(f.notReportedIds).toEqual(['b']);
  });

  it('summarize keeps the numbers and drops the lists', () => {
    const s = summarize(f);
    expect(s.start).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect([s.raised, s.resolved, s.overdue, s.notReported, s.projects]).toEqual([4, 2, 2, 1, 5]);
    expect(s.resolveDays).toEqual({ value: 5, count: 2 });
  });
});

describe('slices', () => {
  it('by level, district, group and industry; values OR within a dimension, AND across', () => {
    expect(computeFigures(rows, ctx, { levels: ['provincial_top100'] }).projects).toBe(3);
    const south = computeFigures(rows, ctx, { districts: ['南岗区'] });
    // c and d: (50 + 5) ÷ 200
    expect(south.investment).toMatchObject({ numerator: 55 * W, denominator: 200 * W, value: 0.275 });
    expect(south.start).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    const g2 = computeFigures(rows, ctx, { groupIds: ['g2'] });
    expect(g2.start.denominatorIds).toEqual(['c', 'e']);
    expect(computeFigures(rows, ctx, { industries: ['新材料', '新能源'] }).projects).toBe(3);
    expect(computeFigures(rows, ctx, { districts: ['道里区', '南岗区'], levels: ['provincial_top100'] }).projects).toBe(
      2,
    );
  });

  it('an empty slice: zero counts and every rate null, shown "—"', () => {
    const none = computeFigures(rows, ctx, { districts: ['五常市'] });
    expect(none.projects).toBe(0);
    for (const r of [none.start, none.investment, none.funding, none.production, none.coverage]) {
      expect(r).toEqual({ numerator: 0, denominator: 0, value: null, numeratorIds: [], denominatorIds: [] });
      expect(formatRate(r.value)).toBe('—');
    }
    expect(none.resolveDays.value).toBeNull();
    expect(formatDays(none.resolveDays.value)).toBe('—');
  });

  it('zero plans: money but no plan is "—", never a division by zero', () => {
    const f = computeFigures(rows, ctx, { districts: ['松北区'] });
    expect(f.investment).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const d = computeFigures([rows[3]!], ctx);
    expect(d.investment).toMatchObject({ numerator: 5 * W, denominator: 0, value: null });
    expect(formatRate(d.investment.value)).toBe('—');
  });

  it('breakdown by district and by group (no group last)', () => {
    const byDistrict = breakdown(rows, 'district', ctx);
    expect(byDistrict.map((b) => [b.key, b.figures.projects])).toEqual([
      ['道里区', 2],
      ['南岗区', 2],
      ['松北区', 1],
    ]);
    expect(byDistrict[0]!.figures.investment.value).toBe(0.3);
    const byGroup = breakdown(rows, 'group', ctx);
    expect(byGroup.map((b) => [b.key, b.label, b.figures.projects])).toEqual([
      ['g1', '第一服务组', 2],
      ['g2', '第二服务组', 2],
      [null, '', 1],
    ]);
    expect(breakdown([], 'level', ctx)).toEqual([]);
  });
});

describe('formatting', () => {
  it('a rate with one decimal, a target in basis points', () => {
    expect(formatRate(0.2875)).toBe('28.8%');
    expect(formatRate(1.11)).toBe('111.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatTargetBp(6000)).toBe('60%');
    expect(formatTargetBp(6050)).toBe('60.5%');
    expect(formatDays(5)).toBe('5.0');
  });
});
