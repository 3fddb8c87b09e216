import type { Migration } from './types';

/**
 * Issue 6: planned visits, the problems' handling-level history, the joint meetings
 * (联审会办会) and their decisions, plus the indexes the month's plan, the agenda, the
 * deadline summary and the weekly report query by. Meeting decisions name a problem
 * without a foreign key: they live in the organisation scope, and a device may hold a
 * decision on a project it does not see.
 */
const SQL = `
CREATE TABLE visit_plans (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  group_id TEXT,
  month TEXT NOT NULL,
  planned_on TEXT,
  planned_by TEXT,
  planned_by_name TEXT,
  at INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_visit_plans_month ON visit_plans (month, project_id);
CREATE INDEX idx_visit_plans_project ON visit_plans (project_id);

CREATE TABLE escalations (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  problem_id TEXT NOT NULL REFERENCES problems (id),
  from_level TEXT NOT NULL,
  to_level TEXT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  by_id TEXT NOT NULL,
  by_name TEXT NOT NULL,
  at INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_escalations_problem ON escalations (problem_id, at);
CREATE INDEX idx_escalations_project ON escalations (project_id);
CREATE INDEX idx_escalations_at ON escalations (at);

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned',
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_meetings_date ON meetings (date);

CREATE TABLE meeting_decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  problem_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  responsible_unit TEXT,
  new_deadline TEXT,
  remarks TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL,
  decided_by_name TEXT NOT NULL,
  at INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  row_hlc TEXT
) STRICT;
CREATE INDEX idx_meeting_decisions_meeting ON meeting_decisions (meeting_id, problem_id);
CREATE INDEX idx_meeting_decisions_problem ON meeting_decisions (problem_id);

CREATE INDEX idx_problems_level ON problems (handling_level, status);
-- Deadlines and reminders count open problems from the index alone.
CREATE INDEX idx_problems_open_due ON problems (status, deadline, project_id, lead_unit, id) WHERE deleted = 0;
CREATE INDEX idx_problems_resolved_on ON problems (resolved_on);
`;

export const migration009: Migration = {
  version: 9,
  name: 'plan-escalation-meetings',
  up(db) {
    db.exec(SQL);
  },
};
