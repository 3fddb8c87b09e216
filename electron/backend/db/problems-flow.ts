import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { shanghaiDate } from '../../../shared/calendar';
import type { ProblemDetail, ProblemTransitionInput, ProblemVisitRef } from '../../../shared/channels/problems';
import { ProgressNote, type Problem } from '../../../shared/domain/problem';
import type { VisitKind } from '../../../shared/domain/visit';
import { AppError } from '../../../shared/errors';
import { daysOverdue, planTransition, type PhotoFacts, type VisitFacts } from '../../../shared/problem-flow';
import { str, stmt, type Row } from './cells';
import { getProblem, listProgressNotes, problemPhotoCounts, problemToCells, progressNoteToCells } from './problems';
import { writeRecords, type Actor, type RecordChange } from './writer';

/** The problem status flow applied to the store (rules in shared/problem-flow.ts). */

/** Prefix of the progress note a reopening leaves, so the timeline says why the problem came back. */
export const REOPEN_NOTE_PREFIX = '重新办理：';

function visitFacts(db: Database, id: string): (VisitFacts & { kind: VisitKind }) | null {
  const r = stmt(db, 'SELECT id, project_id, date, status, kind FROM visits WHERE id = ? AND deleted = 0').get(id) as
    Row | undefined;
  if (!r) return null;
  return {
    id: str(r['id']),
    projectId: str(r['project_id']),
    date: str(r['date']),
    status: str(r['status']) === 'submitted' ? 'submitted' : 'draft',
    kind: str(r['kind']) as VisitKind,
  };
}

function photoFacts(db: Database, problemId: string, visitId: string | null): PhotoFacts[] {
  const rows = stmt(
    db,
    `SELECT kind, visit_id, problem_id FROM photos WHERE deleted = 0 AND problem_id = ?
     UNION ALL SELECT kind, visit_id, problem_id FROM photos WHERE deleted = 0 AND visit_id = ?`,
  ).all(problemId, visitId) as Row[];
  return rows.map((r) => ({
    kind: str(r['kind']) as PhotoFacts['kind'],
    visitId: (r['visit_id'] as string | null) ?? null,
    problemId: (r['problem_id'] as string | null) ?? null,
  }));
}

/**
 * Moves a problem along the flow in one transaction: the status cells, and for a reopening a
 * progress note carrying the reason. The change log records the status change itself.
 */
export function transitionProblem(db: Database, actor: Actor, now: number, input: ProblemTransitionInput): Problem {
  return db.transaction(() => {
    const problem = getProblem(db, input.id);
    if (!problem) throw new AppError('not_found', `no problem ${input.id}`);
    const visit = input.to === 'closed' && input.visitId ? visitFacts(db, input.visitId) : null;
    const outcome = planTransition(problem, input, {
      today: shanghaiDate(now),
      visit,
      photos: input.to === 'closed' && input.visitId ? photoFacts(db, problem.id, input.visitId) : [],
    });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
    const cells = problemToCells({ ...problem, ...outcome.patch });
    const changes: RecordChange[] = [
      {
        table: 'problems',
        rowId: problem.id,
        cells: {
          status: cells['status'] ?? null,
          resolved_on: cells['resolved_on'] ?? null,
          closed_on: cells['closed_on'] ?? null,
          closing_visit_id: cells['closing_visit_id'] ?? null,
          resolution: cells['resolution'] ?? null,
        },
      },
    ];
    if (outcome.reopen && outcome.reason) {
      const note = ProgressNote.parse({
        id: randomUUID(),
        problemId: problem.id,
        projectId: problem.projectId,
        text: `${REOPEN_NOTE_PREFIX}${outcome.reason}`,
        authorId: actor.userId,
        authorName: actor.userName,
        at: now,
      });
      changes.push({ table: 'progress_notes', rowId: note.id, cells: progressNoteToCells(note) });
    }
    writeRecords(db, actor, now, changes);
    return getProblem(db, problem.id)!;
  })();
}

function visitRef(db: Database, problemId: string, id: string | null): ProblemVisitRef | null {
  if (!id) return null;
  const v = visitFacts(db, id);
  if (!v) return null;
  return { id: v.id, date: v.date, kind: v.kind, status: v.status, afterPhotos: afterPhotoCount(db, problemId, id) };
}

function afterPhotoCount(db: Database, problemId: string, visitId: string): number {
  const r = stmt(
    db,
    `SELECT count(*) AS n FROM photos WHERE visit_id = ? AND kind = 'after' AND deleted = 0
       AND (problem_id IS NULL OR problem_id = ?)`,
  ).get(visitId, problemId) as { n: number };
  return r.n;
}

/** Submitted visits of the project on or after the resolution, other than the raising one; newest first. */
function verifyingVisits(db: Database, problem: Problem): ProblemVisitRef[] {
  if (problem.status !== 'resolved') return [];
  const since = problem.resolvedOn ?? problem.raisedOn;
  const rows = stmt(
    db,
    `SELECT id FROM visits WHERE project_id = ? AND date >= ? AND status = 'submitted' AND deleted = 0
     ORDER BY date DESC, id DESC LIMIT 50`,
  ).all(problem.projectId, since) as { id: string }[];
  return rows
    .filter((r) => r.id !== problem.visitId)
    .map((r) => visitRef(db, problem.id, r.id))
    .filter((v): v is ProblemVisitRef => v !== null);
}

/** A problem with what its drawer shows: notes oldest first, project, photo counts, visits. */
export function getProblemDetail(db: Database, id: string, now: number): ProblemDetail {
  const problem = getProblem(db, id);
  if (!problem) throw new AppError('not_found', `no problem ${id}`);
  const project = stmt(db, 'SELECT name, code FROM projects WHERE id = ?').get(problem.projectId) as
    { name: string; code: string } | undefined;
  const today = shanghaiDate(now);
  return {
    problem,
    projectName: project?.name ?? '',
    projectCode: project?.code ?? '',
    notes: listProgressNotes(db, id),
    photoCounts: problemPhotoCounts(db, id),
    raisedBy: visitRef(db, id, problem.visitId),
    closedBy: visitRef(db, id, problem.closingVisitId),
    verifyingVisits: verifyingVisits(db, problem),
    daysOverdue: daysOverdue(problem, today),
    today,
  };
}
