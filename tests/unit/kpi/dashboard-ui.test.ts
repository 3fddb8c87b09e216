import { describe, expect, it } from 'vitest';
import { dashboardEn, dashboardZh } from '../../../renderer/src/i18n/features/dashboard';
import {
  amendFigureValue,
  amendValue,
  progressPercent,
  rowValue,
  shiftMonth,
  sliceIsEmpty,
  targetState,
  trendPointFigure,
} from '../../../renderer/src/pages/dashboard/dashboardLogic';
import type { KpiTrendPoint } from '../../../shared/channels/kpi';
import type { CampaignTarget } from '../../../shared/kpi/targets';
import { row } from './fixtures';

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
  );
}
const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

describe('the dashboard namespace', () => {
  const zh = new Map(leaves(dashboardZh));
  const en = new Map(leaves(dashboardEn));

  it('has the same keys and placeholders in Chinese and English, none empty', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [k, v] of zh) {
      expect(v.trim(), k).not.toBe('');
      expect(placeholders(en.get(k)!), k).toEqual(placeholders(v));
    }
  });

  it('English carries no Chinese, Chinese is Chinese', () => {
    for (const [k, v] of en) expect(/[\u4e00-\u9fff]/.test(v), k).toBe(false);
    for (const [k, v] of zh) if (!/^[{}\w\s/·]+$/.test(v)) expect(/[\u4e00-\u9fff]/.test(v), k).toBe(true);
  });
});

const target: CampaignTarget = {
  id: 't',
  campaign: '百日攻坚',
  rate: 'investment',
  targetBp: 6000,
  dueOn: '2020-08-31',
  levels: [],
  setByName: null,
  at: null,
};

describe('dashboard helpers', () => {
  it('months move across years', () => {
    expect(shiftMonth('2020-01', -1)).toBe('2019-12');
    expect(shiftMonth('2020-12', 1)).toBe('2021-01');
    expect(shiftMonth('2020-05', 0)).toBe('2020-05');
  });

  it('a target: met, or how many points short; the bar measures against the target', () => {
    expect(targetState(0.48, target)).toEqual({ text: '60%', dueOn: '2020-08-31', met: false, gap: 12 });
    expect(targetState(0.6, target)).toMatchObject({ met: true, gap: null });
    expect(targetState(null, target)).toMatchObject({ met: null, gap: null });
    expect(targetState(0.5, null)).toBeNull();
    expect(progressPercent(0.48, target)).toBe(80);
    expect(progressPercent(1.3, target)).toBe(100);
    expect(progressPercent(0.48, null)).toBe(48);
    expect(progressPercent(null, target)).toBe(0);
  });

  it('a slice with nothing chosen is empty', () => {
    expect(sliceIsEmpty({})).toBe(true);
    expect(sliceIsEmpty({ levels: [], districts: [] })).toBe(true);
    expect(sliceIsEmpty({ districts: ['道里区'] })).toBe(false);
  });

  it('what a row shows for a figure, and amended values in words', () => {
    const r = row('a', { completed: 12_345_678, funds: 500_000, annualPlan: 20_000_000, resolved: 2, resolveDays: 9 });
    expect(rowValue(r, 'investment', 'zh-CN')).toBe('1,235 / 2,000');
    expect(rowValue(r, 'funding', 'en')).toBe('50 / 2,000');
    expect(rowValue(r, 'resolveDays', 'zh-CN')).toBe('2 · 9');
    const words = { yes: '是', no: '否', kind: (k: 'new' | 'continuing') => (k === 'new' ? '新建' : '续建') };
    expect(amendValue('visited', true, words, 'zh-CN')).toBe('是');
    expect(amendValue('startKind', 'continuing', words, 'zh-CN')).toBe('续建');
    expect(amendValue('completed', 300_000, words, 'zh-CN')).toBe('30');
    expect(amendValue('figuresDate' as never, null, words, 'zh-CN')).toBe('—');
    expect(amendFigureValue('investment', 0.15)).toBe('15.0%');
    expect(amendFigureValue('overdue', 3)).toBe('3');
    expect(amendFigureValue('resolveDays', 4.25)).toBe('4.3');
    expect(amendFigureValue('start', null)).toBe('—');
  });
});

describe('the trend chart', () => {
  const summary = { numerator: 1, denominator: 2, value: 0.5 };
  const point = (month: string): KpiTrendPoint => ({
    month,
    closed: false,
    start: summary,
    investment: summary,
    funding: summary,
    production: summary,
    coverage: summary,
  });
  const trend = [point('2026-01'), point('2026-02'), point('2026-03')];

  it('a clicked point opens the projects behind that rate in that month', () => {
    expect(trendPointFigure(trend, 0, 1)).toEqual({ figure: 'start', month: '2026-02' });
    expect(trendPointFigure(trend, 3, 2)).toEqual({ figure: 'production', month: '2026-03' });
    expect(trendPointFigure(trend, 4, 0)).toEqual({ figure: 'coverage', month: '2026-01' });
  });

  it('target lines and points outside the data open nothing', () => {
    expect(trendPointFigure(trend, 5, 0)).toBeNull();
    expect(trendPointFigure(trend, 0, 3)).toBeNull();
  });
});
