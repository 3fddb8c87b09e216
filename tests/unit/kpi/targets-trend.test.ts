import { describe, expect, it } from 'vitest';
import { computeFigures, sliceRows, summarize } from '../../../shared/kpi/figures';
import {
  factsAtSorted,
  kpiContext,
  kpiRow,
  monthPeriod,
  NO_PROBLEMS,
  sortVisits,
  type KpiProjectInput,
  type KpiVisit,
} from '../../../shared/kpi/rows';
import { meetsTarget, targetFor, type CampaignTarget } from '../../../shared/kpi/targets';
import { monthTotals } from '../../../shared/kpi/trend';
import { kp, kv } from './fixtures';

function target(id: string, over: Partial<CampaignTarget>): CampaignTarget {
  return {
    id,
    campaign: '百日攻坚',
    rate: 'investment',
    targetBp: 6000,
    dueOn: '2020-08-31',
    levels: [],
    setByName: '调度中心',
    at: 0,
    ...over,
  };
}

describe('campaign targets', () => {
  // Acheng's 百日攻坚: start 100 % by the end of June, completion 60 % by the end of August;
  // government-funded projects 70 %; and a year target of 95 %.
  const targets = [
    target('start-jun', { rate: 'start', targetBp: 10_000, dueOn: '2020-06-30' }),
    target('inv-aug', { targetBp: 6000 }),
    target('inv-aug-gov', { targetBp: 7000, levels: ['government_funded'] }),
    target('inv-year', { targetBp: 9500, dueOn: null, campaign: '全年' }),
  ];

  it('the next deadline is the one measured against; then the year target', () => {
    expect(targetFor(targets, 'investment', '2020-05-31')?.id).toBe('inv-aug');
    expect(targetFor(targets, 'investment', '2020-08-31')?.id).toBe('inv-aug');
    expect(targetFor(targets, 'investment', '2020-09-30')?.id).toBe('inv-year');
    expect(targetFor(targets, 'start', '2020-04-30')?.id).toBe('start-jun');
    // All dated targets passed: the latest of them stays in view.
    expect(targetFor(targets, 'start', '2020-07-31')?.id).toBe('start-jun');
    expect(targetFor(targets, 'production', '2020-07-31')).toBeNull();
  });

  it('a target for named levels applies to slices of those levels, and beats one for all', () => {
    expect(targetFor(targets, 'investment', '2020-06-30', ['government_funded'])?.id).toBe('inv-aug-gov');
    expect(targetFor(targets, 'investment', '2020-06-30', ['government_funded', 'district_key'])?.id).toBe('inv-aug');
    expect(targetFor(targets, 'investment', '2020-06-30', [])?.id).toBe('inv-aug');
  });

  it('met or not, compared in basis points; unknown when either is missing', () => {
    const t = targets[1]!;
    expect(meetsTarget(0.6, t)).toBe(true);
    expect(meetsTarget(0.59996, t)).toBe(true);
    expect(meetsTarget(0.5994, t)).toBe(false);
    expect(meetsTarget(null, t)).toBeNull();
    expect(meetsTarget(0.7, null)).toBeNull();
  });
});

/** mulberry32: the same "random" projects on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the month-by-month trend', () => {
  it('adds up to the figures of the rows, month by month and slice by slice', () => {
    const r = rng(7);
    const day = (m: number) =>
      `2020-${String(m).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const maybe = <T>(p: number, v: () => T): T | null => (r() < p ? v() : null);
    const projects: KpiProjectInput[] = [];
    const visits = new Map<string, KpiVisit[]>();
    for (let i = 0; i < 60; i++) {
      const id = `p${i}`;
      projects.push(
        kp(id, {
          district: ['道里区', '南岗区', '呼兰区'][i % 3]!,
          level: i % 4 === 0 ? 'government_funded' : 'provincial_top100',
          groupId: i % 5 === 0 ? null : `g${i % 2}`,
          isNew: r() < 0.5,
          plannedStart: maybe(0.9, () => day(3 + Math.floor(r() * 6))),
          actualStart: maybe(0.6, () => day(3 + Math.floor(r() * 9))),
          resumedOn: maybe(0.6, () => day(3 + Math.floor(r() * 5))),
          plannedProduction: maybe(0.3, () => day(1 + Math.floor(r() * 12))),
          actualProduction: maybe(0.2, () => day(1 + Math.floor(r() * 12))),
          annualPlannedInvestment: Math.floor(r() * 5) * 1_000_000,
          dueSince: i % 5 === 0 ? null : `2020-0${1 + Math.floor(r() * 6)}`,
        }),
      );
      const list: KpiVisit[] = [];
      for (let k = 0; k < Math.floor(r() * 14); k++) {
        list.push(
          kv(
            `v${i}-${k}`,
            day(1 + Math.floor(r() * 12)),
            maybe(0.9, () => Math.floor(r() * 9e6)),
            1000,
            k,
          ),
        );
      }
      if (r() < 0.2) list.push(kv(`old${i}`, '2019-12-20', 5e6, 5e6));
      visits.set(id, sortVisits(list));
    }
    for (const slice of [
      {},
      { districts: ['南岗区'] },
      { levels: ['government_funded' as const] },
      { groupIds: ['g1'] },
    ]) {
      for (let m = 1; m <= 12; m++) {
        const ctx = kpiContext(monthPeriod(`2020-${String(m).padStart(2, '0')}`), '2020-11-18');
        const rows = projects.map((p) =>
          kpiRow(p, { ...factsAtSorted(visits.get(p.id)!, ctx), problems: NO_PROBLEMS }, ctx),
        );
        const f = summarize(computeFigures(rows, ctx, slice));
        const t = monthTotals(sliceRows(projects, slice), visits, ctx);
        expect(t, `${m} ${JSON.stringify(slice)}`).toEqual({
          start: f.start,
          investment: f.investment,
          funding: f.funding,
          production: f.production,
          coverage: f.coverage,
        });
      }
    }
  });
});
