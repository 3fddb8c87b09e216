import type { HandlingLevel, ProblemStatus } from './domain/problem';
import type { Role } from './sync/roles';

/*
 * The handling-level rule (办理层级: 现场解决 → 区县 → 市直部门 → 市级会办 → 省级), as pure
 * functions the backend applies and the renderer asks which moves to offer. "Small matters
 * solved at once, big matters at the joint meeting": anyone who serves the project may move a
 * problem up, one or more levels; only a coordinator or an admin sends it back down. Every move
 * needs a reason, which the problem's level history keeps. Type-only imports keep zod out of
 * the renderer bundle.
 */

export const HANDLING_LEVELS: readonly HandlingLevel[] = [
  'onsite',
  'district',
  'city_department',
  'city_joint_meeting',
  'province',
];

/** The level whose problems form the joint meeting agenda (联审会办会). */
export const JOINT_MEETING_LEVEL: HandlingLevel = 'city_joint_meeting';

export function levelRank(level: HandlingLevel): number {
  return HANDLING_LEVELS.indexOf(level);
}

export type EscalationRefusal =
  | 'escalation_not_upward'
  | 'escalation_not_downward'
  | 'escalation_reason_required'
  | 'escalation_problem_done'
  | 'forbidden';

/** The refusals in both languages (the renderer's i18n `errors.<code>` carries the same text). */
export const ESCALATION_MESSAGES: { readonly [C in EscalationRefusal]: { zh: string; en: string } } = {
  escalation_not_upward: {
    zh: '只能升级到更高的办理层级；降级须由调度中心退回。',
    en: 'A problem can only be escalated to a higher handling level; only a coordinator can send it back down.',
  },
  escalation_not_downward: {
    zh: '退回只能到更低的办理层级。',
    en: 'Sending back must go to a lower handling level.',
  },
  escalation_reason_required: {
    zh: '升级或退回须填写原因。',
    en: 'Escalating or sending back needs a reason.',
  },
  escalation_problem_done: {
    zh: '问题已解决或已销号，不能再调整办理层级。',
    en: 'The problem is resolved or closed; its handling level can no longer change.',
  },
  forbidden: {
    zh: '只有调度中心（协调员）或管理员可以退回问题。',
    en: 'Only coordinators and administrators can send a problem back.',
  },
};

export type EscalationMove = 'escalate' | 'send_back';

export interface EscalationRequest {
  kind: EscalationMove;
  from: HandlingLevel;
  to: HandlingLevel;
  status: ProblemStatus;
  reason: string | null | undefined;
  /** The signed-in account's role; null for a local user, who may do everything on this device. */
  role: Role | null;
}

export type EscalationOutcome =
  | { ok: true; from: HandlingLevel; to: HandlingLevel; reason: string }
  | { ok: false; code: EscalationRefusal; message: string };

function refuse(code: EscalationRefusal): EscalationOutcome {
  return { ok: false, code, message: ESCALATION_MESSAGES[code].en };
}

/** May this role send problems back down? */
export function maySendBack(role: Role | null): boolean {
  return role === null || role === 'coordinator' || role === 'admin';
}

/** Applies the rule: the move, or why it is refused. */
export function planEscalation(req: EscalationRequest): EscalationOutcome {
  if (req.status === 'resolved' || req.status === 'closed') return refuse('escalation_problem_done');
  if (req.kind === 'send_back' && !maySendBack(req.role)) return refuse('forbidden');
  const up = levelRank(req.to) > levelRank(req.from);
  const down = levelRank(req.to) < levelRank(req.from);
  if (req.kind === 'escalate' && !up) return refuse('escalation_not_upward');
  if (req.kind === 'send_back' && !down) return refuse('escalation_not_downward');
  const reason = req.reason?.trim() ?? '';
  if (!reason) return refuse('escalation_reason_required');
  return { ok: true, from: req.from, to: req.to, reason };
}

/** The levels a problem can be escalated to (above its own). */
export function escalationTargets(from: HandlingLevel): readonly HandlingLevel[] {
  return HANDLING_LEVELS.slice(levelRank(from) + 1);
}

/** The levels a coordinator can send a problem back to (below its own). */
export function sendBackTargets(from: HandlingLevel): readonly HandlingLevel[] {
  return HANDLING_LEVELS.slice(0, levelRank(from));
}
