import type { Migration } from './types';

/**
 * Issue 7: the figures leaders watch. Organisation-scope records: campaign targets set by
 * coordinators, and month closings (月度关账) whose frozen snapshot is split into parts (a
 * province's snapshot is larger than one sync cell may be); a closing names its snapshot in one
 * cell, so parts of two closings made offline never mix. Plus covering indexes the dashboard's
 * figures read from alone: the year's submitted visits with their money figures, problems by
 * date raised and resolved, and unresolved problems by deadline.
 */
const SQL = `
CREATE TABLE campaign_targets (
  id TEXT PRIMARY KEY,
  campaign TEXT NOT NULL DEFAULT '',
  rate TEXT NOT NULL,
  target_bp INTEGER NOT NULL,
  due_on TEXT,
  levels TEXT NOT NULL DEFAULT '[]',
  set_by TEXT,
  set_by_name TEXT,
  at INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;

CREATE TABLE month_closings (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'closed',
  snapshot TEXT,
  closed_by TEXT,
  closed_by_name TEXT,
  closed_at INTEGER,
  note TEXT,
  reopened_by TEXT,
  reopened_by_name TEXT,
  reopened_at INTEGER,
  reopen_reason TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_month_closings_month ON month_closings (month);

CREATE TABLE month_closing_parts (
  id TEXT PRIMARY KEY,
  closing_id TEXT NOT NULL,
  snapshot_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  data TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_month_closing_parts_snapshot ON month_closing_parts (snapshot_id, part);

CREATE INDEX idx_visits_kpi ON visits (date, project_id, submitted_at, id, completed_investment_this_year, funds_in_place)
  WHERE status = 'submitted' AND deleted = 0;
CREATE INDEX idx_problems_kpi_raised ON problems (raised_on, project_id) WHERE deleted = 0;
CREATE INDEX idx_problems_kpi_resolved ON problems (resolved_on, project_id, raised_on, deadline) WHERE deleted = 0;
-- Led by resolved_on so that "resolved_on IS NULL AND deadline < ?" matches two columns of it.
CREATE INDEX idx_problems_kpi_unresolved ON problems (resolved_on, deadline, raised_on, project_id, status)
  WHERE deleted = 0 AND status IN ('open', 'in_progress');
`;

export const migration010: Migration = {
  version: 10,
  name: 'kpi-closings-targets',
  up(db) {
    db.exec(SQL);
  },
};
