/**
 * 月度调度报告 for a service group, a district or all: the four rates against their targets, each
 * project's progress with one photo, problems (overdue first), visits done against due, and the
 * month's weekly problem summaries. A closed month's rates are its frozen snapshot (月度关账),
 * with later changes noted as amendments rather than silently changing the figures.
 */
import { shanghaiDate } from '../../../shared/calendar';
import type { ReportScope } from '../../../shared/channels/exports';
import type { RatioSummary } from '../../../shared/kpi/types';
import { formatTargetBp } from '../../../shared/kpi/format';
import { meetsTarget, targetFor, type TargetRate } from '../../../shared/kpi/targets';
import { kpiFigures } from '../db/kpi';
import { listTargets } from '../db/kpi-targets';
import type { Block, Cell, DocumentSpec } from './blocks';
import type { ReportContext } from './context';
import { gatherMonthly, scopeName, type MonthlyData } from './monthly-data';
import { STAGE_ZH, percent, zhDate, zhMonth } from './labels';
import { monthlyProblemBlocks, monthlyVisitBlocks, monthlyWeekBlocks } from './monthly-sections';

const YI = 100_000_000;
const yi = (yuan: number): string => (yuan / YI).toFixed(2);

const RATE_ROWS: { key: TargetRate; label: string; money: boolean }[] = [
  { key: 'start', label: '开复工率', money: false },
  { key: 'investment', label: '投资完成率', money: true },
  { key: 'funding', label: '资金到位率', money: true },
  { key: 'production', label: '按期投产率', money: false },
  { key: 'coverage', label: '走访覆盖率', money: false },
];

function ratioText(r: RatioSummary, money: boolean): string {
  return money ? `${yi(r.numerator)} / ${yi(r.denominator)} 亿元` : `${r.numerator} / ${r.denominator} 个`;
}

/** Whole 万元 for narrow table columns. */
const wan0 = (yuan: number): string => Math.round(yuan / 10_000).toLocaleString('zh-CN');

function rateBlocks(ctx: ReportContext, scope: ReportScope, month: string): { blocks: Block[]; lead: string } {
  const by = scope.kind === 'all' ? (['district'] as const) : scope.kind === 'district' ? (['group'] as const) : [];
  const slice =
    scope.kind === 'group'
      ? { groupIds: [scope.groupId] }
      : scope.kind === 'district'
        ? { districts: [scope.district] }
        : {};
  const result = kpiFigures(ctx.db, { period: { from: month, to: month }, slice, by: [...by] }, ctx.now);
  const f = result.figures;
  const targets = listTargets(ctx.db);
  const rows: Cell[][] = RATE_ROWS.map(({ key, label, money }) => {
    const r = f[key];
    const target = targetFor(targets, key, f.asOf);
    const met = meetsTarget(r.value, target);
    return [
      label,
      ratioText(r, money),
      percent(r.value),
      target ? `${formatTargetBp(target.targetBp)}${target.dueOn ? `\n（${zhDate(target.dueOn)}前）` : ''}` : '—',
      met === null ? '—' : met ? '达标' : '未达标',
    ];
  });
  const blocks: Block[] = [{ kind: 'heading', text: '一、四率完成情况' }];
  if (result.source === 'snapshot' && result.closing) {
    const c = result.closing;
    const changed = result.amendment ? result.amendment.projects.length + result.amendment.figures.length : 0;
    blocks.push({
      kind: 'paragraph',
      text:
        `本月已于${c.closedAt ? zhDate(shanghaiDate(c.closedAt)) : ''}关账` +
        `${c.closedByName ? `（${c.closedByName}）` : ''}，下列数据为关账快照，截至${zhDate(f.asOf)}。` +
        (changed > 0 ? `关账后有 ${changed} 项数据更正，作为补充说明，不改变已报送的数据。` : '关账后无数据更正。'),
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: `下列数据截至${zhDate(f.asOf)}，按各项目当月最后一次已提交走访的数据计算；当月未走访的项目沿用最近一次数据（未报送）。`,
    });
  }
  blocks.push({
    kind: 'table',
    columns: [
      { header: '指标', widthMm: 26, align: 'center' },
      { header: '完成 / 应完成', widthMm: 54, align: 'center' },
      { header: '完成率', widthMm: 22, align: 'center' },
      { header: '目标', widthMm: 32, align: 'center' },
      { header: '是否达标', widthMm: 22, align: 'center' },
    ],
    rows,
  });
  const dim = by[0];
  const breakdown = dim ? (result.breakdowns[dim] ?? []) : [];
  if (breakdown.length > 0) {
    blocks.push({ kind: 'subheading', text: dim === 'district' ? '分区县情况' : '分服务组情况' });
    blocks.push({
      kind: 'table',
      columns: [
        { header: dim === 'district' ? '区县' : '服务组', widthMm: 30 },
        { header: '项目数', widthMm: 16, align: 'center' },
        { header: '开复工率', widthMm: 22, align: 'center' },
        { header: '投资完成率', widthMm: 22, align: 'center' },
        { header: '资金到位率', widthMm: 22, align: 'center' },
        { header: '按期投产率', widthMm: 22, align: 'center' },
        { header: '走访覆盖率', widthMm: 22, align: 'center' },
      ],
      rows: breakdown.map((b) => [
        b.label,
        b.figures.projects,
        percent(b.figures.start.value),
        percent(b.figures.investment.value),
        percent(b.figures.funding.value),
        percent(b.figures.production.value),
        percent(b.figures.coverage.value),
      ]),
    });
  }
  const lead =
    `本月开复工率${percent(f.start.value)}，投资完成率${percent(f.investment.value)}，` +
    `资金到位率${percent(f.funding.value)}，按期投产率${percent(f.production.value)}；` +
    `本月新增问题 ${f.raised.value} 个，解决 ${f.resolved.value} 个，逾期未解决 ${f.overdue.value} 个。`;
  return { blocks, lead };
}

function progressBlocks(data: MonthlyData): Block[] {
  const rows: Cell[][] = data.projects.map(({ project: p, month, photo }, i) => {
    const fig = month?.figures ?? null;
    const completed = fig?.completedInvestmentThisYear ?? null;
    const funds = fig?.fundsInPlace ?? null;
    const rate = (v: number | null): string =>
      v === null || p.annualPlannedInvestment <= 0 ? '—' : percent(v / p.annualPlannedInvestment);
    const stage = STAGE_ZH[fig?.stage ?? p.stage];
    const from = month?.visitDate ? zhDate(month.visitDate).replace(/^\d+年/, '') : '';
    const note = !month?.visitId ? '（本年未走访）' : month.reported ? '' : `（未报送，沿用${from}数据）`;
    return [
      i + 1,
      `${p.name}\n${p.district}`,
      wan0(p.annualPlannedInvestment),
      completed === null ? '—' : wan0(completed),
      rate(completed),
      rate(funds),
      `【${stage}】${fig?.visibleProgress?.trim() ?? ''}${note}`,
      photo ? { photo, widthMm: 28, heightMm: 21 } : '无照片',
    ];
  });
  return [
    { kind: 'heading', text: '二、项目进展情况' },
    {
      kind: 'table',
      empty: '本范围内没有项目。',
      columns: [
        { header: '序号', widthMm: 10, align: 'center' },
        { header: '项目名称', widthMm: 26 },
        { header: '年度计划（万元）', widthMm: 15, align: 'right' },
        { header: '本年完成（万元）', widthMm: 15, align: 'right' },
        { header: '完成率', widthMm: 15, align: 'center' },
        { header: '资金到位率', widthMm: 15, align: 'center' },
        { header: '形象进度', widthMm: 32 },
        { header: '现场照片', widthMm: 28, align: 'center' },
      ],
      rows,
    },
  ];
}

export function monthlyReportSpec(
  ctx: ReportContext,
  scope: ReportScope,
  month: string,
): { spec: DocumentSpec; projects: number } {
  const name = scopeName(ctx.db, scope);
  ctx.progress('collect', 0, 1);
  const data = gatherMonthly(ctx.db, scope, month, ctx.now);
  const rates = rateBlocks(ctx, scope, month);
  const total = data.projects.reduce((a, p) => a + p.project.totalInvestment, 0);
  const annual = data.projects.reduce((a, p) => a + p.project.annualPlannedInvestment, 0);
  const blocks: Block[] = [
    { kind: 'title', text: '重点项目月度调度报告' },
    { kind: 'subtitle', text: `（${zhMonth(month)}\u3000${name}）` },
    {
      kind: 'paragraph',
      text: `本月纳入调度的重点项目 ${data.projects.length} 个，总投资 ${yi(total)} 亿元，年度计划投资 ${yi(annual)} 亿元。${rates.lead}`,
    },
    ...rates.blocks,
    ...progressBlocks(data),
    ...monthlyProblemBlocks(data),
    ...monthlyVisitBlocks(data),
    ...monthlyWeekBlocks(data),
    { kind: 'signature', lines: [`导出人：${ctx.exportedBy}`, `导出日期：${zhDate(ctx.today)}`] },
  ];
  return {
    spec: {
      title: `重点项目月度调度报告（${zhMonth(month)}，${name}）`,
      author: ctx.exportedBy,
      subject: '月度调度报告',
      blocks,
    },
    projects: data.projects.length,
  };
}
