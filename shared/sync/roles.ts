import { z } from 'zod';
import type { RecordTable } from '../records';

/** Who a signed-in person is to the server (ARCHITECTURE.md, "Auth"). */
export const Role = z.enum(['inspector', 'group_leader', 'coordinator', 'admin']);
export type Role = z.infer<typeof Role>;

/** The organisation scope: units, campaign targets, month closings, meeting agendas. */
export const ORG_SCOPE = 'org';

/** Roles that see every project and write the organisation scope. */
export function seesAllProjects(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

/** What a visit records: group members write these in the projects their groups serve. */
const FIELD_TABLES: ReadonlySet<RecordTable> = new Set([
  'visits',
  'problems',
  'progress_notes',
  'photos',
  'procedures',
  'resumptions',
  // Issue 6: members plan their visits and escalate their projects' problems.
  'visit_plans',
  'escalations',
]);

/** Columns only the server writes (from its accounts, groups and assignments). */
const SERVER_ONLY: ReadonlySet<string> = new Set(['projects.group_id']);

/** The columns of a conflict any member of its scope may write: the resolution. */
export const CONFLICT_RESOLUTION_COLUMNS: ReadonlySet<string> = new Set(['resolution', 'resolved_by', 'resolved_at']);

export interface WriteTarget {
  /** `org` or a project id. */
  scope: string;
  table: RecordTable;
  column: string;
}

/**
 * May this role write this cell, given the user may see its scope? The server
 * checks every op with this; the desktop uses it to hide what the user cannot do.
 */
export function mayWrite(role: Role, target: WriteTarget): boolean {
  const { scope, table, column } = target;
  if (SERVER_ONLY.has(`${table}.${column}`)) return false;
  if (table === 'service_groups') return false;
  if (table === 'conflicts') return CONFLICT_RESOLUTION_COLUMNS.has(column);
  if (scope === ORG_SCOPE) return seesAllProjects(role);
  if (table === 'projects') return seesAllProjects(role);
  if (FIELD_TABLES.has(table)) return true;
  return seesAllProjects(role);
}
