import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectFacets, ProjectPage } from '../../../shared/api';
import type { ProblemPage } from '../../../shared/channels/problems';
import type { Meeting, MeetingAgenda } from '../../../shared/domain/plan';
import { exportProjectLedger } from '../../../electron/backend/reports/project-ledger';
import { zhDate } from '../../../electron/backend/reports/labels';
import {
  docxText,
  exportFile,
  hasLibreOffice,
  libreOfficeToPdf,
  expectNotBlank,
  renderPages,
  unzipText,
  zipIntegrity,
  NOW,
  TODAY,
  type Demo,
  openDemo,
} from './support';

/*
 * The Excel ledgers and the joint meeting agenda, read back with exceljs (an independent reader
 * of the same format): values typed (numbers as numbers, dates as Dates), the header row frozen
 * and filtered, and exactly the rows the page's filters select, in the page's order.
 */
let demo: Demo;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const res = await demo.backend.invoke(channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value as T;
}

async function readSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

function headerOf(ws: ExcelJS.Worksheet): string[] {
  return (ws.getRow(3).values as unknown[]).slice(1).map(String);
}

function col(ws: ExcelJS.Worksheet, header: string): number {
  const i = headerOf(ws).indexOf(header);
  expect(i, `no column ${header}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

const asDate = (date: string | null): Date | null => (date ? new Date(`${date}T00:00:00Z`) : null);

beforeAll(async () => {
  demo = await openDemo('ledgers');
}, 120_000);

afterAll(async () => demo?.close());

describe('project ledger (.xlsx)', () => {
  it('has the filtered projects in the page order, typed, under a frozen, filtered header', async () => {
    const facets = await call<ProjectFacets>('projects.facets', {});
    const filters = {
      districts: facets.districts.slice(0, 3),
      sort: { field: 'totalInvestment' as const, order: 'desc' as const },
    };
    const page = await call<ProjectPage>('projects.list', { ...filters, limit: 1000 });
    expect(page.total).toBeGreaterThan(5);
    const done = await exportFile(demo.backend, { kind: 'projectLedger', filters });
    expect(done.fileName).toBe(`项目台账-${zhDate(TODAY)}.xlsx`);
    expect(done.rows).toBe(page.total);
    const ws = await readSheet(done.filePath);

    expect(ws.getCell('A1').value).toBe('重点项目台账');
    expect(String(ws.getCell('A2').value)).toContain(`导出日期：${zhDate(TODAY)}`);
    expect(String(ws.getCell('A2').value)).toContain(`区县=${filters.districts.join('、')}`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe(`A3:Y${3 + page.total}`);
    expect(headerOf(ws)).toEqual(
      expect.arrayContaining([
        '序号',
        '项目编号',
        '项目名称',
        '所属区县',
        '总投资（万元）',
        '计划开工日期',
        '建设性质',
      ]),
    );
    expect(ws.rowCount).toBe(3 + page.total);

    const [cCode, cName, cTotal, cAnnual, cStart, cSeq, cDistrict] = [
      '项目编号',
      '项目名称',
      '总投资（万元）',
      '年度计划投资（万元）',
      '计划开工日期',
      '序号',
      '所属区县',
    ].map((h) => col(ws, h));
    page.rows.forEach((p, i) => {
      const row = ws.getRow(4 + i);
      expect(row.getCell(cSeq!).value).toBe(i + 1);
      expect(row.getCell(cCode!).value).toBe(p.code);
      expect(row.getCell(cName!).value).toBe(p.name);
      expect(row.getCell(cDistrict!).value).toBe(p.district);
      const total = row.getCell(cTotal!).value;
      expect(typeof total).toBe('number');
      expect(Math.round((total as number) * 10_000)).toBe(p.totalInvestment);
      expect(Math.round((row.getCell(cAnnual!).value as number) * 10_000)).toBe(p.annualPlannedInvestment);
      expect(row.getCell(cTotal!).numFmt).toBe('#,##0.00');
      const start = row.getCell(cStart!).value;
      if (p.plannedStart) {
        expect(start).toBeInstanceOf(Date);
        expect(start).toEqual(asDate(p.plannedStart));
      } else {
        expect(start).toBeNull();
      }
    });
  });

  it('is what exportProjectLedger (the import round trip’s entry) writes', async () => {
    const file = join(demo.dir, 'direct.xlsx');
    const result = await exportProjectLedger(demo.backend.db, file, { now: NOW, exportedBy: '测试' });
    const page = await call<ProjectPage>('projects.list', { limit: 1 });
    expect(result.rows).toBe(page.total);
    const ws = await readSheet(file);
    expect(ws.rowCount).toBe(3 + page.total);
    expect(String(ws.getCell('A2').value)).toContain('导出人：测试');
  });
});

describe('problem ledger (.xlsx)', () => {
  it('has the overdue problems, most overdue first, with typed dates and days', async () => {
    const filters = { overdueOnly: true };
    const page = await call<ProblemPage>('problems.list', { ...filters, limit: 1000 });
    expect(page.total).toBeGreaterThan(3);
    const done = await exportFile(demo.backend, { kind: 'problemLedger', filters });
    expect(done.rows).toBe(page.total);
    const ws = await readSheet(done.filePath);
    expect(ws.getCell('A1').value).toBe('重点项目问题台账');
    expect(String(ws.getCell('A2').value)).toContain('仅逾期');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe(`A3:Q${3 + page.total}`);
    const [cDesc, cDays, cDeadline, cRaised] = ['问题描述', '逾期天数', '办理时限', '提出日期'].map((h) => col(ws, h));
    let previous = Infinity;
    page.rows.forEach((p, i) => {
      const row = ws.getRow(4 + i);
      expect(row.getCell(cDesc!).value).toBe(p.description);
      const days = row.getCell(cDays!).value as number;
      expect(days).toBe(p.daysOverdue);
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThanOrEqual(previous);
      previous = days;
      expect(row.getCell(cDeadline!).value).toEqual(asDate(p.deadline));
      expect(row.getCell(cRaised!).value).toEqual(asDate(p.raisedOn));
    });
  });
});

describe('joint meeting agenda (.docx and .xlsx)', () => {
  let meeting: Meeting;
  let agenda: MeetingAgenda;

  beforeAll(async () => {
    meeting = await call<Meeting>('meetings.save', { date: '2020-11-30', title: '十一月联审会办会' });
    // Two more problems brought to the joint meeting, so the agenda is not only the demo's.
    const open = await call<ProblemPage>('problems.list', {
      statuses: ['open'],
      handlingLevels: ['district'],
      limit: 2,
    });
    for (const p of open.rows) {
      await call('problems.escalate', { id: p.id, to: 'city_joint_meeting', reason: '区县无法协调，提请市级会办' });
    }
    agenda = await call<MeetingAgenda>('meetings.agenda', { meetingId: meeting.id });
    expect(agenda.items.length).toBeGreaterThanOrEqual(2);
    await call('meetings.decide', {
      meetingId: meeting.id,
      problemId: agenda.items[0]!.problemId,
      responsibleUnit: '市发改委',
      newDeadline: '2020-12-31',
      remarks: '由市发改委牵头，月底前协调到位',
    });
    agenda = await call<MeetingAgenda>('meetings.agenda', { meetingId: meeting.id });
  });

  it('as Word lists every item with why it came and what was decided', async () => {
    const done = await exportFile(demo.backend, { kind: 'meetingAgenda', meetingId: meeting.id, format: 'docx' });
    expect(done.fileName).toBe('会办议题清单-十一月联审会办会-2020年11月30日.docx');
    expect(done.rows).toBe(agenda.items.length);
    zipIntegrity(done.filePath);
    const text = docxText(done.filePath);
    expect(text).toContain('联审会办会议题清单');
    // A wide table: the agenda is laid out on landscape A4.
    expect(unzipText(done.filePath, 'word/document.xml')).toMatch(
      /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/,
    );
    expect(text).toContain('十一月联审会办会（2020年11月30日）');
    expect(text).toContain(`本次会议提请会办议题共 ${agenda.items.length} 项`);
    for (const item of agenda.items) {
      expect(text).toContain(item.projectName);
      expect(text).toContain(item.description);
    }
    expect(text).toContain('提请理由：区县无法协调，提请市级会办');
    expect(text).toContain('由市发改委牵头，月底前协调到位');
    if (hasLibreOffice) {
      const pdf = libreOfficeToPdf(done.filePath, join(demo.dir, 'lo-agenda'));
      await expectNotBlank(renderPages(pdf, join(demo.dir, 'lo-agenda', 'png')));
    }
  });

  it('as Excel has one typed row per item with the decision', async () => {
    const done = await exportFile(demo.backend, { kind: 'meetingAgenda', meetingId: meeting.id, format: 'xlsx' });
    const ws = await readSheet(done.filePath);
    expect(ws.rowCount).toBe(3 + agenda.items.length);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe(`A3:Q${3 + agenda.items.length}`);
    const decided = agenda.items.findIndex((i) => i.decision !== null);
    const row = ws.getRow(4 + decided);
    expect(row.getCell(col(ws, '会议确定责任单位')).value).toBe('市发改委');
    expect(row.getCell(col(ws, '会议确定时限')).value).toEqual(asDate('2020-12-31'));
    expect(row.getCell(col(ws, '序号')).value).toBe(decided + 1);
    agenda.items.forEach((item, i) => {
      expect(ws.getRow(4 + i).getCell(col(ws, '问题描述')).value).toBe(item.description);
      expect(ws.getRow(4 + i).getCell(col(ws, '提出日期')).value).toEqual(asDate(item.raisedOn));
    });
  });
});
