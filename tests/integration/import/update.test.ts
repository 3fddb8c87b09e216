/**
 * A ledger naming projects that already exist: matched by code, else by name + district, updated
 * cell by cell through the write path, never duplicated; importing it again changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/channels/import';
import type { Project } from '../../../shared/domain/project';
import { projectInput } from '../../unit/db/fixtures';
import { importWorld, put, rowAt, validRows, xlsx, type ImportWorld } from './world';

let w: ImportWorld;
let guobo: Project;
let bingxue: Project;
let steady: Project;

beforeEach(async () => {
  w = await importWorld();
  guobo = await w.call<Project>('projects.create', projectInput()); // HRB-2020-001, 巴彦县, 150000 万元
  bingxue = await w.call<Project>(
    'projects.create',
    projectInput({ code: 'HRB-2020-002', name: '松北区冰雪大世界', district: '松北区', plannedStart: '2020-04-01' }),
  );
  steady = await w.call<Project>(
    'projects.create',
    projectInput({ code: 'HRB-2020-003', name: '呼兰河口湿地公园', district: '呼兰区' }),
  );
});
afterEach(() => w.cleanup());

const build = () =>
  xlsx((wb) => {
    const ws = wb.addWorksheet('项目');
    put(ws, 1, [
      ['序号', '项目编号', '项目名称', '所属区县', '总投资（万元）', '年度计划投资（万元）', '计划开工时间'],
      // By code: only the total changes (150000 → 160000 万元); the short district name is the same district.
      [1, 'HRB-2020-001', '哈尔滨绿地国博城项目', '巴彦', 160000, 30000, '2020-04-01'],
      // No code: by name + district (松北 → 松北区); only the planned start changes.
      [2, null, '松北区冰雪大世界', '松北', 150000, 30000, '2020.5'],
      // Same as stored: nothing to write.
      [3, 'HRB-2020-003', '呼兰河口湿地公园', '呼兰区', 150000, 30000, '2020-04-01'],
      // New.
      [4, null, '阿城区金源文化旅游区', '阿城区', 42000, 8000, '2020年7月'],
    ]);
  });

const cellsLogged = (rowId: string): string[] =>
  (
    w.backend.db.prepare('SELECT col FROM change_log WHERE row_id = ? ORDER BY seq').all(rowId) as { col: string }[]
  ).map((r) => r.col);

describe('updating existing projects', () => {
  it('matches by code, then by name + district, and writes only the changed cells', async () => {
    const p = await w.preview(await build());
    const s = p.sheets[0]!;
    expect(rowAt(s, 2)).toMatchObject({
      action: 'update',
      projectId: guobo.id,
      matchedBy: 'code',
      changes: ['totalInvestment'],
    });
    expect(rowAt(s, 3)).toMatchObject({
      action: 'update',
      projectId: bingxue.id,
      matchedBy: 'name_district',
      changes: ['plannedStart'],
    });
    expect(rowAt(s, 4)).toMatchObject({ action: 'unchanged', projectId: steady.id, changes: [] });
    expect(rowAt(s, 5)).toMatchObject({ action: 'create', projectId: null });

    const logBefore = {
      guobo: cellsLogged(guobo.id),
      bingxue: cellsLogged(bingxue.id),
      steady: cellsLogged(steady.id),
    };
    const result = await w.commit(p, validRows(p));
    expect(result).toMatchObject({ created: 1, updated: 2, unchanged: 1, skipped: 0 });
    expect(w.projects()).toHaveLength(4);
    expect(cellsLogged(guobo.id)).toEqual([...logBefore.guobo, 'total_investment']);
    expect(cellsLogged(bingxue.id)).toEqual([...logBefore.bingxue, 'planned_start']);
    expect(cellsLogged(steady.id)).toEqual(logBefore.steady);
    const byId = new Map(w.projects().map((x) => [x.id, x]));
    expect(byId.get(guobo.id)).toMatchObject({ totalInvestment: 1_600_000_000, district: '巴彦县', name: guobo.name });
    expect(byId.get(bingxue.id)).toMatchObject({ plannedStart: '2020-05-01', district: '松北区' });
    // Whoever imported is the author of the change, as for any edit.
    const author = w.backend.db
      .prepare("SELECT author_name AS a FROM change_log WHERE row_id = ? AND col = 'planned_start'")
      .get(bingxue.id) as { a: string };
    expect(author.a).toBe('本机用户');

    // The same file again: every row is unchanged and nothing at all is written.
    const again = await w.preview(await build());
    expect(again.sheets[0]!.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const before = w.footprint();
    expect(await w.commit(again, validRows(again))).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(w.footprint()).toEqual(before);
  });

  it('parses again with the mapping the user corrects', async () => {
    const p = await w.preview(await build());
    const settings = w.settingsOf(p);
    // The office meant 亿元, not 万元, in the total column (E = 5): every total becomes a change.
    const total = settings.sheets[0]!.mapping.find((m) => m.column === 5)!;
    total.unit = 'yi';
    const remapped = await w.call<ImportPreview>('import.remap', settings);
    expect(rowAt(remapped.sheets[0]!, 4)).toMatchObject({ action: 'update', changes: ['totalInvestment'] });
    expect(rowAt(remapped.sheets[0]!, 4).values.totalInvestment).toBe(15_000_000_000_000);
    expect(remapped.sheets[0]!.columns.find((c) => c.column === 5)).toMatchObject({ unit: 'yi', unitSource: 'user' });

    // Unmapping the code column: row 2 is then found by name + district instead.
    settings.sheets[0]!.mapping.find((m) => m.column === 2)!.field = null;
    total.unit = 'wan';
    const noCode = await w.call<ImportPreview>('import.remap', settings);
    expect(rowAt(noCode.sheets[0]!, 2)).toMatchObject({ projectId: guobo.id, matchedBy: 'name_district' });

    // One field on two columns is refused.
    settings.sheets[0]!.mapping.find((m) => m.column === 3)!.field = 'totalInvestment';
    const err = await w.fail('import.remap', settings);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('total investment is mapped to columns C and E');
    // The commit uses the settings it is given, not what was previewed last.
    const before = w.footprint();
    expect((await w.fail('import.commit', { ...settings, accept: [{ sheet: 0, row: 5 }] })).code).toBe('invalid_input');
    expect(w.footprint()).toEqual(before);
  });
});
