import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { RecordTable, type CellValue } from '../../../shared/records';
import { fromStorage, stmt, toStorage, type Row, type StorageValue } from './cells';
import { tickClock } from './clock';
import { TABLE_COLUMNS, TABLE_SCOPE, type ColumnKind } from './schema';
import { reindexRecord } from './search';

/** Who writes: every change log entry and sync op carries it. */
export interface Actor {
  userId: string;
  userName: string;
  deviceId: string;
}

export interface RecordChange {
  table: RecordTable;
  rowId: string;
  /** Storage column → value; arrays/objects are JSON text (see cells.ts). */
  cells: Record<string, CellValue>;
}

export interface WriteResult {
  table: RecordTable;
  rowId: string;
  /** The HLC stamped on the changed cells, or null when nothing changed. */
  hlc: string | null;
  created: boolean;
  changed: string[];
}

interface CheckedCell {
  col: string;
  kind: ColumnKind;
  value: CellValue;
  stored: StorageValue;
}

function checkChange(change: RecordChange): CheckedCell[] {
  const table = RecordTable.safeParse(change.table);
  if (!table.success) throw new AppError('invalid_input', `unknown table: ${String(change.table)}`);
  if (typeof change.rowId !== 'string' || change.rowId.length === 0 || change.rowId.length > 64) {
    throw new AppError('invalid_input', 'bad row id');
  }
  const columns = TABLE_COLUMNS[table.data];
  return Object.entries(change.cells).map(([col, value]) => {
    if (!Object.prototype.hasOwnProperty.call(columns, col)) {
      throw new AppError('invalid_input', `unknown column ${change.table}.${col}`);
    }
    const kind = columns[col]!;
    return { col, kind, value, stored: toStorage(kind, value, `${change.table}.${col}`) };
  });
}

function scopeOf(change: RecordChange, old: Row | undefined): string {
  const how = TABLE_SCOPE[change.table];
  if (how === 'org') return 'org';
  if (how === 'self') return change.rowId;
  if (how === 'scope') {
    const scope = change.cells['scope'] ?? old?.['scope'];
    if (typeof scope !== 'string') throw new AppError('invalid_input', `${change.table} needs a scope`);
    return scope;
  }
  const projectId = change.cells['project_id'] ?? old?.['project_id'];
  if (typeof projectId !== 'string') throw new AppError('invalid_input', `${change.table} needs a project_id`);
  return projectId;
}

function newestRowVersion(db: Database, table: RecordTable, rowId: string, old: Row): string | null {
  const newest = stmt(db, 'SELECT max(hlc) AS hlc FROM cell_versions WHERE tbl = ? AND row_id = ?').get(
    table,
    rowId,
  ) as {
    hlc: string | null;
  };
  const rowHlc = (old['row_hlc'] as string | null) ?? null;
  if (newest.hlc === null) return rowHlc;
  return rowHlc === null || newest.hlc > rowHlc ? newest.hlc : rowHlc;
}

function applyChange(db: Database, actor: Actor, now: number, change: RecordChange): WriteResult {
  const cells = checkChange(change);
  const { table, rowId } = change;
  const old = stmt(db, `SELECT * FROM ${table} WHERE id = ?`).get(rowId) as Row | undefined;
  const changed = old ? cells.filter((c) => fromStorage(c.kind, old[c.col]) !== c.value) : cells;
  if (changed.length === 0) return { table, rowId, hlc: null, created: false, changed: [] };

  const hlc = tickClock(db, actor.deviceId, now);
  const scope = scopeOf(change, old);
  if (old) {
    const sets = changed.map((c) => `${c.col} = ?`).join(', ');
    stmt(db, `UPDATE ${table} SET ${sets} WHERE id = ?`).run(...changed.map((c) => c.stored), rowId);
  } else {
    const cols = changed.map((c) => c.col);
    const marks = cols.map(() => '?').join(', ');
    stmt(db, `INSERT INTO ${table} (id, row_hlc, ${cols.join(', ')}) VALUES (?, ?, ${marks})`).run(
      rowId,
      hlc,
      ...changed.map((c) => c.stored),
    );
  }

  const getVersion = stmt(db, 'SELECT hlc FROM cell_versions WHERE tbl = ? AND row_id = ? AND col = ?');
  const putVersion = stmt(
    db,
    'INSERT INTO cell_versions (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc',
  );
  const log = stmt(
    db,
    `INSERT INTO change_log (hlc, tbl, row_id, col, old_value, new_value, author_id, author_name, device_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // base_hlc is kept from the first pending write: it names the value the user started from.
  // A deletion takes its own base: it saw the whole row, which includes what the first write saw.
  const outbox = stmt(
    db,
    `INSERT INTO outbox (tbl, row_id, col, scope, value, hlc, base_hlc, op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_id, col) DO UPDATE SET scope = excluded.scope, value = excluded.value,
       hlc = excluded.hlc, op_id = excluded.op_id,
       base_hlc = CASE WHEN excluded.col = 'deleted' AND excluded.value = 'true' THEN excluded.base_hlc ELSE base_hlc END`,
  );
  // A deletion saw the whole row: its base is the newest version of any cell (shared/sync/merge.ts).
  const deletes = old !== undefined && changed.some((c) => c.col === 'deleted' && c.value === true);
  const rowBase = deletes ? newestRowVersion(db, table, rowId, old) : null;
  for (const c of changed) {
    const version = getVersion.get(table, rowId, c.col) as { hlc: string } | undefined;
    const baseHlc =
      c.col === 'deleted' && c.value === true
        ? rowBase
        : (version?.hlc ?? (old ? ((old['row_hlc'] as string | null) ?? null) : null));
    const oldValue = old ? fromStorage(c.kind, old[c.col]) : null;
    putVersion.run(table, rowId, c.col, hlc);
    log.run(
      hlc,
      table,
      rowId,
      c.col,
      JSON.stringify(oldValue),
      JSON.stringify(c.value),
      actor.userId,
      actor.userName,
      actor.deviceId,
      now,
    );
    outbox.run(table, rowId, c.col, scope, JSON.stringify(c.value), hlc, baseHlc, randomUUID());
  }
  reindexRecord(db, table, rowId);
  return { table, rowId, hlc, created: !old, changed: changed.map((c) => c.col) };
}

/**
 * THE local write path. Row, cell versions, change log, outbox, clock and search
 * index change together in one transaction, or not at all.
 */
export function writeRecord(db: Database, actor: Actor, now: number, change: RecordChange): WriteResult {
  return db.transaction(() => applyChange(db, actor, now, change))();
}

/** Several changes (e.g. a visit and its problems) in one transaction. */
export function writeRecords(db: Database, actor: Actor, now: number, changes: RecordChange[]): WriteResult[] {
  return db.transaction(() => changes.map((c) => applyChange(db, actor, now, c)))();
}

/** The tables a set of results touched, for the `data.changed` event. */
export function touchedTables(results: WriteResult[]): RecordTable[] {
  return [...new Set(results.filter((r) => r.hlc !== null).map((r) => r.table))];
}
