/**
 * Rows with errors: each reported where Excel shows it, in both languages; a commit that
 * includes one writes nothing; the accepted good rows alone are written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importWorld, put, rowAt, xlsx, type ImportWorld } from './world';

let w: ImportWorld;
beforeEach(async () => {
  w = await importWorld();
});
afterEach(() => w.cleanup());

const build = () =>
  xlsx((wb) => {
    const ws = wb.addWorksheet('台账');
    put(ws, 1, [
      ['项目名称', '所属区县', '总投资（亿元）', '计划开工时间', '项目级别'],
      ['哈尔滨万达文旅城二期', '道里区', 5, '2020-04-01', '省百大'],
      [null, '南岗区', 3, '2020-05-01', '市重点'],
      ['南岗区科技创新城', '南岗区', '约5亿', '2020-05-01', '市重点'],
      ['香坊区装备制造基地', '香坊区', 2, '2020-02-30', '市重点'],
      ['松北区大数据中心', '松北区', '1.5', '2020年9月', '市重点'],
      ['某重要项目', null, 1, null, '重要项目'],
      ['哈尔滨万达文旅城二期', '道里', 5, '2020-04-01', '省百大'],
    ]);
  });

describe('rows with errors', () => {
  it('reports each problem with its row, column, header and a message in Chinese and English', async () => {
    const p = await w.preview(await build());
    const s = p.sheets[0]!;
    expect(s.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'create'],
      [7, 'invalid'],
      [8, 'invalid'],
    ]);
    expect(rowAt(s, 3).issues).toEqual([
      {
        code: 'required',
        row: 3,
        column: 1,
        columnLetter: 'A',
        header: '项目名称',
        field: 'name',
        raw: '',
        message: {
          zh: '第 3 行 A 列“项目名称”：缺少项目名称',
          en: 'Row 3, column A "项目名称": project name is missing',
        },
      },
    ]);
    expect(rowAt(s, 4).issues).toEqual([
      expect.objectContaining({
        code: 'not_a_number',
        row: 4,
        columnLetter: 'C',
        header: '总投资（亿元）',
        field: 'totalInvestment',
        raw: '约5亿',
        message: {
          zh: '第 4 行 C 列“总投资（亿元）”：“约5亿”不是数字',
          en: 'Row 4, column C "总投资（亿元）": "约5亿" is not a number',
        },
      }),
    ]);
    expect(rowAt(s, 5).issues.map((i) => [i.code, i.columnLetter, i.raw])).toEqual([
      ['impossible_date', 'D', '2020-02-30'],
    ]);
    expect(rowAt(s, 5).issues[0]!.message.zh).toContain('不是存在的日期');
    expect(rowAt(s, 7).issues.map((i) => [i.code, i.field])).toEqual([
      ['unknown_level', 'level'],
      ['required', 'district'],
    ]);
    // The same project twice in one file (道里 is 道里区): the second is refused.
    expect(rowAt(s, 8).issues.map((i) => i.code)).toEqual(['duplicate_in_file']);
    expect(rowAt(s, 8).issues[0]!.message.en).toContain('row 2 of sheet "台账"');
    expect(p.totals).toMatchObject({ rows: 7, create: 2, invalid: 5 });
  });

  it('writes nothing when a bad row is accepted, and only the accepted rows otherwise', async () => {
    const p = await w.preview(await build());
    const before = w.footprint();
    const err = await w.fail('import.commit', {
      ...w.settingsOf(p),
      accept: [
        { sheet: 0, row: 2 },
        { sheet: 0, row: 3 },
        { sheet: 0, row: 6 },
      ],
    });
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('nothing was imported');
    expect(err.message).toContain('Row 3');
    expect(w.footprint()).toEqual(before);

    // A row that is not a project row of the file (the header) is refused the same way.
    expect((await w.fail('import.commit', { ...w.settingsOf(p), accept: [{ sheet: 0, row: 1 }] })).code).toBe(
      'invalid_input',
    );
    expect(w.footprint()).toEqual(before);

    const result = await w.commit(p, [
      { sheet: 0, row: 2 },
      { sheet: 0, row: 6 },
    ]);
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0, skipped: 5 });
    expect(w.projects().map((x) => [x.name, x.level, x.totalInvestment])).toEqual([
      ['哈尔滨万达文旅城二期', 'provincial_top100', 500_000_000],
      ['松北区大数据中心', 'city_key_industrial', 150_000_000],
    ]);
  });

  it('a project listed twice, once with its code and once without, is one project', async () => {
    const bytes = await xlsx((wb) =>
      put(wb.addWorksheet('台账'), 1, [
        ['项目编号', '项目名称', '所属区县', '总投资（万元）'],
        ['NEW-1', '道里区食品产业园', '道里区', 100],
        ['NEW-2', '道里区食品产业园', '道里区', 100],
        [null, '道里区食品产业园', '道里', 100],
      ]),
    );
    const s = (await w.preview(bytes)).sheets[0]!;
    // Two codes are two projects even with one name; the uncoded row repeats the first of them.
    expect(s.rows.map((r) => [r.row, r.action, r.issues.map((i) => i.code)])).toEqual([
      [2, 'create', []],
      [3, 'create', []],
      [4, 'invalid', ['duplicate_in_file']],
    ]);
  });
});
