import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { createProblem } from '../../../electron/backend/db/problems';
import { transitionProblem } from '../../../electron/backend/db/problems-flow';
import { listProblems, problemFacets, problemListSql } from '../../../electron/backend/db/problems-list';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { ProblemListQuery, ProblemSortField, type ProblemCreateInput } from '../../../shared/channels/problems';
import type { Problem } from '../../../shared/domain/problem';
import { actor, group, problem, project } from './fixtures';
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

type ParsedQuery = ReturnType<typeof ProblemListQuery.parse>;

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

/*
 * Every sort × order × plan against a reference written independently in TypeScript: all live
 * rows read plainly, filtered and sorted here. Ties (same dates, same units) are frequent on
 * purpose, so the id tie-break and the "no deadline / no lead unit last" rule are exercised.
 * Free text is a plain substring test of the problem's and its project's fields here.
 */
describe('problem list order matches the reference, whatever the plan', () => {
  let ref: Database;
  const TODAY = '2020-05-10';
  const STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
  const CATEGORIES = ['land', 'approval', 'funding', 'utilities', 'infrastructure', 'expropriation', 'policy', 'other'];
  const LEVELS = ['onsite', 'district', 'city_department', 'city_joint_meeting', 'province'];

  interface RefRow {
    id: string;
    status: string;
    category: string;
    handling_level: string;
    lead_unit: string | null;
    deadline: string | null;
    raised_on: string;
    project_id: string;
    code: string;
    district: string;
    group_id: string | null;
    description: string;
    name: string;
    location: string | null;
  }

  beforeAll(() => {
    ref = openDatabase(':memory:');
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    // 道里 names the 道里区 projects and the problems that mention it: both ways, overlapping.
    // 兴隆 names most projects (their location), 用地 only problems.
    const projects = Array.from({ length: 12 }, (_, i) =>
      project(`p${i}`, {
        code: `C${i % 5}`,
        district: i % 3 ? '巴彦县' : '道里区',
        groupId: `g${i % 2}`,
        location: i % 4 ? '巴彦县兴隆镇' : '松北区智谷二街',
      }),
    );
    const DESCRIPTIONS = ['项目用地指标尚未落实', '施工用电容量不足', '道里段施工用电容量不足'];
    const problems = Array.from({ length: 400 }, (_, i) =>
      problem(`q${String(i).padStart(3, '0')}`, `p${next(12)}`, {
        status: STATUSES[next(4)]!,
        category: CATEGORIES[next(8)] as Problem['category'],
        handlingLevel: LEVELS[next(5)] as Problem['handlingLevel'],
        leadUnit: next(6) === 0 ? null : `单位${next(4)}`,
        deadline: next(5) === 0 ? null : `2020-0${4 + next(3)}-1${next(3)}`,
        raisedOn: `2020-0${3 + next(2)}-1${next(3)}`,
        description: DESCRIPTIONS[next(3)]!,
      }),
    );
    importSnapshot(
      ref,
      [
        { table: 'service_groups', records: [group('g0', '一组'), group('g1', '二组')] },
        { table: 'projects', records: projects },
        { table: 'problems', records: problems },
      ],
      '2020-01-01T00:00:00.000Z-0000-server',
    );
    // A deleted project, a deleted problem and moved statuses: the counts' triggers follow.
    ref.prepare('UPDATE projects SET deleted = 1 WHERE id = ?').run('p11');
    ref.prepare('UPDATE problems SET deleted = 1 WHERE id = ?').run('q005');
    ref.prepare(`UPDATE problems SET status = 'closed' WHERE id IN ('q010', 'q011', 'q012')`).run();
    ref.prepare(`UPDATE problems SET category = 'policy', handling_level = 'province' WHERE id = 'q020'`).run();
    ref.prepare('DELETE FROM problems WHERE id = ?').run('q030');
  });
  afterAll(() => ref.close());

  const rank = (values: readonly string[], v: string) => (values.includes(v) ? values.indexOf(v) : values.length);
  const urgency = (s: string) => (s === 'open' || s === 'in_progress' ? 0 : s === 'resolved' ? 1 : 2);
  type Key = (string | number | null)[];
  /** Sort keys; the first element of a pair marks "missing", which never flips. */
  const keys: Record<ProblemSortField, (r: RefRow) => { fixed: Key; flip: Key }[]> = {
    urgency: (r) => [
      { fixed: [], flip: [urgency(r.status)] },
      { fixed: [r.deadline === null ? 1 : 0], flip: [r.deadline, r.raised_on] },
    ],
    deadline: (r) => [{ fixed: [r.deadline === null ? 1 : 0], flip: [r.deadline] }],
    raisedOn: (r) => [{ fixed: [], flip: [r.raised_on] }],
    status: (r) => [{ fixed: [], flip: [rank(STATUSES, r.status)] }],
    category: (r) => [{ fixed: [], flip: [rank(CATEGORIES, r.category)] }],
    leadUnit: (r) => [{ fixed: [r.lead_unit === null ? 1 : 0], flip: [r.lead_unit] }],
    handlingLevel: (r) => [{ fixed: [], flip: [rank(LEVELS.slice(0, 4), r.handling_level)] }],
    project: (r) => [{ fixed: [], flip: [r.code, r.raised_on] }],
  };
  const cmp = (a: string | number | null, b: string | number | null): number =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

  function reference(q: ParsedQuery): { ids: string[]; total: number } {
    const rows = ref
      .prepare(
        `SELECT pr.id, pr.status, pr.category, pr.handling_level, pr.lead_unit, pr.deadline, pr.raised_on,
           pr.project_id, p.code, p.district, p.group_id, pr.description, p.name, p.location
         FROM problems pr JOIN projects p ON p.id = pr.project_id WHERE pr.deleted = 0 AND p.deleted = 0`,
      )
      .all() as RefRow[];
    const has = (list: readonly string[], v: string | null) => list.length === 0 || (v !== null && list.includes(v));
    const fields = (r: RefRow) => [r.description, r.lead_unit, r.code, r.name, r.district, r.location];
    const kept = rows.filter(
      (r) =>
        (q.query === '' || fields(r).some((f) => f !== null && f.includes(q.query))) &&
        has(q.statuses, r.status) &&
        has(q.categories, r.category) &&
        has(q.handlingLevels, r.handling_level) &&
        has(q.leadUnits, r.lead_unit) &&
        has(q.districts, r.district) &&
        has(q.groupIds, r.group_id) &&
        (!q.overdueOnly || (urgency(r.status) === 0 && r.deadline !== null && r.deadline < TODAY)),
    );
    const dir = q.sort.order === 'desc' ? -1 : 1;
    kept.sort((a, b) => {
      const ka = keys[q.sort.field](a);
      const kb = keys[q.sort.field](b);
      for (let i = 0; i < ka.length; i++) {
        for (let j = 0; j < ka[i]!.fixed.length; j++) {
          const c = cmp(ka[i]!.fixed[j]!, kb[i]!.fixed[j]!);
          if (c) return c;
        }
        for (let j = 0; j < ka[i]!.flip.length; j++) {
          const c = cmp(ka[i]!.flip[j]!, kb[i]!.flip[j]!);
          if (c) return c * dir;
        }
      }
      return cmp(a.id, b.id) * dir;
    });
    return { ids: kept.slice(q.offset, q.offset + q.limit).map((r) => r.id), total: kept.length };
  }

  const filters: [string, ProblemListQuery][] = [
    ['no filter', {}],
    ['statuses', { statuses: ['closed', 'resolved'] }],
    ['category and level', { categories: ['land', 'policy'], handlingLevels: ['province', 'onsite'] }],
    ['lead unit', { leadUnits: ['单位1'] }],
    ['overdue', { overdueOnly: true }],
    ['district', { districts: ['巴彦县'] }],
    ['own text', { query: '用地' }],
    ['text, both ways', { query: '道里' }],
    ['text of most projects', { query: '兴隆' }],
    ['text and filters', { query: '道里', statuses: ['open', 'closed'], categories: ['land', 'funding', 'policy'] }],
    ['text and overdue', { query: '用电', overdueOnly: true }],
    ['text and group', { query: '兴隆', groupIds: ['g1'] }],
  ];
  const sorts = ProblemSortField.options.flatMap((field) =>
    (['asc', 'desc'] as const).map((order) => ({ field, order })),
  );

  it.each(sorts)('$field $order: listProblems, and each plan, give the reference page and total', (sort) => {
    for (const [, filter] of filters) {
      for (const [offset, limit] of [
        [0, 1000],
        [0, 7],
        [35, 20],
      ] as const) {
        const q = ProblemListQuery.parse({ ...filter, sort, offset, limit });
        const want = reference(q);
        const page = listProblems(ref, q, shanghaiMorning(TODAY));
        expect(page.rows.map((r) => r.id)).toEqual(want.ids);
        expect(page.total).toBe(want.total);
        for (const plan of ['walk', 'sorted', 'keyed'] as const) {
          const sql = problemListSql(q, TODAY, { plan, deletedProjects: true });
          const rows = ref.prepare(sql.pageSql).all(...sql.pageParams) as { id: string | null; total?: number }[];
          // A text page past the end is one row with a null id, carrying the total.
          const ids = rows.flatMap((r) => (r.id === null ? [] : [r.id]));
          expect(ids, `${plan} ${JSON.stringify(filter)}`).toEqual(want.ids);
          if (rows[0]?.total !== undefined) expect(rows[0].total).toBe(want.total);
          expect((ref.prepare(sql.countSql).get(...sql.countParams) as { n: number }).n).toBe(want.total);
        }
      }
    }
  });

  it('the counts kept by triggers equal a plain count after inserts, updates and deletes', () => {
    const kept = ref
      .prepare('SELECT status, category, handling_level, n FROM problem_counts WHERE n > 0 ORDER BY 1, 2, 3')
      .all();
    const counted = ref
      .prepare(
        `SELECT status, category, handling_level, count(*) AS n FROM problems WHERE deleted = 0
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all();
    expect(kept).toEqual(counted);
    expect(kept.length).toBeGreaterThan(20);
  });

  it('free text finds the same rows under every plan', () => {
    const q = ProblemListQuery.parse({ query: '用地', sort: { field: 'deadline', order: 'desc' } });
    const page = listProblems(ref, q, shanghaiMorning(TODAY));
    const matching = (
      ref
        .prepare(
          `SELECT count(*) AS n FROM problems pr JOIN projects p ON p.id = pr.project_id
      WHERE pr.deleted = 0 AND p.deleted = 0 AND pr.description LIKE '%用地%'`,
        )
        .get() as { n: number }
    ).n;
    expect(page.total).toBe(matching);
    expect(page.rows.every((r) => r.description.includes('用地'))).toBe(true);
  });
});
