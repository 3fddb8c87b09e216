import type { Database } from 'better-sqlite3';
import type { SetAsideChange } from '../../../shared/channels/sync';
import { formatHlc, HLC_MAX_DRIFT_MS, parseHlc, tick, type Hlc } from '../../../shared/hlc';
import { CellValue, RecordTable } from '../../../shared/records';
import { RefusalReason, type SyncOp } from '../../../shared/sync/wire';
import { num, stmt, str, strOrNull, type Row } from './cells';
import { projectName, recordLabel } from './sync-labels';

function decodeValue(text: string): CellValue {
  return CellValue.parse(JSON.parse(text));
}

function rowToOp(r: Row): SyncOp {
  return {
    opId: str(r['op_id']),
    scope: str(r['scope']),
    table: RecordTable.parse(r['tbl']),
    rowId: str(r['row_id']),
    column: str(r['col']),
    value: decodeValue(str(r['value'])),
    hlc: str(r['hlc']),
    baseHlc: typeof r['base_hlc'] === 'string' ? r['base_hlc'] : null,
  };
}

/** The oldest pending changes first, so a row's creation goes before later edits of it. */
export function pendingOps(db: Database, limit: number): SyncOp[] {
  return (stmt(db, 'SELECT * FROM outbox ORDER BY hlc LIMIT ?').all(limit) as Row[]).map(rowToOp);
}

export function pendingCount(db: Database): number {
  return num((stmt(db, 'SELECT count(*) AS n FROM outbox').get() as { n: number }).n);
}

/**
 * The server has the op. Only this op id leaves the outbox: a newer local write to the
 * same cell, made while the push was on the wire, replaced it and must still go.
 */
export function markAccepted(db: Database, opIds: readonly string[]): void {
  const del = stmt(db, 'DELETE FROM outbox WHERE op_id = ?');
  db.transaction(() => {
    for (const id of opIds) del.run(id);
  })();
}

const MOVE_TO_SET_ASIDE = `INSERT INTO set_aside
    (op_id, tbl, row_id, col, scope, value, hlc, base_hlc, reason, message, at, label, project_name)
  SELECT op_id, tbl, row_id, col, scope, value, hlc, base_hlc, ?, ?, ?, ?, ? FROM outbox WHERE op_id = ?
  ON CONFLICT (op_id) DO NOTHING`;

/**
 * Refused for good (access, role, invalid): kept in set_aside and shown, never dropped.
 * The record and its project are named now, while their rows are still here.
 */
export function setAside(
  db: Database,
  refused: readonly { opId: string; reason: RefusalReason; message: string }[],
  at: number,
): void {
  const move = stmt(db, MOVE_TO_SET_ASIDE);
  const find = stmt(db, 'SELECT tbl, row_id, scope FROM outbox WHERE op_id = ?');
  const del = stmt(db, 'DELETE FROM outbox WHERE op_id = ?');
  db.transaction(() => {
    for (const r of refused) {
      const op = find.get(r.opId) as Row | undefined;
      if (!op) continue;
      const label = recordLabel(db, RecordTable.parse(op['tbl']), str(op['row_id']));
      move.run(r.reason, r.message, at, label, projectName(db, str(op['scope'])), r.opId);
      del.run(r.opId);
    }
  })();
}

/** Every pending change of a scope the user lost: set aside with reason no_access. */
export function setAsideScope(db: Database, scope: string, message: string, at: number): number {
  const ids = stmt(db, 'SELECT op_id FROM outbox WHERE scope = ?').all(scope) as { op_id: string }[];
  setAside(
    db,
    ids.map((r) => ({ opId: r.op_id, reason: 'no_access' as const, message })),
    at,
  );
  return ids.length;
}

export function setAsideCount(db: Database): number {
  return num((stmt(db, 'SELECT count(*) AS n FROM set_aside').get() as { n: number }).n);
}

export function listSetAside(db: Database): SetAsideChange[] {
  const rows = stmt(db, 'SELECT * FROM set_aside ORDER BY at DESC, hlc DESC').all() as Row[];
  return rows.map((r) => {
    const table = RecordTable.parse(r['tbl']);
    return {
      opId: str(r['op_id']),
      table,
      rowId: str(r['row_id']),
      column: str(r['col']),
      scope: str(r['scope']),
      value: decodeValue(str(r['value'])),
      hlc: str(r['hlc']),
      reason: RefusalReason.parse(r['reason']),
      message: str(r['message']),
      at: num(r['at']),
      label: strOrNull(r['label']) ?? recordLabel(db, table, str(r['row_id'])),
      projectName: strOrNull(r['project_name']) ?? projectName(db, str(r['scope'])),
    };
  });
}

/**
 * The newest version this device has seen below `limit`: of a cell, a row, or the value a
 * pending change overwrote (its base; the cell's own version is then the wrong stamp).
 * A full scan of the versions, but it runs only when the server refused this device's clock.
 */
function newestVersionBelow(db: Database, limit: string): string | null {
  const newest = (sql: string): string | null => (stmt(db, sql).get(limit) as { h: string | null }).h;
  const tables = stmt(db, "SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const found = [
    newest('SELECT max(hlc) AS h FROM cell_versions WHERE hlc < ?'),
    newest('SELECT max(base_hlc) AS h FROM outbox WHERE base_hlc < ?'),
  ];
  for (const { name } of tables) {
    const table = RecordTable.safeParse(name);
    if (table.success) found.push(newest(`SELECT max(row_hlc) AS h FROM ${table.data} WHERE row_hlc < ?`));
  }
  return found.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
}

/**
 * The server refused our stamps as too far ahead (clock_ahead): reset the clock to the
 * corrected time (or just after the newest version seen, if later) and stamp every pending
 * change again, in its old order. The HLC may go back here: nothing carrying the old stamps
 * was accepted. Cell versions, row versions
 * and bases that named an old stamp follow it, so the local state stays consistent.
 */
export function restampOutbox(db: Database, node: string, correctedNow: number): number {
  return db.transaction(() => {
    const rows = stmt(db, 'SELECT tbl, row_id, col, hlc FROM outbox ORDER BY hlc').all() as {
      tbl: string;
      row_id: string;
      col: string;
      hlc: string;
    }[];
    // Cells written together shared one stamp and keep sharing one. The new stamps also sort
    // after every version this device has seen, or a re-stamped write would lose to the very
    // value it overwrote (its base); the wrong stamps being replaced are past the server's limit.
    const seen = newestVersionBelow(db, formatHlc({ millis: correctedNow + HLC_MAX_DRIFT_MS, counter: 0, node }));
    const floor = seen === null ? null : parseHlc(seen);
    let clock: Hlc =
      floor !== null && floor.millis >= correctedNow
        ? { millis: floor.millis, counter: floor.counter, node }
        : { millis: correctedNow, counter: 0, node };
    const renamed = new Map<string, string>();
    for (const r of rows) {
      if (renamed.has(r.hlc)) continue;
      clock = tick(clock, correctedNow);
      renamed.set(r.hlc, formatHlc(clock));
    }
    const setOp = stmt(db, 'UPDATE outbox SET hlc = ? WHERE tbl = ? AND row_id = ? AND col = ?');
    // Every cell of the row written with the old stamp follows it, also one that never went out
    // (a server-owned cell's empty echo): a day-ahead version would hide the server's value.
    const setVersion = stmt(db, 'UPDATE cell_versions SET hlc = ? WHERE tbl = ? AND row_id = ? AND hlc = ?');
    for (const r of rows) {
      const next = renamed.get(r.hlc)!;
      setOp.run(next, r.tbl, r.row_id, r.col);
      setVersion.run(next, r.tbl, r.row_id, r.hlc);
      // Rows created here carry the creation stamp as their row version.
      stmt(db, `UPDATE ${RecordTable.parse(r.tbl)} SET row_hlc = ? WHERE id = ? AND row_hlc = ?`).run(
        next,
        r.row_id,
        r.hlc,
      );
    }
    const setBase = stmt(db, 'UPDATE outbox SET base_hlc = ? WHERE base_hlc = ?');
    for (const [old, next] of renamed) setBase.run(next, old);
    stmt(db, 'INSERT INTO clock (id, hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc').run(
      formatHlc(clock),
    );
    return rows.length;
  })();
}
