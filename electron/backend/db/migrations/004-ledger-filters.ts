import type { Migration } from './types';

/**
 * Partial indexes for the ledger's per-project probes, each covering so a probe never reads the
 * table: submitted visits by (project, date) serve "last visit", "not visited this month" and the
 * monthly figures; open / in-progress problems by (project, status, deadline) serve the open-problem
 * count and "has overdue problems". Without the latter SQLite drove the overdue EXISTS through
 * idx_problems_status (every overdue problem of every project per row: 16 s at province scale).
 */
const SQL = `
CREATE INDEX idx_visits_submitted ON visits (project_id, date) WHERE status = 'submitted' AND deleted = 0;
CREATE INDEX idx_problems_open ON problems (project_id, status, deadline)
  WHERE status IN ('open', 'in_progress') AND deleted = 0;
`;

export const migration004: Migration = {
  version: 4,
  name: 'ledger-filter-indexes',
  up(db) {
    db.exec(SQL);
  },
};
