import { randomUUID } from 'node:crypto';
import type { CellValue, RecordTable } from '../../shared/records';
import { SERVER_NODE, type PushResponse, type SyncOp } from '../../shared/sync/wire';
import type { ServerDb } from '../db/connect';
import type { Executor } from '../db/executor';
import { loadRecords, lockScope, rowKey } from '../db/records-store';
import { visibleProjectIds, type SyncActor } from './access';
import { applyScopeBatch, staticRefusal, type IncomingOp, type OpOutcome, type Writer } from './apply';
import { parseCells } from './cells';
import { loadServerClock, stampServerHlc } from './server-clock';
import { inTransaction } from './transaction';

export { seedRecords, type SeedRow } from './seed';

/**
 * Stores a device's ops: one transaction per scope, ops applied in request order.
 * Every op is either accepted (stored now or before) or refused with its reason.
 */
export async function pushOps(sdb: ServerDb, actor: SyncActor, ops: SyncOp[], now: number): Promise<PushResponse> {
  const writer: Writer = { kind: 'device', role: actor.role, visible: await visibleProjectIds(sdb.db, actor) };
  const outcomes = new Map<string, OpOutcome>();
  const record = (o: OpOutcome) => {
    if (!outcomes.has(o.opId) || o.accepted) outcomes.set(o.opId, o);
  };
  const byScope = new Map<string, IncomingOp[]>();
  for (const op of ops) {
    const refused = staticRefusal(op, writer, now);
    if (refused) {
      record(refused);
      continue;
    }
    const item = { op, userId: actor.userId, deviceId: actor.deviceId };
    const list = byScope.get(op.scope);
    if (list) list.push(item);
    else byScope.set(op.scope, [item]);
  }
  for (const [scope, items] of byScope) {
    const result = await inTransaction(sdb, null, (ex) =>
      applyScopeBatch(ex, { db: sdb.db, dialect: sdb.dialect, scope, items, writer, now }),
    );
    result.outcomes.forEach(record);
  }
  // In request order, each op once.
  const ordered = [...new Set(ops.map((o) => o.opId))].map((id) => outcomes.get(id)!);
  const response: PushResponse = { serverTime: now, accepted: [], refused: [] };
  for (const o of ordered) {
    if (o.accepted) response.accepted.push(o.opId);
    else response.refused.push({ opId: o.opId, reason: o.reason, message: o.message });
  }
  return response;
}

/**
 * Writes cells the server owns (projects.group_id on assignment, service_groups rows
 * when a group changes) as ops by user and device `server`, stamped with the server
 * clock, through the same path as devices' ops, so they sync down like any change.
 * Cells already holding the value are left alone. Pass the caller's transaction as
 * `tx` to make the write part of it (on SQLite, never call this with `tx` = null
 * while a transaction of the same database is open). Returns the HLC written, or
 * null when nothing changed. Throws on a cell the table does not have.
 */
export async function writeServerCells(
  sdb: ServerDb,
  tx: Executor | null,
  scope: string,
  table: RecordTable,
  rowId: string,
  cells: Record<string, CellValue>,
  now: number,
): Promise<string | null> {
  const result = await inTransaction(sdb, tx, async (ex) => {
    await lockScope(ex, sdb.dialect, scope);
    const record = (await loadRecords(ex, [{ tbl: table, rowId }])).get(rowKey(table, rowId));
    const stored = record ? parseCells(record.cells) : {};
    const changes = Object.entries(cells).filter(
      ([col, value]) => stored[col] === undefined || stored[col][0] !== value,
    );
    if (changes.length === 0) return { stampedHlc: null, written: null };
    const rowHlcs = Object.values(stored).map((c) => c[1]);
    const newestOfRow = rowHlcs.reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);
    await loadServerClock(sdb.db, ex);
    const hlc = stampServerHlc(sdb.db, now, rowHlcs);
    const items: IncomingOp[] = changes.map(([column, value]) => ({
      op: {
        opId: randomUUID(),
        scope,
        table,
        rowId,
        column,
        value,
        hlc,
        // A deletion names the newest version of the whole row it saw (merge.ts).
        baseHlc: column === 'deleted' ? newestOfRow : (stored[column]?.[1] ?? null),
      },
      userId: SERVER_NODE,
      deviceId: SERVER_NODE,
    }));
    const applied = await applyScopeBatch(ex, {
      db: sdb.db,
      dialect: sdb.dialect,
      scope,
      items,
      writer: { kind: 'server' },
      now,
    });
    const refused = applied.outcomes.find((o) => !o.accepted);
    if (refused && !refused.accepted) throw new Error(`server cell refused: ${refused.message}`);
    const stamped = applied.stampedHlc && applied.stampedHlc > hlc ? applied.stampedHlc : hlc;
    return { stampedHlc: stamped, written: hlc };
  });
  return result.written;
}
