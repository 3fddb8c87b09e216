import type { Problem, ProblemStatus } from './domain/problem';
import { daysBetween } from './calendar';

/*
 * The problem status flow (待办 → 办理中 → 已解决 → 已销号, with reopening), as pure functions:
 * the backend applies it, the renderer asks it which actions to offer. Type-only imports keep
 * zod out of the renderer bundle.
 */

/** Why a transition was refused; each is an error code of shared/errors.ts. */
export type FlowRefusal =
  | 'problem_transition_not_allowed'
  | 'problem_verifying_visit_required'
  | 'problem_after_photo_required'
  | 'problem_reason_required';

/** Every legal move. Reopening (resolved/closed → in_progress) needs a reason. */
const ALLOWED: { readonly [F in ProblemStatus]: readonly ProblemStatus[] } = {
  open: ['in_progress', 'resolved'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function allowedTransitions(from: ProblemStatus): readonly ProblemStatus[] {
  return ALLOWED[from];
}

export function isReopen(from: ProblemStatus, to: ProblemStatus): boolean {
  return to === 'in_progress' && (from === 'resolved' || from === 'closed');
}

/** The facts about a candidate verifying visit that the rule looks at. */
export interface VisitFacts {
  id: string;
  projectId: string;
  date: string;
  status: 'draft' | 'submitted';
}

/** A photo's link and kind; 'before' = 整改前, 'after' = 整改后. */
export interface PhotoFacts {
  kind: 'progress' | 'problem_evidence' | 'before' | 'after';
  visitId: string | null;
  problemId: string | null;
}

export type FlowProblem = Pick<
  Problem,
  'id' | 'projectId' | 'visitId' | 'status' | 'raisedOn' | 'resolvedOn' | 'closedOn' | 'closingVisitId' | 'resolution'
>;

export interface TransitionRequest {
  to: ProblemStatus;
  visitId?: string | null;
  reason?: string | null;
  resolution?: string | null;
}

export interface TransitionFacts {
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: string;
  /** The visit named by `visitId`, looked up by the caller (null when there is none). */
  visit?: VisitFacts | null;
  /** Photos attached to the problem or to the named visit. */
  photos?: readonly PhotoFacts[];
}

/** The cells a transition changes. */
export type TransitionPatch = Pick<Problem, 'status' | 'resolvedOn' | 'closedOn' | 'closingVisitId' | 'resolution'>;

export type TransitionOutcome =
  | { ok: true; patch: TransitionPatch; reopen: boolean; reason: string | null }
  | { ok: false; code: FlowRefusal; message: string };

function refuse(code: FlowRefusal, message: string): TransitionOutcome {
  return { ok: false, code, message };
}

/**
 * Whether `visit` can verify (销号) the resolution of `problem`: a submitted visit of the same
 * project, dated on or after the resolution, other than the visit that raised the problem.
 * Returns the reason it cannot, or null when it can.
 */
export function verifyingVisitProblem(problem: FlowProblem, visit: VisitFacts | null | undefined): string | null {
  if (!visit) return 'closing needs a verifying visit';
  if (visit.projectId !== problem.projectId) return 'the verifying visit is of another project';
  if (visit.status !== 'submitted') return 'the verifying visit is not submitted';
  if (visit.id === problem.visitId) return 'the visit that raised the problem cannot verify it';
  // A resolved problem always has resolvedOn; raisedOn guards rows that came in without it.
  const since = problem.resolvedOn ?? problem.raisedOn;
  if (visit.date < since) return `the verifying visit (${visit.date}) is before the resolution (${since})`;
  return null;
}

/** When the problem has a 整改前 photo, the verifying visit or the problem needs a 整改后 one. */
export function needsAfterPhoto(problemId: string, visitId: string, photos: readonly PhotoFacts[]): boolean {
  const hasBefore = photos.some((p) => p.kind === 'before' && p.problemId === problemId);
  if (!hasBefore) return false;
  const hasAfter = photos.some(
    (p) =>
      p.kind === 'after' &&
      (p.problemId === problemId || (p.visitId === visitId && (p.problemId === null || p.problemId === problemId))),
  );
  return !hasAfter;
}

/** Applies the flow: the new cells, or the reason the move is refused. */
export function planTransition(
  problem: FlowProblem,
  req: TransitionRequest,
  facts: TransitionFacts,
): TransitionOutcome {
  const from = problem.status;
  const { to } = req;
  if (!ALLOWED[from].includes(to)) {
    return refuse('problem_transition_not_allowed', `a problem cannot go from ${from} to ${to}`);
  }
  const resolution = req.resolution?.trim() ? req.resolution.trim() : problem.resolution;
  const base: TransitionPatch = {
    status: to,
    resolvedOn: problem.resolvedOn,
    closedOn: problem.closedOn,
    closingVisitId: problem.closingVisitId,
    resolution,
  };

  if (isReopen(from, to)) {
    const reason = req.reason?.trim() ?? '';
    if (!reason) return refuse('problem_reason_required', 'reopening a problem needs a reason');
    // The earlier resolution stays in the change log; the dates describe the current round only.
    return {
      ok: true,
      reopen: true,
      reason,
      patch: { ...base, resolvedOn: null, closedOn: null, closingVisitId: null },
    };
  }
  if (to === 'resolved') {
    return { ok: true, reopen: false, reason: null, patch: { ...base, resolvedOn: facts.today } };
  }
  if (to === 'closed') {
    if (!req.visitId) return refuse('problem_verifying_visit_required', 'closing needs a verifying visit');
    const visit = facts.visit && facts.visit.id === req.visitId ? facts.visit : null;
    const why = verifyingVisitProblem(problem, visit);
    if (why) return refuse('problem_verifying_visit_required', why);
    if (needsAfterPhoto(problem.id, req.visitId, facts.photos ?? [])) {
      return refuse(
        'problem_after_photo_required',
        'the problem has a before photo: the verifying visit or the problem needs an after photo',
      );
    }
    return {
      ok: true,
      reopen: false,
      reason: null,
      patch: { ...base, closedOn: facts.today, closingVisitId: req.visitId },
    };
  }
  // open → in_progress
  return { ok: true, reopen: false, reason: null, patch: base };
}

/** Days past the deadline (Asia/Shanghai `today`) while open or in progress; 0 otherwise. */
export function daysOverdue(p: Pick<Problem, 'status' | 'deadline'>, today: string): number {
  if (!p.deadline || (p.status !== 'open' && p.status !== 'in_progress')) return 0;
  return Math.max(0, daysBetween(p.deadline, today));
}
