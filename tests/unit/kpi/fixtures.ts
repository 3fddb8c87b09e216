import type { KpiProjectInput, KpiVisit } from '../../../shared/kpi/rows';
import type { KpiRow } from '../../../shared/kpi/types';

/** A project as the figures see it: new this year, planned to start 2020-04-10, plan 100 万元. */
export function kp(id: string, over: Partial<KpiProjectInput> = {}): KpiProjectInput {
  return {
    id,
    code: `C-${id}`,
    name: `项目${id}`,
    level: 'provincial_top100',
    district: '道里区',
    groupId: 'g1',
    groupName: '第一服务组',
    industry: '新材料',
    isNew: true,
    plannedStart: '2020-04-10',
    actualStart: null,
    plannedProduction: null,
    actualProduction: null,
    annualPlannedInvestment: 1_000_000,
    resumedOn: null,
    dueSince: '2020-01',
    ...over,
  };
}

export function kv(
  id: string,
  date: string,
  completed: number | null,
  funds: number | null,
  submittedAt = 0,
): KpiVisit {
  return { id, date, submittedAt, completed, funds };
}

/** A row with nothing in any figure, for the figure tests to fill. */
export function row(id: string, over: Partial<KpiRow> = {}): KpiRow {
  return {
    projectId: id,
    code: `C-${id}`,
    name: `项目${id}`,
    level: 'provincial_top100',
    district: '道里区',
    groupId: 'g1',
    groupName: '第一服务组',
    industry: '新材料',
    startKind: null,
    started: false,
    annualPlan: 0,
    completed: 0,
    funds: 0,
    figuresDate: null,
    reported: false,
    productionDue: false,
    producedOnTime: false,
    visitDue: false,
    visited: false,
    raised: 0,
    resolved: 0,
    resolveDays: 0,
    overdue: 0,
    ...over,
  };
}
