import type { Database } from 'better-sqlite3';
import { ConflictChoice, type ConflictView } from '../../../shared/channels/sync';
import { parseHlc, isHlc } from '../../../shared/hlc';
import { CellValue, RecordTable } from '../../../shared/records';
import type { ConflictKind } from '../../../shared/sync/merge';
import { mayWrite, type Role } from '../../../shared/sync/roles';
import { AppError } from '../../../shared/errors';
import { fromStorage, num, numOrNull, stmt, str, strOrNull, type Row } from './cells';
import { TABLE_COLUMNS } from './schema';
import { projectName, recordLabel } from './sync-labels';
import { userNames } from './sync-state';
import { writeRecords, type Actor, type RecordChange } from './writer';

const OPEN = 'deleted = 0 AND resolution IS NULL';

export function countOpenConflicts(db: Database): number {
  return num((stmt(db, `SELECT count(*) AS n FROM conflicts WHERE ${OPEN}`).get() as { n: number }).n);
}

/** Conflict values travel as JSON text of the cell value. */
function decode(text: unknown): CellValue {
  if (typeof text !== 'string') return null;
  try {
    const parsed = CellValue.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : text;
  } catch {
    return text;
  }
}

function hlcMillis(hlc: string | null): number {
  return hlc !== null && isHlc(hlc) ? parseHlc(hlc).millis : 0;
}

function currentValue(db: Database, table: RecordTable, rowId: string, column: string): CellValue {
  const kind = TABLE_COLUMNS[table][column];
  if (kind === undefined) return null;
  const row = stmt(db, `SELECT ${column} AS v FROM ${table} WHERE id = ?`).get(rowId) as { v: unknown } | undefined;
  return row ? fromStorage(kind, row.v) : null;
}

function toView(db: Database, r: Row, names: ReadonlyMap<string, string>): ConflictView {
  const table = RecordTable.parse(r['tbl']);
  const rowId = str(r['row_id']);
  const column = str(r['col']);
  const scope = str(r['scope']);
  const side = (prefix: 'kept' | 'other'): ConflictView['kept'] => {
    const hlc = str(r[`${prefix}_hlc`]);
    const by = strOrNull(r[`${prefix}_by`]);
    return {
      value: decode(r[`${prefix}_value`]),
      hlc,
      byName: by === null ? null : (names.get(by) ?? by),
      deviceId: strOrNull(r[`${prefix}_device`]),
      at: hlcMillis(hlc),
    };
  };
  const resolution = ConflictChoice.safeParse(r['resolution']);
  const resolvedBy = strOrNull(r['resolved_by']);
  return {
    id: str(r['id']),
    scope,
    projectName: projectName(db, scope),
    table,
    rowId,
    label: recordLabel(db, table, rowId),
    column,
    kind: str(r['kind']) as ConflictKind,
    kept: side('kept'),
    other: side('other'),
    current: currentValue(db, table, rowId, column),
    resolution: resolution.success ? resolution.data : null,
    resolvedByName: resolvedBy === null ? null : (names.get(resolvedBy) ?? resolvedBy),
    resolvedAt: numOrNull(r['resolved_at']),
  };
}

export function listConflicts(db: Database, includeResolved: boolean): ConflictView[] {
  const where = includeResolved ? 'deleted = 0' : OPEN;
  const rows = stmt(db, `SELECT * FROM conflicts WHERE ${where} ORDER BY kept_hlc DESC, id`).all() as Row[];
  const names = userNames(db);
  return rows.filter((r) => RecordTable.safeParse(r['tbl']).success).map((r) => toView(db, r, names));
}

export function getConflict(db: Database, id: string): ConflictView {
  const r = stmt(db, 'SELECT * FROM conflicts WHERE id = ? AND deleted = 0').get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `no conflict ${id}`);
  return toView(db, r, userNames(db));
}

const CHOICES_FOR: { readonly [K in ConflictKind]: readonly ConflictChoice[] } = {
  field: ['keep', 'other'],
  status: ['keep', 'other'],
  edit_deleted: ['restore', 'keep_deleted'],
};

/**
 * Resolves a conflict: `other` writes the other value, `restore` undeletes the row, both
 * through the writer (its base then knows both sides); the resolution itself is written
 * on the conflict row, so it syncs to every member of the scope.
 */
export function resolveConflict(
  db: Database,
  actor: Actor,
  role: Role | null,
  now: number,
  id: string,
  choice: ConflictChoice,
): ConflictView {
  const view = getConflict(db, id);
  if (!CHOICES_FOR[view.kind].includes(choice)) {
    throw new AppError('invalid_input', `a ${view.kind} conflict cannot be resolved with ${choice}`);
  }
  const changes: RecordChange[] = [];
  const record = (column: string, value: CellValue): void => {
    if (role !== null && !mayWrite(role, { scope: view.scope, table: view.table, column })) {
      throw new AppError('forbidden', `your role may not change ${view.table}.${column}`);
    }
    changes.push({ table: view.table, rowId: view.rowId, cells: { [column]: value } });
  };
  if (choice === 'other') record(view.column, view.other.value);
  if (choice === 'restore') record('deleted', false);
  changes.push({
    table: 'conflicts',
    rowId: id,
    cells: { resolution: choice, resolved_by: actor.userId, resolved_at: now },
  });
  writeRecords(db, actor, now, changes);
  return getConflict(db, id);
}
