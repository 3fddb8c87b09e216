/**
 * 会办议题清单: the problems on a joint meeting's agenda (市级会办, not closed, plus those it decided
 * on), by district and project, with why each came up and what the meeting decided — as a Word
 * document for the meeting and as an Excel sheet for the coordinators' ledger.
 */
import type { Writable } from 'node:stream';
import { daysBetween, shanghaiDate } from '../../../shared/calendar';
import type { AgendaItem, MeetingAgenda } from '../../../shared/domain/plan';
import { meetingAgenda } from '../db/meetings';
import type { DocumentSpec } from './blocks';
import type { ReportContext, WrittenSummary } from './context';
import { CATEGORY_ZH, STATUS_ZH, zhDate } from './labels';
import { addLedgerSheet, ledgerWorkbook, metaLine, type LedgerColumn } from './xlsx-kit';

function daysOverdue(item: AgendaItem, today: string): number {
  if (item.status !== 'open' && item.status !== 'in_progress') return 0;
  if (!item.deadline || item.deadline >= today) return 0;
  return daysBetween(item.deadline, today);
}

function decisionText(item: AgendaItem): string {
  const d = item.decision;
  if (!d) return '';
  const parts = [
    d.responsibleUnit ? `责任单位：${d.responsibleUnit}` : '',
    d.newDeadline ? `时限：${zhDate(d.newDeadline)}` : '',
    d.remarks.trim(),
  ];
  return parts.filter(Boolean).join('\n');
}

export function loadAgenda(ctx: ReportContext, meetingId: string): MeetingAgenda {
  return meetingAgenda(ctx.db, meetingId);
}

export function agendaSpec(ctx: ReportContext, agenda: MeetingAgenda): DocumentSpec {
  const { meeting, items } = agenda;
  const overdue = items.filter((i) => daysOverdue(i, ctx.today) > 0).length;
  const decided = items.filter((i) => i.decision !== null).length;
  return {
    title: `${meeting.title}议题清单`,
    author: ctx.exportedBy,
    subject: '联审会办会议题清单',
    // Eight columns of text: the agenda reads best across a landscape page (243 mm of table).
    landscape: true,
    blocks: [
      { kind: 'title', text: '联审会办会议题清单' },
      { kind: 'subtitle', text: `${meeting.title}（${zhDate(meeting.date)}）` },
      {
        kind: 'paragraph',
        text:
          `本次会议提请会办议题共 ${items.length} 项，其中逾期未办结 ${overdue} 项，已形成会议决定 ${decided} 项。` +
          '议题按区县、项目排列，逾期天数截至导出之日。',
      },
      {
        kind: 'table',
        empty: '暂无提请会办的议题。',
        columns: [
          { header: '序号', widthMm: 10, align: 'center' },
          { header: '区县', widthMm: 16, align: 'center' },
          { header: '项目名称', widthMm: 36 },
          { header: '类别', widthMm: 16, align: 'center' },
          { header: '问题描述及提请理由', widthMm: 64 },
          { header: '牵头单位', widthMm: 28 },
          { header: '办理时限', widthMm: 32, align: 'center' },
          { header: '会议决定', widthMm: 41 },
        ],
        rows: items.map((item, i) => {
          const late = daysOverdue(item, ctx.today);
          return [
            i + 1,
            item.district,
            item.projectName,
            CATEGORY_ZH[item.category],
            item.escalationReason ? `${item.description}\n提请理由：${item.escalationReason}` : item.description,
            item.leadUnit ?? '',
            item.deadline ? `${zhDate(item.deadline)}${late > 0 ? `\n逾期${late}天` : ''}` : '',
            decisionText(item),
          ];
        }),
      },
      { kind: 'signature', lines: [`导出人：${ctx.exportedBy}`, `导出日期：${zhDate(ctx.today)}`] },
    ],
  };
}

type Row = AgendaItem & { today: string };

const AGENDA_COLUMNS: LedgerColumn<Row>[] = [
  { header: '序号', width: 6, kind: 'int', value: (_r, i) => i },
  { header: '所属区县', width: 10, kind: 'text', value: (r) => r.district },
  { header: '项目编号', width: 14, kind: 'text', value: (r) => r.projectCode },
  { header: '项目名称', width: 30, kind: 'text', value: (r) => r.projectName },
  { header: '服务组', width: 14, kind: 'text', value: (r) => r.groupName },
  { header: '问题类别', width: 12, kind: 'text', value: (r) => CATEGORY_ZH[r.category] },
  { header: '问题描述', width: 48, kind: 'text', value: (r) => r.description },
  { header: '牵头单位', width: 20, kind: 'text', value: (r) => r.leadUnit },
  { header: '办理状态', width: 8, kind: 'text', value: (r) => STATUS_ZH[r.status] },
  { header: '提出日期', width: 15, kind: 'date', value: (r) => r.raisedOn },
  { header: '办理时限', width: 15, kind: 'date', value: (r) => r.deadline },
  { header: '逾期天数', width: 8, kind: 'int', value: (r) => daysOverdue(r, r.today) || null },
  {
    header: '提请会办日期',
    width: 15,
    kind: 'date',
    value: (r) => (r.escalatedAt === null ? null : shanghaiDate(r.escalatedAt)),
  },
  { header: '提请理由', width: 30, kind: 'text', value: (r) => r.escalationReason },
  { header: '会议确定责任单位', width: 18, kind: 'text', value: (r) => r.decision?.responsibleUnit ?? null },
  { header: '会议确定时限', width: 15, kind: 'date', value: (r) => r.decision?.newDeadline ?? null },
  { header: '会议意见', width: 36, kind: 'text', value: (r) => r.decision?.remarks || null },
];

export async function writeAgendaXlsx(
  ctx: ReportContext,
  agenda: MeetingAgenda,
  out: Writable,
): Promise<WrittenSummary> {
  const wb = ledgerWorkbook(out, ctx.exportedBy, ctx.now);
  const sheet = addLedgerSheet(wb, {
    name: '会办议题清单',
    title: `联审会办会议题清单 — ${agenda.meeting.title}（${zhDate(agenda.meeting.date)}）`,
    meta: metaLine(ctx.today, ctx.exportedBy, null),
    columns: AGENDA_COLUMNS,
  });
  for (const item of agenda.items) sheet.add({ ...item, today: ctx.today });
  ctx.progress('write', agenda.items.length, agenda.items.length);
  sheet.finish();
  await wb.commit();
  return { rows: sheet.rows, photos: 0 };
}
