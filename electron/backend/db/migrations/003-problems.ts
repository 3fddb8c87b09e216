import type { Migration } from './types';

/**
 * Indexes for the problem list (问题清单) filters: lead unit, category and the period a
 * problem was raised in. Status (status, deadline) and project already have theirs (001).
 */
const SQL = `
CREATE INDEX idx_problems_lead_unit ON problems (lead_unit, deadline);
CREATE INDEX idx_problems_category ON problems (category, deadline);
CREATE INDEX idx_problems_raised_on ON problems (raised_on);
`;

export const migration003: Migration = {
  version: 3,
  name: 'problem-list-indexes',
  up(db) {
    db.exec(SQL);
  },
};
