import { describe, expect, it } from 'vitest';
import { addMonths, lastDayOf, monthsBetween } from '../../../electron/backend/db/plan';
import { mondayOf } from '../../../electron/backend/db/weekly';
import type { HandlingLevel } from '../../../shared/domain/problem';
import { ErrorCode } from '../../../shared/errors';
import {
  ESCALATION_MESSAGES,
  escalationTargets,
  planEscalation,
  sendBackTargets,
  type EscalationRequest,
} from '../../../shared/escalation';

describe('month and week arithmetic', () => {
  it('crosses year boundaries', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthsBetween('2026-02', '2026-02')).toBe(0);
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2025-12')).toBe('2025-12-31');
  });

  it('weeks start on Monday', () => {
    expect(mondayOf('2026-03-09')).toBe('2026-03-09'); // Monday
    expect(mondayOf('2026-03-15')).toBe('2026-03-09'); // Sunday
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29'); // Thursday, across the year
  });
});

describe('the escalation rule', () => {
  const req = (over: Partial<EscalationRequest>): EscalationRequest => ({
    kind: 'escalate',
    from: 'district',
    to: 'city_department',
    status: 'open',
    reason: '区县无法协调用地指标',
    role: 'inspector',
    ...over,
  });

  it('goes up one or more levels, for anyone, with a reason', () => {
    expect(planEscalation(req({}))).toEqual({
      ok: true,
      from: 'district',
      to: 'city_department',
      reason: '区县无法协调用地指标',
    });
    expect(planEscalation(req({ to: 'province', role: 'group_leader' }))).toMatchObject({ ok: true });
    expect(planEscalation(req({ to: 'district' }))).toMatchObject({ ok: false, code: 'escalation_not_upward' });
    expect(planEscalation(req({ to: 'onsite', role: 'coordinator' }))).toMatchObject({
      ok: false,
      code: 'escalation_not_upward',
    });
    expect(planEscalation(req({ reason: '  ' }))).toMatchObject({ ok: false, code: 'escalation_reason_required' });
  });

  it('goes down only for a coordinator, an admin or a local user, with a reason', () => {
    const back = (over: Partial<EscalationRequest>) =>
      planEscalation(req({ kind: 'send_back', from: 'city_joint_meeting', to: 'district', ...over }));
    expect(back({ role: 'inspector' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(back({ role: 'group_leader' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(back({ role: 'coordinator' })).toMatchObject({ ok: true, to: 'district' });
    expect(back({ role: 'admin' })).toMatchObject({ ok: true });
    expect(back({ role: null })).toMatchObject({ ok: true });
    expect(back({ role: 'coordinator', reason: null })).toMatchObject({
      ok: false,
      code: 'escalation_reason_required',
    });
    expect(back({ role: 'coordinator', to: 'province' })).toMatchObject({
      ok: false,
      code: 'escalation_not_downward',
    });
  });

  it('leaves resolved and closed problems alone', () => {
    expect(planEscalation(req({ status: 'resolved' }))).toMatchObject({ code: 'escalation_problem_done' });
    expect(planEscalation(req({ status: 'closed', kind: 'send_back', role: 'admin', to: 'onsite' }))).toMatchObject({
      code: 'escalation_problem_done',
    });
  });

  it('offers the levels above to escalate to and below to send back to', () => {
    const all: HandlingLevel[] = ['onsite', 'district', 'city_department', 'city_joint_meeting', 'province'];
    expect(escalationTargets('onsite')).toEqual(all.slice(1));
    expect(escalationTargets('province')).toEqual([]);
    expect(sendBackTargets('city_joint_meeting')).toEqual(['onsite', 'district', 'city_department']);
    expect(sendBackTargets('onsite')).toEqual([]);
  });

  it('every refusal is an error code with a Chinese and an English message', () => {
    for (const [code, text] of Object.entries(ESCALATION_MESSAGES)) {
      expect(ErrorCode.options).toContain(code);
      expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en.length).toBeGreaterThan(10);
    }
  });
});
