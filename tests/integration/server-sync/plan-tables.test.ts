import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import type { ServerDb } from '../../../server/db/connect';
import { pushOps } from '../../../server/sync/push';
import {
  closeSeeded,
  openSeeded,
  DIALECTS,
  find,
  hlcAt,
  NOW,
  pullAll,
  rowOps,
  type Fixture,
  type TestDatabase,
} from './databases';

/*
 * Issue 6's record tables on the server, which stores rows generically: meetings and their
 * decisions are the organisation's (coordinators and admins write them, everyone reads them);
 * visit plans and escalations are the project's (its group's members write them).
 */
describe.each(DIALECTS)('plan, escalation and meeting tables on %s', (dialect) => {
  let tdb: TestDatabase;
  let sdb: ServerDb;
  let fx: Fixture;

  beforeAll(async () => {
    ({ tdb, sdb, fx } = await openSeeded(dialect, { twoProjects: true }));
  });
  afterAll(() => closeSeeded(tdb, sdb));

  const decision = (id: string, node: string, remarks: string) =>
    rowOps(
      ORG_SCOPE,
      'meeting_decisions',
      id,
      {
        meeting_id: 'm1',
        problem_id: 'qa',
        project_id: 'pa',
        responsible_unit: '市自然资源局',
        new_deadline: '2026-04-15',
        remarks,
        decided_by: 'ucoord',
        decided_by_name: '调度员',
        at: NOW,
        deleted: false,
      },
      hlcAt(2000, node),
    );

  it('a coordinator pushes a meeting and a decision; members of any group pull them', async () => {
    const meeting = rowOps(
      ORG_SCOPE,
      'meetings',
      'm1',
      { date: '2026-03-15', title: '3月联审会办会', status: 'held', deleted: false },
      hlcAt(1000, 'dcoord'),
    );
    const res = await pushOps(sdb, fx.coordinator, [...meeting, ...decision('md1', 'dcoord', '4月15日前完成')], NOW);
    expect(res.refused).toEqual([]);
    for (const reader of [fx.inspectorA, fx.inspectorB]) {
      const { rows } = await pullAll(sdb, reader);
      expect(find(rows, 'meetings', 'm1')?.cells.title).toBe('3月联审会办会');
      expect(find(rows, 'meeting_decisions', 'md1')?.cells).toMatchObject({
        remarks: '4月15日前完成',
        new_deadline: '2026-04-15',
      });
    }
  });

  it('an inspector or a group leader cannot push a decision or a meeting', async () => {
    for (const actor of [fx.inspectorA, fx.leaderA]) {
      const res = await pushOps(sdb, actor, decision('md-by-member', actor.deviceId, '越权'), NOW);
      expect(res.accepted).toEqual([]);
      expect(res.refused.map((r) => r.reason)).toEqual(Array(10).fill('forbidden'));
      const edit = await pushOps(
        sdb,
        actor,
        rowOps(ORG_SCOPE, 'meetings', 'm1', { title: '改名' }, hlcAt(3000, actor.deviceId)),
        NOW,
      );
      expect(edit.refused.map((r) => r.reason)).toEqual(['forbidden']);
    }
    const { rows } = await pullAll(sdb, fx.coordinator);
    expect(find(rows, 'meeting_decisions', 'md-by-member')).toBeUndefined();
    expect(find(rows, 'meetings', 'm1')?.cells.title).toBe('3月联审会办会');
  });

  it("members write their project's visit plans and escalations, not another group's, not in the org scope", async () => {
    const plan = rowOps(
      'pa',
      'visit_plans',
      'vp1',
      { project_id: 'pa', month: '2026-03', planned_on: '2026-03-20', deleted: false },
      hlcAt(4000, 'dinspa'),
    );
    const escalation = rowOps(
      'pa',
      'escalations',
      'e1',
      {
        project_id: 'pa',
        problem_id: 'qa',
        from_level: 'district',
        to_level: 'city_joint_meeting',
        kind: 'escalate',
        reason: '提请会办',
        by_id: 'uinspa',
        by_name: 'uinspa',
        at: NOW,
        deleted: false,
      },
      hlcAt(4000, 'dinspa'),
    );
    const mine = await pushOps(sdb, fx.inspectorA, [...plan, ...escalation], NOW);
    expect(mine.refused).toEqual([]);
    const other = await pushOps(
      sdb,
      fx.inspectorB,
      rowOps('pa', 'visit_plans', 'vp1', { planned_on: '2026-03-01' }, hlcAt(5000, 'dinspb')),
      NOW,
    );
    expect(other.refused.map((r) => r.reason)).toEqual(['no_access']);
    const misplaced = await pushOps(
      sdb,
      fx.coordinator,
      rowOps(ORG_SCOPE, 'escalations', 'e2', { project_id: 'pa', reason: 'x' }, hlcAt(5000, 'dcoord')),
      NOW,
    );
    expect(misplaced.refused.map((r) => r.reason)).toEqual(['invalid', 'invalid']);
    const { rows } = await pullAll(sdb, fx.leaderA);
    expect(find(rows, 'visit_plans', 'vp1')?.cells.planned_on).toBe('2026-03-20');
    expect(find(rows, 'escalations', 'e1')?.cells.to_level).toBe('city_joint_meeting');
    expect(find(rows, 'escalations', 'e2')).toBeUndefined();
  });
});
