import type { Migration } from './types';

/**
 * Issue 5: photo bytes between this device and the server. All local bookkeeping, never
 * synced: the transfer queue (an upload's tus URL is kept so a cut upload resumes after a
 * restart), what this device knows of each photo's files (original here or evicted, which
 * files the server confirmed), and the user's photo sync settings.
 */
const SQL = `
CREATE TABLE photo_transfers (
  sha256 TEXT NOT NULL,
  variant TEXT NOT NULL CHECK (variant IN ('original', 'report', 'thumb')),
  direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'failed')),
  -- Upload metadata: the project whose pushed row holds the photo, the hash of these bytes.
  project_id TEXT,
  content_sha256 TEXT,
  upload_url TEXT,
  -- The server was asked (have) since this transfer was queued.
  have_checked INTEGER NOT NULL DEFAULT 0 CHECK (have_checked IN (0, 1)),
  bytes_done INTEGER NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
  bytes_total INTEGER NOT NULL DEFAULT 0 CHECK (bytes_total >= 0),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  error_code TEXT,
  error_message TEXT,
  -- null: at the next cycle; a failed transfer with null waits for photoSync.retry.
  next_attempt_at INTEGER,
  queued_at INTEGER NOT NULL,
  PRIMARY KEY (sha256, variant, direction)
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_photo_transfers_due ON photo_transfers (direction, state, next_attempt_at);

CREATE TABLE photo_files (
  sha256 TEXT PRIMARY KEY,
  -- 'local': the original was taken in on this device; 'remote': it came by sync.
  origin TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
  original_present INTEGER NOT NULL CHECK (original_present IN (0, 1)),
  imported_at INTEGER NOT NULL,
  fetched_at INTEGER,
  evicted_at INTEGER,
  server_original_at INTEGER,
  server_report_at INTEGER,
  server_thumb_at INTEGER
) STRICT;
CREATE INDEX idx_photo_files_evictable ON photo_files (imported_at)
  WHERE original_present = 1 AND server_original_at IS NOT NULL;

CREATE TABLE photo_sync_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  unmetered_only INTEGER NOT NULL DEFAULT 0 CHECK (unmetered_only IN (0, 1)),
  send_size TEXT NOT NULL DEFAULT 'original' CHECK (send_size IN ('original', 'reduced')),
  evict_after_days INTEGER CHECK (evict_after_days IS NULL OR evict_after_days >= 1)
) STRICT;
INSERT INTO photo_sync_settings (id) VALUES (1);
`;

export const migration011: Migration = {
  version: 11,
  name: 'photo-transfers',
  up(db) {
    db.exec(SQL);
  },
};
