import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { Photo, type PhotoKind } from '../../../shared/domain/photo';
import type { LatLng } from '../../../shared/domain/primitives';
import type { PhotoView } from '../../../shared/channels/photos';
import { AppError } from '../../../shared/errors';
import { photoFlags } from '../../../shared/photo-flags';
import type { CellValue } from '../../../shared/records';
import { bool, jsonCell, num, numOrNull, parseJson, str, strOrNull, stmt, type Row } from './cells';
import { writeRecord, type Actor } from './writer';

/** Photo rows (the bytes live in the content-addressed store, not here). */
export function rowToPhoto(r: Row): Photo {
  return {
    id: str(r['id']),
    sha256: str(r['sha256']),
    projectId: str(r['project_id']),
    visitId: strOrNull(r['visit_id']),
    problemId: strOrNull(r['problem_id']),
    kind: str(r['kind']) as PhotoKind,
    caption: str(r['caption']),
    takenAt: numOrNull(r['taken_at']),
    takenAtSource: str(r['taken_at_source']) as Photo['takenAtSource'],
    position: parseJson<LatLng | null>(r['position'], null),
    width: numOrNull(r['width']),
    height: numOrNull(r['height']),
    mime: str(r['mime']),
    byteSize: num(r['byte_size']),
    originalName: str(r['original_name']),
  };
}

export function photoToCells(p: Omit<Photo, 'id'>): Record<string, CellValue> {
  return {
    sha256: p.sha256,
    project_id: p.projectId,
    visit_id: p.visitId,
    problem_id: p.problemId,
    kind: p.kind,
    caption: p.caption,
    taken_at: p.takenAt,
    taken_at_source: p.takenAtSource,
    position: jsonCell(p.position),
    width: p.width,
    height: p.height,
    mime: p.mime,
    byte_size: p.byteSize,
    original_name: p.originalName,
  };
}

export function getPhoto(db: Database, id: string): Photo | null {
  const r = stmt(db, 'SELECT * FROM photos WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  return r ? rowToPhoto(r) : null;
}

export function listPhotosByProject(db: Database, projectId: string): Photo[] {
  const rows = stmt(db, 'SELECT * FROM photos WHERE project_id = ? AND deleted = 0 ORDER BY taken_at, id').all(
    projectId,
  ) as Row[];
  return rows.map(rowToPhoto);
}

export function listPhotosByVisit(db: Database, visitId: string): Photo[] {
  const rows = stmt(db, 'SELECT * FROM photos WHERE visit_id = ? AND deleted = 0 ORDER BY taken_at, id').all(
    visitId,
  ) as Row[];
  return rows.map(rowToPhoto);
}

export function savePhoto(db: Database, actor: Actor, now: number, photo: Omit<Photo, 'id'> & { id?: string }): Photo {
  const p = Photo.parse({ ...photo, id: photo.id ?? randomUUID() });
  writeRecord(db, actor, now, { table: 'photos', rowId: p.id, cells: photoToCells(p) });
  return getPhoto(db, p.id)!;
}

// ---- Views for the UI: the record with its proof-of-presence flags ----

const VIEW_SELECT = `SELECT ph.*, pr.position AS project_position, v.date AS visit_date
  FROM photos ph JOIN projects pr ON pr.id = ph.project_id LEFT JOIN visits v ON v.id = ph.visit_id`;

export function rowToPhotoView(r: Row): PhotoView {
  const photo = rowToPhoto(r);
  const visitDate = strOrNull(r['visit_date']);
  const projectPosition = parseJson<LatLng | null>(r['project_position'], null);
  return { ...photo, visitDate, flags: photoFlags(photo, projectPosition, visitDate) };
}

export function getPhotoView(db: Database, id: string): PhotoView | null {
  const r = stmt(db, `${VIEW_SELECT} WHERE ph.id = ? AND ph.deleted = 0`).get(id) as Row | undefined;
  return r ? rowToPhotoView(r) : null;
}

export interface PhotoFilter {
  projectId?: string | undefined;
  visitId?: string | undefined;
  problemId?: string | undefined;
}

export function listPhotoViews(db: Database, f: PhotoFilter): PhotoView[] {
  // Only fixed fragments go into the SQL; the values are parameters.
  const where = ['ph.deleted = 0'];
  const params: string[] = [];
  const filters = [
    ['ph.project_id = ?', f.projectId],
    ['ph.visit_id = ?', f.visitId],
    ['ph.problem_id = ?', f.problemId],
  ] as const;
  for (const [sql, value] of filters) {
    if (value === undefined) continue;
    where.push(sql);
    params.push(value);
  }
  const rows = stmt(db, `${VIEW_SELECT} WHERE ${where.join(' AND ')} ORDER BY ph.taken_at, ph.id`).all(
    ...params,
  ) as Row[];
  return rows.map(rowToPhotoView);
}

/** The same bytes already attached to this project and visit (deleted or not). */
export function findPhotoBySha(
  db: Database,
  projectId: string,
  visitId: string | null,
  sha256: string,
): { id: string; deleted: boolean } | null {
  const r = stmt(
    db,
    `SELECT id, deleted FROM photos WHERE sha256 = ? AND project_id = ? AND visit_id IS ?
     ORDER BY deleted, id LIMIT 1`,
  ).get(sha256, projectId, visitId) as Row | undefined;
  return r ? { id: str(r['id']), deleted: bool(r['deleted']) } : null;
}

/** A photo's row whether deleted or not (restore needs the deleted one). */
export function getPhotoRow(db: Database, id: string): { photo: Photo; deleted: boolean } | null {
  const r = stmt(db, 'SELECT * FROM photos WHERE id = ?').get(id) as Row | undefined;
  return r ? { photo: rowToPhoto(r), deleted: bool(r['deleted']) } : null;
}

/** Checks that a project exists and the visit and problem (if any) belong to it. */
export function checkPhotoLinks(
  db: Database,
  projectId: string,
  visitId: string | null,
  problemId: string | null,
): void {
  if (!stmt(db, 'SELECT 1 FROM projects WHERE id = ? AND deleted = 0').get(projectId)) {
    throw new AppError('not_found', `no project ${projectId}`);
  }
  if (
    visitId !== null &&
    !stmt(db, 'SELECT 1 FROM visits WHERE id = ? AND project_id = ? AND deleted = 0').get(visitId, projectId)
  ) {
    throw new AppError('invalid_input', `visit ${visitId} is not a visit of project ${projectId}`);
  }
  if (
    problemId !== null &&
    !stmt(db, 'SELECT 1 FROM problems WHERE id = ? AND project_id = ? AND deleted = 0').get(problemId, projectId)
  ) {
    throw new AppError('invalid_input', `problem ${problemId} is not a problem of project ${projectId}`);
  }
}
