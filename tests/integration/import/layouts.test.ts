/**
 * Ledgers as offices lay them out, made with exceljs, through the real backend's import.* channels
 * into a real SQLite file: header found, columns mapped, units and values parsed, rows committed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importWorld, mappingOf, put, rowAt, sheetNamed, validRows, xlsx, type ImportWorld } from './world';

let w: ImportWorld;
beforeEach(async () => {
  w = await importWorld();
});
afterEach(() => w.cleanup());

describe('a title row, a two-row merged header, 序号 and 亿元 in a group header', () => {
  const build = () =>
    xlsx((wb) => {
      const ws = wb.addWorksheet('省百大项目');
      put(ws, 1, [['2020年哈尔滨市省百大项目推进情况表'], ['截至2020年5月底']]);
      ws.mergeCells('A1:I1');
      ws.mergeCells('A2:I2');
      put(ws, 3, [
        ['序号', '项目名称', '所属区县', '建设单位', '投资情况（亿元）', null, '时间节点', null, '建设性质'],
        [null, null, null, null, '总投资', '年度计划', '计划开工', '计划投产', null],
      ]);
      for (const col of ['A', 'B', 'C', 'D', 'I']) ws.mergeCells(`${col}3:${col}4`);
      ws.mergeCells('E3:F3');
      ws.mergeCells('G3:H3');
      put(ws, 5, [
        [
          1,
          '哈尔滨新区智能制造产业园',
          '松北',
          '哈尔滨新区投资集团',
          120.5,
          30,
          new Date(Date.UTC(2020, 3, 1)),
          '2021年10月',
          '新开工',
        ],
        [2, '哈尔滨绿地国博城项目', '道里区', '绿地集团哈尔滨公司', 15, 3.25, '2019.5', '2022.6', '续建'],
        [3, '平房区航空产业配套项目', '平房', '哈飞集团', 8.8, 2.1, 43922, '2021-12-31', '新开工'],
      ]);
    });

  it('joins the two header rows, maps the columns and converts 亿元 to yuan', async () => {
    const p = await w.preview(await build(), '2020年省百大项目.xlsx');
    const s = sheetNamed(p, '省百大项目');
    expect(s.headerRows).toEqual([3, 4]);
    expect(mappingOf(s)).toEqual({
      序号: null,
      项目名称: 'name',
      所属区县: 'district',
      建设单位: 'ownerCompany',
      '投资情况（亿元） / 总投资': 'totalInvestment',
      '投资情况（亿元） / 年度计划': 'annualPlannedInvestment',
      '时间节点 / 计划开工': 'plannedStart',
      '时间节点 / 计划投产': 'plannedProduction',
      建设性质: 'isNew',
    });
    const total = s.columns.find((c) => c.field === 'totalInvestment')!;
    expect(total).toMatchObject({ columnLetter: 'E', unit: 'yi', unitSource: 'header', confidence: 1 });
    expect(p.defaults.level).toBe('provincial_top100'); // the title says 省百大
    expect(rowAt(s, 5)).toMatchObject({
      action: 'create',
      issues: [],
      values: {
        name: '哈尔滨新区智能制造产业园',
        district: '松北区',
        totalInvestment: 12_050_000_000,
        annualPlannedInvestment: 3_000_000_000,
        plannedStart: '2020-04-01',
        plannedProduction: '2021-10-01',
        isNew: true,
      },
    });
    expect(rowAt(s, 6).values).toMatchObject({
      annualPlannedInvestment: 325_000_000,
      plannedStart: '2019-05-01',
      isNew: false,
    });
    expect(rowAt(s, 7).values).toMatchObject({
      district: '平房区',
      totalInvestment: 880_000_000,
      plannedStart: '2020-04-01',
    });
    expect(p.totals).toMatchObject({ rows: 3, create: 3, invalid: 0, skipped: 0 });

    const result = await w.commit(p, validRows(p));
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 0 });
    const projects = w.projects();
    expect(projects.map((x) => x.code)).toEqual(['2020-SBD-0001', '2020-SBD-0002', '2020-SBD-0003']);
    expect(projects[0]).toMatchObject({
      name: '哈尔滨新区智能制造产业园',
      level: 'provincial_top100',
      district: '松北区',
      ownerCompany: '哈尔滨新区投资集团',
      totalInvestment: 12_050_000_000,
      stage: 'preliminary',
      isNew: true,
      plannedProduction: '2021-10-01',
      groupId: null,
    });
    // Through the write path: every written cell is in the change log and the outbox.
    expect(w.count("SELECT count(*) AS n FROM change_log WHERE tbl = 'projects' AND col = 'total_investment'")).toBe(3);
    expect(w.count("SELECT count(*) AS n FROM outbox WHERE tbl = 'projects' AND col = 'name'")).toBe(3);
  });
});

describe('spaced headers, numbers as text, 2020.4 dates, a 合计 row and 填报人 lines', () => {
  const build = () =>
    xlsx((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      put(ws, 1, [['哈尔滨市重点产业项目台账'], [null, null, null, null, null, null, '单位：万元']]);
      put(ws, 3, [
        ['序 号', '项 目 名 称', '县 区', '项目 单位', '计划 总投资', '2020年计划投资', '开工 时间', '项目\n阶段'],
        ['1', '道外区老工业区改造项目', '道外', '道外区城投公司', '１２，０００', '3,500.5', '2020.4', '前期'],
        [2, '香坊区冷链物流园', '香坊区', '黑龙江冷链物流有限公司', '8000', '2000', 2020.5, '续建'],
        [3, '呼兰区生物医药产业园', '呼兰区', '呼兰区投资公司', 15000, '—', '2020年6月', '新开工'],
        ['合计', null, null, null, '35,000', '5,500.5'],
        [null],
        ['填报人：张三    审核人：李四    填报日期：2020年6月1日'],
        ['审核人：王五'],
      ]);
    });

  it('reads the sheet unit, text numbers and month dates, and skips the lines that are not projects', async () => {
    const p = await w.preview(await build());
    const s = p.sheets[0]!;
    expect(s.headerRows).toEqual([3]);
    expect(s.sheetUnit).toBe('wan');
    expect(Object.values(mappingOf(s))).toEqual([
      null,
      'name',
      'district',
      'ownerCompany',
      'totalInvestment',
      'annualPlannedInvestment',
      'plannedStart',
      'stage',
    ]);
    expect(s.columns.find((c) => c.field === 'annualPlannedInvestment')).toMatchObject({
      unit: 'wan',
      unitSource: 'sheet',
      confidence: 0.9,
    });
    expect(rowAt(s, 4).values).toEqual({
      name: '道外区老工业区改造项目',
      district: '道外区',
      ownerCompany: '道外区城投公司',
      totalInvestment: 120_000_000,
      annualPlannedInvestment: 35_005_000,
      plannedStart: '2020-04-01',
      stage: 'preliminary',
    });
    expect(rowAt(s, 5).values).toMatchObject({
      totalInvestment: 80_000_000,
      plannedStart: '2020-05-01',
      stage: 'continuing',
    });
    expect(rowAt(s, 6).values).toMatchObject({
      totalInvestment: 150_000_000,
      plannedStart: '2020-06-01',
      stage: 'new_start',
    });
    expect(rowAt(s, 6).values.annualPlannedInvestment).toBeUndefined();
    expect(s.rows.map((r) => r.row)).toEqual([4, 5, 6]);
    expect(s.skipped.map((k) => [k.row, k.reason])).toEqual([
      [7, 'total'],
      [9, 'footer'],
      [10, 'footer'],
    ]);
    expect(p.defaults.level).toBe('city_key_industrial');

    const result = await w.commit(p, validRows(p));
    expect(result).toMatchObject({ created: 3, skipped: 3 });
    const hulan = w.projects().find((x) => x.district === '呼兰区')!;
    expect(hulan).toMatchObject({ annualPlannedInvestment: 0, stage: 'new_start', isNew: true, code: '2020-SZD-0003' });
  });
});

describe('several sheets in 万元, a notes sheet, a hidden sheet, merged district cells and section rows', () => {
  const header = ['项目编号', '项目名称', '区县', '总投资（万元）', '年度计划投资（万元）', '计划开工时间'];
  const build = () =>
    xlsx((wb) => {
      put(wb.addWorksheet('填表说明'), 1, [['本表由各区县发改局填报，每月5日前报送。'], ['金额单位：万元']]);
      const daoli = wb.addWorksheet('道里区');
      put(daoli, 1, [
        header,
        ['一、工业项目'],
        ['DL-001', '道里区食品产业园', '道里区', 52000, 12000, '2020-05-10'],
        ['DL-002', '群力新区数字经济园', null, 30000.5, 8000, '2020年7月'],
        ['二、服务业项目'],
        ['DL-003', '中央大街街区改造', '道里区', 9000, 3000, '2020.8'],
      ]);
      daoli.mergeCells('A2:F2');
      daoli.mergeCells('C3:C4');
      daoli.mergeCells('A5:F5');
      const songbei = wb.addWorksheet('松北区');
      put(songbei, 1, [header, ['SB-001', '松北区冰雪旅游度假区', '松北区', 180000, 45000, '2020-04-15']]);
      const old = wb.addWorksheet('旧数据');
      put(old, 1, [header, ['OLD-1', '已取消项目', '道里区', 1, 1, '2019-01-01']]);
      old.state = 'hidden';
    });

  it('reads every sheet, leaves out the notes and the hidden sheet, and fills merged cells', async () => {
    const p = await w.preview(await build());
    expect(p.sheets.map((s) => [s.name, s.include])).toEqual([
      ['填表说明', false],
      ['道里区', true],
      ['松北区', true],
      ['旧数据', false],
    ]);
    expect(p.sheets[0]!.note?.zh).toContain('未找到表头');
    const daoli = sheetNamed(p, '道里区');
    expect(daoli.columns.filter((c) => c.unit !== null).map((c) => [c.unit, c.unitSource])).toEqual([
      ['wan', 'header'],
      ['wan', 'header'],
    ]);
    expect(daoli.rows.map((r) => r.row)).toEqual([3, 4, 6]);
    expect(daoli.skipped.map((k) => [k.row, k.reason])).toEqual([
      [2, 'section'],
      [5, 'section'],
    ]);
    // C3:C4 merged: the district written once counts for both rows.
    expect(rowAt(daoli, 4).values).toMatchObject({ code: 'DL-002', district: '道里区', totalInvestment: 300_005_000 });
    expect(p.totals).toMatchObject({ rows: 4, create: 4 });

    const result = await w.commit(p, validRows(p));
    expect(result.created).toBe(4);
    expect(w.projects().map((x) => x.code)).toEqual(['DL-001', 'DL-002', 'DL-003', 'SB-001']);

    // Including the hidden sheet is the user's choice; its row then shows up too.
    const settings = w.settingsOf(p);
    settings.sheets[3]!.include = true;
    const again = await w.call<typeof p>('import.remap', settings);
    expect(sheetNamed(again, '旧数据').rows.map((r) => r.action)).toEqual(['create']);
    expect(again.totals).toMatchObject({ unchanged: 4, create: 1 });
  });
});
