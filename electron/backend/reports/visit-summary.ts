/**
 * 走访报告: one visit as a document — who went where and when, the figures observed, findings,
 * the problems it raised, and its photos on pages of their own (2–4 a page, report copies).
 */
import { shanghaiDate } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { listPhotosByVisit } from '../db/photos';
import { getProject } from '../db/projects';
import { listProblems } from '../db/problems-list';
import { getVisitView } from '../db/visits';
import type { Block, DocumentSpec } from './blocks';
import type { ReportContext } from './context';
import {
  CATEGORY_ZH,
  HANDLING_LEVEL_ZH,
  LEVEL_ZH,
  PHOTO_KIND_ZH,
  STAGE_ZH,
  STATUS_ZH,
  VISIT_KIND_ZH,
  percent,
  wan,
  zhDate,
} from './labels';

/** 2020年4月1日 10:32 (Asia/Shanghai). */
export function zhDateTime(instant: number): string {
  const shifted = new Date(instant + 8 * 3_600_000);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${zhDate(shanghaiDate(instant))} ${hh}:${mm}`;
}

const ratio = (part: number | null, whole: number): number | null =>
  part === null || whole <= 0 ? null : part / whole;

export function visitSummarySpec(ctx: ReportContext, visitId: string, perPage: 2 | 3 | 4 = 4): DocumentSpec {
  const view = getVisitView(ctx.db, visitId);
  const project = getProject(ctx.db, view.visit.projectId);
  if (!project) throw new AppError('not_found', `no project ${view.visit.projectId}`);
  const { visit } = view;
  const f = visit.figures;
  const problems = listProblems(
    ctx.db,
    { visitId, limit: 1000, sort: { field: 'raisedOn', order: 'asc' } },
    ctx.now,
  ).rows;
  const photos = listPhotosByVisit(ctx.db, visitId);
  const draft = visit.status === 'draft' ? '（草稿，尚未提交）' : '';

  const blocks: Block[] = [
    { kind: 'title', text: '重点项目走访报告' },
    { kind: 'subtitle', text: `${project.name}${draft}` },
    { kind: 'heading', text: '一、基本情况' },
    {
      kind: 'fields',
      pairs: [
        ['项目名称', project.name],
        ['项目编号', project.code],
        ['项目级别', LEVEL_ZH[project.level]],
        ['所属区县', project.district],
        ['项目单位', project.ownerCompany ?? ''],
        ['服务组', view.groupName ?? '未分组'],
        ['走访日期', zhDate(visit.date)],
        ['走访类型', VISIT_KIND_ZH[visit.kind]],
        ['包保领导', project.leaderInCharge ?? ''],
        ['首席服务员', project.chiefOfficer ?? ''],
        ['参加人员', visit.participants.join('、')],
        ['走访地点', visit.location ?? project.location ?? ''],
      ],
    },
    { kind: 'heading', text: '二、项目进展' },
    {
      kind: 'fields',
      pairs: [
        ['总投资', `${wan(project.totalInvestment)} 万元`],
        ['年度计划投资', `${wan(project.annualPlannedInvestment)} 万元`],
        [
          '本年完成投资',
          f.completedInvestmentThisYear === null ? '未填报' : `${wan(f.completedInvestmentThisYear)} 万元`,
        ],
        ['投资完成率', percent(ratio(f.completedInvestmentThisYear, project.annualPlannedInvestment))],
        ['资金到位', f.fundsInPlace === null ? '未填报' : `${wan(f.fundsInPlace)} 万元`],
        ['资金到位率', percent(ratio(f.fundsInPlace, project.annualPlannedInvestment))],
        ['累计完成投资', f.cumulativeInvestment === null ? '未填报' : `${wan(f.cumulativeInvestment)} 万元`],
        ['项目阶段', STAGE_ZH[f.stage ?? project.stage]],
        ['在场施工人数', f.workersOnSite === null ? '未填报' : `${f.workersOnSite} 人`],
        ['照片', `${photos.length} 张`],
      ],
    },
    { kind: 'paragraph', text: `形象进度：${f.visibleProgress?.trim() || '未填报。'}` },
    { kind: 'heading', text: '三、走访发现' },
    { kind: 'paragraph', text: visit.findings.trim() || '无。' },
    { kind: 'heading', text: `四、问题清单（${problems.length} 项）` },
    {
      kind: 'table',
      empty: '本次走访未登记问题。',
      columns: [
        { header: '序号', widthMm: 9, align: 'center' },
        { header: '类别', widthMm: 18, align: 'center' },
        { header: '问题描述', widthMm: 44 },
        { header: '牵头单位', widthMm: 24 },
        { header: '办理时限', widthMm: 27, align: 'center' },
        { header: '层级', widthMm: 17, align: 'center' },
        { header: '状态', widthMm: 17, align: 'center' },
      ],
      rows: problems.map((p, i) => [
        i + 1,
        CATEGORY_ZH[p.category],
        p.description,
        p.leadUnit ?? '',
        p.deadline ? zhDate(p.deadline) + (p.daysOverdue > 0 ? `\n逾期${p.daysOverdue}天` : '') : '',
        HANDLING_LEVEL_ZH[p.handlingLevel],
        STATUS_ZH[p.status],
      ]),
    },
    { kind: 'signature', lines: [view.groupName ?? '', `导出人：${ctx.exportedBy}`, `导出日期：${zhDate(ctx.today)}`] },
    {
      kind: 'photoPages',
      heading: '附件：现场照片',
      perPage,
      photos: photos.map((ph, i) => {
        const when = ph.takenAt === null ? '' : `，${zhDateTime(ph.takenAt)}`;
        const text = ph.caption.trim() || PHOTO_KIND_ZH[ph.kind];
        return { photo: ph, caption: `图${i + 1}\u3000${text}（${PHOTO_KIND_ZH[ph.kind]}${when}）` };
      }),
    },
  ];
  return {
    title: `${project.name}走访报告（${zhDate(visit.date)}）`,
    author: ctx.exportedBy,
    subject: '重点项目走访报告',
    blocks,
  };
}
