import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { LatLng } from '../../../shared/domain/primitives';
import type { ProjectStage } from '../../../shared/domain/project';
import { Visit, type VisitKind, type VisitStatus } from '../../../shared/domain/visit';
import type { CellValue } from '../../../shared/records';
import { bool, jsonCell, numOrNull, parseJson, str, strOrNull, stmt, type Row } from './cells';
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
