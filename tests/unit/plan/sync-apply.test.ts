import { describe, expect, it } from 'vitest';
import { removeScope } from '../../../electron/backend/db/sync-scopes';
import { applyPulledRows, parkedCount } from '../../../electron/backend/db/sync-apply';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import { applyOpts, hlcAt, projectCells, pulled, T0 } from '../sync/helpers';
import { at, openWorld } from './setup';

/*
 * The new tables arriving from the server on an inspector's device: a decision on a problem of
 * a project this device does not hold is kept (no foreign key to problems), escalations apply
 * and update the plan's data, and a project that leaves the device takes its plans and
 * escalations with it.
 */
describe('pulled plan, escalation and meeting rows', () => {
  it('apply on a device that lacks the decided problem, and leave with their project', async () => {
    const w = openWorld(T0);
    try {
      const h = hlcAt(T0);
      const res = applyPulledRows(
        w.db,
        [
          pulled('projects', 'pa', 'pa', h, projectCells({ group_id: null })),
          pulled('problems', 'qa', 'pa', h, {
            project_id: 'pa',
            category: 'land',
            description: '用地',
            handling_level: 'city_joint_meeting',
            status: 'open',
            raised_on: '2026-03-01',
            cooperating_units: '[]',
            deleted: false,
          }),
          pulled('escalations', 'e1', 'pa', h, {
            project_id: 'pa',
            problem_id: 'qa',
            from_level: 'district',
            to_level: 'city_joint_meeting',
            kind: 'escalate',
            reason: '提请会办',
            by_id: 'u-remote',
            by_name: '王五',
            at: T0,
            deleted: false,
          }),
          pulled('visit_plans', 'vp1', 'pa', h, { project_id: 'pa', month: '2026-04', planned_on: '2026-04-20' }),
          pulled('meetings', 'm1', ORG_SCOPE, h, { date: '2026-04-15', title: '4月联审会办会', status: 'held' }),
          pulled('meeting_decisions', 'md1', ORG_SCOPE, h, {
            meeting_id: 'm1',
            problem_id: 'q-elsewhere',
            project_id: 'p-elsewhere',
            remarks: '另一组的项目',
            decided_by: 'u-remote',
            decided_by_name: '王五',
            at: T0,
            deleted: false,
          }),
        ],
        applyOpts(),
      );
      expect(res.applied).toBe(6);
      expect(parkedCount(w.db)).toBe(0);
      expect((await w.invoke('problems.escalations', { id: 'qa' })).map((e) => e.byName)).toEqual(['王五']);
      w.setNow(at('2026-04-10 09:00'));
      const agenda = await w.invoke('meetings.agenda', { meetingId: 'm1' });
      expect(agenda.items.map((i) => i.problemId)).toEqual(['qa']);
      expect(agenda.items[0]?.escalationReason).toBe('提请会办');

      removeScope(w.db, 'pa', T0);
      const left = (t: string) => (w.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect([left('escalations'), left('visit_plans'), left('problems'), left('meeting_decisions')]).toEqual([
        0, 0, 0, 1,
      ]);
    } finally {
      w.close();
    }
  });
});
