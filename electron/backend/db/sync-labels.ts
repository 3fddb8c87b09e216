import type { Database } from 'better-sqlite3';
import type { RecordTable } from '../../../shared/records';
import { stmt, strOrNull, type Row } from './cells';

/** The column that names a record to a person, per table (whitelisted identifiers). */
const LABEL_SQL: { readonly [T in RecordTable]: string } = {
  projects: 'SELECT name AS label FROM projects WHERE id = ?',
  procedures: 'SELECT kind AS label FROM procedures WHERE id = ?',
  resumptions: 'SELECT CAST(year AS TEXT) AS label FROM resumptions WHERE id = ?',
  visits: "SELECT date || ' ' || kind AS label FROM visits WHERE id = ?",
  problems: 'SELECT description AS label FROM problems WHERE id = ?',
  progress_notes: 'SELECT text AS label FROM progress_notes WHERE id = ?',
  photos: "SELECT coalesce(nullif(caption, ''), original_name) AS label FROM photos WHERE id = ?",
  service_groups: 'SELECT name AS label FROM service_groups WHERE id = ?',
  units: 'SELECT name AS label FROM units WHERE id = ?',
  conflicts: "SELECT tbl || '.' || col AS label FROM conflicts WHERE id = ?",
  visit_plans: "SELECT month || ' ' || coalesce(planned_on, '') AS label FROM visit_plans WHERE id = ?",
  escalations: "SELECT from_level || ' → ' || to_level AS label FROM escalations WHERE id = ?",
  meetings: "SELECT date || ' ' || title AS label FROM meetings WHERE id = ?",
  meeting_decisions: 'SELECT remarks AS label FROM meeting_decisions WHERE id = ?',
  campaign_targets:
    "SELECT CASE WHEN campaign = '' THEN rate ELSE campaign || ' ' || rate END AS label FROM campaign_targets WHERE id = ?",
  month_closings: "SELECT month || ' ' || status AS label FROM month_closings WHERE id = ?",
  month_closing_parts: "SELECT closing_id || ' #' || CAST(part AS TEXT) AS label FROM month_closing_parts WHERE id = ?",
};

const MAX_LABEL = 80;

/** A human label of a record (project name, problem description …), or null when unknown here. */
export function recordLabel(db: Database, table: RecordTable, rowId: string): string | null {
  const r = stmt(db, LABEL_SQL[table]).get(rowId) as Row | undefined;
  const label = strOrNull(r?.['label']);
  if (label === null) return null;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

export function projectName(db: Database, projectId: string): string | null {
  const r = stmt(db, 'SELECT name FROM projects WHERE id = ?').get(projectId) as { name: string } | undefined;
  return r?.name ?? null;
}
