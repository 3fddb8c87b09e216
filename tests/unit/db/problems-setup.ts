import type { Database } from 'better-sqlite3';
import { saveGroup } from '../../../electron/backend/db/directory';
import { projectToCells } from '../../../electron/backend/db/projects';
import { writeRecord } from '../../../electron/backend/db/writer';
import type { ProjectInput } from '../../../shared/domain/project';
import { actor, group, projectInput } from './fixtures';

/*
 * Rows the problem tests stand on, written through the one write path with only the cells
 * these tests read, so other features' schema work does not break them.
 */

export function addProject(db: Database, id: string, over: Partial<ProjectInput> = {}): string {
  writeRecord(db, actor, 1, { table: 'projects', rowId: id, cells: projectToCells(projectInput(over)) });
  return id;
}

export function addGroup(db: Database, id: string, name: string): string {
  saveGroup(db, actor, 1, { ...group(id, name), id });
  return id;
}

export function addVisit(
  db: Database,
  id: string,
  projectId: string,
  date: string,
  status: 'draft' | 'submitted' = 'submitted',
): string {
  writeRecord(db, actor, 1, {
    table: 'visits',
    rowId: id,
    cells: { project_id: projectId, date, kind: 'monthly', status, participants: '[]', findings: '' },
  });
  return id;
}

export function addPhoto(
  db: Database,
  id: string,
  projectId: string,
  kind: 'progress' | 'problem_evidence' | 'before' | 'after',
  link: { visitId?: string; problemId?: string },
): string {
  writeRecord(db, actor, 1, {
    table: 'photos',
    rowId: id,
    cells: {
      sha256: id
        .padEnd(64, '0')
        .replace(/[^0-9a-f]/g, 'a')
        .slice(0, 64),
      project_id: projectId,
      visit_id: link.visitId ?? null,
      problem_id: link.problemId ?? null,
      kind,
      caption: '',
      taken_at_source: 'file',
      mime: 'image/jpeg',
      byte_size: 1,
      original_name: `${id}.jpg`,
    },
  });
  return id;
}

/** 10:00 on a date in Asia/Shanghai, as epoch ms. */
export function shanghaiMorning(date: string): number {
  return Date.parse(`${date}T02:00:00Z`);
}
