import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGroup, addProblem, addProject, at, openWorld, type World } from './setup';

/*
 * The week of Monday 9 to Sunday 15 March 2026 (Asia/Shanghai), with events on both sides
 * of each edge. Escalations are instants: 00:30 on Monday 9 March in Harbin is still Sunday
 * in UTC, and 00:30 on Monday 16 March is still Sunday 15 March in UTC.
 */
let w: World;
beforeEach(async () => {
  w = openWorld(at('2026-03-01 09:00'));
  addGroup(w.db, 'g1', '第一服务组', at('2026-03-01 09:00'));
  addProject(w.db, 'p1', at('2026-03-01 09:00'), { groupId: 'g1' });
  addProblem(w.db, 'sun-before', 'p1', { raisedOn: '2026-03-08' }, at('2026-03-08 10:00'));
  addProblem(w.db, 'mon', 'p1', { raisedOn: '2026-03-09', handlingLevel: 'onsite' }, at('2026-03-09 10:00'));
  addProblem(w.db, 'sun', 'p1', { raisedOn: '2026-03-15', deadline: '2026-03-30' }, at('2026-03-15 10:00'));
  addProblem(w.db, 'mon-after', 'p1', { raisedOn: '2026-03-16' }, at('2026-03-16 10:00'));
  addProblem(
    w.db,
    'fixed-in-week',
    'p1',
    { raisedOn: '2026-03-01', deadline: '2026-03-12', status: 'resolved', resolvedOn: '2026-03-11' },
    at('2026-03-16 11:00'),
  );
  addProblem(
    w.db,
    'fixed-late',
    'p1',
    { raisedOn: '2026-03-01', deadline: '2026-03-12', status: 'resolved', resolvedOn: '2026-03-18' },
    at('2026-03-16 11:00'),
  );
  addProblem(w.db, 'still-open', 'p1', { raisedOn: '2026-03-01', deadline: '2026-03-14' }, at('2026-03-16 11:00'));
  addProblem(w.db, 'due-sunday', 'p1', { raisedOn: '2026-03-01', deadline: '2026-03-15' }, at('2026-03-16 11:00'));

  const escalate = async (when: number, id: string, to: 'district' | 'city_department', reason: string) => {
    w.setNow(when);
    await w.invoke('problems.escalate', { id, to, reason });
  };
  await escalate(at('2026-03-09 00:30'), 'sun-before', 'city_department', '周一凌晨升级');
  await escalate(at('2026-03-12 10:00'), 'mon', 'district', '现场无法解决');
  await escalate(at('2026-03-16 00:30'), 'still-open', 'city_department', '下周一升级');
  w.setNow(at('2026-03-16 01:00'));
  await w.invoke('problems.sendBack', { id: 'sun-before', to: 'district', reason: '退回区县' });
});
afterEach(() => w.close());

describe('the weekly problem summary (每周问题报告)', () => {
  it('a past week: new, resolved, overdue at its end, escalated (send-backs not counted)', async () => {
    w.setNow(at('2026-03-20 09:00'));
    const s = await w.invoke('reports.weeklyProblems', { weekOf: '2026-03-11' });
    expect(s).toMatchObject({ weekStart: '2026-03-09', weekEnd: '2026-03-15', asOf: '2026-03-15' });
    expect(s.new.map((p) => p.problemId)).toEqual(['mon', 'sun']);
    expect(s.resolved.map((p) => p.problemId)).toEqual(['fixed-in-week']);
    // Overdue on Sunday: deadline before the 15th, not resolved by then (fixed-late was resolved on the 18th).
    expect(s.overdue.map((p) => [p.problemId, p.daysLeft])).toEqual([
      ['fixed-late', -3],
      ['still-open', -1],
    ]);
    expect(s.escalated.map((e) => [e.problemId, e.from, e.to])).toEqual([
      ['sun-before', 'district', 'city_department'],
      ['mon', 'onsite', 'district'],
    ]);
    expect(s.escalated[1]).toMatchObject({ reason: '现场无法解决', projectName: '项目p1', groupName: '第一服务组' });
    expect(s.counts).toEqual({ new: 2, resolved: 1, overdue: 2, escalated: 2 });
  });

  it('the current week (default) judges overdue at today', async () => {
    // Thursday 19 March in Harbin, still Wednesday in UTC.
    w.setNow(Date.parse('2026-03-18T16:30:00Z'));
    const s = await w.invoke('reports.weeklyProblems', {});
    expect(s).toMatchObject({ weekStart: '2026-03-16', weekEnd: '2026-03-22', asOf: '2026-03-19' });
    expect(s.new.map((p) => p.problemId)).toEqual(['mon-after']);
    expect(s.escalated.map((e) => e.problemId)).toEqual(['still-open']);
    expect(s.resolved.map((p) => p.problemId)).toEqual(['fixed-late']);
    expect(s.overdue.map((p) => [p.problemId, p.daysLeft])).toEqual([
      ['still-open', -5],
      ['due-sunday', -4],
    ]);
  });

  it('a week across the new year', async () => {
    addProblem(w.db, 'nye', 'p1', { raisedOn: '2025-12-31' });
    addProblem(w.db, 'nyd', 'p1', { raisedOn: '2026-01-04' });
    const s = await w.invoke('reports.weeklyProblems', { weekOf: '2026-01-01' });
    expect(s).toMatchObject({ weekStart: '2025-12-29', weekEnd: '2026-01-04' });
    expect(s.new.map((p) => p.problemId)).toEqual(['nye', 'nyd']);
  });
});
