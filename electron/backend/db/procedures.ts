import type { Database } from 'better-sqlite3';
import type { Procedure, ProcedureKind, ProcedureStatus, Resumption } from '../../../shared/domain/project';
import type { CellValue } from '../../../shared/records';
import { num, str, strOrNull, stmt, type Row } from './cells';

/** Mappers and reads for a project's checklist (前期手续) and spring resumptions (复工). */
export function rowToProcedure(r: Row): Procedure {
  return {
    id: str(r['id']),
    projectId: str(r['project_id']),
    kind: str(r['kind']) as ProcedureKind,
    status: str(r['status']) as ProcedureStatus,
    doneOn: strOrNull(r['done_on']),
    note: strOrNull(r['note']),
  };
}

export function procedureToCells(p: Omit<Procedure, 'id'>): Record<string, CellValue> {
  return { project_id: p.projectId, kind: p.kind, status: p.status, done_on: p.doneOn, note: p.note };
}

export function rowToResumption(r: Row): Resumption {
  return {
    id: str(r['id']),
    projectId: str(r['project_id']),
    year: num(r['year']),
    resumedOn: strOrNull(r['resumed_on']),
    plannedOn: strOrNull(r['planned_on']),
  };
}

export function resumptionToCells(r: Omit<Resumption, 'id'>): Record<string, CellValue> {
  return { project_id: r.projectId, year: r.year, resumed_on: r.resumedOn, planned_on: r.plannedOn };
}

export function listProcedures(db: Database, projectId: string): Procedure[] {
  const rows = stmt(db, 'SELECT * FROM procedures WHERE project_id = ? AND deleted = 0 ORDER BY kind, id').all(
    projectId,
  ) as Row[];
  return rows.map(rowToProcedure);
}

export function listResumptions(db: Database, projectId: string): Resumption[] {
  const rows = stmt(db, 'SELECT * FROM resumptions WHERE project_id = ? AND deleted = 0 ORDER BY year DESC').all(
    projectId,
  ) as Row[];
  return rows.map(rowToResumption);
}
