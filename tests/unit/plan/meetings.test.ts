import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGroup, addProblem, addProject, at, openWorld, type World } from './setup';

let w: World;
beforeEach(async () => {
  w = openWorld(at('2026-03-01 09:00'));
  addGroup(w.db, 'g1', '第一服务组', at('2026-03-01 09:00'));
  addProject(w.db, 'p1', at('2026-03-01 09:00'), { groupId: 'g1', district: '巴彦县', code: 'HRB-B' });
  addProject(w.db, 'p2', at('2026-03-01 09:00'), { groupId: 'g1', district: '阿城区', code: 'HRB-A' });
  addProblem(w.db, 'q-meet', 'p1', {
    handlingLevel: 'city_department',
    raisedOn: '2026-03-02',
    deadline: '2026-03-20',
  });
  addProblem(w.db, 'q-raised-there', 'p2', { handlingLevel: 'city_joint_meeting', raisedOn: '2026-03-02' });
  addProblem(w.db, 'q-closed', 'p2', {
    handlingLevel: 'city_joint_meeting',
    status: 'closed',
    raisedOn: '2026-02-01',
    resolvedOn: '2026-02-10',
    closedOn: '2026-02-20',
  });
  addProblem(w.db, 'q-district', 'p1', { handlingLevel: 'district', raisedOn: '2026-03-02' });
  w.setNow(at('2026-03-05 10:00'));
  w.actAs('inspector', '孙联络');
  await w.invoke('problems.escalate', { id: 'q-meet', to: 'city_joint_meeting', reason: '跨部门，提请联审会办' });
  w.actAs('coordinator', '调度员');
});
afterEach(() => w.close());

describe('joint meetings (联审会办会)', () => {
  it('only coordinators and admins plan meetings; every member lists them, newest first', async () => {
    w.actAs('inspector', '孙联络');
    expect((await w.refusal('meetings.save', { date: '2026-03-15', title: '3月联审会办会' })).code).toBe('forbidden');
    w.actAs('coordinator', '调度员');
    const march = await w.invoke('meetings.save', { date: '2026-03-15', title: '3月联审会办会' });
    expect(march).toMatchObject({ date: '2026-03-15', status: 'planned' });
    w.actAs('admin', '管理员');
    await w.invoke('meetings.save', { date: '2026-02-15', title: '2月联审会办会' });
    w.actAs('inspector', '孙联络');
    expect((await w.invoke('meetings.list', {})).map((m) => m.date)).toEqual(['2026-03-15', '2026-02-15']);
    // Meetings live in the organisation scope.
    expect(w.db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl = 'meetings'").all()).toEqual([{ scope: 'org' }]);
    w.actAs('coordinator', '调度员');
    const moved = await w.invoke('meetings.save', { id: march.id, date: '2026-03-16', title: '3月联审会办会' });
    expect(moved).toMatchObject({ id: march.id, date: '2026-03-16' });
    expect((await w.refusal('meetings.save', { id: 'nope', date: '2026-03-16', title: 'x' })).code).toBe('not_found');
  });

  it('the agenda is the problems at 市级会办 not closed, by district, with how they came', async () => {
    const m = await w.invoke('meetings.save', { date: '2026-03-15', title: '3月联审会办会' });
    const agenda = await w.invoke('meetings.agenda', { meetingId: m.id });
    expect(agenda.meeting.id).toBe(m.id);
    // 阿城区 before 巴彦县 (district order), closed and lower-level problems left out.
    expect(agenda.items.map((i) => i.problemId)).toEqual(['q-raised-there', 'q-meet']);
    expect(agenda.items[1]).toMatchObject({
      projectName: '项目p1',
      groupName: '第一服务组',
      escalatedAt: at('2026-03-05 10:00'),
      escalationReason: '跨部门，提请联审会办',
      decision: null,
    });
    expect(agenda.items[0]).toMatchObject({ escalatedAt: null, decision: null });
  });

  it('decisions are recorded against each problem, set its unit and deadline, and replace on re-deciding', async () => {
    const m = await w.invoke('meetings.save', { date: '2026-03-15', title: '3月联审会办会' });
    w.setNow(at('2026-03-15 11:00'));
    w.actAs('inspector', '孙联络');
    expect((await w.refusal('meetings.decide', { meetingId: m.id, problemId: 'q-meet', remarks: '同意' })).code).toBe(
      'forbidden',
    );
    w.actAs('coordinator', '调度员');
    const d = await w.invoke('meetings.decide', {
      meetingId: m.id,
      problemId: 'q-meet',
      responsibleUnit: '市自然资源局',
      newDeadline: '2026-04-15',
      remarks: '由市自然资源局牵头，4月15日前完成用地报批',
    });
    expect(d).toMatchObject({ meetingId: m.id, problemId: 'q-meet', projectId: 'p1', decidedByName: '调度员' });
    const problem = await w.invoke('problems.get', { id: 'q-meet' });
    expect(problem.problem).toMatchObject({ leadUnit: '市自然资源局', deadline: '2026-04-15' });
    expect((await w.invoke('meetings.list', {}))[0]?.status).toBe('held');

    // Re-deciding replaces the decision (one row per meeting and problem); no unit keeps the problem's.
    await w.invoke('meetings.decide', { meetingId: m.id, problemId: 'q-meet', remarks: '补充：财政局配合' });
    expect(w.db.prepare('SELECT count(*) AS n FROM meeting_decisions').get()).toEqual({ n: 1 });
    expect((await w.invoke('problems.get', { id: 'q-meet' })).problem.leadUnit).toBe('市自然资源局');
    const agenda = await w.invoke('meetings.agenda', { meetingId: m.id });
    expect(agenda.items.find((i) => i.problemId === 'q-meet')?.decision).toMatchObject({
      remarks: '补充：财政局配合',
      responsibleUnit: null,
    });
    expect(await w.invoke('problems.decisions', { id: 'q-meet' })).toHaveLength(1);
    expect(w.db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl = 'meeting_decisions'").all()).toEqual([
      { scope: 'org' },
    ]);
  });

  it('a decided problem stays on its meeting after it leaves the level; others stay off', async () => {
    const m = await w.invoke('meetings.save', { date: '2026-03-15', title: '3月联审会办会' });
    expect(
      (await w.refusal('meetings.decide', { meetingId: m.id, problemId: 'q-district', remarks: '不在议题' })).code,
    ).toBe('invalid_input');
    expect(
      (
        await w.refusal('meetings.decide', {
          meetingId: m.id,
          problemId: 'q-meet',
          newDeadline: '2026-03-01',
          remarks: '早于提出日期',
        })
      ).code,
    ).toBe('invalid_input');
    await w.invoke('meetings.decide', { meetingId: m.id, problemId: 'q-meet', remarks: '报省级协调' });
    await w.invoke('problems.escalate', { id: 'q-meet', to: 'province', reason: '会议决定报省级' });
    const same = await w.invoke('meetings.agenda', { meetingId: m.id });
    expect(same.items.map((i) => i.problemId)).toEqual(['q-raised-there', 'q-meet']);
    const next = await w.invoke('meetings.save', { date: '2026-04-15', title: '4月联审会办会' });
    expect((await w.invoke('meetings.agenda', { meetingId: next.id })).items.map((i) => i.problemId)).toEqual([
      'q-raised-there',
    ]);
  });
});
