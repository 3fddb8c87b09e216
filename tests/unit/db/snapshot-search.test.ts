import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readClock } from '../../../electron/backend/db/clock';
import { openDatabase } from '../../../electron/backend/db/open';
import { getProject, listProjects, updateProject } from '../../../electron/backend/db/projects';
import { buildMatch, indexText, searchRecords } from '../../../electron/backend/db/search';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { writeRecord } from '../../../electron/backend/db/writer';
import { actor, group, problem, project, visit } from './fixtures';

const SNAP_HLC = '2020-03-01T00:00:00.000Z-0000-server';
let db: Database;

function seed(): void {
  importSnapshot(
    db,
    [
      { table: 'service_groups', records: [group('g1', '第一服务组')] },
      {
        table: 'projects',
        records: [
          project('p1'),
          project('p2', {
            code: 'HRB-2020-002',
            name: '哈尔滨新区数字经济产业园',
            district: '松北区',
            ownerCompany: '哈尔滨新区投资公司',
            location: '松北区创新路',
            groupId: 'g1',
          }),
        ],
      },
      { table: 'visits', records: [visit('v1', 'p1', '2020-04-02')] },
      {
        table: 'problems',
        records: [
          problem('q1', 'p1'),
          problem('q2', 'p2', {
            description: '供电线路迁改进度慢',
            leadUnit: '国网哈尔滨供电公司',
            category: 'utilities',
          }),
        ],
      },
    ],
    SNAP_HLC,
  );
}

beforeEach(() => {
  db = openDatabase(':memory:');
  seed();
});
afterEach(() => db.close());

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('importSnapshot', () => {
  it('imports rows with row_hlc and no log, outbox or per-cell versions', () => {
    expect(count('projects')).toBe(2);
    expect(count('visits')).toBe(1);
    expect(count('change_log')).toBe(0);
    expect(count('outbox')).toBe(0);
    expect(count('cell_versions')).toBe(0);
    expect(db.prepare('SELECT DISTINCT row_hlc FROM problems').all()).toEqual([{ row_hlc: SNAP_HLC }]);
    expect(getProject(db, 'p2')).toEqual(
      project('p2', {
        code: 'HRB-2020-002',
        name: '哈尔滨新区数字经济产业园',
        district: '松北区',
        ownerCompany: '哈尔滨新区投资公司',
        location: '松北区创新路',
        groupId: 'g1',
      }),
    );
  });

  it('a local write on top uses the row_hlc as base and sorts after the snapshot', () => {
    // The wall clock is before the snapshot: the write must still sort after it.
    updateProject(db, actor, Date.UTC(2019, 0, 1), 'p1', { name: '改名项目' });
    const box = db.prepare('SELECT * FROM outbox').all() as { col: string; base_hlc: string; hlc: string }[];
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({ col: 'name', base_hlc: SNAP_HLC });
    expect(box[0]!.hlc > SNAP_HLC).toBe(true);
    expect(readClock(db)).toBe(box[0]!.hlc);
    expect(count('change_log')).toBe(1);
    expect(searchRecords(db, '改名', 10).map((h) => h.id)).toEqual(['p1']);
  });

  it('re-importing replaces rows and drops the per-cell versions they supersede', () => {
    updateProject(db, actor, Date.UTC(2020, 3, 1), 'p1', { name: '本地改名' });
    importSnapshot(
      db,
      [{ table: 'projects', records: [project('p1', { name: '服务器名' })] }],
      '2020-05-01T00:00:00.000Z-0000-server',
    );
    expect(getProject(db, 'p1')!.name).toBe('服务器名');
    expect(count('cell_versions')).toBe(0);
    expect(searchRecords(db, '本地', 10)).toEqual([]);
    expect(searchRecords(db, '服务器', 10).map((h) => h.id)).toEqual(['p1']);
  });

  it('refuses a batch whose rows point at missing parents, and keeps foreign keys on', () => {
    expect(() =>
      importSnapshot(db, [{ table: 'visits', records: [visit('v9', 'no-such-project', '2020-04-02')] }], SNAP_HLC),
    ).toThrow(/missing projects/);
    expect(db.prepare("SELECT count(*) AS n FROM visits WHERE id = 'v9'").get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a malformed HLC', () => {
    expect(() => importSnapshot(db, [], 'yesterday')).toThrow(/not an HLC/);
  });
});

describe('search', () => {
  const ids = (q: string) => searchRecords(db, q, 20).map((h) => `${h.kind}:${h.id}`);

  it('finds 1-, 2- and 4-character Chinese queries', () => {
    expect(ids('巴')).toEqual(['project:p1']);
    expect(ids('巴彦')).toEqual(['project:p1']);
    expect(ids('绿地国博')).toEqual(['project:p1']);
    expect(ids('用地')).toEqual(['problem:q1']);
    expect(ids('供电')).toEqual(['problem:q2']);
    expect(ids('园')).toEqual(['project:p2']);
    expect(ids('国博绿地')).toEqual([]);
  });

  it('finds a project code, case- and width-insensitively', () => {
    expect(ids('HRB-2020-002')).toEqual(['project:p2']);
    expect(ids('ｈｒｂ-2020-002')).toEqual(['project:p2']);
    expect(ids('2020')).toEqual(['project:p1', 'project:p2']);
  });

  it('gives a title and a snippet around the match', () => {
    const [hit] = searchRecords(db, '国博', 5);
    expect(hit).toMatchObject({
      kind: 'project',
      id: 'p1',
      projectId: 'p1',
      title: 'HRB-2020-001 哈尔滨绿地国博城项目',
    });
    expect(hit!.snippet).toContain('国博');
    const [q] = searchRecords(db, '国网', 5);
    expect(q).toMatchObject({ kind: 'problem', id: 'q2', projectId: 'p2' });
    expect(q!.snippet).toContain('国网');
  });

  it('FTS syntax in the query never throws', () => {
    for (const q of [
      '"',
      '巴"彦',
      'NEAR(巴 彦)',
      'bi:巴',
      '*',
      '巴*',
      '(',
      'AND',
      '-',
      '^巴',
      "'; DROP TABLE projects; --",
      '{k}:x',
    ]) {
      expect(() => searchRecords(db, q, 10), q).not.toThrow();
    }
    expect(ids('"巴彦"')).toEqual(['project:p1']);
    expect(buildMatch('!!!')).toBeNull();
  });

  it('indexes bigrams plus each segment’s last character', () => {
    expect(indexText(['巴彦县', 'A-1'])).toBe('巴彦 彦县 县 a 1');
  });

  it('a 1-character query finds a character at the end of a field, not across segments', () => {
    expect(ids('县')).toEqual(['project:p1']);
    expect(ids('县兴隆')).toEqual(['project:p1']);
    // District 巴彦县 and industry 现代服务业 are neighbours in the index but not one string.
    expect(ids('县现')).toEqual([]);
    expect(ids('业哈')).toEqual([]);
  });

  it('follows local writes and deletions', () => {
    writeRecord(db, actor, Date.UTC(2020, 3, 3), { table: 'problems', rowId: 'q1', cells: { deleted: true } });
    expect(ids('用地')).toEqual([]);
  });

  it('filters the project list by query', () => {
    expect(listProjects(db, { query: '松北' }).rows.map((r) => r.id)).toEqual(['p2']);
    expect(listProjects(db, { query: '项' }).rows.map((r) => r.id)).toEqual(['p1']);
    // A problem's text does not make its project match the project list.
    expect(listProjects(db, { query: '供电' }).total).toBe(0);
    expect(listProjects(db, { query: '"*' }).total).toBe(2);
  });
});
