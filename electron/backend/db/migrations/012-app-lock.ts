import type { Migration } from './types';

/**
 * Issue 8: the idle lock's settings on this device. One row, never synced (a PIN belongs to the
 * laptop, not the account): the secret as a scrypt hash string with its salt and parameters, the
 * idle time, and the wrong tries with the time the next one is accepted, kept here so that
 * restarting the app does not reset the delay.
 */
const SQL = `
CREATE TABLE app_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret_kind TEXT CHECK (secret_kind IN ('pin', 'password')),
  secret_hash TEXT,
  idle_minutes INTEGER NOT NULL DEFAULT 10 CHECK (idle_minutes IN (5, 10, 15, 30)),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  retry_at INTEGER,
  updated_at INTEGER,
  CHECK ((secret_kind IS NULL) = (secret_hash IS NULL))
) STRICT;
INSERT INTO app_lock (id) VALUES (1);
`;

export const migration012: Migration = {
  version: 12,
  name: 'app-lock',
  up(db) {
    db.exec(SQL);
  },
};
