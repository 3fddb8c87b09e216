import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUE_SQL } from '../../../electron/backend/db/deadlines';
import { addGroup, addProblem, addProject, addVisit, at, openWorld, type World } from './setup';

/*
 * Today is 10 March 2026 in Harbin — while it is still 9 March in UTC (16:30Z).
 * Deadlines: 1 Mar (9 days over), 9 Mar (1 day over), 10 Mar (due today), 17 Mar (7 days),
 * 18 Mar (8 days: not yet), and problems that do not count (resolved, no deadline).
 */
let w: World;
beforeEach(() => {
  w = openWorld(at('2026-02-01 09:00'));
  addGroup(w.db, 'g1', '第一服务组', at('2026-02-01 09:00'));
  addGroup(w.db, 'g2', '第二服务组', at('2026-02-01 09:00'));
  w.db.prepare("UPDATE service_groups SET leader = '周组长', members = '[]' WHERE id = 'g2'").run();
  addProject(w.db, 'p1', at('2026-02-01 09:00'), { groupId: 'g1', district: '巴彦县' });
  addProject(w.db, 'p2', at('2026-02-01 09:00'), { groupId: 'g2', district: '阿城区' });
  addProject(w.db, 'p3', at('2026-02-01 09:00'), { groupId: null, district: '阿城区' });
  addVisit(w.db, 'v1', 'p1', '2026-02-10');
  addVisit(w.db, 'v2', 'p2', '2026-02-10');
  addVisit(w.db, 'v1-mar', 'p1', '2026-03-05');
  addProblem(w.db, 'over9', 'p1', { deadline: '2026-03-01', leadUnit: '市自然资源局' });
  addProblem(w.db, 'over1', 'p2', { deadline: '2026-03-09', leadUnit: '市自然资源局', status: 'in_progress' });
  addProblem(w.db, 'today', 'p2', { deadline: '2026-03-10', leadUnit: '阿城区住建局' });
  addProblem(w.db, 'in7', 'p3', { deadline: '2026-03-17', leadUnit: null });
  addProblem(w.db, 'in8', 'p1', { deadline: '2026-03-18' });
  addProblem(w.db, 'resolved', 'p1', { deadline: '2026-03-02', status: 'resolved', resolvedOn: '2026-03-03' });
  addProblem(w.db, 'nodeadline', 'p1', { deadline: null });
  w.setNow(Date.parse('2026-03-09T16:30:00Z'));
});
afterEach(() => w.close());

describe('deadlines (办结时限)', () => {
  it('counts overdue and due within 7 days, with days left, by group', async () => {
    const s = await w.invoke('deadlines.summary', { by: 'group' });
    expect(s.today).toBe('2026-03-10');
    expect(s.totals).toEqual({ overdue: 2, dueSoon: 2 });
    expect(s.rows.map((r) => [r.key, r.label, r.overdue, r.dueSoon])).toEqual([
      ['g2', '第二服务组', 1, 1],
      ['g1', '第一服务组', 1, 0],
      [null, '未分组', 0, 1],
    ]);
    const days = Object.fromEntries(s.rows.flatMap((r) => r.items).map((i) => [i.problemId, i.daysLeft]));
    expect(days).toEqual({ over9: -9, over1: -1, today: 0, in7: 7 });
  });

  it('counts from the covering index alone (a province has ~10k open problems with deadlines)', () => {
    const plan = (w.db.prepare(`EXPLAIN QUERY PLAN ${DUE_SQL}`).all('2026-03-17') as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX idx_problems_open_due/);
  });

  it('lists the 20 most overdue problems of a row and counts them all', async () => {
    for (let i = 1; i <= 25; i++) {
      addProblem(w.db, `many${String(i).padStart(2, '0')}`, 'p1', {
        raisedOn: '2026-02-01',
        deadline: `2026-02-${String(i).padStart(2, '0')}`,
      });
    }
    const s = await w.invoke('deadlines.summary', { by: 'group' });
    const g1 = s.rows.find((r) => r.key === 'g1')!;
    expect(g1.overdue).toBe(26);
    expect(g1.items).toHaveLength(20);
    expect(g1.items[0]).toMatchObject({ problemId: 'many01', daysLeft: -37 });
    expect(s.totals.overdue).toBe(27);
  });

  it('by lead unit and by district', async () => {
    const units = await w.invoke('deadlines.summary', { by: 'unit' });
    expect(units.rows.map((r) => [r.label, r.overdue, r.dueSoon])).toEqual([
      ['市自然资源局', 2, 0],
      ['阿城区住建局', 0, 1],
      ['未指定牵头单位', 0, 1],
    ]);
    expect(units.rows[0]?.items.map((i) => i.problemId)).toEqual(['over9', 'over1']);
    const districts = await w.invoke('deadlines.summary', { by: 'district' });
    expect(districts.rows.map((r) => [r.key, r.overdue, r.dueSoon])).toEqual([
      ['阿城区', 1, 2],
      ['巴彦县', 1, 0],
    ]);
  });
});

describe('reminders (提醒)', () => {
  it("an inspector gets their group's unvisited projects and its problems overdue or due soon", async () => {
    w.actAs('inspector', '孙联络'); // member of g1 and g2 by the fixture; g2 was renamed away
    const r = await w.invoke('reminders.list', {});
    expect(r).toMatchObject({ today: '2026-03-10', month: '2026-03' });
    // p1 was visited in March: no visit reminder; only p1's problems.
    expect(r.items.map((i) => i.id)).toEqual(['problem_overdue:over9']);
    expect(r.count).toBe(1);
    expect(r.items[0]).toMatchObject({ projectId: 'p1', date: '2026-03-01', daysLeft: -9, text: '问题over9' });
  });

  it('a group leader of g2 gets the visit due and both kinds of problems; the badge counts them all', async () => {
    await w.invoke('plan.schedule', { projectId: 'p2', date: '2026-03-20' });
    w.actAs('group_leader', '周组长');
    const r = await w.invoke('reminders.list', {});
    expect(r.items.map((i) => i.id)).toEqual(['problem_overdue:over1', 'problem_due_soon:today', 'visit_due:p2']);
    expect(r.counts).toEqual({ visit_due: 1, problem_overdue: 1, problem_due_soon: 1 });
    expect(r.count).toBe(3);
    expect(r.items[2]).toMatchObject({ kind: 'visit_due', date: '2026-03-20', daysLeft: 10, overdueMonths: 0 });
  });

  it('a coordinator chases every problem, and has no visits of their own', async () => {
    w.actAs('coordinator', '调度员');
    const r = await w.invoke('reminders.list', {});
    expect(r.counts).toEqual({ visit_due: 0, problem_overdue: 2, problem_due_soon: 2 });
    expect(r.items.map((i) => i.kind)).toEqual([
      'problem_overdue',
      'problem_overdue',
      'problem_due_soon',
      'problem_due_soon',
    ]);
  });

  it('a local user (no account) is reminded of everything here; an unvisited project counts to the month end', async () => {
    const r = await w.invoke('reminders.list', {});
    expect(r.counts).toEqual({ visit_due: 1, problem_overdue: 2, problem_due_soon: 2 });
    expect(r.items.find((i) => i.kind === 'visit_due')).toMatchObject({ projectId: 'p2', daysLeft: 21, date: null });
  });
});
