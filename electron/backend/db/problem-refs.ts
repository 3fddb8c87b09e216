import type { HandlingLevel, ProblemCategory, ProblemStatus } from '../../../shared/domain/problem';
import type { ProblemRef } from '../../../shared/domain/plan';
import type { Database } from 'better-sqlite3';
import { stmt, str, strOrNull, type Row } from './cells';

/**
 * A problem with its project and group, as the agenda, deadlines, reminders and the weekly
 * report list it. Callers append WHERE / ORDER BY on `pr` (problems), `p` (projects).
 */
export const PROBLEM_REF_SELECT = `
SELECT pr.id AS problem_id, pr.project_id, p.code AS project_code, p.name AS project_name, p.district,
       p.group_id, g.name AS group_name, pr.category, pr.description, pr.lead_unit, pr.handling_level,
       pr.status, pr.raised_on, pr.deadline, pr.resolved_on
  FROM problems pr
  JOIN projects p ON p.id = pr.project_id AND p.deleted = 0
  LEFT JOIN service_groups g ON g.id = p.group_id AND g.deleted = 0`;

export function rowToProblemRef(r: Row): ProblemRef {
  return {
    problemId: str(r['problem_id']),
    projectId: str(r['project_id']),
    projectCode: str(r['project_code']),
    projectName: str(r['project_name']),
    district: str(r['district']),
    groupId: strOrNull(r['group_id']),
    groupName: strOrNull(r['group_name']),
    category: str(r['category']) as ProblemCategory,
    description: str(r['description']),
    leadUnit: strOrNull(r['lead_unit']),
    handlingLevel: str(r['handling_level']) as HandlingLevel,
    status: str(r['status']) as ProblemStatus,
    raisedOn: str(r['raised_on']),
    deadline: strOrNull(r['deadline']),
    resolvedOn: strOrNull(r['resolved_on']),
  };
}

const DISTRICT_ORDER = new Intl.Collator('zh-CN');

/** Stable sort by district in pinyin order (SQLite orders the characters by code point). */
export function sortByDistrict<T extends { district: string }>(items: T[]): T[] {
  return items.sort((a, b) => DISTRICT_ORDER.compare(a.district, b.district));
}

/** Problem refs by id (those not found are left out). */
export function problemRefs(db: Database, ids: readonly string[]): Map<string, ProblemRef> {
  if (ids.length === 0) return new Map();
  const rows = stmt(db, `${PROBLEM_REF_SELECT} WHERE pr.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as Row[];
  return new Map(rows.map((r) => [str(r['problem_id']), rowToProblemRef(r)]));
}
