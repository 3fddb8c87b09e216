/**
 * The heart of a push: one scope's ops applied inside one transaction that holds
 * the scope's lock. Ops are checked, stored (the audit trail), judged for
 * collisions against every stored op of their row, and merged into the
 * latest-value rows (last writer wins by HLC); every changed row takes the next
 * sequence number of the scope.
 */
import type { Kysely } from 'kysely';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../shared/hlc';
import type { CellValue } from '../../shared/records';
import { conflictKind, supersedes } from '../../shared/sync/merge';
import { mayWrite, type Role } from '../../shared/sync/roles';
import type { RefusalReason, SyncOp } from '../../shared/sync/wire';
import type { ServerDialect } from '../db/connect';
import type { Executor } from '../db/executor';
import {
  existingRowIds,
  findOpsById,
  insertOps,
  insertRecords,
  loadRecords,
  loadRowOps,
  lockScope,
  rowKey,
  setScopeSeq,
  updateRecord,
  type StoredOp,
} from '../db/records-store';
import type { OpsTable, ServerDatabase } from '../db/schema';
import { mayRead, type VisibleProjects } from './access';
import { parseCells, type StoredCells } from './cells';
import { conflictRecord, type FoundConflict, type KnownOp } from './conflicts';
import { loadServerClock, stampServerHlc } from './server-clock';
import { cellInvalidReason, deviceHlcInvalidReason } from './validate';

export interface IncomingOp {
  op: SyncOp;
  userId: string;
  deviceId: string;
}

export type OpOutcome =
  { opId: string; accepted: true } | { opId: string; accepted: false; reason: RefusalReason; message: string };

/** Whose ops these are: a device's user (checked), or the server itself (trusted). */
export type Writer = { kind: 'device'; role: Role; visible: VisibleProjects } | { kind: 'server' };

export interface ScopeBatch {
  db: Kysely<ServerDatabase>;
  dialect: ServerDialect;
  scope: string;
  items: readonly IncomingOp[];
  writer: Writer;
  now: number;
}

export interface ScopeBatchResult {
  outcomes: OpOutcome[];
  /** The server HLC stamped in this transaction, to persist once it commits. */
  stampedHlc: string | null;
}

interface RowState {
  tbl: string;
  rowId: string;
  scope: string;
  cells: StoredCells;
  isNew: boolean;
}

function toKnown(o: StoredOp): KnownOp {
  return {
    opId: o.op_id,
    table: o.tbl,
    rowId: o.row_id,
    column: o.col,
    value: JSON.parse(o.value) as CellValue,
    hlc: o.hlc,
    baseHlc: o.base_hlc,
    userId: o.user_id,
    deviceId: o.device_id,
  };
}

function sameOp(stored: StoredOp, op: SyncOp): boolean {
  return (
    stored.scope === op.scope &&
    stored.tbl === op.table &&
    stored.row_id === op.rowId &&
    stored.col === op.column &&
    stored.hlc === op.hlc
  );
}

function refuse(opId: string, reason: RefusalReason, message: string): OpOutcome {
  return { opId, accepted: false, reason, message };
}

/**
 * The checks that need nothing stored, in their order (invalid, no_access, forbidden,
 * clock_ahead); null when the op may go on. Run before the scope is locked, so a
 * push of nothing acceptable takes no lock and creates no scope.
 */
export function staticRefusal(op: SyncOp, writer: Writer, now: number): OpOutcome | null {
  const invalid = cellInvalidReason(op) ?? (writer.kind === 'device' ? deviceHlcInvalidReason(op.hlc) : null);
  if (invalid) return refuse(op.opId, 'invalid', invalid);
  if (writer.kind === 'server') return null;
  if (!mayRead(writer.visible, op.scope)) return refuse(op.opId, 'no_access', `no access to scope ${op.scope}`);
  if (!mayWrite(writer.role, { scope: op.scope, table: op.table, column: op.column })) {
    return refuse(op.opId, 'forbidden', `a ${writer.role} may not write ${op.table}.${op.column}`);
  }
  const ahead = parseHlc(op.hlc).millis - now;
  if (ahead > HLC_MAX_DRIFT_MS) {
    return refuse(op.opId, 'clock_ahead', `the HLC is ${Math.round(ahead / 1000)} s ahead of the server clock`);
  }
  return null;
}

/** The checks against what is stored: a row stays in its scope; conflict rows come from the server. */
function storedRefusal(op: SyncOp, stored: RowState | undefined): OpOutcome | null {
  if (stored && stored.scope !== op.scope) {
    return refuse(op.opId, 'invalid', `the row belongs to scope ${stored.scope}`);
  }
  if (op.table === 'conflicts' && !stored) {
    return refuse(op.opId, 'invalid', 'conflict records are created by the server');
  }
  return null;
}

export async function applyScopeBatch(ex: Executor, batch: ScopeBatch): Promise<ScopeBatchResult> {
  const { scope, items, writer, now } = batch;
  let seq = await lockScope(ex, batch.dialect, scope);
  const keys = items.map((i) => ({ tbl: i.op.table, rowId: i.op.rowId }));
  const known = await findOpsById(
    ex,
    items.map((i) => i.op.opId),
  );
  const rows = new Map<string, RowState>();
  for (const [key, r] of await loadRecords(ex, keys)) {
    rows.set(key, { tbl: r.tbl, rowId: r.row_id, scope: r.scope, cells: parseCells(r.cells), isNew: false });
  }
  const history = new Map<string, KnownOp[]>();
  for (const o of await loadRowOps(ex, keys)) {
    const key = rowKey(o.tbl, o.row_id);
    const list = history.get(key);
    if (list) list.push(toKnown(o));
    else history.set(key, [toKnown(o)]);
  }

  const outcomes: OpOutcome[] = [];
  const newOps: OpsTable[] = [];
  const changed = new Set<string>();
  const found = new Map<string, FoundConflict>();
  for (const { op, userId, deviceId } of items) {
    const previous = known.get(op.opId);
    if (previous) {
      outcomes.push(
        sameOp(previous, op)
          ? { opId: op.opId, accepted: true }
          : refuse(op.opId, 'invalid', 'this op id was already used for another change'),
      );
      continue;
    }
    const key = rowKey(op.table, op.rowId);
    const refused = staticRefusal(op, writer, now) ?? storedRefusal(op, rows.get(key));
    if (refused) {
      outcomes.push(refused);
      continue;
    }
    outcomes.push({ opId: op.opId, accepted: true });
    const stored: StoredOp = {
      op_id: op.opId,
      scope,
      tbl: op.table,
      row_id: op.rowId,
      col: op.column,
      value: JSON.stringify(op.value),
      hlc: op.hlc,
      base_hlc: op.baseHlc,
      user_id: userId,
      device_id: deviceId,
    };
    known.set(op.opId, stored);
    newOps.push({ ...stored, received_at: now });

    const incoming: KnownOp = { ...op, userId, deviceId };
    const rowOps = history.get(key) ?? [];
    for (const other of rowOps) {
      const kind = conflictKind(incoming, other);
      if (!kind) continue;
      const conflict = conflictRecord(scope, incoming, other, kind);
      if (!found.has(conflict.id)) found.set(conflict.id, conflict);
    }
    rowOps.push(incoming);
    history.set(key, rowOps);

    let row = rows.get(key);
    if (!row) {
      row = { tbl: op.table, rowId: op.rowId, scope, cells: {}, isNew: true };
      rows.set(key, row);
    }
    if (supersedes(op.hlc, row.cells[op.column]?.[1])) {
      row.cells[op.column] = [op.value, op.hlc, userId];
      changed.add(key);
    }
  }

  let stampedHlc: string | null = null;
  if (found.size > 0) {
    const already = await existingRowIds(ex, 'conflicts', [...found.keys()]);
    const fresh = [...found.values()].filter((c) => !already.has(c.id));
    if (fresh.length > 0) {
      await loadServerClock(batch.db, ex);
      const seen = fresh
        .flatMap((c) => [c.cells['kept_hlc'], c.cells['other_hlc']])
        .filter((h) => typeof h === 'string');
      stampedHlc = stampServerHlc(batch.db, now, seen);
      for (const c of fresh) {
        const cells: StoredCells = {};
        for (const [col, value] of Object.entries(c.cells)) cells[col] = [value, stampedHlc, null];
        const key = rowKey('conflicts', c.id);
        rows.set(key, { tbl: 'conflicts', rowId: c.id, scope, cells, isNew: true });
        changed.add(key);
      }
    }
  }

  if (newOps.length > 0) await insertOps(ex, newOps);
  const inserts = [];
  for (const key of changed) {
    const row = rows.get(key)!;
    seq += 1;
    const record = { tbl: row.tbl, row_id: row.rowId, scope, seq, cells: JSON.stringify(row.cells) };
    if (row.isNew) inserts.push(record);
    else await updateRecord(ex, record);
  }
  if (inserts.length > 0) await insertRecords(ex, inserts);
  if (changed.size > 0) await setScopeSeq(ex, scope, seq);
  return { outcomes, stampedHlc };
}
