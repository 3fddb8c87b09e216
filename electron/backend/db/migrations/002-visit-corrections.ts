import type { Migration } from './types';

/**
 * Visit corrections: why a submitted visit was reopened (the column's history in the change log
 * keeps every earlier reason), and a partial index for the drafts offered back on start.
 */
const SQL = `
ALTER TABLE visits ADD COLUMN correction_reason TEXT;
CREATE INDEX idx_visits_drafts ON visits (status) WHERE status = 'draft';
`;

export const migration002: Migration = {
  version: 2,
  name: 'visit-corrections',
  up(db) {
    db.exec(SQL);
  },
};
