import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  Problem,
  ProgressNote,
  type HandlingLevel,
  type ProblemCategory,
  type ProblemStatus,
} from '../../../shared/domain/problem';
import { shanghaiDate } from '../../../shared/calendar';
import { ProblemCreateInput, ProblemPatch } from '../../../shared/channels/problems';
import type { PhotoKind } from '../../../shared/domain/photo';
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

/** The project a problem belongs to must exist; a raising visit must be one of its visits. */
function checkOrigin(db: Database, projectId: string, visitId: string | null): void {
  const project = stmt(db, 'SELECT id FROM projects WHERE id = ? AND deleted = 0').get(projectId);
  if (!project) throw new AppError('not_found', `no project ${projectId}`);
  if (visitId === null) return;
  const visit = stmt(db, 'SELECT project_id FROM visits WHERE id = ? AND deleted = 0').get(visitId) as
    { project_id: string } | undefined;
  if (!visit) throw new AppError('not_found', `no visit ${visitId}`);
  if (visit.project_id !== projectId) {
    throw new AppError('invalid_input', 'the visit belongs to another project', [
      { path: ['visitId'], message: 'the visit belongs to another project' },
    ]);
  }
}

function checkDeadline(p: Pick<Problem, 'deadline' | 'raisedOn'>): void {
  if (p.deadline !== null && p.deadline < p.raisedOn) {
    throw new AppError('invalid_input', 'the deadline is before the date the problem was raised', [
      { path: ['deadline'], message: 'before the date raised' },
    ]);
  }
}

/** 登记问题: a new open problem, every cell written so it syncs complete. */
export function createProblem(db: Database, actor: Actor, now: number, input: ProblemCreateInput): Problem {
  const i = ProblemCreateInput.parse(input);
  return db.transaction(() => {
    checkOrigin(db, i.projectId, i.visitId);
    const p = Problem.parse({
      id: randomUUID(),
      projectId: i.projectId,
      visitId: i.visitId,
      category: i.category,
      description: i.description,
      leadUnit: i.leadUnit || null,
      cooperatingUnits: [...new Set(i.cooperatingUnits)],
      deadline: i.deadline,
      handlingLevel: i.handlingLevel,
      status: 'open',
      raisedOn: i.raisedOn ?? shanghaiDate(now),
      resolvedOn: null,
      closedOn: null,
      closingVisitId: null,
      resolution: null,
    });
    checkDeadline(p);
    writeRecord(db, actor, now, { table: 'problems', rowId: p.id, cells: problemToCells(p) });
    return getProblem(db, p.id)!;
  })();
}

/** The editable fields only; status and its dates change through transitions. */
export function updateProblem(db: Database, actor: Actor, now: number, id: string, patch: ProblemPatch): Problem {
  const parsed = ProblemPatch.parse(patch);
  return db.transaction(() => {
    const current = getProblem(db, id);
    if (!current) throw new AppError('not_found', `no problem ${id}`);
    const next = Problem.parse({
      ...current,
      ...parsed,
      ...(parsed.leadUnit !== undefined ? { leadUnit: parsed.leadUnit || null } : {}),
      ...(parsed.cooperatingUnits ? { cooperatingUnits: [...new Set(parsed.cooperatingUnits)] } : {}),
    });
    checkDeadline(next);
    const all = problemToCells(next);
    const cells = Object.fromEntries(Object.entries(all).filter(([col]) => EDITABLE_COLUMNS.has(col)));
    writeRecord(db, actor, now, { table: 'problems', rowId: id, cells });
    return getProblem(db, id)!;
  })();
}

const EDITABLE_COLUMNS = new Set([
  'category',
  'description',
  'lead_unit',
  'cooperating_units',
  'deadline',
  'handling_level',
  'raised_on',
  'resolution',
]);

/** How many photos of each kind are attached to the problem. */
export function problemPhotoCounts(db: Database, problemId: string): Record<PhotoKind, number> {
  const counts: Record<PhotoKind, number> = { progress: 0, problem_evidence: 0, before: 0, after: 0 };
  const rows = stmt(
    db,
    'SELECT kind, count(*) AS n FROM photos WHERE problem_id = ? AND deleted = 0 GROUP BY kind',
  ).all(problemId) as { kind: string; n: number }[];
  for (const r of rows) if (r.kind in counts) counts[r.kind as PhotoKind] = r.n;
  return counts;
}
