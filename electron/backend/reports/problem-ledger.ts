/**
 * 问题台账 (.xlsx): the problems the problem list's filters select, in its order (overdue first by
 * default), with lead and cooperating units, handling level, deadlines and days overdue.
 */
import type { Writable } from 'node:stream';
import { ProblemLedgerFilters, type ProblemLedgerFilters as Filters } from '../../../shared/channels/exports';
import type { ProblemListItem } from '../../../shared/channels/problems';
import { listGroups } from '../db/directory';
import { listProblems } from '../db/problems-list';
import type { ReportContext, WrittenSummary } from './context';
import { CATEGORY_ZH, HANDLING_LEVEL_ZH, STATUS_ZH, zhDate } from './labels';
import { writePagedLedger, type LedgerColumn } from './xlsx-kit';

export const PROBLEM_LEDGER_COLUMNS: LedgerColumn<ProblemListItem>[] = [
  { header: '序号', width: 6, kind: 'int', value: (_p, i) => i },
  { header: '项目编号', width: 14, kind: 'text', value: (p) => p.projectCode },
  { header: '项目名称', width: 30, kind: 'text', value: (p) => p.projectName },
  { header: '所属区县', width: 10, kind: 'text', value: (p) => p.district },
  { header: '服务组', width: 14, kind: 'text', value: (p) => p.groupName },
  { header: '问题类别', width: 12, kind: 'text', value: (p) => CATEGORY_ZH[p.category] },
  { header: '问题描述', width: 48, kind: 'text', value: (p) => p.description },
  { header: '牵头单位', width: 20, kind: 'text', value: (p) => p.leadUnit },
  { header: '配合单位', width: 24, kind: 'text', value: (p) => p.cooperatingUnits.join('、') || null },
  { header: '办理层级', width: 10, kind: 'text', value: (p) => HANDLING_LEVEL_ZH[p.handlingLevel] },
  { header: '办理状态', width: 8, kind: 'text', value: (p) => STATUS_ZH[p.status] },
  { header: '提出日期', width: 15, kind: 'date', value: (p) => p.raisedOn },
  { header: '办理时限', width: 15, kind: 'date', value: (p) => p.deadline },
  { header: '逾期天数', width: 8, kind: 'int', value: (p) => (p.daysOverdue > 0 ? p.daysOverdue : null) },
  { header: '解决日期', width: 15, kind: 'date', value: (p) => p.resolvedOn },
  { header: '销号日期', width: 15, kind: 'date', value: (p) => p.closedOn },
  { header: '办理结果', width: 36, kind: 'text', value: (p) => p.resolution },
];

export function describeProblemFilters(ctx: ReportContext, f: ReturnType<typeof ProblemLedgerFilters.parse>): string {
  const groups = new Map(listGroups(ctx.db).map((g) => [g.id, g.name]));
  const parts: string[] = [];
  if (f.statuses.length) parts.push(`状态=${f.statuses.map((s) => STATUS_ZH[s]).join('、')}`);
  if (f.categories.length) parts.push(`类别=${f.categories.map((c) => CATEGORY_ZH[c]).join('、')}`);
  if (f.handlingLevels.length) parts.push(`层级=${f.handlingLevels.map((l) => HANDLING_LEVEL_ZH[l]).join('、')}`);
  if (f.leadUnits.length) parts.push(`牵头单位=${f.leadUnits.join('、')}`);
  if (f.districts.length) parts.push(`区县=${f.districts.join('、')}`);
  if (f.groupIds.length) parts.push(`服务组=${f.groupIds.map((id) => groups.get(id) ?? id).join('、')}`);
  if (f.overdueOnly) parts.push('仅逾期');
  if (f.raisedFrom || f.raisedTo) parts.push(`提出日期 ${zhDate(f.raisedFrom)}至${zhDate(f.raisedTo)}`);
  if (f.projectId) parts.push('单个项目');
  if (f.visitId) parts.push('单次走访');
  if (f.query) parts.push(`关键词“${f.query}”`);
  return parts.join('；');
}

export async function writeProblemLedger(ctx: ReportContext, filters: Filters, out: Writable): Promise<WrittenSummary> {
  const f = ProblemLedgerFilters.parse(filters);
  return writePagedLedger(
    ctx,
    out,
    {
      name: '问题台账',
      title: '重点项目问题台账',
      filters: describeProblemFilters(ctx, f),
      columns: PROBLEM_LEDGER_COLUMNS,
    },
    (offset, limit) => listProblems(ctx.db, { ...f, offset, limit }, ctx.now),
  );
}
