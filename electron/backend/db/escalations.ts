import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { EscalateInput } from '../../../shared/channels/plan';
import { Escalation, type EscalationKind } from '../../../shared/domain/plan';
import type { HandlingLevel, Problem } from '../../../shared/domain/problem';
import { AppError } from '../../../shared/errors';
import { ESCALATION_MESSAGES, levelRank, maySendBack, planEscalation } from '../../../shared/escalation';
import type { Role } from '../../../shared/sync/roles';
import { num, str, stmt, type Row } from './cells';
import { getProblem } from './problems';
import { writeRecords, type Actor } from './writer';

/*
 * Escalation applied to the store (rule in shared/escalation.ts): the problem's handling_level
 * cell and an append-only escalation row change in one transaction, so the change log and the
 * level history agree and both sync.
 */

export function rowToEscalation(r: Row): Escalation {
  return {
    id: str(r['id']),
    problemId: str(r['problem_id']),
    projectId: str(r['project_id']),
    from: str(r['from_level']) as HandlingLevel,
    to: str(r['to_level']) as HandlingLevel,
    kind: str(r['kind']) as EscalationKind,
    reason: str(r['reason']),
    by: str(r['by_id']),
    byName: str(r['by_name']),
    at: num(r['at']),
  };
}

export function changeLevel(
  db: Database,
  actor: Actor,
  role: Role | null,
  now: number,
  kind: EscalationKind,
  input: EscalateInput,
): Problem {
  return db.transaction(() => {
    const problem = getProblem(db, input.id);
    if (!problem) throw new AppError('not_found', `no problem ${input.id}`);
    const outcome = planEscalation({
      kind,
      from: problem.handlingLevel,
      to: input.to,
      status: problem.status,
      reason: input.reason,
      role,
    });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
    const row = Escalation.parse({
      id: randomUUID(),
      problemId: problem.id,
      projectId: problem.projectId,
      from: outcome.from,
      to: outcome.to,
      kind,
      reason: outcome.reason,
      by: actor.userId,
      byName: actor.userName,
      at: now,
    });
    writeRecords(db, actor, now, [
      { table: 'problems', rowId: problem.id, cells: { handling_level: outcome.to } },
      {
        table: 'escalations',
        rowId: row.id,
        cells: {
          project_id: row.projectId,
          problem_id: row.problemId,
          from_level: row.from,
          to_level: row.to,
          kind: row.kind,
          reason: row.reason,
          by_id: row.by,
          by_name: row.byName,
          at: row.at,
          deleted: false,
        },
      },
    ]);
    return getProblem(db, problem.id)!;
  })();
}

/** The problem's level history, oldest first. */
export function listEscalations(db: Database, problemId: string): Escalation[] {
  // row_hlc breaks ties within a millisecond in the order the rows were made.
  const rows = stmt(db, 'SELECT * FROM escalations WHERE problem_id = ? AND deleted = 0 ORDER BY at, row_hlc, id').all(
    problemId,
  ) as Row[];
  return rows.map(rowToEscalation);
}

/**
 * The problem edit form also carries the level: lowering it there is a send-back, which only
 * coordinators and admins may do (with a reason, through problems.sendBack).
 */
export function assertLevelEdit(
  db: Database,
  role: Role | null,
  problemId: string,
  to: HandlingLevel | undefined,
): void {
  if (to === undefined || maySendBack(role)) return;
  const problem = getProblem(db, problemId);
  if (problem && levelRank(to) < levelRank(problem.handlingLevel)) {
    throw new AppError('escalation_not_upward', ESCALATION_MESSAGES.escalation_not_upward.en);
  }
}
