import { describe, expect, it } from 'vitest';
import { findHeader } from '../../../electron/backend/import/header';
import type { Grid, GridValue } from '../../../electron/backend/import/workbook';

/** A sheet as the reader gives it: merged cells already carry their master's value. */
function grid(rows: GridValue[][]): Grid {
  return { index: 0, name: 'S', hidden: false, rows, width: Math.max(...rows.map((r) => r.length)) };
}

const fields = (g: Grid) => findHeader(g).columns.map((c) => c.match.field);

describe('finding the header', () => {
  it('skips a title merged across the table and a subtitle line', () => {
    const title = '2020年重点项目台账';
    const g = grid([
      [title, title, title, title],
      ['填报单位：市发改委', null, null, '单位：亿元'],
      ['序号', '项目名称', '区县', '总投资'],
      [1, '甲项目', '道里区', 3],
    ]);
    const h = findHeader(g);
    expect(h.rows).toEqual([3]);
    expect(h.sheetUnit).toBe('yi');
    expect(fields(g)).toEqual([null, 'name', 'district', 'totalInvestment']);
  });

  it('joins a group header above its sub-headers (the lower row scores best)', () => {
    const g = grid([
      ['项目名称', '投资（万元）', '投资（万元）', '所属区县'],
      ['项目名称', '总投资', '年度计划', '所属区县'],
      ['甲项目', 100, 20, '道里区'],
    ]);
    const h = findHeader(g);
    expect(h.rows).toEqual([1, 2]);
    expect(h.columns.map((c) => c.parts)).toEqual([
      ['项目名称'],
      ['投资（万元）', '总投资'],
      ['投资（万元）', '年度计划'],
      ['所属区县'],
    ]);
    expect(h.columns.map((c) => c.unit)).toEqual([null, 'wan', 'wan', null]);
  });

  it('joins sub-headers below a group header when the single-level cells are left blank under it', () => {
    const g = grid([
      ['项目名称', '所属区县', '建设单位', '时间节点', '时间节点'],
      [null, null, null, '计划开工', '计划投产'],
      ['甲项目', '道里区', '甲公司', '2020.4', '2021.6'],
    ]);
    const h = findHeader(g);
    expect(h.rows).toEqual([1, 2]);
    expect(fields(g)).toEqual(['name', 'district', 'ownerCompany', 'plannedStart', 'plannedProduction']);
  });

  it('does not take the first data row for a second header row', () => {
    const g = grid([
      ['项目名称', '所属区县', '总投资'],
      ['甲项目', '道里区', '3,000'],
    ]);
    expect(findHeader(g).rows).toEqual([1]);
  });

  it('keeps one column per field: the better match wins', () => {
    const g = grid([['项目名称', '项目', '建设单位', '项目建设单位名称']]);
    expect(fields(g)).toEqual(['name', null, 'ownerCompany', null]);
  });

  it('finds nothing in a sheet of notes', () => {
    const h = findHeader(grid([['本表由各区县发改局填报'], ['每月5日前报送']]));
    expect(h).toEqual({ rows: [], columns: [], sheetUnit: null });
  });
});
