/**
 * 项目台账 (.xlsx): every project the ledger page's filters select, in its sort order, one row each
 * with all the fields an office's ledger carries (the import of issue 7 reads these headers back).
 */
import type { Writable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { ProjectListItem, ProjectListQuery } from '../../../shared/api';
import { ProjectLedgerFilters, type ProjectLedgerFilters as Filters } from '../../../shared/channels/exports';
import { listProjects } from '../db/projects';
import { listGroups } from '../db/directory';
import { shanghaiDate } from '../../../shared/calendar';
import { getLocalUser } from '../db/identity';
import { writeFileVia, type ReportContext, type WrittenSummary } from './context';
import { LEVEL_ZH, STAGE_ZH } from './labels';
import { writePagedLedger, type LedgerColumn } from './xlsx-kit';

/** The project ledger's columns, in order; headers are the names offices use (总投资 in 万元 …). */
export const PROJECT_LEDGER_COLUMNS: LedgerColumn<ProjectListItem>[] = [
  { header: '序号', width: 6, kind: 'int', value: (_p, i) => i },
  { header: '项目编号', width: 14, kind: 'text', value: (p) => p.code },
  { header: '项目名称', width: 36, kind: 'text', value: (p) => p.name },
  { header: '项目级别', width: 12, kind: 'text', value: (p) => LEVEL_ZH[p.level] },
  { header: '所属区县', width: 10, kind: 'text', value: (p) => p.district },
  { header: '行业', width: 14, kind: 'text', value: (p) => p.industry },
  { header: '项目单位', width: 28, kind: 'text', value: (p) => p.ownerCompany },
  { header: '责任单位', width: 20, kind: 'text', value: (p) => p.responsibleUnit },
  { header: '包保领导', width: 10, kind: 'text', value: (p) => p.leaderInCharge },
  { header: '首席服务员', width: 10, kind: 'text', value: (p) => p.chiefOfficer },
  { header: '联系电话', width: 14, kind: 'text', value: (p) => p.chiefOfficerPhone },
  { header: '服务组', width: 16, kind: 'text', value: (p) => p.groupName },
  { header: '总投资（万元）', width: 14, kind: 'wan', value: (p) => p.totalInvestment / 10_000 },
  { header: '年度计划投资（万元）', width: 14, kind: 'wan', value: (p) => p.annualPlannedInvestment / 10_000 },
  { header: '项目阶段', width: 8, kind: 'text', value: (p) => STAGE_ZH[p.stage] },
  { header: '建设性质', width: 8, kind: 'text', value: (p) => (p.isNew ? '新建' : '续建') },
  { header: '计划开工日期', width: 15, kind: 'date', value: (p) => p.plannedStart },
  { header: '实际开工日期', width: 15, kind: 'date', value: (p) => p.actualStart },
  { header: '计划竣工日期', width: 15, kind: 'date', value: (p) => p.plannedCompletion },
  { header: '实际竣工日期', width: 15, kind: 'date', value: (p) => p.actualCompletion },
  { header: '计划投产日期', width: 15, kind: 'date', value: (p) => p.plannedProduction },
  { header: '实际投产日期', width: 15, kind: 'date', value: (p) => p.actualProduction },
  { header: '建设地点', width: 24, kind: 'text', value: (p) => p.location },
  { header: '未办结问题', width: 8, kind: 'int', value: (p) => p.openProblems },
  { header: '最近走访日期', width: 15, kind: 'date', value: (p) => p.lastVisitDate },
];

/** The filters in words, for the line under the title. */
export function describeProjectFilters(ctx: ReportContext, f: ReturnType<typeof ProjectLedgerFilters.parse>): string {
  const groups = new Map(listGroups(ctx.db).map((g) => [g.id, g.name]));
  const parts: string[] = [];
  if (f.levels.length) parts.push(`级别=${f.levels.map((l) => LEVEL_ZH[l]).join('、')}`);
  if (f.districts.length) parts.push(`区县=${f.districts.join('、')}`);
  if (f.stages.length) parts.push(`阶段=${f.stages.map((s) => STAGE_ZH[s]).join('、')}`);
  if (f.groupIds.length) parts.push(`服务组=${f.groupIds.map((id) => groups.get(id) ?? id).join('、')}`);
  if (f.industries.length) parts.push(`行业=${f.industries.join('、')}`);
  if (f.query) parts.push(`关键词“${f.query}”`);
  if (f.notVisitedThisMonth) parts.push('本月未走访');
  if (f.hasOverdueProblems) parts.push('有逾期问题');
  return parts.join('；');
}

/** Writes the project ledger of `filters` to `out` (the stream is ended). */
export async function writeProjectLedger(ctx: ReportContext, filters: Filters, out: Writable): Promise<WrittenSummary> {
  const f = ProjectLedgerFilters.parse(filters);
  return writePagedLedger(
    ctx,
    out,
    {
      name: '项目台账',
      title: '重点项目台账',
      filters: describeProjectFilters(ctx, f),
      columns: PROJECT_LEDGER_COLUMNS,
    },
    (offset, limit) => {
      const query: ProjectListQuery = { ...f, offset, limit };
      return listProjects(ctx.db, query, ctx.now);
    },
  );
}

/**
 * The project ledger as a file, outside any channel: what the import's round-trip test and scripts
 * call. `now` dates the export and the "this month" / "overdue" filters.
 */
export async function exportProjectLedger(
  db: Database,
  path: string,
  opts: { filters?: Filters; now?: number; exportedBy?: string } = {},
): Promise<WrittenSummary & { bytes: number }> {
  const now = opts.now ?? Date.now();
  const ctx: ReportContext = {
    db,
    photosDir: '',
    workDir: '',
    today: shanghaiDate(now),
    now,
    exportedBy: opts.exportedBy ?? getLocalUser(db)?.name ?? '',
    progress: () => undefined,
  };
  let summary: WrittenSummary = { rows: 0, photos: 0 };
  const bytes = await writeFileVia(path, async (out) => {
    summary = await writeProjectLedger(ctx, opts.filters ?? {}, out);
  });
  return { ...summary, bytes };
}
