import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { shanghaiDate } from '../../../shared/calendar';
import {
  VisitDraftInput,
  type VisitDraftItem,
  type VisitPrefill,
  type VisitProjectSummary,
  type VisitView,
} from '../../../shared/channels/visits';
import type { LatLng } from '../../../shared/domain/primitives';
import type { ProjectStage } from '../../../shared/domain/project';
import { Visit, type VisitKind, type VisitStatus } from '../../../shared/domain/visit';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { checkFigures, MONEY_FIGURES, NO_PREVIOUS_FIGURES, type PreviousFigures } from '../../../shared/figures';
import type { CellValue } from '../../../shared/records';
import { visitRuleIssues } from '../../../shared/visit-rules';
import { bool, jsonCell, num, numOrNull, parseJson, str, strOrNull, stmt, type Row } from './cells';
import { rowToGroup } from './directory';
import { writeRecord, type Actor } from './writer';

/** Visits (走访); the progress figures are flattened into columns of the visit row. */
export function rowToVisit(r: Row): Visit {
  return {
    id: str(r['id']),
    projectId: str(r['project_id']),
    groupId: strOrNull(r['group_id']),
    date: str(r['date']),
    kind: str(r['kind']) as VisitKind,
    participants: parseJson<string[]>(r['participants'], []),
    findings: str(r['findings']),
    status: str(r['status']) as VisitStatus,
    isCorrection: bool(r['is_correction']),
    location: strOrNull(r['location']),
    position: parseJson<LatLng | null>(r['position'], null),
    submittedAt: numOrNull(r['submitted_at']),
    figures: {
      completedInvestmentThisYear: numOrNull(r['completed_investment_this_year']),
      fundsInPlace: numOrNull(r['funds_in_place']),
      cumulativeInvestment: numOrNull(r['cumulative_investment']),
      stage: strOrNull(r['figure_stage']) as ProjectStage | null,
      workersOnSite: numOrNull(r['workers_on_site']),
      visibleProgress: strOrNull(r['visible_progress']),
    },
  };
}

export function visitToCells(v: Omit<Visit, 'id'>): Record<string, CellValue> {
  return {
    project_id: v.projectId,
    group_id: v.groupId,
    date: v.date,
    kind: v.kind,
    participants: jsonCell(v.participants),
    findings: v.findings,
    status: v.status,
    is_correction: v.isCorrection,
    location: v.location,
    position: jsonCell(v.position),
    submitted_at: v.submittedAt,
    completed_investment_this_year: v.figures.completedInvestmentThisYear,
    funds_in_place: v.figures.fundsInPlace,
    cumulative_investment: v.figures.cumulativeInvestment,
    figure_stage: v.figures.stage,
    workers_on_site: v.figures.workersOnSite,
    visible_progress: v.figures.visibleProgress,
  };
}

export function getVisit(db: Database, id: string): Visit | null {
  const r = stmt(db, 'SELECT * FROM visits WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToVisit(r) : null;
}

export const VISITS_BY_PROJECT_SQL =
  'SELECT * FROM visits WHERE project_id = ? AND deleted = 0 ORDER BY date DESC, id DESC';

/** Newest first. */
export function listVisitsByProject(db: Database, projectId: string): Visit[] {
  const rows = stmt(db, VISITS_BY_PROJECT_SQL).all(projectId) as Row[];
  return rows.map(rowToVisit);
}

/** Creates (no id) or updates a visit through the write path; unchanged cells are not logged. */
export function saveVisit(db: Database, actor: Actor, now: number, visit: Omit<Visit, 'id'> & { id?: string }): Visit {
  const v = Visit.parse({ ...visit, id: visit.id ?? randomUUID() });
  writeRecord(db, actor, now, { table: 'visits', rowId: v.id, cells: visitToCells(v) });
  return getVisit(db, v.id)!;
}

/* ---- Visit capture: drafts, submit, reopen (issue 3) ---- */

const SUMMARY_SQL = `SELECT id, code, name, district, stage, group_id, location, total_investment,
  annual_planned_investment FROM projects WHERE id = ? AND deleted = 0`;

export function getProjectSummary(db: Database, id: string): VisitProjectSummary | null {
  const r = stmt(db, SUMMARY_SQL).get(id) as Row | undefined;
  if (!r) return null;
  return {
    id: str(r['id']),
    code: str(r['code']),
    name: str(r['name']),
    district: str(r['district']),
    stage: str(r['stage']) as ProjectStage,
    groupId: strOrNull(r['group_id']),
    location: strOrNull(r['location']),
    totalInvestment: num(r['total_investment']),
    annualPlannedInvestment: num(r['annual_planned_investment']),
  };
}

// Submitted visits before a point, newest first: same order as the monthly figures (date, submission, id).
const SUBMITTED_BEFORE_SQL = `SELECT * FROM visits WHERE project_id = ? AND status = 'submitted' AND deleted = 0
  AND id <> ? AND (date < ? OR (date = ? AND COALESCE(submitted_at, 0) < ?))
  ORDER BY date DESC, submitted_at DESC, id DESC LIMIT ?`;
// Far enough back to find each figure: a visit that left one blank is skipped for that figure only.
const PREVIOUS_SCAN = 24;

/**
 * The last known value of each money figure before a visit: a visit on the same date counts as
 * earlier when it was submitted before this one (a draft is "submitted" now, after all of them).
 */
export function previousSubmitted(
  db: Database,
  projectId: string,
  before: { id: string; date: string; submittedAt: number | null },
): { previous: PreviousFigures; last: Visit | null } {
  const rows = stmt(db, SUBMITTED_BEFORE_SQL).all(
    projectId,
    before.id,
    before.date,
    before.date,
    before.submittedAt ?? Number.MAX_SAFE_INTEGER,
    PREVIOUS_SCAN,
  ) as Row[];
  const visits = rows.map(rowToVisit);
  const previous: PreviousFigures = { ...NO_PREVIOUS_FIGURES };
  for (const field of MONEY_FIGURES) {
    const v = visits.find((x) => x.figures[field] !== null);
    previous[field] = v ? { value: v.figures[field]!, date: v.date, visitId: v.id } : null;
  }
  return { previous, last: visits[0] ?? null };
}

const LAST_SAVED_SQL = "SELECT MAX(at) AS at FROM change_log WHERE tbl = 'visits' AND row_id = ?";

export function getVisitView(db: Database, id: string): VisitView {
  const r = stmt(db, 'SELECT * FROM visits WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `no visit ${id}`);
  const visit = rowToVisit(r);
  const project = getProjectSummary(db, visit.projectId);
  if (!project) throw new AppError('not_found', `no project ${visit.projectId}`);
  const groupId = visit.groupId ?? project.groupId;
  const group = groupId
    ? (stmt(db, 'SELECT name FROM service_groups WHERE id = ?').get(groupId) as Row | undefined)
    : undefined;
  const saved = stmt(db, LAST_SAVED_SQL).get(id) as Row | undefined;
  return {
    visit,
    project,
    groupName: group ? str(group['name']) : null,
    previous: previousSubmitted(db, visit.projectId, visit).previous,
    correctionReason: strOrNull(r['correction_reason']),
    lastSavedAt: numOrNull(saved?.['at']),
  };
}

/** Creates or updates a draft through the write path; a submitted visit must be reopened first. */
export function saveDraft(db: Database, actor: Actor, now: number, input: VisitDraftInput): Visit {
  const draft = VisitDraftInput.parse(input);
  return db.transaction(() => {
    const existing = draft.id ? getVisit(db, draft.id) : null;
    if (existing && existing.status !== 'draft') {
      throw new AppError('conflict', 'the visit is submitted: reopen it for correction before editing');
    }
    if (existing && existing.projectId !== draft.projectId) {
      throw new AppError('invalid_input', 'a visit cannot move to another project');
    }
    if (!getProjectSummary(db, draft.projectId)) throw new AppError('not_found', `no project ${draft.projectId}`);
    return saveVisit(db, actor, now, { ...draft, status: 'draft', submittedAt: null });
  })();
}

/** Every reason a visit cannot be submitted, as field issues the form can show. */
export function submitIssues(db: Database, visit: Visit, today: string): FieldIssue[] {
  const parsed = Visit.safeParse(visit);
  const schemaIssues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
      }));
  const ruleIssues = visitRuleIssues(visit, today).map((i) => ({ path: i.path, message: i.code }));
  const project = getProjectSummary(db, visit.projectId);
  const { previous } = previousSubmitted(db, visit.projectId, { ...visit, submittedAt: null });
  const figureIssues = checkFigures(visit, previous, project?.totalInvestment ?? Number.MAX_SAFE_INTEGER)
    .filter((i) => i.blocking)
    .map((i) => ({ path: ['figures', i.field], message: i.code }));
  return [...schemaIssues, ...ruleIssues, ...figureIssues];
}

/** Submits a draft: refused with every field issue, or stamped 'submitted' now. Submitting twice is harmless. */
export function submitVisit(db: Database, actor: Actor, now: number, id: string): Visit {
  return db.transaction(() => {
    const visit = getVisit(db, id);
    if (!visit) throw new AppError('not_found', `no visit ${id}`);
    if (visit.status === 'submitted') return visit;
    const issues = submitIssues(db, visit, shanghaiDate(now));
    if (issues.length > 0) {
      const first = issues[0]!;
      throw new AppError(
        'invalid_input',
        `the visit cannot be submitted: ${first.path.join('.')} ${first.message}` +
          (issues.length > 1 ? ` (+${issues.length - 1} more)` : ''),
        issues,
      );
    }
    writeRecord(db, actor, now, { table: 'visits', rowId: id, cells: { status: 'submitted', submitted_at: now } });
    return getVisit(db, id)!;
  })();
}

/**
 * A submitted visit back to draft for correction. It stops counting until submitted again; the
 * change log records who reopened it and when, the reason is kept on the row.
 */
export function reopenVisit(db: Database, actor: Actor, now: number, id: string, reason: string): Visit {
  return db.transaction(() => {
    const visit = getVisit(db, id);
    if (!visit) throw new AppError('not_found', `no visit ${id}`);
    if (visit.status !== 'submitted') throw new AppError('conflict', 'only a submitted visit can be reopened');
    writeRecord(db, actor, now, {
      table: 'visits',
      rowId: id,
      cells: { status: 'draft', submitted_at: null, correction_reason: reason.trim() },
    });
    return getVisit(db, id)!;
  })();
}

// Drafts this user wrote to (the change log names the author), newest edit first. Drafts are few:
// the partial index finds them, then each one's log entries, never a scan of the whole log.
export const DRAFTS_SQL = `SELECT v.id, v.project_id, v.date, v.kind, p.name AS project_name,
    (SELECT MAX(c.at) FROM change_log c WHERE c.tbl = 'visits' AND c.row_id = v.id AND c.author_id = ?) AS updated_at
  FROM visits v JOIN projects p ON p.id = v.project_id
  WHERE v.status = 'draft' AND v.deleted = 0 AND updated_at IS NOT NULL
  ORDER BY updated_at DESC, v.id`;

export function listDrafts(db: Database, userId: string): VisitDraftItem[] {
  return (stmt(db, DRAFTS_SQL).all(userId) as Row[]).map((r) => ({
    id: str(r['id']),
    projectId: str(r['project_id']),
    projectName: str(r['project_name']),
    date: str(r['date']),
    kind: str(r['kind']) as VisitKind,
    updatedAt: num(r['updated_at']),
  }));
}

/** Everything a new visit starts from: group and members, last submitted figures, today's date. */
export function prefillVisit(db: Database, projectId: string, now: number): VisitPrefill {
  const project = getProjectSummary(db, projectId);
  if (!project) throw new AppError('not_found', `no project ${projectId}`);
  const groupRow = project.groupId
    ? (stmt(db, 'SELECT * FROM service_groups WHERE id = ? AND deleted = 0').get(project.groupId) as Row | undefined)
    : undefined;
  const group = groupRow ? rowToGroup(groupRow) : null;
  const names = group ? [group.leader, group.chiefOfficer, ...group.members.map((m) => m.name)] : [];
  const participants = [...new Set(names.filter((n): n is string => !!n && n.trim() !== ''))];
  const date = shanghaiDate(now);
  const { previous, last } = previousSubmitted(db, projectId, { id: '', date, submittedAt: null });
  return {
    project,
    group,
    participants,
    date,
    previous,
    lastFigures: last?.figures ?? null,
    lastVisitDate: last?.date ?? null,
  };
}
