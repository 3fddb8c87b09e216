import type { Database } from 'better-sqlite3';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import { stmt } from './cells';
import { projectName } from './sync-labels';
import { dropCursor } from './sync-state';
import { setAsideScope } from './sync-outbox';

/** A project's rows, children before parents (foreign keys); each selects by the scope. */
const SCOPE_ROWS: readonly { table: string; where: string }[] = [
  { table: 'escalations', where: 'project_id = ?' },
  { table: 'visit_plans', where: 'project_id = ?' },
  { table: 'progress_notes', where: 'project_id = ?' },
  { table: 'photos', where: 'project_id = ?' },
  { table: 'problems', where: 'project_id = ?' },
  { table: 'visits', where: 'project_id = ?' },
  { table: 'procedures', where: 'project_id = ?' },
  { table: 'resumptions', where: 'project_id = ?' },
  { table: 'conflicts', where: 'scope = ?' },
  { table: 'projects', where: 'id = ?' },
];

/**
 * The user may no longer see this project: its pending changes are set aside (never
 * dropped) and its rows leave this device. Returns the project's name for the notice.
 */
export function removeScope(db: Database, scope: string, now: number): { name: string; setAside: number } {
  const name = projectName(db, scope) ?? scope;
  if (scope === ORG_SCOPE) return { name, setAside: 0 };
  const setAside = setAsideScope(db, scope, `access to ${name} was removed`, now);
  stmt(db, 'DELETE FROM search_fts WHERE rowid IN (SELECT docid FROM search_docs WHERE project_id = ?)').run(scope);
  stmt(db, 'DELETE FROM search_docs WHERE project_id = ?').run(scope);
  for (const { table, where } of SCOPE_ROWS) {
    const ids = `SELECT id FROM ${table} WHERE ${where}`;
    stmt(db, `DELETE FROM cell_versions WHERE tbl = '${table}' AND row_id IN (${ids})`).run(scope);
    stmt(db, `DELETE FROM change_log WHERE tbl = '${table}' AND row_id IN (${ids})`).run(scope);
    stmt(db, `DELETE FROM ${table} WHERE ${where}`).run(scope);
  }
  stmt(db, 'DELETE FROM parked_rows WHERE scope = ?').run(scope);
  dropCursor(db, scope);
  return { name, setAside };
}
