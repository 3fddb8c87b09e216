import { describe, expect, it } from 'vitest';
import { amendmentOf } from '../../../shared/kpi/amend';
import { computeFigures } from '../../../shared/kpi/figures';
import { monthPeriod } from '../../../shared/kpi/rows';
import {
  checksum,
  decodeSnapshot,
  encodeSnapshot,
  joinParts,
  splitParts,
  type SnapshotRef,
} from '../../../shared/kpi/snapshot';
import { row } from './fixtures';

const ctx = { period: monthPeriod('2020-04'), asOf: '2020-04-30' };
const W = 10_000;

const closed = [
  row('a', { startKind: 'new', started: true, annualPlan: 100 * W, completed: 40 * W, funds: 40 * W, reported: true }),
  row('b', { startKind: 'new', annualPlan: 100 * W, visitDue: true, overdue: 1, name: '松北区“龙江创智谷”项目' }),
  row('c', { district: '南岗区', startKind: 'continuing', started: true, annualPlan: 200 * W, completed: 20 * W }),
];

function refFor(text: string, parts: number): SnapshotRef {
  return { id: 'ms-1', parts, chars: text.length, hash: checksum(text), asOf: '2020-04-30', projects: 3 };
}

describe('a closed month’s snapshot', () => {
  it('round-trips every field of every row, Chinese names and nulls included', () => {
    const text = encodeSnapshot({ month: '2020-04', asOf: '2020-04-30', rows: closed });
    expect(decodeSnapshot(text)).toEqual({ month: '2020-04', asOf: '2020-04-30', rows: closed });
  });

  it('is split into parts that fit a sync cell and joined only when whole and unaltered', () => {
    const text = encodeSnapshot({ month: '2020-04', asOf: '2020-04-30', rows: closed });
    const parts = splitParts(text, 100);
    expect(parts.length).toBe(Math.ceil(text.length / 100));
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    const all = new Map(parts.map((p, i) => [i, p]));
    expect(joinParts(refFor(text, parts.length), all)?.rows).toEqual(closed);

    const missing = new Map(all);
    missing.delete(1);
    expect(joinParts(refFor(text, parts.length), missing)).toBeNull();
    // A part from another closing of the month (crossed offline): the checksum tells.
    const crossed = new Map(all);
    crossed.set(0, parts[0]!.replace('2020-04', '2020-05'));
    expect(joinParts(refFor(text, parts.length), crossed)).toBeNull();
  });

  it('refuses rows that are not rows (it came through sync)', () => {
    const bad = JSON.stringify({ v: 1, month: '2020-04', asOf: '2020-04-30', rows: [['x']] });
    expect(() => decodeSnapshot(bad)).toThrow();
    expect(joinParts(refFor(bad, 1), new Map([[0, bad]]))).toBeNull();
  });
});

describe('later data for a closed month is an amendment', () => {
  it('nothing changed: no amendment', () => {
    expect(amendmentOf(closed, closed, ctx)).toEqual({ figures: [], projects: [] });
  });

  it('a late visit and a resolved problem: the figures that moved and the projects behind them', () => {
    const live = [
      closed[0]!,
      { ...closed[1]!, started: true, completed: 30 * W, reported: true, visited: true, overdue: 0 },
      closed[2]!,
      // A project entered after the closing, with a plan: it counts now.
      row('d', { startKind: 'new', annualPlan: 100 * W }),
    ];
    const a = amendmentOf(closed, live, ctx);
    const byFigure = Object.fromEntries(a.figures.map((f) => [f.figure, f]));
    // Start: 2 of 3 closed, 3 of 4 now.
    expect(byFigure['start']).toMatchObject({ beforeParts: [2, 3], afterParts: [3, 4], after: 0.75 });
    expect(byFigure['start']!.before).toBeCloseTo(2 / 3, 12);
    // Completion: 60 ÷ 400 closed, 90 ÷ 500 now.
    expect(byFigure['investment']).toMatchObject({ before: 0.15, after: 0.18 });
    expect(byFigure['coverage']).toMatchObject({ before: 0, after: 1 });
    expect(byFigure['overdue']).toMatchObject({ before: 1, after: 0 });
    expect(byFigure['production']).toBeUndefined();
    expect(a.projects.map((p) => [p.projectId, p.kind])).toEqual([
      ['b', 'changed'],
      ['d', 'added'],
    ]);
    expect(a.projects[0]!.changes.map((c) => c.field)).toEqual([
      'started',
      'completed',
      'reported',
      'visited',
      'overdue',
    ]);
    expect(a.projects[0]!.changes.find((c) => c.field === 'completed')).toEqual({
      field: 'completed',
      before: 0,
      after: 30 * W,
    });
  });

  it('within a slice, and a project that left it', () => {
    const live = [closed[0]!, closed[1]!, { ...closed[2]!, district: '道里区' }];
    const south = amendmentOf(closed, live, ctx, { districts: ['南岗区'] });
    expect(south.projects).toEqual([{ projectId: 'c', code: 'C-c', name: '项目c', kind: 'removed', changes: [] }]);
    expect(south.figures.find((f) => f.figure === 'start')).toMatchObject({ beforeParts: [1, 1], afterParts: [0, 0] });
    // The closed figures of the slice still come from the snapshot's rows.
    expect(computeFigures(closed, ctx, { districts: ['南岗区'] }).investment.value).toBe(0.1);
  });
});
