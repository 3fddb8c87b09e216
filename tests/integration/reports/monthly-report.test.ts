import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyFigures, ProjectFacets, ProjectPage } from '../../../shared/api';
import type { KpiFiguresResult } from '../../../shared/channels/kpi';
import type { PhotoView } from '../../../shared/channels/photos';
import type { ProblemPage } from '../../../shared/channels/problems';
import type { ReportScope } from '../../../shared/channels/exports';
import type { MonthPlan } from '../../../shared/domain/plan';
import { formatRate } from '../../../shared/kpi/format';
import { originalPath } from '../../../electron/backend/photos/layout';
import {
  docxPictureCount,
  docxText,
  expectNotBlank,
  exportFile,
  hasLibreOffice,
  libreOfficeToPdf,
  openDemo,
  pdfImageCount,
  pdfPages,
  pdfText,
  renderPages,
  zipIntegrity,
  MONTH,
  type Demo,
} from './support';

/*
 * 月度调度报告 for a group, a district and the whole city, November 2020 of the demo (a full month
 * of visits). Every figure in the document is checked against the channel that computes it:
 * kpi.figures for the four rates, plan.month for visits done and due, problems.list for the
 * overdue problems, and each project's month figures and photos for the progress table.
 */
let demo: Demo;
let facets: ProjectFacets;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const res = await demo.backend.invoke(channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value as T;
}

function sliceOf(scope: ReportScope): { groupIds?: string[]; districts?: string[] } {
  return scope.kind === 'group'
    ? { groupIds: [scope.groupId] }
    : scope.kind === 'district'
      ? { districts: [scope.district] }
      : {};
}

async function projectsOf(scope: ReportScope): Promise<ProjectPage['rows']> {
  return (await call<ProjectPage>('projects.list', { ...sliceOf(scope), limit: 1000 })).rows;
}

/** Projects whose counted visit of the month has a photo file here: each gets one photo in the table. */
async function expectedPhotos(projects: ProjectPage['rows'], month: string): Promise<number> {
  let n = 0;
  for (const p of projects) {
    const figures = await call<MonthlyFigures>('projects.monthlyFigures', {
      projectId: p.id,
      year: Number(month.slice(0, 4)),
    });
    const visitId = figures.months[Number(month.slice(5, 7)) - 1]?.visitId;
    if (!visitId) continue;
    const photos = await call<PhotoView[]>('photos.list', { visitId });
    const chosen = photos.find((ph) => ph.kind === 'progress') ?? photos[0];
    if (chosen && existsSync(originalPath(join(demo.dir, 'photos'), chosen.sha256))) n += 1;
  }
  return n;
}

beforeAll(async () => {
  demo = await openDemo('monthly');
  facets = await call<ProjectFacets>('projects.facets', {});
}, 120_000);

afterAll(async () => demo?.close());

describe('monthly report for one service group (Word)', () => {
  let scope: ReportScope;
  let file: string;
  let text: string;
  let projects: ProjectPage['rows'];

  beforeAll(async () => {
    const group = facets.groups[0]!;
    scope = { kind: 'group', groupId: group.id };
    projects = await projectsOf(scope);
    const done = await exportFile(demo.backend, { kind: 'monthlyReport', scope, month: MONTH, format: 'docx' });
    expect(done.fileName).toBe(`月度调度报告-2020年11月-${group.name}.docx`);
    expect(done.rows).toBe(projects.length);
    file = done.filePath;
    text = docxText(file);
  });

  it('has every section, the scope and the month', () => {
    zipIntegrity(file);
    expect(text).toContain('重点项目月度调度报告');
    expect(text).toContain(`2020年11月\u3000${facets.groups[0]!.name}`);
    for (const h of [
      '一、四率完成情况',
      '二、项目进展情况',
      '三、问题办理情况',
      '四、走访完成情况',
      '五、每周问题情况',
    ]) {
      expect(text).toContain(h);
    }
    expect(text).toContain('导出人：本机用户');
  });

  it('shows the four rates as the figures module computes them', async () => {
    const kpi = await call<KpiFiguresResult>('kpi.figures', {
      period: { from: MONTH, to: MONTH },
      slice: sliceOf(scope),
    });
    const f = kpi.figures;
    expect(f.projects).toBe(projects.length);
    expect(text).toContain(`本月开复工率${formatRate(f.start.value)}，投资完成率${formatRate(f.investment.value)}`);
    expect(text).toContain(`资金到位率${formatRate(f.funding.value)}，按期投产率${formatRate(f.production.value)}`);
    expect(text).toContain(`${f.start.numerator} / ${f.start.denominator} 个`);
    expect(text).toContain(
      `${(f.investment.numerator / 1e8).toFixed(2)} / ${(f.investment.denominator / 1e8).toFixed(2)} 亿元`,
    );
    expect(text).toContain(`本月新增问题 ${f.raised.value} 个，解决 ${f.resolved.value} 个`);
  });

  it('lists each project with one photo where its visit has one', async () => {
    for (const p of projects) expect(text).toContain(p.name);
    const photos = await expectedPhotos(projects, MONTH);
    expect(photos).toBeGreaterThan(0);
    expect(docxPictureCount(file)).toBe(photos);
  });

  it('puts the overdue problems first and counts visits done against due', async () => {
    const overdue = await call<ProblemPage>('problems.list', { ...sliceOf(scope), overdueOnly: true, limit: 1 });
    expect(text).toContain(`（一）逾期未解决问题（${overdue.total} 个`);
    expect(text.indexOf('（一）逾期未解决问题')).toBeLessThan(text.indexOf('（二）正在办理的问题'));
    const plan = await call<MonthPlan>('plan.month', { month: MONTH, groupIds: [facets.groups[0]!.id] });
    expect(plan.totals.due).toBeGreaterThan(0);
    expect(text).toContain(`本月应走访项目 ${plan.totals.due} 个，已走访 ${plan.totals.visited} 个`);
  });

  it('summarises each week of the month', () => {
    for (const week of [
      '10月26日—11月1日',
      '11月2日—11月8日',
      '11月9日—11月15日',
      '11月16日—11月22日',
      '11月23日—11月29日',
    ]) {
      expect(text).toContain(week);
    }
  });

  it.skipIf(!hasLibreOffice)('lays out in LibreOffice with ink on every page', async () => {
    const pdf = libreOfficeToPdf(file, join(demo.dir, 'lo-monthly'));
    expect(pdfText(pdf)).toContain('四率完成情况');
    await expectNotBlank(renderPages(pdf, join(demo.dir, 'lo-monthly', 'png')));
  });
});

describe('monthly report for the whole city (PDF)', () => {
  it('has every project, one photo per project with one, a district breakdown, and no blank page', async () => {
    const scope: ReportScope = { kind: 'all' };
    const projects = await projectsOf(scope);
    const done = await exportFile(demo.backend, { kind: 'monthlyReport', scope, month: MONTH, format: 'pdf' });
    expect(done.rows).toBe(projects.length);
    const photos = await expectedPhotos(projects, MONTH);
    expect(done.photos).toBe(photos);
    expect(pdfImageCount(done.filePath)).toBe(photos);
    const text = pdfText(done.filePath);
    expect(text).toContain('全市');
    expect(text).toContain('分区县情况');
    for (const d of facets.districts) expect(text).toContain(d);
    const pages = pdfPages(done.filePath);
    expect(pages).toBeGreaterThan(10);
    const out = join(demo.dir, 'png-monthly');
    await expectNotBlank([
      ...renderPages(done.filePath, out, { first: 1, last: 4 }),
      ...renderPages(done.filePath, join(out, 'end'), { first: pages, last: pages }),
    ]);
  });
});

describe('monthly report for a district, and a closed month', () => {
  it('covers only the district', async () => {
    const district = '道里区';
    const scope: ReportScope = { kind: 'district', district };
    const projects = await projectsOf(scope);
    expect(projects.length).toBeGreaterThan(0);
    const done = await exportFile(demo.backend, { kind: 'monthlyReport', scope, month: MONTH, format: 'docx' });
    const text = docxText(done.filePath);
    expect(done.rows).toBe(projects.length);
    expect(text).toContain('分服务组情况');
    const others = (await projectsOf({ kind: 'all' })).filter((p) => p.district !== district);
    for (const p of others.slice(0, 20)) expect(text).not.toContain(p.name);
  });

  it('a closed month reports its snapshot and says so', async () => {
    const closed = await demo.backend.invoke('kpi.close', { month: '2020-10', note: '' });
    expect(closed.ok, JSON.stringify(closed)).toBe(true);
    const done = await exportFile(demo.backend, {
      kind: 'monthlyReport',
      scope: { kind: 'all' },
      month: '2020-10',
      format: 'docx',
    });
    const text = docxText(done.filePath);
    expect(text).toContain('本月已于');
    expect(text).toContain('关账');
    expect(text).toContain('下列数据为关账快照');
  });

  it('a month that has not begun is refused', async () => {
    const res = await demo.backend.invoke('exports.run', {
      jobId: 'test-job-future-month',
      request: { kind: 'monthlyReport', scope: { kind: 'all' }, month: '2021-03', format: 'pdf' },
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid_input');
  });
});
