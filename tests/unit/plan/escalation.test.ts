import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getHistory } from '../../../electron/backend/db/history';
import { addGroup, addProblem, addProject, at, openWorld, type World } from './setup';

let w: World;
beforeEach(() => {
  w = openWorld(at('2026-03-01 09:00'));
  addGroup(w.db, 'g1', '第一服务组', at('2026-03-01 09:00'));
  addProject(w.db, 'p1', at('2026-03-01 09:00'), { groupId: 'g1' });
  addProblem(w.db, 'q1', 'p1', { handlingLevel: 'onsite', raisedOn: '2026-03-02' });
  addProblem(w.db, 'q-done', 'p1', { status: 'resolved', resolvedOn: '2026-03-03', raisedOn: '2026-03-02' });
  w.setNow(at('2026-03-10 09:00'));
});
afterEach(() => w.close());

const level = (id: string) =>
  (w.db.prepare('SELECT handling_level AS l FROM problems WHERE id = ?').get(id) as { l: string }).l;
const escalationRows = () => (w.db.prepare('SELECT count(*) AS n FROM escalations').get() as { n: number }).n;

describe('escalating a problem', () => {
  it('an inspector moves it up one or more levels; who, when and why are kept, oldest first', async () => {
    w.actAs('inspector', '孙联络');
    const p = await w.invoke('problems.escalate', { id: 'q1', to: 'district', reason: '现场无法解决，需区县协调' });
    expect(p.handlingLevel).toBe('district');
    w.setNow(at('2026-03-12 15:00'));
    await w.invoke('problems.escalate', { id: 'q1', to: 'city_joint_meeting', reason: '涉及多个市直部门，提请会办' });
    expect(level('q1')).toBe('city_joint_meeting');
    expect(w.events.at(-1)).toEqual(['problems', 'escalations']);

    const history = await w.invoke('problems.escalations', { id: 'q1' });
    expect(history.map((e) => [e.from, e.to, e.kind, e.byName, e.at])).toEqual([
      ['onsite', 'district', 'escalate', '孙联络', at('2026-03-10 09:00')],
      ['district', 'city_joint_meeting', 'escalate', '孙联络', at('2026-03-12 15:00')],
    ]);
    expect(history[1]?.reason).toBe('涉及多个市直部门，提请会办');
    // The problem's own history keeps every level; both rows sync in the project's scope.
    const levels = getHistory(w.db, 'problems', 'q1')
      .filter((e) => e.column === 'handling_level')
      .map((e) => e.newValue);
    expect(levels).toEqual(expect.arrayContaining(['district', 'city_joint_meeting']));
    expect(levels).toHaveLength(3);
    const scopes = w.db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl IN ('escalations', 'problems')").all();
    expect(scopes).toEqual([{ scope: 'p1' }]);
  });

  it('refuses to go down, sideways, without a reason, or on a resolved problem — and writes nothing', async () => {
    w.actAs('inspector', '孙联络');
    await w.invoke('problems.escalate', { id: 'q1', to: 'city_department', reason: '区县无法协调' });
    const before = escalationRows();
    expect((await w.refusal('problems.escalate', { id: 'q1', to: 'district', reason: '误报' })).code).toBe(
      'escalation_not_upward',
    );
    expect((await w.refusal('problems.escalate', { id: 'q1', to: 'city_department', reason: 'x' })).code).toBe(
      'escalation_not_upward',
    );
    expect((await w.refusal('problems.escalate', { id: 'q1', to: 'province', reason: '   ' })).code).toBe(
      'invalid_input',
    );
    expect((await w.refusal('problems.escalate', { id: 'q-done', to: 'province', reason: '再议' })).code).toBe(
      'escalation_problem_done',
    );
    expect((await w.refusal('problems.escalate', { id: 'nope', to: 'province', reason: '再议' })).code).toBe(
      'not_found',
    );
    expect(escalationRows()).toBe(before);
    expect(level('q1')).toBe('city_department');
  });
});

describe('sending a problem back', () => {
  beforeEach(async () => {
    await w.invoke('problems.escalate', { id: 'q1', to: 'city_joint_meeting', reason: '提请会办' });
  });

  it('is refused for an inspector and a group leader', async () => {
    w.actAs('inspector', '孙联络');
    const refused = await w.refusal('problems.sendBack', { id: 'q1', to: 'district', reason: '区县可解决' });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/coordinators/);
    w.actAs('group_leader', '赵组长');
    expect((await w.refusal('problems.sendBack', { id: 'q1', to: 'district', reason: '区县可解决' })).code).toBe(
      'forbidden',
    );
    expect(level('q1')).toBe('city_joint_meeting');
    expect(escalationRows()).toBe(1);
  });

  it('a coordinator sends it down with a reason; the history shows the send-back', async () => {
    w.actAs('coordinator', '调度员');
    expect((await w.refusal('problems.sendBack', { id: 'q1', to: 'district', reason: '' })).code).toBe('invalid_input');
    expect((await w.refusal('problems.sendBack', { id: 'q1', to: 'province', reason: '上报' })).code).toBe(
      'escalation_not_downward',
    );
    const p = await w.invoke('problems.sendBack', { id: 'q1', to: 'district', reason: '属区县职责，退回区县办理' });
    expect(p.handlingLevel).toBe('district');
    const history = await w.invoke('problems.escalations', { id: 'q1' });
    expect(history.at(-1)).toMatchObject({
      from: 'city_joint_meeting',
      to: 'district',
      kind: 'send_back',
      byName: '调度员',
      reason: '属区县职责，退回区县办理',
    });
    // The edit form cannot lower the level for an inspector either; a coordinator may.
    w.actAs('inspector', '孙联络');
    expect((await w.refusal('problems.update', { id: 'q1', patch: { handlingLevel: 'onsite' } })).code).toBe(
      'escalation_not_upward',
    );
    expect(level('q1')).toBe('district');
    w.actAs('coordinator', '调度员');
    expect((await w.invoke('problems.update', { id: 'q1', patch: { handlingLevel: 'onsite' } })).handlingLevel).toBe(
      'onsite',
    );
    // Once back, it can go up again.
    w.actAs('inspector', '孙联络');
    expect(
      (await w.invoke('problems.escalate', { id: 'q1', to: 'city_department', reason: '区县仍未解决' })).handlingLevel,
    ).toBe('city_department');
  });
});
