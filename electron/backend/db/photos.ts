import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { Photo, type PhotoKind } from '../../../shared/domain/photo';
import type { LatLng } from '../../../shared/domain/primitives';
import type { CellValue } from '../../../shared/records';
import { jsonCell, num, numOrNull, parseJson, str, strOrNull, stmt, type Row } from './cells';
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
