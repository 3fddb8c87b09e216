import type { RecordTable } from '../../../shared/records';
import type { CellValue } from '../../../shared/records';

/**
 * How a synced cell reads to a person: conflicts and set-aside changes carry raw
 * storage values (snake_case columns, enum codes, integer yuan, JSON text), which
 * are turned into a description here and into words by `cellText`.
 */
export type CellDisplay =
  | { type: 'empty' }
  | { type: 'deleted' }
  | { type: 'present' }
  | { type: 'label'; key: string; raw: string }
  | { type: 'money'; yuan: number }
  | { type: 'date'; date: string }
  | { type: 'instant'; ms: number }
  | { type: 'bool'; value: boolean }
  | { type: 'list'; items: string[] }
  | { type: 'text'; text: string };

/** Enum columns and the i18n subtree that names their values. */
const ENUM_LABELS: Readonly<Record<string, string>> = {
  'projects.level': 'labels.level',
  'projects.stage': 'labels.stage',
  'visits.figure_stage': 'labels.stage',
  'visits.kind': 'labels.visitKind',
  'visits.status': 'labels.visitStatus',
  'problems.category': 'labels.problemCategory',
  'problems.handling_level': 'labels.handlingLevel',
  'problems.status': 'labels.problemStatus',
  'procedures.kind': 'labels.procedureKind',
  'procedures.status': 'labels.procedureStatus',
  'photos.kind': 'photos.kind',
};

/** Integer yuan, shown in 万元. */
const MONEY_COLUMNS = new Set([
  'total_investment',
  'annual_planned_investment',
  'completed_investment_this_year',
  'funds_in_place',
  'cumulative_investment',
]);

/** Epoch-ms columns. */
const INSTANT_COLUMNS = new Set(['submitted_at', 'taken_at', 'at', 'resolved_at']);

/** JSON arrays of names. */
const LIST_COLUMNS = new Set(['participants', 'cooperating_units', 'members']);

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseList(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** Describes one cell value of `table.column` for display. */
export function describeCell(table: RecordTable | string, column: string, value: CellValue): CellDisplay {
  if (value === null || value === '') return { type: 'empty' };
  if (column === 'deleted') return value === true || value === 1 ? { type: 'deleted' } : { type: 'present' };
  if (typeof value === 'boolean') return { type: 'bool', value };
  const enumKey = ENUM_LABELS[`${table}.${column}`];
  if (enumKey && typeof value === 'string') return { type: 'label', key: `${enumKey}.${value}`, raw: value };
  if (typeof value === 'number') {
    if (MONEY_COLUMNS.has(column)) return { type: 'money', yuan: value };
    if (INSTANT_COLUMNS.has(column)) return { type: 'instant', ms: value };
    return { type: 'text', text: String(value) };
  }
  if (LIST_COLUMNS.has(column)) {
    const items = parseList(value);
    if (items) return items.length ? { type: 'list', items } : { type: 'empty' };
  }
  if (BUSINESS_DATE.test(value)) return { type: 'date', date: value };
  return { type: 'text', text: value };
}

/** A translate function that takes any key (the typed `t` only takes literal keys). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface CellFormatters {
  money: (yuan: number) => string;
  date: (d: string) => string;
  instant: (ms: number) => string;
  listSeparator: string;
}

/** The words for a described cell; an enum value this version has no name for shows as stored. */
export function cellText(d: CellDisplay, tr: Translate, fmt: CellFormatters): string {
  switch (d.type) {
    case 'empty':
      return tr('sync.values.empty');
    case 'deleted':
      return tr('sync.values.deleted');
    case 'present':
      return tr('sync.values.present');
    case 'label': {
      const s = tr(d.key);
      return s === d.key ? d.raw : s;
    }
    case 'money':
      return tr('sync.values.money', { value: fmt.money(d.yuan) });
    case 'date':
      return fmt.date(d.date);
    case 'instant':
      return fmt.instant(d.ms);
    case 'bool':
      return tr(d.value ? 'common.yes' : 'common.no');
    case 'list':
      return d.items.join(fmt.listSeparator);
    case 'text':
      return d.text;
  }
}

/** The name of a column: a per-table name where one column means different things, else the shared one. */
export function columnLabel(table: string, column: string, tr: Translate): string {
  for (const key of [`syncColumns.columnsByTable.${table}.${column}`, `syncColumns.columns.${column}`]) {
    const s = tr(key);
    if (s !== key) return s;
  }
  return column;
}

/** The name of a record table ("问题", "走访" …). */
export function tableLabel(table: string, tr: Translate): string {
  const key = `syncColumns.tables.${table}`;
  const s = tr(key);
  return s === key ? table : s;
}
