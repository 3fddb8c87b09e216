/**
 * Queries on scopes, records and ops: everything the push and pull logic reads
 * and writes. Table and column names are fixed here; values are always parameters.
 */
import { sql } from 'kysely';
import { sqliteHandleOf, type ServerDb, type ServerDialect } from './connect';
import { chunks, type Executor } from './executor';
import type { OpsTable, RecordsTable } from './schema';

/** Rows per IN list / multi-row insert: under SQLite's and PostgreSQL's parameter limits. */
const IN_CHUNK = 500;
const INSERT_CHUNK = 400;

export interface RowKey {
  tbl: string;
  rowId: string;
}

export function rowKey(tbl: string, rowId: string): string {
  return `${tbl}\u0000${rowId}`;
}

/**
 * Makes sure the scope row exists and locks it until the transaction ends, so
 * sequence numbers are handed out in commit order: one upsert that always writes
 * (on PostgreSQL it row-locks like FOR UPDATE; on SQLite it makes the transaction a
 * write transaction at once, and Kysely runs one at a time). Returns the scope's
 * last sequence number.
 */
export async function lockScope(ex: Executor, _dialect: ServerDialect, scope: string): Promise<number> {
  const row = await ex
    .insertInto('scopes')
    .values({ scope, seq: 0 })
    .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ seq: eb.ref('scopes.seq') })))
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

export async function setScopeSeq(ex: Executor, scope: string, seq: number): Promise<void> {
  await ex.updateTable('scopes').set({ seq }).where('scope', '=', scope).execute();
}

export type StoredOp = Omit<OpsTable, 'received_at'>;

export async function findOpsById(ex: Executor, opIds: readonly string[]): Promise<Map<string, StoredOp>> {
  const found = new Map<string, StoredOp>();
  for (const part of chunks([...new Set(opIds)], IN_CHUNK)) {
    const rows = await ex
      .selectFrom('ops')
      .select(['op_id', 'scope', 'tbl', 'row_id', 'col', 'value', 'hlc', 'base_hlc', 'user_id', 'device_id'])
      .where('op_id', 'in', part)
      .execute();
    for (const r of rows) found.set(r.op_id, r);
  }
  return found;
}

function groupByTable(keys: readonly RowKey[]): Map<string, string[]> {
  const byTable = new Map<string, Set<string>>();
  for (const k of keys) {
    let ids = byTable.get(k.tbl);
    if (!ids) byTable.set(k.tbl, (ids = new Set()));
    ids.add(k.rowId);
  }
  return new Map([...byTable].map(([tbl, ids]) => [tbl, [...ids]]));
}

export async function loadRecords(ex: Executor, keys: readonly RowKey[]): Promise<Map<string, RecordsTable>> {
  const found = new Map<string, RecordsTable>();
  for (const [tbl, ids] of groupByTable(keys)) {
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows = await ex
        .selectFrom('records')
        .select(['tbl', 'row_id', 'scope', 'seq', 'cells'])
        .where('tbl', '=', tbl)
        .where('row_id', 'in', part)
        .execute();
      for (const r of rows) found.set(rowKey(r.tbl, r.row_id), { ...r, seq: Number(r.seq) });
    }
  }
  return found;
}

/** Every stored op of these rows: what a new op is checked against for collisions. */
export async function loadRowOps(ex: Executor, keys: readonly RowKey[]): Promise<StoredOp[]> {
  const out: StoredOp[] = [];
  for (const [tbl, ids] of groupByTable(keys)) {
    for (const part of chunks(ids, IN_CHUNK)) {
      const rows = await ex
        .selectFrom('ops')
        .select(['op_id', 'scope', 'tbl', 'row_id', 'col', 'value', 'hlc', 'base_hlc', 'user_id', 'device_id'])
        .where('tbl', '=', tbl)
        .where('row_id', 'in', part)
        .execute();
      out.push(...rows);
    }
  }
  return out;
}

export async function insertOps(ex: Executor, ops: readonly OpsTable[]): Promise<void> {
  for (const part of chunks(ops, INSERT_CHUNK)) await ex.insertInto('ops').values(part).execute();
}

export async function insertRecords(ex: Executor, rows: readonly RecordsTable[]): Promise<void> {
  for (const part of chunks(rows, INSERT_CHUNK)) await ex.insertInto('records').values(part).execute();
}

/**
 * Bulk import inside the caller's transaction: a row already present is left alone
 * (an import runs once). Bypasses the query builder, whose per-statement cost
 * dominates at hundreds of thousands of rows: one prepared statement on SQLite
 * (same connection, so same transaction), one array insert on PostgreSQL.
 */
export async function insertRecordsIfAbsent(sdb: ServerDb, tx: Executor, rows: readonly RecordsTable[]): Promise<void> {
  const handle = sqliteHandleOf(sdb);
  if (handle) {
    const insert = handle.prepare(
      'INSERT INTO records (tbl, row_id, scope, seq, cells) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tbl, row_id) DO NOTHING',
    );
    for (const r of rows) insert.run(r.tbl, r.row_id, r.scope, r.seq, r.cells);
    return;
  }
  await sql`INSERT INTO records (tbl, row_id, scope, seq, cells)
    SELECT * FROM unnest(${rows.map((r) => r.tbl)}::text[], ${rows.map((r) => r.row_id)}::text[],
      ${rows.map((r) => r.scope)}::text[], ${rows.map((r) => r.seq)}::bigint[], ${rows.map((r) => r.cells)}::text[])
    ON CONFLICT (tbl, row_id) DO NOTHING`.execute(tx);
}

export async function updateRecord(ex: Executor, row: RecordsTable): Promise<void> {
  await ex
    .updateTable('records')
    .set({ seq: row.seq, cells: row.cells })
    .where('tbl', '=', row.tbl)
    .where('row_id', '=', row.row_id)
    .execute();
}

export async function readScopeSeqs(ex: Executor, scopes: readonly string[] | 'all'): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (scopes === 'all') {
    for (const r of await ex.selectFrom('scopes').select(['scope', 'seq']).execute()) out.set(r.scope, Number(r.seq));
    return out;
  }
  for (const part of chunks(scopes, IN_CHUNK)) {
    const rows = await ex.selectFrom('scopes').select(['scope', 'seq']).where('scope', 'in', part).execute();
    for (const r of rows) out.set(r.scope, Number(r.seq));
  }
  return out;
}

export async function upsertScopeSeqs(ex: Executor, seqs: ReadonlyMap<string, number>): Promise<void> {
  const rows = [...seqs].map(([scope, seq]) => ({ scope, seq }));
  for (const part of chunks(rows, INSERT_CHUNK)) {
    await ex
      .insertInto('scopes')
      .values(part)
      .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq') })))
      .execute();
  }
}

/** One scope's rows changed after `cursor`, in sequence order. */
export async function readRowsSince(
  ex: Executor,
  scope: string,
  cursor: number,
  limit: number,
): Promise<RecordsTable[]> {
  const rows = await ex
    .selectFrom('records')
    .select(['tbl', 'row_id', 'scope', 'seq', 'cells'])
    .where('scope', '=', scope)
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * The rows past each scope's cursor, for several scopes in one statement (one round trip
 * instead of one per scope), each scope's rows in sequence order. Unbounded: callers pass
 * scopes whose rows they know fit (a scope has at most `seq − cursor` rows past its cursor).
 */
export async function readRowsPastCursors(
  ex: Executor,
  cursors: readonly (readonly [scope: string, cursor: number])[],
): Promise<RecordsTable[]> {
  if (cursors.length === 0) return [];
  const pairs = sql.join(cursors.map(([scope, cursor]) => sql`(${scope}, cast(${cursor} as bigint))`));
  const { rows } = await sql<RecordsTable>`WITH c (scope, after) AS (VALUES ${pairs})
    SELECT r.tbl, r.row_id, r.scope, r.seq, r.cells FROM c JOIN records r ON r.scope = c.scope AND r.seq > c.after`.execute(
    ex,
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq) })).sort((a, b) => a.seq - b.seq);
}

/** Every row of several scopes read from the start, scope by scope, in sequence order. */
export async function readRowsOfScopes(
  ex: Executor,
  scopes: readonly string[],
  limit: number,
): Promise<RecordsTable[]> {
  const rows = await ex
    .selectFrom('records')
    .select(['tbl', 'row_id', 'scope', 'seq', 'cells'])
    .where('scope', 'in', scopes)
    .orderBy('scope')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Which of these rows exist (for conflict records written once). */
export async function existingRowIds(ex: Executor, tbl: string, rowIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(rowIds, IN_CHUNK)) {
    const rows = await ex
      .selectFrom('records')
      .select('row_id')
      .where('tbl', '=', tbl)
      .where('row_id', 'in', part)
      .execute();
    for (const r of rows) out.add(r.row_id);
  }
  return out;
}
