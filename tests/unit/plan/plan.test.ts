import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonthPlanEntry } from '../../../shared/domain/plan';
import { addGroup, addProject, addVisit, assign, at, openWorld, type World } from './setup';

let w: World;
afterEach(() => w.close());

const entry = (entries: MonthPlanEntry[], projectId: string) => entries.find((e) => e.projectId === projectId);

describe('the month plan across month and year boundaries (Asia/Shanghai, machine in UTC)', () => {
  beforeEach(() => {
    expect(new Date(0).getTimezoneOffset()).toBe(0);
    w = openWorld(at('2025-11-01 09:00'));
    addGroup(w.db, 'g1', '第一服务组', at('2025-11-01 09:00'));
    // Assigned in November 2025: due every month from then.
    addProject(w.db, 'p1', at('2025-11-02 09:00'), { groupId: 'g1' });
    addProject(w.db, 'p2', at('2025-11-02 09:00'), { groupId: 'g1' });
    addVisit(w.db, 'v1-nov', 'p1', '2025-11-20');
    addVisit(w.db, 'v2-dec', 'p2', '2025-12-31');
  });

  it('in January a project missed in December is overdue, one visited on 31 December is only due', async () => {
    // 00:30 on 1 January in Harbin is still 31 December in UTC.
    w.setNow(at('2026-01-01 00:30'));
    const plan = await w.invoke('plan.month', {});
    expect(plan.month).toBe('2026-01');
    expect(plan.today).toBe('2026-01-01');
    expect(entry(plan.entries, 'p1')).toMatchObject({
      status: 'overdue',
      overdueMonths: 1,
      lastVisitDate: '2025-11-20',
      dueSince: '2025-11',
    });
    expect(entry(plan.entries, 'p2')).toMatchObject({ status: 'due', overdueMonths: 0, lastVisitDate: '2025-12-31' });
    // Overdue first.
    expect(plan.entries.map((e) => e.projectId)).toEqual(['p1', 'p2']);
    expect(plan.totals).toEqual({ due: 2, visited: 0, planned: 0, overdue: 1 });
  });

  it('one minute before midnight in Harbin it is still December', async () => {
    w.setNow(at('2025-12-31 23:59'));
    const plan = await w.invoke('plan.month', {});
    expect(plan.month).toBe('2025-12');
    expect(entry(plan.entries, 'p2')).toMatchObject({ status: 'visited', visitIdThisMonth: 'v2-dec' });
    expect(entry(plan.entries, 'p1')).toMatchObject({ status: 'due', overdueMonths: 0 });
  });

  it('a visit started at 17:00Z on 31 January is dated 1 February and counts for February only', async () => {
    w.setNow(Date.parse('2026-01-31T17:00:00Z'));
    const prefill = await w.invoke('visits.prefill', { projectId: 'p1' });
    expect(prefill.date).toBe('2026-02-01');
    const draft = await w.invoke('visits.saveDraft', {
      projectId: 'p1',
      groupId: 'g1',
      date: prefill.date,
      kind: 'monthly',
      participants: prefill.participants,
      findings: '现场施工正常',
      isCorrection: false,
      location: null,
      position: null,
      figures: {
        completedInvestmentThisYear: 0,
        fundsInPlace: 10_000_000,
        cumulativeInvestment: 50_000_000,
        stage: 'continuing',
        workersOnSite: 20,
        visibleProgress: '冬季停工，设备进场准备',
      },
    });
    // A draft is not a visit yet.
    expect(entry((await w.invoke('plan.month', {})).entries, 'p1')?.status).toBe('overdue');
    await w.invoke('visits.submit', { id: draft.id });

    const feb = await w.invoke('plan.month', {});
    expect(feb.month).toBe('2026-02');
    expect(entry(feb.entries, 'p1')).toMatchObject({
      status: 'visited',
      visitIdThisMonth: draft.id,
      lastVisitDate: '2026-02-01',
      overdueMonths: 0,
    });
    // January stays missed for p1 (and now for p2 too: its last visit was in December).
    const jan = await w.invoke('plan.month', { month: '2026-01' });
    expect(entry(jan.entries, 'p1')).toMatchObject({ status: 'overdue', overdueMonths: 1 });
    expect(entry(jan.entries, 'p2')).toMatchObject({ status: 'due', overdueMonths: 0 });
    expect(entry(feb.entries, 'p2')).toMatchObject({ status: 'overdue', overdueMonths: 1 });
  });

  it('months missed pile up until the next visit; a draft or deleted visit does not count', async () => {
    addVisit(w.db, 'v1-draft', 'p1', '2026-03-02', { status: 'draft' });
    addVisit(w.db, 'v1-deleted', 'p1', '2026-03-03', { deleted: true });
    w.setNow(at('2026-03-10 09:00'));
    const plan = await w.invoke('plan.month', {});
    // December, January, February missed since the November visit.
    expect(entry(plan.entries, 'p1')).toMatchObject({ status: 'overdue', overdueMonths: 3, visitIdThisMonth: null });
    expect(entry(plan.entries, 'p2')).toMatchObject({ status: 'overdue', overdueMonths: 2 });
  });
});

describe('assignment', () => {
  beforeEach(() => {
    w = openWorld(at('2026-01-01 09:00'));
    addGroup(w.db, 'g1', '第一服务组', at('2026-01-01 09:00'));
    addGroup(w.db, 'g2', '第二服务组', at('2026-01-01 09:00'));
    addGroup(w.db, 'g-empty', '第三服务组', at('2026-01-01 09:00'));
    addProject(w.db, 'p-old', at('2026-01-01 09:00'), { groupId: 'g1' });
    addProject(w.db, 'p-new', at('2026-01-01 09:00'), { groupId: null });
    addProject(w.db, 'p-moved', at('2026-01-01 09:00'), { groupId: 'g1' });
    addProject(w.db, 'p-none', at('2026-01-01 09:00'), { groupId: null });
    // Mid-February: p-new is assigned to g1 (late at night: already the 16th in Harbin), p-moved goes to g2.
    assign(w.db, 'p-new', 'g1', Date.parse('2026-02-15T17:00:00Z'));
    assign(w.db, 'p-moved', 'g2', at('2026-02-20 10:00'));
  });

  it('a project assigned mid-month is due from that month, not before, and not overdue', async () => {
    w.setNow(at('2026-02-25 09:00'));
    const feb = await w.invoke('plan.month', {});
    expect(entry(feb.entries, 'p-new')).toMatchObject({ status: 'due', overdueMonths: 0, dueSince: '2026-02' });
    expect(entry(feb.entries, 'p-old')).toMatchObject({ status: 'overdue', overdueMonths: 1 });
    const jan = await w.invoke('plan.month', { month: '2026-01' });
    expect(entry(jan.entries, 'p-new')).toBeUndefined();
    // Unassigned projects are nobody's to visit.
    expect(entry(feb.entries, 'p-none')).toBeUndefined();
    w.setNow(at('2026-03-01 09:00'));
    expect(entry((await w.invoke('plan.month', {})).entries, 'p-new')).toMatchObject({
      status: 'overdue',
      overdueMonths: 1,
    });
  });

  it('a moved project is due in its new group from the move', async () => {
    w.setNow(at('2026-02-25 09:00'));
    const feb = await w.invoke('plan.month', { groupIds: ['g2'] });
    expect(feb.entries.map((e) => [e.projectId, e.groupName, e.status, e.dueSince])).toEqual([
      ['p-moved', '第二服务组', 'due', '2026-02'],
    ]);
  });

  it('a group with no projects has no entries, zero counts and no rate', async () => {
    w.setNow(at('2026-02-25 09:00'));
    addVisit(w.db, 'v-old', 'p-old', '2026-02-24');
    const plan = await w.invoke('plan.month', { groupIds: ['g-empty'] });
    expect(plan.entries).toEqual([]);
    expect(plan.totals).toEqual({ due: 0, visited: 0, planned: 0, overdue: 0 });
    const cov = Object.fromEntries(plan.coverage.map((c) => [c.groupId, c]));
    expect(cov['g-empty']).toMatchObject({ due: 0, visited: 0, rate: null });
    expect(cov['g1']).toMatchObject({ due: 2, visited: 1, overdue: 0, rate: 0.5 });
    expect(cov['g2']).toMatchObject({ due: 1, visited: 0, rate: 0 });
  });
});

describe('planned dates, groups and whose plan', () => {
  beforeEach(() => {
    w = openWorld(at('2026-01-01 09:00'));
    addGroup(w.db, 'g1', '第一服务组', at('2026-01-01 09:00'));
    addGroup(w.db, 'g2', '第二服务组', at('2026-01-01 09:00'));
    w.db.prepare("UPDATE service_groups SET leader = '周组长', members = '[]' WHERE id = 'g2'").run();
    addProject(w.db, 'p1', at('2026-01-02 09:00'), { groupId: 'g1', chiefOfficerPhone: '13900000001' });
    addProject(w.db, 'p2', at('2026-01-02 09:00'), { groupId: 'g1' });
    addProject(w.db, 'p3', at('2026-01-02 09:00'), { groupId: 'g2' });
    addVisit(w.db, 'v1-jan', 'p1', '2026-01-15');
    addVisit(w.db, 'v2-jan', 'p2', '2026-01-15');
    w.setNow(at('2026-02-03 09:00'));
  });

  it('a visit planned for a date shows as planned; clearing it makes it due again', async () => {
    const plan = await w.invoke('plan.schedule', { projectId: 'p1', date: '2026-02-20' });
    expect(plan).toMatchObject({ projectId: 'p1', month: '2026-02', plannedDate: '2026-02-20' });
    expect(w.events.at(-1)).toEqual(['visit_plans']);
    let feb = await w.invoke('plan.month', {});
    expect(entry(feb.entries, 'p1')).toMatchObject({ status: 'planned', plannedDate: '2026-02-20' });
    expect(feb.entries.map((e) => e.status)).toEqual(['overdue', 'due', 'planned']);

    // Re-planning the same month is the same row (one per project and month, on every device).
    const again = await w.invoke('plan.schedule', { projectId: 'p1', date: '2026-02-25' });
    expect(again.id).toBe(plan.id);
    expect(w.db.prepare('SELECT count(*) AS n FROM visit_plans').get()).toEqual({ n: 1 });
    // A plan for March does not touch February.
    await w.invoke('plan.schedule', { projectId: 'p2', date: '2026-03-02' });
    feb = await w.invoke('plan.month', {});
    expect(entry(feb.entries, 'p2')).toMatchObject({ status: 'due', plannedDate: null });
    expect(entry((await w.invoke('plan.month', { month: '2026-03' })).entries, 'p2')?.plannedDate).toBe('2026-03-02');

    await w.invoke('plan.schedule', { projectId: 'p1', date: null });
    feb = await w.invoke('plan.month', {});
    expect(entry(feb.entries, 'p1')).toMatchObject({ status: 'due', plannedDate: null });
    // The plan syncs: its cells are in the outbox, in the project's scope.
    const out = w.db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl = 'visit_plans' AND row_id = ?").all(plan.id);
    expect(out).toEqual([{ scope: 'p1' }]);
  });

  it('an overdue project keeps its planned date and counts as planned in coverage', async () => {
    await w.invoke('plan.schedule', { projectId: 'p3', date: '2026-02-10' });
    const feb = await w.invoke('plan.month', {});
    expect(entry(feb.entries, 'p3')).toMatchObject({ status: 'overdue', plannedDate: '2026-02-10' });
    expect(feb.coverage.find((c) => c.groupId === 'g2')).toMatchObject({ due: 1, planned: 1, overdue: 1 });
  });

  it('refuses a plan for an unknown project or a bad date', async () => {
    expect((await w.refusal('plan.schedule', { projectId: 'nope', date: '2026-02-10' })).code).toBe('not_found');
    expect((await w.refusal('plan.schedule', { projectId: 'p1', date: '2026-02-30' })).code).toBe('invalid_input');
  });

  it("an inspector's plan lists their groups; a coordinator's every group; coverage is always every group", async () => {
    w.actAs('inspector', '孙联络');
    const mine = await w.invoke('plan.month', {});
    expect(mine.groupIds).toEqual(['g1']);
    expect(mine.entries.map((e) => e.projectId).sort()).toEqual(['p1', 'p2']);
    expect(mine.coverage.map((c) => c.groupId)).toEqual(['g1', 'g2']);
    w.actAs('group_leader', '周组长');
    expect((await w.invoke('plan.month', {})).groupIds).toEqual(['g2']);
    w.actAs('coordinator', '调度员');
    const all = await w.invoke('plan.month', {});
    expect(all.groupIds.sort()).toEqual(['g1', 'g2']);
    expect(all.entries).toHaveLength(3);
  });

  it('groups.overview shows leader, members, projects with 包保领导 and 首席服务员', async () => {
    w.actAs('inspector', '孙联络');
    const groups = await w.invoke('groups.overview', {});
    expect(groups.map((g) => [g.group.id, g.mine, g.projects.length])).toEqual([
      ['g1', true, 2],
      ['g2', false, 1],
    ]);
    const g1 = groups[0]!;
    expect(g1.leader).toBe('赵组长');
    expect(g1.members.map((m) => m.name)).toEqual(['孙联络']);
    expect(g1.projects[0]).toMatchObject({
      projectId: 'p1',
      leaderInCharge: '王副县长',
      chiefOfficer: '李四',
      chiefOfficerPhone: '13900000001',
    });
  });
});
