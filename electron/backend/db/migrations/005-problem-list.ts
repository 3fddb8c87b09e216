import type { Migration } from './types';

/**
 * The problem list at province scale (150,000 problems): the default "urgency" order gets an
 * index SQLite can walk in order and stop after a page, instead of sorting every problem; a
 * covering index of every column the list filters or sorts on lets the total be counted, and a
 * page be chosen, without reading rows (problems-list.ts fetches only the page's rows).
 * The urgency expression must stay identical to SORT_TERMS.urgency in problems-list.ts.
 */
const SQL = `
CREATE INDEX idx_problems_urgency ON problems (
  (CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 0 WHEN 'resolved' THEN 1 ELSE 2 END),
  deadline IS NULL, deadline, raised_on, id) WHERE deleted = 0;
CREATE INDEX idx_problems_live ON problems (status, category, handling_level, lead_unit, deadline, raised_on, project_id, id)
  WHERE deleted = 0;
`;

export const migration005: Migration = {
  version: 5,
  name: 'problem-list-indexes',
  up(db) {
    db.exec(SQL);
  },
};
