/**
 * The invariants of a visit's progress figures (DOMAIN.md, "which figures count"), checked the
 * same way by the form while the inspector types and by the backend on submit:
 *   completed this year ≤ cumulative ≤ the project's total investment;
 *   each money figure non-decreasing against the project's previous submitted figures,
 *   a decrease being accepted only on a visit marked as a correction.
 * Year-scoped figures restart in January: a visit in a new year compares them with 0.
 * Pure and zod-free, so the renderer can use it without pulling the schemas in.
 */
import type { ProgressFigures } from './domain/visit';

export type MoneyFigure = 'completedInvestmentThisYear' | 'fundsInPlace' | 'cumulativeInvestment';
export const MONEY_FIGURES: readonly MoneyFigure[] = [
  'completedInvestmentThisYear',
  'fundsInPlace',
  'cumulativeInvestment',
];

/**
 * Figures counted from 1 January. 资金到位率 is funds in place ÷ the annual plan, so funds in place
 * is a this-year amount as well (and the monthly figures and demo data treat it so).
 */
export const YEAR_SCOPED: ReadonlySet<MoneyFigure> = new Set<MoneyFigure>([
  'completedInvestmentThisYear',
  'fundsInPlace',
]);

/** The last known value of one figure: from the latest submitted visit before this one that reported it. */
export interface PreviousFigure {
  value: number;
  date: string;
  visitId: string;
}
export type PreviousFigures = { [K in MoneyFigure]: PreviousFigure | null };

export const NO_PREVIOUS_FIGURES: PreviousFigures = {
  completedInvestmentThisYear: null,
  fundsInPlace: null,
  cumulativeInvestment: null,
};

export type FigureIssueCode =
  /** Completed this year above the cumulative investment (limit = cumulative). Blocks. */
  | 'exceeds_cumulative'
  /** Cumulative investment above the project's total (limit = total). Blocks. */
  | 'exceeds_total'
  /** Lower than the previous submitted figure and not marked as a correction. Blocks. */
  | 'decreased'
  /** Lower than the previous figure on a correction: accepted, shown so the user sees what changes. */
  | 'decrease_corrected'
  /**
   * This year's figure grew by more than the cumulative since the same previous visit, though
   * both count the same money (limit = the lowest consistent cumulative). A warning only.
   */
  | 'outpaces_cumulative';

export interface FigureIssue {
  field: MoneyFigure;
  code: FigureIssueCode;
  /** A blocking issue refuses submit; the others are warnings. */
  blocking: boolean;
  previous?: number;
  previousDate?: string;
  limit?: number;
}

export interface FigureCheckInput {
  date: string;
  isCorrection: boolean;
  figures: Pick<ProgressFigures, MoneyFigure>;
}

const yearOf = (date: string): string => date.slice(0, 4);

/** The previous value a figure is compared with: 0 for a year-scoped figure last reported in an earlier year. */
export function comparableValue(field: MoneyFigure, visitDate: string, prev: PreviousFigure | null): number | null {
  if (!prev) return null;
  if (YEAR_SCOPED.has(field) && yearOf(prev.date) !== yearOf(visitDate)) return 0;
  return prev.value;
}

export function checkFigures(
  visit: FigureCheckInput,
  previous: PreviousFigures | null,
  totalInvestment: number,
): FigureIssue[] {
  const issues: FigureIssue[] = [];
  const f = visit.figures;
  const prev = previous ?? NO_PREVIOUS_FIGURES;

  if (f.completedInvestmentThisYear !== null && f.cumulativeInvestment !== null) {
    if (f.completedInvestmentThisYear > f.cumulativeInvestment) {
      issues.push({
        field: 'completedInvestmentThisYear',
        code: 'exceeds_cumulative',
        blocking: true,
        limit: f.cumulativeInvestment,
      });
    }
  }
  if (f.cumulativeInvestment !== null && f.cumulativeInvestment > totalInvestment) {
    issues.push({ field: 'cumulativeInvestment', code: 'exceeds_total', blocking: true, limit: totalInvestment });
  }

  for (const field of MONEY_FIGURES) {
    const value = f[field];
    const p = prev[field];
    const before = comparableValue(field, visit.date, p);
    if (value === null || before === null || !p || value >= before) continue;
    issues.push({
      field,
      code: visit.isCorrection ? 'decrease_corrected' : 'decreased',
      blocking: !visit.isCorrection,
      previous: before,
      previousDate: p.date,
    });
  }

  // Only meaningful when both previous values come from one visit of the same year.
  const pt = prev.completedInvestmentThisYear;
  const pc = prev.cumulativeInvestment;
  if (
    f.completedInvestmentThisYear !== null &&
    f.cumulativeInvestment !== null &&
    pt &&
    pc &&
    pt.visitId === pc.visitId &&
    yearOf(pt.date) === yearOf(visit.date)
  ) {
    const grewThisYear = f.completedInvestmentThisYear - pt.value;
    const grewCumulative = f.cumulativeInvestment - pc.value;
    if (grewThisYear > 0 && grewThisYear > grewCumulative) {
      issues.push({
        field: 'cumulativeInvestment',
        code: 'outpaces_cumulative',
        blocking: false,
        previous: pc.value,
        previousDate: pc.date,
        limit: pc.value + grewThisYear,
      });
    }
  }
  return issues;
}

export function hasBlocking(issues: readonly FigureIssue[]): boolean {
  return issues.some((i) => i.blocking);
}
