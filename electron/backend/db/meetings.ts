import { createHash, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { MeetingDecideInput, MeetingSaveInput } from '../../../shared/channels/plan';
import {
  Meeting,
  MeetingDecision,
  type AgendaItem,
  type MeetingAgenda,
  type MeetingStatus,
} from '../../../shared/domain/plan';
import { AppError } from '../../../shared/errors';
import { JOINT_MEETING_LEVEL } from '../../../shared/escalation';
import type { CellValue } from '../../../shared/records';
import { num, str, strOrNull, stmt, type Row } from './cells';
import { getProblem } from './problems';
import { PROBLEM_REF_SELECT, rowToProblemRef, sortByDistrict } from './problem-refs';
import { writeRecord, writeRecords, type Actor, type RecordChange } from './writer';

/*
 * 联审会办会: meetings, their agenda (the problems at 市级会办 not yet closed) and the decisions
 * taken on each problem. Meetings and decisions live in the organisation scope; a decision also
 * sets its problem's lead unit and deadline, so overdue counts follow the meeting's word.
 */

function rowToMeeting(r: Row): Meeting {
  return {
    id: str(r['id']),
    date: str(r['date']),
    title: str(r['title']),
    status: str(r['status']) as MeetingStatus,
  };
}

function rowToDecision(r: Row): MeetingDecision {
  return {
    id: str(r['id']),
    meetingId: str(r['meeting_id']),
    problemId: str(r['problem_id']),
    projectId: str(r['project_id']),
    responsibleUnit: strOrNull(r['responsible_unit']),
    newDeadline: strOrNull(r['new_deadline']),
    remarks: str(r['remarks']),
    decidedBy: str(r['decided_by']),
    decidedByName: str(r['decided_by_name']),
    at: num(r['at']),
  };
}

export function getMeeting(db: Database, id: string): Meeting | null {
  const r = stmt(db, 'SELECT * FROM meetings WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToMeeting(r) : null;
}

/** Newest date first. */
export function listMeetings(db: Database): Meeting[] {
  return (stmt(db, 'SELECT * FROM meetings WHERE deleted = 0 ORDER BY date DESC, id').all() as Row[]).map(rowToMeeting);
}

export function saveMeeting(db: Database, actor: Actor, now: number, input: MeetingSaveInput): Meeting {
  const id = input.id ?? randomUUID();
  if (input.id && !getMeeting(db, input.id)) throw new AppError('not_found', `no meeting ${input.id}`);
  const m = Meeting.parse({ id, date: input.date, title: input.title, status: input.status ?? 'planned' });
  writeRecord(db, actor, now, {
    table: 'meetings',
    rowId: m.id,
    cells: { date: m.date, title: m.title, status: m.status, deleted: false },
  });
  return getMeeting(db, m.id)!;
}

/** One decision per meeting and problem, the same id on every device. */
export function decisionId(meetingId: string, problemId: string): string {
  return `md-${createHash('sha256').update(`${meetingId}|${problemId}`).digest('hex').slice(0, 40)}`;
}

function decisionsOfMeeting(db: Database, meetingId: string): Map<string, MeetingDecision> {
  const rows = stmt(db, 'SELECT * FROM meeting_decisions WHERE meeting_id = ? AND deleted = 0').all(meetingId) as Row[];
  return new Map(rows.map((r) => [str(r['problem_id']), rowToDecision(r)]));
}

/** The decisions joint meetings took on a problem, oldest meeting first. */
export function decisionsOfProblem(db: Database, problemId: string): MeetingDecision[] {
  const rows = stmt(
    db,
    `SELECT d.* FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id AND m.deleted = 0
      WHERE d.problem_id = ? AND d.deleted = 0 ORDER BY m.date, d.at`,
  ).all(problemId) as Row[];
  return rows.map(rowToDecision);
}

/** The latest escalation to 市级会办 of each problem at that level: when and why it came. */
function arrivals(db: Database): Map<string, { at: number; reason: string }> {
  const rows = stmt(
    db,
    `SELECT e.problem_id, max(e.at) AS at, e.reason FROM escalations e
       JOIN problems pr ON pr.id = e.problem_id AND pr.handling_level = ? AND pr.deleted = 0
      WHERE e.to_level = ? AND e.deleted = 0 GROUP BY e.problem_id`,
  ).all(JOINT_MEETING_LEVEL, JOINT_MEETING_LEVEL) as Row[];
  return new Map(rows.map((r) => [str(r['problem_id']), { at: num(r['at']), reason: str(r['reason']) }]));
}

/** Problems at 市级会办 not closed, plus those this meeting decided on, by district and project. */
export function meetingAgenda(db: Database, meetingId: string): MeetingAgenda {
  const meeting = getMeeting(db, meetingId);
  if (!meeting) throw new AppError('not_found', `no meeting ${meetingId}`);
  const decisions = decisionsOfMeeting(db, meetingId);
  const decided = [...decisions.keys()];
  const rows = stmt(
    db,
    `${PROBLEM_REF_SELECT}
      WHERE pr.deleted = 0 AND ((pr.handling_level = ? AND pr.status != 'closed')
        OR pr.id IN (SELECT value FROM json_each(?)))
      ORDER BY p.code, pr.raised_on, pr.id`,
  ).all(JOINT_MEETING_LEVEL, JSON.stringify(decided)) as Row[];
  const came = arrivals(db);
  const items: AgendaItem[] = rows.map((r) => {
    const ref = rowToProblemRef(r);
    const arrival = came.get(ref.problemId) ?? null;
    return {
      ...ref,
      decision: decisions.get(ref.problemId) ?? null,
      escalatedAt: arrival?.at ?? null,
      escalationReason: arrival?.reason ?? null,
    };
  });
  return { meeting, items: sortByDistrict(items) };
}

/**
 * Records (or replaces) the meeting's decision on a problem of its agenda, sets the problem's
 * lead unit and deadline when the decision names them, and marks the meeting held.
 */
export function decide(db: Database, actor: Actor, now: number, input: MeetingDecideInput): MeetingDecision {
  return db.transaction(() => {
    const meeting = getMeeting(db, input.meetingId);
    if (!meeting) throw new AppError('not_found', `no meeting ${input.meetingId}`);
    const problem = getProblem(db, input.problemId);
    if (!problem) throw new AppError('not_found', `no problem ${input.problemId}`);
    const id = decisionId(meeting.id, problem.id);
    const already = stmt(db, 'SELECT 1 FROM meeting_decisions WHERE id = ? AND deleted = 0').get(id) !== undefined;
    if (!already && (problem.handlingLevel !== JOINT_MEETING_LEVEL || problem.status === 'closed')) {
      throw new AppError('invalid_input', 'the problem is not on the joint meeting agenda (市级会办, not closed)');
    }
    const responsibleUnit = input.responsibleUnit?.trim() ? input.responsibleUnit.trim() : null;
    const newDeadline = input.newDeadline ?? null;
    if (newDeadline !== null && newDeadline < problem.raisedOn) {
      throw new AppError('invalid_input', 'the new deadline is before the date the problem was raised', [
        { path: ['newDeadline'], message: 'before the date raised' },
      ]);
    }
    const d = MeetingDecision.parse({
      id,
      meetingId: meeting.id,
      problemId: problem.id,
      projectId: problem.projectId,
      responsibleUnit,
      newDeadline,
      remarks: input.remarks ?? '',
      decidedBy: actor.userId,
      decidedByName: actor.userName,
      at: now,
    });
    const problemCells: Record<string, CellValue> = {};
    if (d.responsibleUnit !== null) problemCells['lead_unit'] = d.responsibleUnit;
    if (d.newDeadline !== null) problemCells['deadline'] = d.newDeadline;
    const changes: RecordChange[] = [
      {
        table: 'meeting_decisions',
        rowId: d.id,
        cells: {
          meeting_id: d.meetingId,
          problem_id: d.problemId,
          project_id: d.projectId,
          responsible_unit: d.responsibleUnit,
          new_deadline: d.newDeadline,
          remarks: d.remarks,
          decided_by: d.decidedBy,
          decided_by_name: d.decidedByName,
          at: d.at,
          deleted: false,
        },
      },
      { table: 'meetings', rowId: meeting.id, cells: { status: 'held' } },
    ];
    if (Object.keys(problemCells).length > 0) {
      changes.push({ table: 'problems', rowId: problem.id, cells: problemCells });
    }
    writeRecords(db, actor, now, changes);
    return rowToDecision(stmt(db, 'SELECT * FROM meeting_decisions WHERE id = ?').get(id) as Row);
  })();
}
