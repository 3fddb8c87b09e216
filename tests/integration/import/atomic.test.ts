/**
 * All or nothing: a commit that fails half way (the database refuses one row) leaves every
 * table as it was, including the rows already written and the project already updated; and only
 * coordinators, admins and a local user may import.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/channels/import';
import type { Project } from '../../../shared/domain/project';
import { projectInput } from '../../unit/db/fixtures';
import { importWorld, put, validRows, xlsx, type ImportWorld } from './world';

let w: ImportWorld;
let existing: Project;

beforeEach(async () => {
  w = await importWorld();
  existing = await w.call<Project>(
    'projects.create',
    projectInput({ code: 'HRB-2020-010', totalInvestment: 100_000_000 }),
  );
});
afterEach(() => w.cleanup());

const build = () =>
  xlsx((wb) => {
    put(wb.addWorksheet('台账'), 1, [
      ['项目编号', '项目名称', '所属区县', '总投资（亿元）'],
      ['HRB-2020-010', existing.name, existing.district, 2],
      [null, '道里区食品产业园', '道里区', 5.2],
      [null, '松北区冰雪旅游度假区', '松北区', 18],
      [null, '香坊区冷链物流园', '香坊区', 3],
    ]);
  });

describe('a commit that fails part way', () => {
  it('leaves the database unchanged', async () => {
    const p = await w.preview(await build());
    expect(p.sheets[0]!.rows.map((r) => r.action)).toEqual(['update', 'create', 'create', 'create']);
    // The database itself refuses the third project, after an update and a creation went through.
    w.backend.db.exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON projects WHEN NEW.name = '松北区冰雪旅游度假区'
      BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: refused by the test'); END`);
    const before = w.footprint();
    const clockBefore = w.backend.db.prepare('SELECT * FROM clock').all();
    const err = await w.fail('import.commit', { ...w.settingsOf(p), accept: validRows(p) });
    expect(err.message).toContain('refused by the test');
    expect(w.footprint()).toEqual(before);
    expect(w.backend.db.prepare('SELECT * FROM clock').all()).toEqual(clockBefore);
    expect(w.projects().map((x) => [x.code, x.totalInvestment])).toEqual([['HRB-2020-010', 100_000_000]]);
    expect(w.count("SELECT count(*) AS n FROM projects WHERE name = '道里区食品产业园'")).toBe(0);

    // With the obstacle gone the same import goes through whole.
    w.backend.db.exec('DROP TRIGGER refuse_one');
    expect(await w.commit(p, validRows(p))).toMatchObject({ created: 3, updated: 1 });
    expect(w.projects()).toHaveLength(4);
  });
});

describe('who may import', () => {
  it('coordinators, admins and a local user; not inspectors or group leaders', async () => {
    const bytes = await build();
    const p = await w.preview(bytes); // a local user who never signed in
    for (const role of ['inspector', 'group_leader']) {
      w.backend.db.prepare('UPDATE local_user SET role = ?').run(role);
      expect((await w.fail('import.preview', { name: 'a.xlsx', bytes })).code).toBe('forbidden');
      expect((await w.fail('import.remap', w.settingsOf(p))).code).toBe('forbidden');
      expect((await w.fail('import.commit', { ...w.settingsOf(p), accept: validRows(p) })).code).toBe('forbidden');
    }
    w.backend.db.prepare("UPDATE local_user SET role = 'coordinator'").run();
    expect((await w.call<ImportPreview>('import.remap', w.settingsOf(p))).totals.create).toBe(3);
    w.backend.db.prepare("UPDATE local_user SET role = 'admin'").run();
    expect((await w.commit(p, validRows(p))).created).toBe(3);
  });

  it('forgets a discarded import', async () => {
    const p = await w.preview(await build());
    expect(await w.call('import.discard', { importId: p.importId })).toEqual({ discarded: true });
    expect((await w.fail('import.remap', w.settingsOf(p))).code).toBe('not_found');
  });
});
