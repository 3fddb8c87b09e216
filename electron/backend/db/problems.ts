import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  Problem,
  ProgressNote,
  type HandlingLevel,
  type ProblemCategory,
  type ProblemStatus,
} from '../../../shared/domain/problem';
import { AppError } from '../../../shared/errors';
import type { CellValue } from '../../../shared/records';
import { jsonCell, num, parseJson, str, strOrNull, stmt, type Row } from './cells';
import { writeRecord, type Actor } from './writer';

/** Problems (问题清单) and their append-only progress notes (办理进展). */
export function rowToProblem(r: Row): Problem {
  return {
    id: str(r['id']),
    projectId: str(r['project_id']),
    visitId: strOrNull(r['visit_id']),
    category: str(r['category']) as ProblemCategory,
    description: str(r['description']),
    leadUnit: strOrNull(r['lead_unit']),
    cooperatingUnits: parseJson<string[]>(r['cooperating_units'], []),
    deadline: strOrNull(r['deadline']),
    handlingLevel: str(r['handling_level']) as HandlingLevel,
    status: str(r['status']) as ProblemStatus,
    raisedOn: str(r['raised_on']),
    resolvedOn: strOrNull(r['resolved_on']),
    closedOn: strOrNull(r['closed_on']),
    closingVisitId: strOrNull(r['closing_visit_id']),
    resolution: strOrNull(r['resolution']),
  };
}

export function problemToCells(p: Omit<Problem, 'id'>): Record<string, CellValue> {
  return {
    project_id: p.projectId,
    visit_id: p.visitId,
    category: p.category,
    description: p.description,
    lead_unit: p.leadUnit,
    cooperating_units: jsonCell(p.cooperatingUnits),
    deadline: p.deadline,
    handling_level: p.handlingLevel,
    status: p.status,
    raised_on: p.raisedOn,
    resolved_on: p.resolvedOn,
    closed_on: p.closedOn,
    closing_visit_id: p.closingVisitId,
    resolution: p.resolution,
  };
}

export function rowToProgressNote(r: Row): ProgressNote {
  return {
    id: str(r['id']),
    problemId: str(r['problem_id']),
    projectId: str(r['project_id']),
    text: str(r['text']),
    authorId: str(r['author_id']),
    authorName: str(r['author_name']),
    at: num(r['at']),
  };
}

export function progressNoteToCells(n: Omit<ProgressNote, 'id'>): Record<string, CellValue> {
  return {
    problem_id: n.problemId,
    project_id: n.projectId,
    text: n.text,
    author_id: n.authorId,
    author_name: n.authorName,
    at: n.at,
  };
}

export function getProblem(db: Database, id: string): Problem | null {
  const r = stmt(db, 'SELECT * FROM problems WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToProblem(r) : null;
}

export const PROBLEMS_BY_PROJECT_SQL =
  'SELECT * FROM problems WHERE project_id = ? AND deleted = 0 ORDER BY raised_on DESC, id';

export function listProblemsByProject(db: Database, projectId: string): Problem[] {
  const rows = stmt(db, PROBLEMS_BY_PROJECT_SQL).all(projectId) as Row[];
  return rows.map(rowToProblem);
}

export function problemsByStatusSql(statusCount: number): string {
  const marks = Array.from({ length: statusCount }, () => '?').join(', ');
  return `SELECT * FROM problems WHERE status IN (${marks}) AND deleted = 0 ORDER BY deadline IS NULL, deadline, id LIMIT ?`;
}

/** Problems in the given statuses, earliest deadline first (overdue ones lead). */
export function listProblemsByStatus(db: Database, statuses: readonly ProblemStatus[], limit = 1000): Problem[] {
  if (statuses.length === 0) return [];
  const rows = db.prepare(problemsByStatusSql(statuses.length)).all(...statuses, limit) as Row[];
  return rows.map(rowToProblem);
}

export function problemCounts(db: Database, projectId: string): Record<ProblemStatus, number> {
  const counts: Record<ProblemStatus, number> = { open: 0, in_progress: 0, resolved: 0, closed: 0 };
  const rows = stmt(
    db,
    'SELECT status, count(*) AS n FROM problems WHERE project_id = ? AND deleted = 0 GROUP BY status',
  ).all(projectId) as { status: string; n: number }[];
  for (const r of rows) if (r.status in counts) counts[r.status as ProblemStatus] = r.n;
  return counts;
}

export function saveProblem(
  db: Database,
  actor: Actor,
  now: number,
  problem: Omit<Problem, 'id'> & { id?: string },
): Problem {
  const p = Problem.parse({ ...problem, id: problem.id ?? randomUUID() });
  writeRecord(db, actor, now, { table: 'problems', rowId: p.id, cells: problemToCells(p) });
  return getProblem(db, p.id)!;
}

export function listProgressNotes(db: Database, problemId: string): ProgressNote[] {
  const rows = stmt(db, 'SELECT * FROM progress_notes WHERE problem_id = ? AND deleted = 0 ORDER BY at, id').all(
    problemId,
  ) as Row[];
  return rows.map(rowToProgressNote);
}

/** Notes are rows of their own, never an edited cell, so concurrent notes never collide. */
export function addProgressNote(
  db: Database,
  actor: Actor,
  now: number,
  problemId: string,
  text: string,
): ProgressNote {
  const problem = getProblem(db, problemId);
  if (!problem) throw new AppError('not_found', `no problem ${problemId}`);
  const note = ProgressNote.parse({
    id: randomUUID(),
    problemId,
    projectId: problem.projectId,
    text,
    authorId: actor.userId,
    authorName: actor.userName,
    at: now,
  });
  writeRecord(db, actor, now, { table: 'progress_notes', rowId: note.id, cells: progressNoteToCells(note) });
  return note;
}
