/**
 * What a visit needs before it can be submitted (a draft may be anything the schema allows).
 * Pure and zod-free: the form's resolver and the backend's submit apply the same rules.
 * Each issue's `code` is a message key of the renderer (visits.errors.<code>).
 */
import type { Visit } from './domain/visit';
import { MONEY_FIGURES } from './figures';

export type VisitRuleCode =
  'participants_required' | 'findings_required' | 'figure_required' | 'stage_required' | 'date_in_future';

export interface VisitRuleIssue {
  /** Path in the Visit shape, e.g. ['figures', 'cumulativeInvestment']. */
  path: string[];
  code: VisitRuleCode;
}

export type VisitRuleInput = Pick<Visit, 'date' | 'kind' | 'participants' | 'findings' | 'figures'>;

/** `today` is the Asia/Shanghai calendar date: a visit cannot be dated after it. */
export function visitRuleIssues(v: VisitRuleInput, today: string): VisitRuleIssue[] {
  const issues: VisitRuleIssue[] = [];
  if (v.date > today) issues.push({ path: ['date'], code: 'date_in_future' });
  if (v.participants.filter((p) => p.trim() !== '').length === 0) {
    issues.push({ path: ['participants'], code: 'participants_required' });
  }
  if (v.findings.trim() === '') issues.push({ path: ['findings'], code: 'findings_required' });
  // A monthly visit is where the month's figures come from (the four rates): all of them are needed.
  if (v.kind === 'monthly') {
    for (const f of MONEY_FIGURES) {
      if (v.figures[f] === null) issues.push({ path: ['figures', f], code: 'figure_required' });
    }
    if (v.figures.stage === null) issues.push({ path: ['figures', 'stage'], code: 'stage_required' });
  }
  return issues;
}
