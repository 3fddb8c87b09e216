import type { Migration } from './types';

/**
 * The problem list at province scale, every sort: one index per sort order that SQLite walks
 * in order and stops after a page, when the filter is broad (problems-list.ts chooses). Each
 * ends on `status`, the most used filter and the one most tied to the order (closed problems
 * are old and sort last by urgency), so a walk tests it without reading the row.
 * "No deadline / no lead unit" stays last in both directions, hence a DESC twin for those.
 * The expressions must stay identical to SORT_TERMS in problems-list.ts; the urgency index of
 * 005 is replaced by one that carries `status`.
 *
 * Counting a broad filter row by row costs 10–20 ms at that scale, so `problem_counts` keeps the
 * number of live problems per (status, category, handling level), kept by triggers on every
 * write: totals over those filters are sums of a few rows, and the combinations present give
 * the exact value lists to seek idx_problems_live with.
 */
const URGENCY = `(CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 0 WHEN 'resolved' THEN 1 ELSE 2 END)`;
const STATUS = `(CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'resolved' THEN 2 ELSE 3 END)`;
const CATEGORY = `(CASE category WHEN 'land' THEN 0 WHEN 'approval' THEN 1 WHEN 'funding' THEN 2 WHEN 'utilities' THEN 3
      WHEN 'infrastructure' THEN 4 WHEN 'expropriation' THEN 5 WHEN 'policy' THEN 6 ELSE 7 END)`;
const HANDLING_LEVEL = `(CASE handling_level WHEN 'onsite' THEN 0 WHEN 'district' THEN 1 WHEN 'city_department' THEN 2
      WHEN 'city_joint_meeting' THEN 3 ELSE 4 END)`;

const SQL = `
DROP INDEX IF EXISTS idx_problems_urgency;
CREATE INDEX idx_problems_by_urgency ON problems (${URGENCY}, deadline IS NULL, deadline, raised_on, id, status)
  WHERE deleted = 0;
CREATE INDEX idx_problems_by_urgency_desc ON problems (
  ${URGENCY} DESC, deadline IS NULL, deadline DESC, raised_on DESC, id DESC, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_deadline ON problems (deadline IS NULL, deadline, id, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_deadline_desc ON problems (deadline IS NULL, deadline DESC, id DESC, status)
  WHERE deleted = 0;
CREATE INDEX idx_problems_by_raised_on ON problems (raised_on, id, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_status ON problems (${STATUS}, id, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_category ON problems (${CATEGORY}, id, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_lead_unit ON problems (lead_unit IS NULL, lead_unit, id, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_lead_unit_desc ON problems (lead_unit IS NULL, lead_unit DESC, id DESC, status)
  WHERE deleted = 0;
CREATE INDEX idx_problems_by_handling_level ON problems (${HANDLING_LEVEL}, id, status) WHERE deleted = 0;
CREATE INDEX idx_problems_by_project ON problems (project_id, raised_on, id, status) WHERE deleted = 0;

CREATE TABLE problem_counts (
  status TEXT NOT NULL,
  category TEXT NOT NULL,
  handling_level TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (status, category, handling_level)
) STRICT, WITHOUT ROWID;
INSERT INTO problem_counts (status, category, handling_level, n)
  SELECT status, category, handling_level, count(*) FROM problems WHERE deleted = 0
  GROUP BY status, category, handling_level;
CREATE TRIGGER problem_counts_insert AFTER INSERT ON problems WHEN new.deleted = 0 BEGIN
  INSERT INTO problem_counts (status, category, handling_level, n) VALUES (new.status, new.category, new.handling_level, 1)
    ON CONFLICT (status, category, handling_level) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER problem_counts_delete AFTER DELETE ON problems WHEN old.deleted = 0 BEGIN
  UPDATE problem_counts SET n = n - 1
    WHERE status = old.status AND category = old.category AND handling_level = old.handling_level;
END;
CREATE TRIGGER problem_counts_update_old AFTER UPDATE OF status, category, handling_level, deleted ON problems
  WHEN old.deleted = 0 BEGIN
  UPDATE problem_counts SET n = n - 1
    WHERE status = old.status AND category = old.category AND handling_level = old.handling_level;
END;
CREATE TRIGGER problem_counts_update_new AFTER UPDATE OF status, category, handling_level, deleted ON problems
  WHEN new.deleted = 0 BEGIN
  INSERT INTO problem_counts (status, category, handling_level, n) VALUES (new.status, new.category, new.handling_level, 1)
    ON CONFLICT (status, category, handling_level) DO UPDATE SET n = n + 1;
END;
`;

export const migration007: Migration = {
  version: 7,
  name: 'problem-list-order',
  up(db) {
    db.exec(SQL);
  },
};
