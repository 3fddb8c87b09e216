/** The monthly report's later sections: problems by status, visits done against due, weekly summaries. */
import type { ProblemListItem } from '../../../shared/channels/problems';
import type { Block, Cell, Column } from './blocks';
import type { MonthlyData } from './monthly-data';
import { CATEGORY_ZH, HANDLING_LEVEL_ZH, STATUS_ZH, percent, zhDate } from './labels';

const PROBLEM_COLUMNS: Column[] = [
  { header: '序号', widthMm: 10, align: 'center' },
  { header: '项目名称', widthMm: 29 },
  { header: '类别', widthMm: 14, align: 'center' },
  { header: '问题描述', widthMm: 45 },
  { header: '牵头单位', widthMm: 22 },
  { header: '办理时限', widthMm: 19, align: 'center' },
  { header: '状态', widthMm: 17, align: 'center' },
];

/** 11月2日 */
const shortDate = (date: string): string => zhDate(date).replace(/^\d+年/, '');

function problemRow(p: ProblemListItem, i: number): Cell[] {
  const status =
    p.daysOverdue > 0
      ? `逾期${p.daysOverdue}天`
      : `${STATUS_ZH[p.status]}${p.resolvedOn ? `\n${zhDate(p.resolvedOn)}` : ''}`;
  return [
    i + 1,
    `${p.projectName}\n${p.district}`,
    `${CATEGORY_ZH[p.category]}\n${HANDLING_LEVEL_ZH[p.handlingLevel]}`,
    p.description,
    p.leadUnit ?? '',
    zhDate(p.deadline),
    status,
  ];
}

export function monthlyProblemBlocks(data: MonthlyData): Block[] {
  const c = data.statusCounts;
  const overdue = data.openProblems.filter((p) => p.daysOverdue > 0);
  const pending = data.openProblems.filter((p) => p.daysOverdue === 0);
  return [
    { kind: 'heading', text: '三、问题办理情况' },
    {
      kind: 'paragraph',
      text:
        `截至月末累计登记问题 ${c.open + c.in_progress + c.resolved + c.closed} 个，其中待办 ${c.open} 个、` +
        `办理中 ${c.in_progress} 个、已解决 ${c.resolved} 个、已销号 ${c.closed} 个。` +
        `目前逾期未解决 ${overdue.length} 个，列于最前；本月解决 ${data.resolvedInMonth.length} 个。`,
    },
    { kind: 'subheading', text: `（一）逾期未解决问题（${overdue.length} 个，逾期天数截至导出之日）` },
    { kind: 'table', empty: '无逾期问题。', columns: PROBLEM_COLUMNS, rows: overdue.map(problemRow) },
    { kind: 'subheading', text: `（二）正在办理的问题（${pending.length} 个）` },
    { kind: 'table', empty: '无。', columns: PROBLEM_COLUMNS, rows: pending.map(problemRow) },
    { kind: 'subheading', text: `（三）本月已解决的问题（${data.resolvedInMonth.length} 个）` },
    {
      kind: 'table',
      empty: '本月无解决的问题。',
      columns: PROBLEM_COLUMNS,
      rows: data.resolvedInMonth.map(problemRow),
    },
  ];
}

export function monthlyVisitBlocks(data: MonthlyData): Block[] {
  const byGroup = new Map<string, { name: string; due: number; visited: number; planned: number; overdue: number }>();
  for (const e of data.plan) {
    const g = byGroup.get(e.groupId) ?? { name: e.groupName, due: 0, visited: 0, planned: 0, overdue: 0 };
    g.due += 1;
    if (e.status === 'visited') g.visited += 1;
    if (e.plannedDate && e.status !== 'visited') g.planned += 1;
    if (e.status === 'overdue') g.overdue += 1;
    byGroup.set(e.groupId, g);
  }
  const groups = [...byGroup.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const due = data.plan.length;
  const visited = data.plan.filter((e) => e.status === 'visited').length;
  const missing = data.plan.filter((e) => e.status !== 'visited');
  return [
    { kind: 'heading', text: '四、走访完成情况' },
    {
      kind: 'paragraph',
      text:
        `本月应走访项目 ${due} 个，已走访 ${visited} 个，走访覆盖率 ${percent(due === 0 ? null : visited / due)}；` +
        `尚未走访 ${missing.length} 个，其中以前月份已漏访 ${missing.filter((e) => e.status === 'overdue').length} 个。`,
    },
    {
      kind: 'table',
      empty: '本范围内没有分配到服务组的项目。',
      columns: [
        { header: '服务组', widthMm: 40 },
        { header: '应走访', widthMm: 22, align: 'center' },
        { header: '已走访', widthMm: 22, align: 'center' },
        { header: '已计划', widthMm: 22, align: 'center' },
        { header: '漏访', widthMm: 22, align: 'center' },
        { header: '覆盖率', widthMm: 28, align: 'center' },
      ],
      rows: groups.map((g) => [
        g.name,
        g.due,
        g.visited,
        g.planned,
        g.overdue,
        percent(g.due === 0 ? null : g.visited / g.due),
      ]),
    },
    { kind: 'subheading', text: `本月尚未走访的项目（${missing.length} 个）` },
    {
      kind: 'table',
      empty: '全部项目均已走访。',
      columns: [
        { header: '序号', widthMm: 10, align: 'center' },
        { header: '项目名称', widthMm: 46 },
        { header: '区县', widthMm: 18, align: 'center' },
        { header: '服务组', widthMm: 26 },
        { header: '计划日期', widthMm: 20, align: 'center' },
        { header: '最近走访', widthMm: 20, align: 'center' },
        { header: '漏访月数', widthMm: 16, align: 'center' },
      ],
      rows: missing.map((e, i) => [
        i + 1,
        e.projectName,
        e.district,
        e.groupName,
        zhDate(e.plannedDate),
        zhDate(e.lastVisitDate),
        e.overdueMonths || '',
      ]),
    },
  ];
}

export function monthlyWeekBlocks(data: MonthlyData): Block[] {
  return [
    { kind: 'heading', text: '五、每周问题情况' },
    {
      kind: 'table',
      empty: '本月尚无周报数据。',
      columns: [
        { header: '周次', widthMm: 56, align: 'center' },
        { header: '新增', widthMm: 25, align: 'center' },
        { header: '解决', widthMm: 25, align: 'center' },
        { header: '逾期', widthMm: 25, align: 'center' },
        { header: '升级', widthMm: 25, align: 'center' },
      ],
      rows: data.weeks.map((w) => [
        `${shortDate(w.weekStart)}—${shortDate(w.weekEnd)}`,
        w.counts.new,
        w.counts.resolved,
        w.counts.overdue,
        w.counts.escalated,
      ]),
    },
  ];
}
