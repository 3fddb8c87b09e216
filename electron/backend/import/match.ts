/**
 * Which existing project a ledger row is (by code, else by name + district), what an update
 * would change, and whether a new project would be complete.
 */
import type { Database } from 'better-sqlite3';
import type {
  ImportAction,
  ImportDefaults,
  ImportField,
  ImportIssue,
  ImportValues,
} from '../../../shared/channels/import';
import { ProjectInput, type Project } from '../../../shared/domain/project';
import { listProjects } from '../db/projects';
import { canonicalDistrict, matchKey } from './fields';
import { makeIssue, type MappedColumn, type ParsedRow } from './rows';

export interface ProjectIndex {
  byCode: Map<string, Project>;
  byNameDistrict: Map<string, Project>;
  /** Every project code, for numbering new projects. */
  codes: Set<string>;
}

const nameDistrictKey = (name: string, district: string): string =>
  `${matchKey(name)}|${matchKey(canonicalDistrict(district))}`;

const PAGE = 1000;

/** Every project, through the ledger's own query (sorted by code, then id). */
export function indexProjects(db: Database): ProjectIndex {
  const byCode = new Map<string, Project>();
  const byNameDistrict = new Map<string, Project>();
  const codes = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = listProjects(db, { offset, limit: PAGE });
    for (const p of page.rows) {
      codes.add(p.code);
      // The first of several projects sharing a code or a name wins, the same one every time.
      if (!byCode.has(matchKey(p.code))) byCode.set(matchKey(p.code), p);
      const key = nameDistrictKey(p.name, p.district);
      if (!byNameDistrict.has(key)) byNameDistrict.set(key, p);
    }
    if (page.rows.length < PAGE) break;
  }
  return { byCode, byNameDistrict, codes };
}

export interface RowPlan {
  action: ImportAction;
  project: Project | null;
  matchedBy: 'code' | 'name_district' | null;
  changes: ImportField[];
}

function same(field: ImportField, current: unknown, value: unknown): boolean {
  if (field === 'district') return canonicalDistrict(String(current)) === value;
  return current === value;
}

/** Matches a valid row; rows with issues are 'invalid' and matched only for display. */
export function planRow(index: ProjectIndex, parsed: ParsedRow): RowPlan {
  const { values } = parsed;
  let project: Project | null = null;
  let matchedBy: RowPlan['matchedBy'] = null;
  if (typeof values.code === 'string') {
    project = index.byCode.get(matchKey(values.code)) ?? null;
    if (project) matchedBy = 'code';
  }
  if (!project && typeof values.name === 'string' && typeof values.district === 'string') {
    project = index.byNameDistrict.get(nameDistrictKey(values.name, values.district)) ?? null;
    if (project) matchedBy = 'name_district';
  }
  const changes: ImportField[] = [];
  if (project) {
    for (const [field, value] of Object.entries(values) as [ImportField, unknown][]) {
      if (!same(field, project[field], value)) changes.push(field);
    }
  }
  const action: ImportAction =
    parsed.issues.length > 0 ? 'invalid' : project ? (changes.length > 0 ? 'update' : 'unchanged') : 'create';
  return { action, project, matchedBy, changes };
}

/** The new project a 'create' row makes: the row's values over the defaults. */
export function newProjectInput(values: ImportValues, defaults: ImportDefaults, code: string): ProjectInput {
  const stage = (values.stage as Project['stage'] | undefined) ?? defaults.stage;
  return {
    code,
    name: String(values.name ?? ''),
    level: (values.level as Project['level'] | undefined) ?? defaults.level,
    district: String(values.district ?? ''),
    industry: String(values.industry ?? defaults.industry),
    ownerCompany: str(values.ownerCompany),
    responsibleUnit: str(values.responsibleUnit),
    leaderInCharge: str(values.leaderInCharge),
    chiefOfficer: str(values.chiefOfficer),
    chiefOfficerPhone: str(values.chiefOfficerPhone),
    groupId: null,
    totalInvestment: typeof values.totalInvestment === 'number' ? values.totalInvestment : 0,
    annualPlannedInvestment: typeof values.annualPlannedInvestment === 'number' ? values.annualPlannedInvestment : 0,
    stage,
    // 建设性质 when the ledger says it; otherwise a project at the new-start stage is new this year.
    isNew: typeof values.isNew === 'boolean' ? values.isNew : stage === 'new_start',
    plannedStart: str(values.plannedStart),
    actualStart: str(values.actualStart),
    plannedCompletion: str(values.plannedCompletion),
    actualCompletion: str(values.actualCompletion),
    plannedProduction: str(values.plannedProduction),
    actualProduction: str(values.actualProduction),
    location: str(values.location),
    position: null,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The patch an update writes: only the cells that change. */
export function updatePatch(values: ImportValues, changes: ImportField[]): Partial<ProjectInput> {
  const patch: Record<string, unknown> = {};
  for (const f of changes) patch[f] = values[f];
  return patch as Partial<ProjectInput>;
}

/**
 * Issues only a new project has: a district to file it under, and anything the project schema
 * refuses (checked with a placeholder code; the real one is given at commit).
 */
export function creationIssues(parsed: ParsedRow, defaults: ImportDefaults, columns: MappedColumn[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const colOf = (f: ImportField): MappedColumn | null => columns.find((c) => c.field === f) ?? null;
  if (typeof parsed.values.district !== 'string' || parsed.values.district === '') {
    issues.push(makeIssue('required', parsed.row, colOf('district'), 'district', ''));
  }
  // The schema check is a last net for a row that is otherwise clean.
  if (issues.length > 0 || parsed.issues.length > 0) return issues;
  const result = ProjectInput.safeParse(newProjectInput(parsed.values, defaults, 'X'));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '') as ImportField;
      const text = `${field}: ${issue.message}`;
      issues.push(makeIssue('inconsistent', parsed.row, colOf(field), field, '', [text, text]));
    }
  }
  return issues;
}
