import { describe, expect, it } from 'vitest';
import type { ProblemStatus } from '../../../shared/domain/problem';
import { ErrorCode } from '../../../shared/errors';
import {
  allowedTransitions,
  isReopen,
  planTransition,
  type FlowProblem,
  type PhotoFacts,
  type TransitionFacts,
  type VisitFacts,
} from '../../../shared/problem-flow';

const STATUSES: ProblemStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
const LEGAL = new Set([
  'open>in_progress',
  'open>resolved',
  'in_progress>resolved',
  'resolved>closed',
  'resolved>in_progress',
  'closed>in_progress',
]);

function problem(status: ProblemStatus, over: Partial<FlowProblem> = {}): FlowProblem {
  return {
    id: 'q1',
    projectId: 'p1',
    visitId: 'v-raise',
    status,
    raisedOn: '2020-04-02',
    resolvedOn: status === 'resolved' || status === 'closed' ? '2020-04-20' : null,
    closedOn: status === 'closed' ? '2020-05-03' : null,
    closingVisitId: status === 'closed' ? 'v-close' : null,
    resolution: status === 'resolved' || status === 'closed' ? '已落实用地指标' : null,
    ...over,
  };
}

function visit(id: string, date: string, over: Partial<VisitFacts> = {}): VisitFacts {
  return { id, projectId: 'p1', date, status: 'submitted', ...over };
}

const TODAY = '2020-05-10';
const later = visit('v-later', '2020-05-02');

/** Whatever a legal move needs, so the table below tests the flow alone. */
function enough(from: ProblemStatus, to: ProblemStatus) {
  return {
    req: { to, visitId: to === 'closed' ? later.id : null, reason: '复查发现未整改到位' },
    facts: { today: TODAY, visit: later, photos: [] } satisfies TransitionFacts,
    problem: problem(from),
  };
}

describe('problem status flow', () => {
  it('the refusal codes are error codes the UI knows', () => {
    for (const code of [
      'problem_transition_not_allowed',
      'problem_verifying_visit_required',
      'problem_after_photo_required',
      'problem_reason_required',
    ]) {
      expect(ErrorCode.options).toContain(code);
    }
  });

  describe.each(STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const legal = LEGAL.has(`${from}>${to}`);
    it(legal ? 'is allowed' : 'is refused', () => {
      const { req, facts, problem: p } = enough(from, to);
      const out = planTransition(p, req, facts);
      expect(out.ok).toBe(legal);
      expect(allowedTransitions(from).includes(to)).toBe(legal);
      if (!out.ok) {
        expect(out.code).toBe('problem_transition_not_allowed');
        expect(out.message).toContain(`from ${from} to ${to}`);
      } else {
        expect(out.patch.status).toBe(to);
      }
    });
  });

  it('starting work changes only the status', () => {
    const out = planTransition(problem('open'), { to: 'in_progress' }, { today: TODAY });
    expect(out).toEqual({
      ok: true,
      reopen: false,
      reason: null,
      patch: { status: 'in_progress', resolvedOn: null, closedOn: null, closingVisitId: null, resolution: null },
    });
  });

  it('resolving stamps today and keeps the resolution text', () => {
    const out = planTransition(problem('in_progress'), { to: 'resolved', resolution: '  已供电 ' }, { today: TODAY });
    expect(out.ok && out.patch).toEqual({
      status: 'resolved',
      resolvedOn: TODAY,
      closedOn: null,
      closingVisitId: null,
      resolution: '已供电',
    });
  });

  describe('closing (销号)', () => {
    const resolved = problem('resolved');
    const close = (v: VisitFacts | null, visitId: string | null = v?.id ?? null, photos: PhotoFacts[] = []) =>
      planTransition(resolved, { to: 'closed', visitId }, { today: TODAY, visit: v, photos });

    it('with a later submitted visit records the visit and the date', () => {
      const out = close(later);
      expect(out.ok && out.patch).toMatchObject({ status: 'closed', closedOn: TODAY, closingVisitId: 'v-later' });
    });

    it('a visit on the day of the resolution verifies it', () => {
      expect(close(visit('v-same-day', '2020-04-20')).ok).toBe(true);
    });

    it('without a verifying visit is refused', () => {
      const out = close(null, null);
      expect(out).toMatchObject({ ok: false, code: 'problem_verifying_visit_required' });
    });

    it('with a visit id the caller could not find is refused', () => {
      expect(close(null, 'v-missing')).toMatchObject({ ok: false, code: 'problem_verifying_visit_required' });
    });

    it('with an earlier visit is refused', () => {
      const out = close(visit('v-early', '2020-04-19'));
      expect(out).toMatchObject({ ok: false, code: 'problem_verifying_visit_required' });
      expect(!out.ok && out.message).toContain('before the resolution');
    });

    it('with the visit that raised the problem is refused', () => {
      expect(close(visit('v-raise', '2020-05-01'))).toMatchObject({
        ok: false,
        code: 'problem_verifying_visit_required',
      });
    });

    it('with a draft visit is refused', () => {
      expect(close(visit('v-draft', '2020-05-01', { status: 'draft' }))).toMatchObject({
        ok: false,
        code: 'problem_verifying_visit_required',
      });
    });

    it('with a visit of another project is refused', () => {
      expect(close(visit('v-other', '2020-05-01', { projectId: 'p2' }))).toMatchObject({
        ok: false,
        code: 'problem_verifying_visit_required',
      });
    });

    it('with a visit whose facts do not match the requested id is refused', () => {
      expect(close(later, 'v-else')).toMatchObject({ ok: false, code: 'problem_verifying_visit_required' });
    });

    describe('before/after photos', () => {
      const before: PhotoFacts = { kind: 'before', visitId: 'v-raise', problemId: 'q1' };

      it('no before photo: no after photo needed', () => {
        expect(close(later, later.id, [{ kind: 'progress', visitId: later.id, problemId: null }]).ok).toBe(true);
      });

      it('a before photo and no after photo is refused', () => {
        expect(close(later, later.id, [before])).toMatchObject({ ok: false, code: 'problem_after_photo_required' });
      });

      it('an after photo on the verifying visit suffices', () => {
        expect(close(later, later.id, [before, { kind: 'after', visitId: later.id, problemId: null }]).ok).toBe(true);
      });

      it('an after photo on the problem suffices', () => {
        expect(close(later, later.id, [before, { kind: 'after', visitId: null, problemId: 'q1' }]).ok).toBe(true);
      });

      it('an after photo of another visit, or of another problem on this visit, does not count', () => {
        const out = close(later, later.id, [
          before,
          { kind: 'after', visitId: 'v-elsewhere', problemId: null },
          { kind: 'after', visitId: later.id, problemId: 'q-other' },
        ]);
        expect(out).toMatchObject({ ok: false, code: 'problem_after_photo_required' });
      });

      it('a before photo of another problem does not ask for one', () => {
        expect(close(later, later.id, [{ kind: 'before', visitId: 'v-raise', problemId: 'q-other' }]).ok).toBe(true);
      });
    });
  });

  describe('reopening', () => {
    it.each(['resolved', 'closed'] as const)('%s → in_progress without a reason is refused', (from) => {
      for (const reason of [undefined, null, '', '   ']) {
        const out = planTransition(problem(from), { to: 'in_progress', reason }, { today: TODAY });
        expect(out).toMatchObject({ ok: false, code: 'problem_reason_required' });
      }
    });

    it.each(['resolved', 'closed'] as const)('%s → in_progress with a reason clears the round', (from) => {
      expect(isReopen(from, 'in_progress')).toBe(true);
      const out = planTransition(problem(from), { to: 'in_progress', reason: ' 复查未通过 ' }, { today: TODAY });
      expect(out).toEqual({
        ok: true,
        reopen: true,
        reason: '复查未通过',
        patch: {
          status: 'in_progress',
          resolvedOn: null,
          closedOn: null,
          closingVisitId: null,
          resolution: '已落实用地指标',
        },
      });
    });

    it('open → in_progress is not a reopen and needs no reason', () => {
      expect(isReopen('open', 'in_progress')).toBe(false);
      expect(planTransition(problem('open'), { to: 'in_progress' }, { today: TODAY }).ok).toBe(true);
    });
  });
});
