import { describe, expect, it } from 'vitest';
import { checkFigures, hasBlocking, NO_PREVIOUS_FIGURES, type PreviousFigures } from '../../../shared/figures';
import { visitRuleIssues } from '../../../shared/visit-rules';

const W = 10_000; // 1 万元
const TOTAL = 100_000 * W;

function prev(date: string, thisYear: number | null, funds: number | null, cumulative: number | null): PreviousFigures {
  const at = (value: number | null) => (value === null ? null : { value, date, visitId: 'p1' });
  return { completedInvestmentThisYear: at(thisYear), fundsInPlace: at(funds), cumulativeInvestment: at(cumulative) };
}

function visit(
  date: string,
  thisYear: number | null,
  funds: number | null,
  cumulative: number | null,
  isCorrection = false,
) {
  return {
    date,
    isCorrection,
    figures: { completedInvestmentThisYear: thisYear, fundsInPlace: funds, cumulativeInvestment: cumulative },
  };
}

describe('checkFigures', () => {
  it('accepts figures that grow and stay within each other', () => {
    const p = prev('2020-04-10', 100 * W, 120 * W, 5_000 * W);
    expect(checkFigures(visit('2020-05-12', 300 * W, 300 * W, 5_200 * W), p, TOTAL)).toEqual([]);
    expect(checkFigures(visit('2020-05-12', 300 * W, 300 * W, 5_200 * W), null, TOTAL)).toEqual([]);
  });

  it('blocks this year above cumulative and cumulative above the total', () => {
    const issues = checkFigures(visit('2020-05-12', 600 * W, 0, 500 * W), null, 400 * W);
    expect(issues).toEqual([
      { field: 'completedInvestmentThisYear', code: 'exceeds_cumulative', blocking: true, limit: 500 * W },
      { field: 'cumulativeInvestment', code: 'exceeds_total', blocking: true, limit: 400 * W },
    ]);
    expect(hasBlocking(issues)).toBe(true);
    // Equality is allowed on both bounds.
    expect(checkFigures(visit('2020-05-12', 400 * W, 0, 400 * W), null, 400 * W)).toEqual([]);
  });

  it('blocks a decrease unless the visit is a correction, which records it as a warning', () => {
    const p = prev('2020-04-10', 100 * W, 120 * W, 5_000 * W);
    const down = checkFigures(visit('2020-05-12', 90 * W, 120 * W, 4_990 * W), p, TOTAL);
    expect(down).toEqual([
      {
        field: 'completedInvestmentThisYear',
        code: 'decreased',
        blocking: true,
        previous: 100 * W,
        previousDate: '2020-04-10',
      },
      {
        field: 'cumulativeInvestment',
        code: 'decreased',
        blocking: true,
        previous: 5_000 * W,
        previousDate: '2020-04-10',
      },
    ]);
    const corrected = checkFigures(visit('2020-05-12', 90 * W, 120 * W, 4_990 * W, true), p, TOTAL);
    expect(corrected.map((i) => [i.field, i.code, i.blocking])).toEqual([
      ['completedInvestmentThisYear', 'decrease_corrected', false],
      ['cumulativeInvestment', 'decrease_corrected', false],
    ]);
    expect(hasBlocking(corrected)).toBe(false);
  });

  it('restarts the year-scoped figures in January but not the cumulative', () => {
    const p = prev('2020-12-15', 900 * W, 950 * W, 5_000 * W);
    expect(checkFigures(visit('2021-01-08', 10 * W, 20 * W, 5_010 * W), p, TOTAL)).toEqual([]);
    const issues = checkFigures(visit('2021-01-08', 10 * W, 20 * W, 4_000 * W), p, TOTAL);
    expect(issues.map((i) => [i.field, i.code])).toEqual([['cumulativeInvestment', 'decreased']]);
  });

  it('skips blank figures, on either side', () => {
    const p = prev('2020-04-10', null, 120 * W, 5_000 * W);
    expect(checkFigures(visit('2020-05-12', 10 * W, null, null), p, TOTAL)).toEqual([]);
    expect(checkFigures(visit('2020-05-12', null, null, null), NO_PREVIOUS_FIGURES, TOTAL)).toEqual([]);
  });

  it('warns when this year grew more than the cumulative since the same visit', () => {
    const p = prev('2020-04-10', 100 * W, 120 * W, 5_000 * W);
    const issues = checkFigures(visit('2020-05-12', 300 * W, 200 * W, 5_100 * W), p, TOTAL);
    expect(issues).toEqual([
      {
        field: 'cumulativeInvestment',
        code: 'outpaces_cumulative',
        blocking: false,
        previous: 5_000 * W,
        previousDate: '2020-04-10',
        limit: 5_200 * W,
      },
    ]);
  });
});

describe('visitRuleIssues', () => {
  const figures = {
    completedInvestmentThisYear: 1,
    fundsInPlace: 1,
    cumulativeInvestment: 1,
    stage: 'continuing' as const,
    workersOnSite: null,
    visibleProgress: null,
  };
  it('needs participants, findings, and all figures on a monthly visit, dated no later than today', () => {
    const ok = { date: '2020-05-12', kind: 'monthly' as const, participants: ['张三'], findings: '正常', figures };
    expect(visitRuleIssues(ok, '2020-05-12')).toEqual([]);
    const bad = {
      ...ok,
      date: '2020-05-13',
      participants: [' '],
      findings: '  ',
      figures: { ...figures, fundsInPlace: null, stage: null },
    };
    expect(visitRuleIssues(bad, '2020-05-12').map((i) => `${i.path.join('.')}:${i.code}`)).toEqual([
      'date:date_in_future',
      'participants:participants_required',
      'findings:findings_required',
      'figures.fundsInPlace:figure_required',
      'figures.stage:stage_required',
    ]);
    expect(visitRuleIssues({ ...bad, kind: 'special_supervision', date: ok.date }, '2020-05-12')).toHaveLength(2);
  });
});
