import type { Migration } from './types';

/**
 * The first schema. Record tables carry `deleted` (soft delete, so a deletion
 * syncs as a cell) and `row_hlc` (the version of every cell that has no
 * `cell_versions` entry: snapshot rows stay one row each).
 */
const SQL = `
CREATE TABLE local_user (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('local', 'account'))
) STRICT;

CREATE TABLE clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hlc TEXT NOT NULL
) STRICT;

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  district TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;

CREATE TABLE service_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  leader TEXT,
  chief_officer TEXT,
  chief_officer_phone TEXT,
  members TEXT NOT NULL DEFAULT '[]',
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  district TEXT NOT NULL,
  industry TEXT NOT NULL,
  owner_company TEXT,
  responsible_unit TEXT,
  leader_in_charge TEXT,
  chief_officer TEXT,
  chief_officer_phone TEXT,
  group_id TEXT,
  total_investment INTEGER NOT NULL CHECK (total_investment >= 0),
  annual_planned_investment INTEGER NOT NULL CHECK (annual_planned_investment >= 0),
  stage TEXT NOT NULL,
  is_new INTEGER NOT NULL CHECK (is_new IN (0, 1)),
  planned_start TEXT,
  actual_start TEXT,
  planned_completion TEXT,
  actual_completion TEXT,
  planned_production TEXT,
  actual_production TEXT,
  location TEXT,
  position TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_projects_code ON projects (code);
CREATE INDEX idx_projects_district ON projects (district, code);
CREATE INDEX idx_projects_level ON projects (level, code);
CREATE INDEX idx_projects_stage ON projects (stage, code);
CREATE INDEX idx_projects_group ON projects (group_id, code);
CREATE INDEX idx_projects_industry ON projects (industry, code);

CREATE TABLE procedures (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  done_on TEXT,
  note TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_procedures_project ON procedures (project_id);

CREATE TABLE resumptions (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  year INTEGER NOT NULL,
  resumed_on TEXT,
  planned_on TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_resumptions_project ON resumptions (project_id, year);

CREATE TABLE visits (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  group_id TEXT,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  participants TEXT NOT NULL DEFAULT '[]',
  findings TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  is_correction INTEGER NOT NULL DEFAULT 0 CHECK (is_correction IN (0, 1)),
  location TEXT,
  position TEXT,
  submitted_at INTEGER,
  completed_investment_this_year INTEGER,
  funds_in_place INTEGER,
  cumulative_investment INTEGER,
  figure_stage TEXT,
  workers_on_site INTEGER,
  visible_progress TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_visits_project_date ON visits (project_id, date, id);
CREATE INDEX idx_visits_date ON visits (date);

CREATE TABLE problems (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  visit_id TEXT,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  lead_unit TEXT,
  cooperating_units TEXT NOT NULL DEFAULT '[]',
  deadline TEXT,
  handling_level TEXT NOT NULL,
  status TEXT NOT NULL,
  raised_on TEXT NOT NULL,
  resolved_on TEXT,
  closed_on TEXT,
  closing_visit_id TEXT,
  resolution TEXT,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_problems_project ON problems (project_id, status);
CREATE INDEX idx_problems_status ON problems (status, deadline);
CREATE INDEX idx_problems_deadline ON problems (deadline);
CREATE INDEX idx_problems_visit ON problems (visit_id);

CREATE TABLE progress_notes (
  id TEXT PRIMARY KEY,
  problem_id TEXT NOT NULL REFERENCES problems (id),
  project_id TEXT NOT NULL REFERENCES projects (id),
  text TEXT NOT NULL,
  author_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  at INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_progress_notes_problem ON progress_notes (problem_id, at);
CREATE INDEX idx_progress_notes_project ON progress_notes (project_id);

CREATE TABLE photos (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id),
  visit_id TEXT,
  problem_id TEXT,
  kind TEXT NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  taken_at INTEGER,
  taken_at_source TEXT NOT NULL,
  position TEXT,
  width INTEGER,
  height INTEGER,
  mime TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  original_name TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_photos_project ON photos (project_id, taken_at);
CREATE INDEX idx_photos_visit ON photos (visit_id);
CREATE INDEX idx_photos_problem ON photos (problem_id);
CREATE INDEX idx_photos_sha256 ON photos (sha256);

CREATE TABLE cell_versions (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT, WITHOUT ROWID;

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  hlc TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  author_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_change_log_record ON change_log (tbl, row_id, seq);

CREATE TABLE outbox (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  scope TEXT NOT NULL,
  value TEXT NOT NULL,
  hlc TEXT NOT NULL,
  base_hlc TEXT,
  op_id TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_outbox_scope ON outbox (scope, hlc);

CREATE TABLE search_docs (
  docid INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('project', 'problem')),
  ref_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  UNIQUE (kind, ref_id)
) STRICT;

CREATE VIRTUAL TABLE search_fts USING fts5(
  k, bi,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
-- A bigger in-memory hash means fewer segment flushes and merges on bulk import.
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 16777216);
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};
