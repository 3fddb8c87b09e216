import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readClock } from '../../../electron/backend/db/clock';
import { openDatabase } from '../../../electron/backend/db/open';
import { createProject, updateProject } from '../../../electron/backend/db/projects';
import { writeRecord, writeRecords } from '../../../electron/backend/db/writer';
import { saveVisit } from '../../../electron/backend/db/visits';
import { actor, fakeClock, projectInput, visit } from './fixtures';

let db: Database;
beforeEach(() => (db = openDatabase(':memory:')));
afterEach(() => db.close());

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const outbox = () =>
  db.prepare('SELECT * FROM outbox ORDER BY tbl, row_id, col').all() as {
    tbl: string;
    row_id: string;
    col: string;
    scope: string;
    value: string;
    hlc: string;
    base_hlc: string | null;
    op_id: string;
  }[];

describe('writeRecord', () => {
  it('one create writes row, versions, change log and outbox together', () => {
    const clock = fakeClock();
    const p = createProject(db, actor, clock.now(), projectInput());
    const cellCount = 23;
    expect(count('projects')).toBe(1);
    expect(count('cell_versions')).toBe(cellCount);
    expect(count('change_log')).toBe(cellCount);
    expect(count('outbox')).toBe(cellCount);
    const log = db.prepare("SELECT * FROM change_log WHERE col = 'name'").get() as Record<string, unknown>;
    expect(log).toMatchObject({
      tbl: 'projects',
      row_id: p.id,
      old_value: 'null',
      new_value: JSON.stringify('哈尔滨绿地国博城项目'),
      author_id: 'user-1',
      author_name: '张三',
      device_id: 'dev1',
      at: clock.now(),
    });
    const box = outbox();
    expect(new Set(box.map((o) => o.scope))).toEqual(new Set([p.id]));
    expect(box.every((o) => o.base_hlc === null)).toBe(true);
    expect(new Set(box.map((o) => o.op_id)).size).toBe(cellCount);
    expect(readClock(db)).toBe(box[0]!.hlc);
  });

  it('an update logs only the cells that changed', () => {
    const clock = fakeClock();
    const p = createProject(db, actor, clock.now(), projectInput());
    clock.set(clock.now() + 1000);
    updateProject(db, actor, clock.now(), p.id, { name: '新名称', district: '巴彦县', isNew: false });
    const logs = db.prepare('SELECT col, old_value, new_value FROM change_log WHERE seq > 23').all();
    expect(logs).toEqual([{ col: 'name', old_value: JSON.stringify('哈尔滨绿地国博城项目'), new_value: '"新名称"' }]);
    // Writing the same values again changes nothing at all.
    const clockBefore = readClock(db);
    updateProject(db, actor, clock.now() + 5, p.id, { name: '新名称' });
    expect(count('change_log')).toBe(24);
    expect(readClock(db)).toBe(clockBefore);
  });

  it('booleans are stored as 0/1 and logged as JSON booleans', () => {
    const p = createProject(db, actor, 1000, projectInput({ isNew: false }));
    updateProject(db, actor, 2000, p.id, { isNew: true });
    expect(db.prepare('SELECT is_new FROM projects').get()).toEqual({ is_new: 1 });
    expect(
      db.prepare("SELECT old_value, new_value FROM change_log WHERE col = 'is_new' ORDER BY seq DESC").get(),
    ).toEqual({ old_value: 'false', new_value: 'true' });
  });

  it('the outbox keeps the latest value per cell and the first base_hlc', () => {
    const clock = fakeClock();
    const p = createProject(db, actor, clock.now(), projectInput());
    db.prepare('DELETE FROM outbox').run(); // as if the create had been pushed
    const created = db.prepare("SELECT hlc FROM cell_versions WHERE col = 'name'").get() as { hlc: string };
    updateProject(db, actor, clock.now() + 10, p.id, { name: '一' });
    const first = outbox()[0]!;
    updateProject(db, actor, clock.now() + 20, p.id, { name: '二' });
    updateProject(db, actor, clock.now() + 30, p.id, { name: '三' });
    const box = outbox();
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({ col: 'name', value: '"三"', base_hlc: created.hlc });
    expect(box[0]!.hlc > first.hlc).toBe(true);
    expect(box[0]!.op_id).not.toBe(first.op_id);
    expect(count('change_log')).toBe(23 + 3);
  });

  it('the HLC still increases when the wall clock goes backwards', () => {
    const clock = fakeClock(Date.UTC(2020, 5, 1));
    const p = createProject(db, actor, clock.now(), projectInput());
    const hlcs: string[] = [readClock(db)!];
    for (const [i, t] of [Date.UTC(2020, 0, 1), Date.UTC(2019, 0, 1), Date.UTC(2020, 5, 1)].entries()) {
      updateProject(db, actor, t, p.id, { name: `名${i}` });
      hlcs.push(readClock(db)!);
    }
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect(hlcs.every((h) => h.endsWith('-dev1'))).toBe(true);
  });

  it('a failing write leaves nothing behind: row, versions, log, outbox, clock', () => {
    const p = createProject(db, actor, 1000, projectInput());
    const snapshot = () => ({
      rows: db.prepare('SELECT * FROM projects').all(),
      versions: count('cell_versions'),
      log: count('change_log'),
      outbox: outbox(),
      clock: readClock(db),
      visits: count('visits'),
    });
    const before = snapshot();
    // The visit passes the writer's checks but violates the foreign key to projects.
    expect(() =>
      writeRecords(db, actor, 5000, [
        { table: 'projects', rowId: p.id, cells: { name: '改了' } },
        {
          table: 'visits',
          rowId: 'v-bad',
          cells: { project_id: 'no-such-project', date: '2020-04-01', kind: 'monthly', status: 'draft' },
        },
      ]),
    ).toThrow(/FOREIGN KEY/);
    expect(snapshot()).toEqual(before);
  });

  it('a trigger failure in the middle of a write rolls back the whole write', () => {
    const p = createProject(db, actor, 1000, projectInput());
    const before = { log: count('change_log'), clock: readClock(db), ob: outbox() };
    db.exec(`CREATE TEMP TRIGGER fail_log BEFORE INSERT ON change_log WHEN NEW.col = 'stage'
             BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    expect(() => updateProject(db, actor, 2000, p.id, { name: '甲', stage: 'completed' })).toThrow(/injected/);
    expect(db.prepare('SELECT name, stage FROM projects').get()).toEqual({ name: p.name, stage: p.stage });
    expect({ log: count('change_log'), clock: readClock(db), ob: outbox() }).toEqual(before);
  });

  it('refuses unknown tables, unknown columns and values of the wrong kind', () => {
    const base = { rowId: 'x1', cells: {} };
    expect(() => writeRecord(db, actor, 1, { ...base, table: 'sqlite_master' as 'units' })).toThrow(/unknown table/);
    expect(() =>
      writeRecord(db, actor, 1, { table: 'units', rowId: 'u1', cells: { 'name; DROP TABLE units': 'x' } }),
    ).toThrow(/unknown column/);
    expect(() => writeRecord(db, actor, 1, { table: 'units', rowId: 'u1', cells: { row_hlc: 'x' } })).toThrow(
      /unknown column/,
    );
    expect(() => writeRecord(db, actor, 1, { table: 'units', rowId: 'u1', cells: { name: 3 } })).toThrow(
      /not a valid text/,
    );
    expect(count('units')).toBe(0);
  });

  it('scopes project children by project_id and directories by org', () => {
    const p = createProject(db, actor, 1000, projectInput());
    saveVisit(db, actor, 2000, visit('v1', p.id, '2020-04-02'));
    writeRecord(db, actor, 3000, { table: 'units', rowId: 'u1', cells: { name: '市发改委', district: null } });
    expect(db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl = 'visits'").all()).toEqual([{ scope: p.id }]);
    expect(db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl = 'units'").all()).toEqual([{ scope: 'org' }]);
  });
});
