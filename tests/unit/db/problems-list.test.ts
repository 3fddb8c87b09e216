import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { createProblem } from '../../../electron/backend/db/problems';
import { transitionProblem } from '../../../electron/backend/db/problems-flow';
import { listProblems, problemFacets, problemListSql } from '../../../electron/backend/db/problems-list';
import type { ProblemCreateInput, ProblemListQuery } from '../../../shared/channels/problems';
import { actor } from './fixtures';
import { addGroup, addProject, addVisit, shanghaiMorning } from './problems-setup';

let db: Database;
const NOW = shanghaiMorning('2020-05-10');
const ids: Record<string, string> = {};

beforeAll(() => {
  db = openDatabase(':memory:');
  addGroup(db, 'g1', '第一服务组');
  addGroup(db, 'g2', '第二服务组');
  addProject(db, 'pa', { code: 'A-01', name: '巴彦县玉米深加工项目', district: '巴彦县', groupId: 'g1' });
  addProject(db, 'pb', {
    code: 'B-01',
    name: '松北区数据中心项目',
    district: '松北区',
    location: '松北区智谷二街',
    groupId: 'g2',
  });
  const raise = (key: string, over: Partial<ProblemCreateInput> & { projectId: string }) => {
    ids[key] = createProblem(db, actor, shanghaiMorning(over.raisedOn ?? '2020-04-01'), {
      category: 'land',
      description: '项目用地指标尚未落实',
      leadUnit: '市自然资源局',
      handlingLevel: 'city_department',
      ...over,
    }).id;
  };
  raise('landA', { projectId: 'pa', deadline: '2020-04-30', raisedOn: '2020-04-01' }); // 10 days overdue
  raise('powerA', {
    projectId: 'pa',
    category: 'utilities',
    description: '施工用电容量不足，需增容',
    leadUnit: '国网哈尔滨供电公司',
    deadline: '2020-05-09', // 1 day overdue
    raisedOn: '2020-04-15',
  });
  raise('fundB', {
    projectId: 'pb',
    category: 'funding',
    description: '专项债资金未拨付',
    leadUnit: '市财政局',
    deadline: '2020-06-30',
    raisedOn: '2020-05-02',
  });
  raise('doneB', {
    projectId: 'pb',
    category: 'approval',
    description: '施工许可办理缓慢',
    leadUnit: '市住建局',
    deadline: '2020-04-20',
    raisedOn: '2020-03-20',
  });
  raise('noDeadline', { projectId: 'pb', category: 'other', leadUnit: null, deadline: null, raisedOn: '2020-05-05' });
  transitionProblem(db, actor, shanghaiMorning('2020-04-18'), { id: ids['doneB']!, to: 'resolved' });
  addVisit(db, 'vb', 'pb', '2020-05-01');
  transitionProblem(db, actor, shanghaiMorning('2020-05-02'), { id: ids['doneB']!, to: 'closed', visitId: 'vb' });
  transitionProblem(db, actor, shanghaiMorning('2020-04-20'), { id: ids['powerA']!, to: 'in_progress' });
});
afterAll(() => db.close());

const list = (q: ProblemListQuery = {}) => listProblems(db, q, NOW);
const keysOf = (q: ProblemListQuery = {}) => {
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return list(q).rows.map((r) => byId[r.id]);
};

describe('problem list', () => {
  it('leads with overdue work, most overdue first; rows carry project, group and days overdue', () => {
    const page = list();
    expect(page.total).toBe(5);
    expect(page.today).toBe('2020-05-10');
    expect(keysOf()).toEqual(['landA', 'powerA', 'fundB', 'noDeadline', 'doneB']);
    expect(page.rows[0]).toMatchObject({
      projectName: '巴彦县玉米深加工项目',
      projectCode: 'A-01',
      district: '巴彦县',
      groupId: 'g1',
      groupName: '第一服务组',
      daysOverdue: 10,
    });
    expect(page.rows.map((r) => r.daysOverdue)).toEqual([10, 1, 0, 0, 0]);
  });

  it('filters by status, category, lead unit, district, group, project', () => {
    expect(keysOf({ statuses: ['closed'] })).toEqual(['doneB']);
    expect(keysOf({ statuses: ['open', 'in_progress'], categories: ['utilities'] })).toEqual(['powerA']);
    expect(keysOf({ leadUnits: ['市自然资源局', '市住建局'] })).toEqual(['landA', 'doneB']);
    expect(keysOf({ districts: ['巴彦县'] })).toEqual(['landA', 'powerA']);
    expect(keysOf({ groupIds: ['g2'] })).toEqual(['fundB', 'noDeadline', 'doneB']);
    expect(keysOf({ projectId: 'pa', handlingLevels: ['city_department'] })).toEqual(['landA', 'powerA']);
  });

  it('overdue only: deadline before today and still open or in progress', () => {
    expect(keysOf({ overdueOnly: true })).toEqual(['landA', 'powerA']);
    // The same list a day earlier: the power problem was due that day, not yet overdue.
    expect(listProblems(db, { overdueOnly: true }, shanghaiMorning('2020-05-09')).rows).toHaveLength(1);
  });

  it('raised in a period, both ends included', () => {
    expect(keysOf({ raisedFrom: '2020-04-01', raisedTo: '2020-04-15' })).toEqual(['landA', 'powerA']);
    expect(keysOf({ raisedFrom: '2020-05-01' })).toEqual(['fundB', 'noDeadline']);
  });

  it('free text through the search index: the problem text or its project, Chinese of any length', () => {
    expect(keysOf({ query: '用电' })).toEqual(['powerA']);
    expect(keysOf({ query: '电' })).toEqual(['powerA']);
    expect(keysOf({ query: '财政局' })).toEqual(['fundB']);
    expect(keysOf({ query: '巴彦' })).toEqual(['landA', 'powerA']);
    expect(keysOf({ query: '"*' })).toHaveLength(5);
  });

  it('sorts and pages, with the total of the whole filter', () => {
    expect(keysOf({ sort: { field: 'raisedOn', order: 'desc' } })).toEqual([
      'noDeadline',
      'fundB',
      'powerA',
      'landA',
      'doneB',
    ]);
    expect(keysOf({ sort: { field: 'deadline', order: 'desc' } }).at(-1)).toBe('noDeadline');
    expect(
      keysOf({ sort: { field: 'project', order: 'asc' } })
        .slice(0, 2)
        .sort(),
    ).toEqual(['landA', 'powerA']);
    const page = list({ sort: { field: 'raisedOn', order: 'asc' }, limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.rows).toHaveLength(2);
  });

  it('facets: the lead units in use', () => {
    expect(problemFacets(db).leadUnits).toEqual(['国网哈尔滨供电公司', '市住建局', '市自然资源局', '市财政局'].sort());
  });
});

describe('problem list query plans', () => {
  let big: Database;
  beforeAll(() => {
    big = openDatabase(':memory:');
    const insert = big.prepare(
      `INSERT INTO problems (id, project_id, category, description, lead_unit, handling_level, status, raised_on, deadline)
       VALUES (?, ?, 'land', 'x', ?, 'district', ?, '2020-04-01', '2020-05-01')`,
    );
    big.transaction(() => {
      for (let i = 0; i < 200; i++) addProject(big, `p${i}`, { code: `C${i}`, district: i % 2 ? '巴彦县' : '道里区' });
      for (let i = 0; i < 2000; i++) {
        insert.run(`q${i}`, `p${i % 200}`, `单位${i % 40}`, ['open', 'in_progress', 'resolved', 'closed'][i % 4]);
      }
    })();
  });
  afterAll(() => big.close());

  const plan = (q: ProblemListQuery) => {
    const { sql, countSql, params, countParams } = problemListSql(q, '2020-05-10');
    const detail = (s: string, p: unknown[]) =>
      (big.prepare(`EXPLAIN QUERY PLAN ${s}`).all(...p) as { detail: string }[]).map((r) => r.detail);
    return { list: detail(sql, params), count: detail(countSql, countParams) };
  };

  const uses = (lines: string[], index: string) => {
    expect(
      lines.some((l) => /^SEARCH pr USING (COVERING )?INDEX/.test(l) && l.includes(index)),
      lines.join('\n'),
    ).toBe(true);
    expect(
      lines.some((l) => /^SCAN pr\b/.test(l)),
      lines.join('\n'),
    ).toBe(false);
  };

  it('filtered by status picks its page and counts from the covering idx_problems_live', () => {
    const { list: l, count } = plan({ statuses: ['open', 'in_progress'] });
    uses(l, 'COVERING INDEX idx_problems_live');
    uses(count, 'COVERING INDEX idx_problems_live');
  });

  it('the default urgency order walks idx_problems_urgency and needs no sort', () => {
    const { list: l } = plan({});
    // An ordered walk of the index, stopped after one page: a SCAN, but never of the table;
    // the one sort left orders the page's own rows.
    expect(l).toContain('SCAN pr USING INDEX idx_problems_urgency');
    expect(l.filter((x) => x.includes('TEMP B-TREE'))).toHaveLength(1);
  });

  it('filtered by lead unit uses idx_problems_lead_unit', () => {
    const { list: l, count } = plan({ leadUnits: ['单位3'] });
    uses(l, 'idx_problems_lead_unit');
    uses(count, 'idx_problems_lead_unit');
  });

  it('overdue only goes through the status index', () => {
    uses(plan({ overdueOnly: true }).list, 'idx_problems_status');
  });

  it('projects are looked up by primary key, never scanned', () => {
    const { list: l } = plan({ statuses: ['open'] });
    expect(
      l.some((x) => /^SEARCH p USING INTEGER PRIMARY KEY|^SEARCH p USING INDEX sqlite_autoindex_projects/.test(x)),
    ).toBe(true);
  });
});
