/**
 * Checks a settled simulation cell by cell against the oracle (tests/support/sync-oracle.ts):
 * the server's latest values and every device's stored cells must equal `expectedCells` of
 * the ops the server received; the conflict records on the server and on every device must
 * be exactly `expectedConflicts` of those ops; no write is lost and nothing is doubled.
 * The server's op log is read straight from its database (SQLite file or PostgreSQL).
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { fromStorage } from '../../electron/backend/db/cells';
import type { ServerDb } from '../../server/db/connect';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../shared/hlc';
import { RecordTable, type CellValue } from '../../shared/records';
import { hlcNode, orderConflict, type ConflictKind, type OpFacts } from '../../shared/sync/merge';
import { mayWrite, ORG_SCOPE } from '../../shared/sync/roles';
import { TABLE_COLUMNS } from '../../shared/sync/tables';
import { cellKey, expectedCells, expectedConflicts, lostWrites, type ExpectedCell } from './sync-oracle';
import type { SimDevice, SimWorld } from './sync-sim-world';

export interface ServerOp extends OpFacts {
  scope: string;
  userId: string;
  deviceId: string;
  receivedAt: number;
}

export interface CheckReport {
  ops: number;
  /** Ops that created a row (its first stamp), edited one, deleted one, or resolved a conflict. */
  opKinds: { create: number; edit: number; delete: number; resolve: number };
  rows: number;
  conflicts: Record<ConflictKind, number>;
  resolved: number;
  deletedRows: number;
  mismatchCount: number;
  /** The first mismatches, in words (all of them are counted in mismatchCount). */
  mismatches: string[];
}

type Cells = Map<string, ExpectedCell>;
const MAX_REPORTED = 40;
/** Cells of a conflict record that come from the pair of ops (the rest is its resolution). */
const PAIR_COLUMNS = ['scope', 'tbl', 'row_id', 'col', 'kind', 'kept_value', 'kept_hlc', 'kept_by'].concat([
  'kept_device',
  'other_value',
  'other_hlc',
  'other_by',
  'other_device',
  'deleted',
]);

class Mismatches {
  count = 0;
  readonly list: string[] = [];
  add(message: string): void {
    this.count++;
    if (this.list.length < MAX_REPORTED) this.list.push(message);
  }
}

async function readServer(sdb: ServerDb) {
  const ops = (await sdb.db.selectFrom('ops').selectAll().execute()).map((o): ServerOp => ({
    opId: o.op_id,
    scope: o.scope,
    table: o.tbl,
    rowId: o.row_id,
    column: o.col,
    value: JSON.parse(o.value) as CellValue,
    hlc: o.hlc,
    baseHlc: o.base_hlc,
    userId: o.user_id,
    deviceId: o.device_id,
    receivedAt: o.received_at,
  }));
  const records = (await sdb.db.selectFrom('records').selectAll().execute()).map((r) => ({
    table: r.tbl,
    rowId: r.row_id,
    scope: r.scope,
    cells: JSON.parse(r.cells) as Record<string, [CellValue, string, string | null]>,
  }));
  return { ops, records };
}

/** The conflict record's id: sha256 of the pair key, as the wire contract names it (the same from any order). */
function conflictRowId(pairKey: string): string {
  return createHash('sha256').update(pairKey).digest('hex').slice(0, 32);
}

const isDeletion = (op: OpFacts): boolean => op.column === 'deleted' && op.value === true;

/** What each conflict record must say, from the oracle's pairs alone. */
interface ExpectedConflict {
  scope: string;
  kind: ConflictKind;
  cells: Cells;
}

function expectedConflictRecords(ops: readonly ServerOp[]): Map<string, ExpectedConflict> {
  const byId = new Map(ops.map((o) => [o.opId, o]));
  const out = new Map<string, ExpectedConflict>();
  for (const [pair, kind] of expectedConflicts(ops)) {
    const [a, b] = pair.split('|').map((id) => byId.get(id)!) as [ServerOp, ServerOp];
    const { kept, other } = orderConflict(a, b, kind) as { kept: ServerOp; other: ServerOp };
    const column = kind === 'edit_deleted' ? (isDeletion(kept) ? other.column : kept.column) : kept.column;
    const id = conflictRowId(pair);
    const values: Record<string, CellValue> = {
      scope: kept.scope,
      tbl: kept.table,
      row_id: kept.rowId,
      col: column,
      kind,
      kept_value: JSON.stringify(kept.value),
      kept_hlc: kept.hlc,
      kept_by: kept.userId,
      kept_device: kept.deviceId,
      other_value: JSON.stringify(other.value),
      other_hlc: other.hlc,
      other_by: other.userId,
      other_device: other.deviceId,
      deleted: false,
    };
    const cells: Cells = new Map();
    // The pair cells carry the server's stamp, which the oracle cannot know: hlc '' means "any".
    for (const col of PAIR_COLUMNS) cells.set(cellKey('conflicts', id, col), { value: values[col] ?? null, hlc: '' });
    out.set(id, { scope: kept.scope, kind, cells });
  }
  return out;
}

function compareCell(m: Mismatches, where: string, key: string, want: ExpectedCell, got: ExpectedCell | undefined) {
  if (!got) return m.add(`${where}: ${key} missing (want ${JSON.stringify(want.value)} @ ${want.hlc})`);
  if (got.value !== want.value || (want.hlc !== '' && got.hlc !== want.hlc)) {
    m.add(
      `${where}: ${key} = ${JSON.stringify(got.value)} @ ${got.hlc}, want ${JSON.stringify(want.value)} @ ${want.hlc}`,
    );
  }
}

/** A device's stored cells: value from the row, version from cell_versions or else the row's row_hlc. */
function deviceCells(db: Database): { cells: Cells; rows: Set<string> } {
  const versions = new Map(
    (db.prepare('SELECT tbl, row_id, col, hlc FROM cell_versions').all() as Record<string, string>[]).map((v) => [
      cellKey(v['tbl']!, v['row_id']!, v['col']!),
      v['hlc']!,
    ]),
  );
  const cells: Cells = new Map();
  const rows = new Set<string>();
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
  );
  // A table this build's schema does not have yet holds nothing; its rows would be parked (checked).
  for (const table of RecordTable.options.filter((t) => present.has(t))) {
    const kinds = TABLE_COLUMNS[table];
    for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
      const id = String(row['id']);
      rows.add(`${table}/${id}`);
      for (const [col, kind] of Object.entries(kinds)) {
        const key = cellKey(table, id, col);
        cells.set(key, { value: fromStorage(kind, row[col]), hlc: versions.get(key) ?? String(row['row_hlc']) });
      }
    }
  }
  return { cells, rows };
}

function countOf(db: Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function checkDevice(
  m: Mismatches,
  world: SimWorld,
  d: SimDevice,
  want: { cells: Cells; rowScope: Map<string, string>; server: Cells; conflicts: Map<string, { scope: string }> },
): void {
  const where = `${d.name}(${d.login})`;
  for (const t of ['outbox', 'set_aside', 'parked_rows']) {
    const n = countOf(d.backend.db, t);
    if (n > 0) m.add(`${where}: ${n} rows left in ${t}`);
  }
  const sees = (scope: string): boolean => d.role === 'coordinator' || scope === ORG_SCOPE || world.assigned.has(scope);
  const { cells, rows } = deviceCells(d.backend.db);
  const wantRows = new Set<string>();
  for (const [row, scope] of want.rowScope) if (sees(scope)) wantRows.add(row);
  for (const [id, c] of want.conflicts) if (sees(c.scope)) wantRows.add(`conflicts/${id}`);
  for (const row of wantRows) if (!rows.has(row)) m.add(`${where}: row ${row} missing`);
  for (const row of rows) if (!wantRows.has(row)) m.add(`${where}: row ${row} should not be here`);
  for (const [key, exp] of want.cells) {
    const row = key.slice(0, key.lastIndexOf('/'));
    if (wantRows.has(row)) compareCell(m, where, key, exp, cells.get(key));
  }
  for (const [key, got] of cells) {
    const row = key.slice(0, key.lastIndexOf('/'));
    if (row.startsWith('conflicts/')) {
      // Conflict records travel like any row: the device holds the server's cells exactly.
      const server = want.server.get(key);
      if (server) compareCell(m, where, key, server, got);
      else if (got.value !== null)
        m.add(`${where}: ${key} = ${JSON.stringify(got.value)}, the server has no such cell`);
    } else if (!want.cells.has(key) && got.value !== null && !(key.endsWith('/deleted') && got.value === false)) {
      m.add(`${where}: ${key} = ${JSON.stringify(got.value)} but no op wrote it`);
    }
  }
}

function opKindsOf(ops: readonly ServerOp[]): CheckReport['opKinds'] {
  const created = new Map<string, string>();
  for (const o of ops) {
    const row = `${o.table}/${o.rowId}`;
    const first = created.get(row);
    if (first === undefined || o.hlc < first) created.set(row, o.hlc);
  }
  const kinds = { create: 0, edit: 0, delete: 0, resolve: 0 };
  for (const o of ops) {
    if (o.table === 'conflicts') kinds.resolve++;
    else if (isDeletion(o)) kinds.delete++;
    else if (o.hlc === created.get(`${o.table}/${o.rowId}`)) kinds.create++;
    else kinds.edit++;
  }
  return kinds;
}

/** Checks the settled world; call after quiesce(). */
export async function checkWorld(world: SimWorld): Promise<CheckReport> {
  const m = new Mismatches();
  const { ops, records } = await readServer(await world.serverDb());
  const ids = new Set(ops.map((o) => o.opId));
  if (ids.size !== ops.length) m.add(`server: ${ops.length - ids.size} op ids stored twice`);
  for (const o of ops) {
    const ahead = parseHlc(o.hlc).millis - o.receivedAt;
    if (ahead > HLC_MAX_DRIFT_MS) m.add(`server: op ${o.opId} stored ${ahead} ms ahead of the server clock`);
  }
  // Every op an outbox held before a push reached the server, or a later op of the same cell
  // from the same device did (the outbox keeps one op per cell; a write during the push replaced it).
  const writers = new Map<string, Set<string>>();
  for (const o of ops) {
    const key = cellKey(o.table, o.rowId, o.column);
    writers.set(key, (writers.get(key) ?? new Set()).add(hlcNode(o.hlc)));
  }
  for (const w of world.written.values()) {
    // The device itself drops a server-owned cell's empty echo (push.ts): nothing to deliver.
    if (ids.has(w.opId) || !mayWrite('admin', { scope: '', table: w.table as RecordTable, column: w.column })) continue;
    if (!writers.get(cellKey(w.table, w.rowId, w.column))?.has(w.node)) {
      m.add(`server: op ${w.opId} of ${w.device} never arrived`);
    }
  }

  const cells = expectedCells(ops);
  const conflicts = expectedConflictRecords(ops);
  const rowScope = new Map<string, string>();
  for (const o of ops) if (o.table !== 'conflicts') rowScope.set(`${o.table}/${o.rowId}`, o.scope);

  // The server: latest values and conflict records.
  const server: Cells = new Map();
  const serverRows = new Set<string>();
  for (const r of records) {
    serverRows.add(`${r.table}/${r.rowId}`);
    for (const [col, [value, hlc]] of Object.entries(r.cells))
      server.set(cellKey(r.table, r.rowId, col), { value, hlc });
  }
  const wantCells: Cells = new Map([...cells].filter(([key]) => !key.startsWith('conflicts/')));
  for (const [id, c] of conflicts) {
    for (const [key, exp] of c.cells) wantCells.set(key, exp);
    for (const col of ['resolution', 'resolved_by', 'resolved_at']) {
      const key = cellKey('conflicts', id, col);
      wantCells.set(key, cells.get(key) ?? { value: null, hlc: '' });
    }
  }
  for (const key of cells.keys()) {
    const id = key.split('/')[1]!;
    if (key.startsWith('conflicts/') && !conflicts.has(id)) m.add(`oracle: ops resolve ${id}, which is no conflict`);
  }
  for (const [key, exp] of wantCells) compareCell(m, 'server', key, exp, server.get(key));
  for (const key of server.keys()) {
    if (!wantCells.has(key)) m.add(`server: ${key} holds a value no op wrote`);
  }
  const wantRows = new Set([...rowScope.keys(), ...[...conflicts.keys()].map((id) => `conflicts/${id}`)]);
  for (const row of serverRows) if (!wantRows.has(row)) m.add(`server: unexpected row ${row}`);
  if (serverRows.size !== wantRows.size) m.add(`server: ${serverRows.size} rows, want ${wantRows.size}`);

  const conflictOpIds = new Set<string>();
  for (const pair of expectedConflicts(ops).keys()) for (const id of pair.split('|')) conflictOpIds.add(id);
  for (const w of lostWrites(ops, ops, conflictOpIds)) {
    const now = cells.get(cellKey(w.table, w.rowId, w.column));
    m.add(`lost write: ${cellKey(w.table, w.rowId, w.column)} ${w.hlc} (base ${w.baseHlc}) under ${now?.hlc}`);
  }

  for (const d of world.devices) checkDevice(m, world, d, { cells: wantCells, rowScope, server, conflicts });

  const kinds: Record<ConflictKind, number> = { field: 0, status: 0, edit_deleted: 0 };
  for (const c of conflicts.values()) kinds[c.kind]++;
  return {
    ops: ops.length,
    opKinds: opKindsOf(ops),
    rows: rowScope.size,
    conflicts: kinds,
    resolved: [...cells.keys()].filter((k) => k.startsWith('conflicts/') && k.endsWith('/resolution')).length,
    deletedRows: [...cells].filter(([k, c]) => k.endsWith('/deleted') && c.value === true).length,
    mismatchCount: m.count,
    mismatches: m.list,
  };
}
