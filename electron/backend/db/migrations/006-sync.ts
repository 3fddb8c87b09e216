import type { Migration } from './types';

/**
 * Sync with the central server. `conflicts` is a record table like the others: the
 * server writes its rows, members of the scope write the resolution, and both travel
 * through the ordinary push and pull. The other tables are the device's own bookkeeping.
 */
const SQL = `
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  kind TEXT NOT NULL,
  kept_value TEXT,
  kept_hlc TEXT,
  kept_by TEXT,
  kept_device TEXT,
  other_value TEXT,
  other_hlc TEXT,
  other_by TEXT,
  other_device TEXT,
  resolution TEXT,
  resolved_by TEXT,
  resolved_at INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_conflicts_open ON conflicts (resolution, scope) WHERE deleted = 0;
CREATE INDEX idx_conflicts_record ON conflicts (tbl, row_id);

ALTER TABLE local_user ADD COLUMN role TEXT CHECK (role IN ('inspector', 'group_leader', 'coordinator', 'admin'));
ALTER TABLE local_user ADD COLUMN login TEXT;

-- The signed-in session; the token stays here until issue 8 encrypts it.
CREATE TABLE sync_session (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  user_id TEXT NOT NULL,
  login TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token TEXT NOT NULL,
  signed_in_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;

-- Per scope (a project id or 'org'): the last server sequence number applied here.
CREATE TABLE sync_cursors (
  scope TEXT PRIMARY KEY,
  seq INTEGER NOT NULL CHECK (seq >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT,
  last_sync_at INTEGER,
  last_error_code TEXT,
  last_error_message TEXT,
  notice_code TEXT,
  notice_message TEXT,
  clock_offset INTEGER NOT NULL DEFAULT 0,
  directory TEXT,
  directory_version INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- Changes the server refused: kept and shown, never dropped.
CREATE TABLE set_aside (
  op_id TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  scope TEXT NOT NULL,
  value TEXT NOT NULL,
  hlc TEXT NOT NULL,
  base_hlc TEXT,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  at INTEGER NOT NULL,
  -- Named when set aside: a lost project's rows leave the device right after.
  label TEXT,
  project_name TEXT
) STRICT;
CREATE INDEX idx_set_aside_at ON set_aside (at);

-- Pulled rows that cannot be applied yet (parent missing, partial row, unknown table or
-- column); the row as it arrived, replayed after every page and after an upgrade.
CREATE TABLE parked_rows (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (tbl, row_id)
) STRICT, WITHOUT ROWID;
`;

export const migration006: Migration = {
  version: 6,
  name: 'sync',
  up(db) {
    db.exec(SQL);
  },
};
