import type { Database } from 'better-sqlite3';
import { hlcNode, supersedes } from '../../../shared/sync/merge';
import { isHlc, parseHlc } from '../../../shared/hlc';
import { CellValue, RecordTable } from '../../../shared/records';
import { fromStorage, stmt, toStorage, type Row, type StorageValue } from './cells';
import { TABLE_COLUMNS } from './schema';
import { problemSearchFields, projectSearchFields, reindexRecord, upsertSearchDoc } from './search';

/**
 * Applying pulled rows: per cell, the remote value wins only if its HLC supersedes the
 * local version (the cell's cell_versions entry, else the row's row_hlc). Rows are
 * written directly, never through the outbox: they must not be pushed back.
 */
export type ParkReason = 'parent_missing' | 'partial_row' | 'unknown_table' | 'unknown_column' | 'invalid_value';

/** Reasons that can go away within one pull (the parent or the missing cells arrive later). */
const PAGE_REPLAY: readonly ParkReason[] = ['parent_missing', 'partial_row'];

export interface ApplyOptions {
  /** Is this scope on its first sync? Then it is a snapshot: no change log. */
  isSnapshot: (scope: string) => boolean;
  /** User id → name, for the change log. */
  userNames: ReadonlyMap<string, string>;
  now: number;
}

export interface ApplyResult {
  applied: number;
  parked: number;
  tables: Set<RecordTable>;
  /** The newest HLC seen, merged into the clock so later local writes sort after it. */
  maxHlc: string | null;
}

interface TableShape {
  required: string[];
  parents: { col: string; table: RecordTable }[];
}

const shapes = new WeakMap<Database, Map<RecordTable, TableShape>>();

/** NOT NULL columns without a default, and foreign keys, as the schema declares them. */
function shapeOf(db: Database, table: RecordTable): TableShape {
  let perDb = shapes.get(db);
  if (!perDb) {
    perDb = new Map();
    shapes.set(db, perDb);
  }
  let shape = perDb.get(table);
  if (!shape) {
    const cols = db.pragma(`table_info(${table})`) as { name: string; notnull: number; dflt_value: unknown }[];
    const fks = db.pragma(`foreign_key_list(${table})`) as { from: string; table: string }[];
    shape = {
      required: cols.filter((c) => c.notnull === 1 && c.dflt_value === null && c.name !== 'id').map((c) => c.name),
      parents: fks.map((f) => ({ col: f.from, table: RecordTable.parse(f.table) })),
    };
    perDb.set(table, shape);
  }
  return shape;
}

interface RawRow {
  scope: string;
  table: string;
  id: string;
  hlc: string;
  cells: Record<string, unknown>;
  versions?: Record<string, string>;
  authors?: Record<string, string>;
}

function versionOf(r: RawRow, col: string): string {
  return r.versions?.[col] ?? r.hlc;
}

/** Two arrivals of the same parked row: per cell, the newer version. */
function mergeRows(a: RawRow, b: RawRow): RawRow {
  const winner = new Map<string, RawRow>();
  for (const r of [a, b]) {
    for (const col of Object.keys(r.cells)) {
      const best = winner.get(col);
      if (best === undefined || versionOf(r, col) > versionOf(best, col)) winner.set(col, r);
    }
  }
  const cells: Record<string, unknown> = {};
  const versions: Record<string, string> = {};
  const authors: Record<string, string> = {};
  for (const [col, r] of winner) {
    cells[col] = r.cells[col];
    versions[col] = versionOf(r, col);
    const author = r.authors?.[col];
    if (author !== undefined) authors[col] = author;
  }
  const hlc = a.hlc > b.hlc ? a.hlc : b.hlc;
  return { scope: b.scope, table: b.table, id: b.id, hlc, cells, versions, authors };
}

function park(db: Database, r: RawRow, reason: ParkReason, now: number): void {
  const found = stmt(db, 'SELECT payload FROM parked_rows WHERE tbl = ? AND row_id = ?').get(r.table, r.id) as
    { payload: string } | undefined;
  const payload = found ? mergeRows(JSON.parse(found.payload) as RawRow, r) : r;
  stmt(
    db,
    `INSERT INTO parked_rows (tbl, row_id, scope, reason, payload, at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, row_id) DO UPDATE SET scope = excluded.scope, reason = excluded.reason,
       payload = excluded.payload, at = excluded.at`,
  ).run(r.table, r.id, r.scope, reason, JSON.stringify(payload), now);
}

function subset(r: RawRow, cols: string[]): RawRow {
  const pick = <T>(m: Record<string, T> | undefined): Record<string, T> =>
    Object.fromEntries(cols.filter((c) => m?.[c] !== undefined).map((c) => [c, m![c]!]));
  return { ...r, cells: pick(r.cells), versions: pick(r.versions), authors: pick(r.authors) };
}

interface CheckedCell {
  col: string;
  value: CellValue;
  stored: StorageValue;
  version: string;
}

function insertRow(db: Database, table: RecordTable, r: RawRow, cells: CheckedCell[]): void {
  const cols = cells.map((c) => c.col);
  stmt(
    db,
    `INSERT INTO ${table} (id, row_hlc${cols.map((c) => `, ${c}`).join('')}) VALUES (?, ?${cols.map(() => ', ?').join('')})`,
  ).run(r.id, r.hlc, ...cells.map((c) => c.stored));
  const put = stmt(db, 'INSERT OR REPLACE INTO cell_versions (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?)');
  for (const c of cells) if (c.version !== r.hlc) put.run(table, r.id, c.col, c.version);
}

function logChange(
  db: Database,
  table: RecordTable,
  r: RawRow,
  c: CheckedCell,
  oldValue: CellValue,
  opts: ApplyOptions,
): void {
  const authorId = r.authors?.[c.col] ?? '';
  stmt(
    db,
    `INSERT INTO change_log (hlc, tbl, row_id, col, old_value, new_value, author_id, author_name, device_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.version,
    table,
    r.id,
    c.col,
    JSON.stringify(oldValue),
    JSON.stringify(c.value),
    authorId,
    opts.userNames.get(authorId) ?? authorId,
    hlcNode(c.version),
    parseHlc(c.version).millis,
  );
}

function updateRow(db: Database, table: RecordTable, r: RawRow, old: Row, cells: CheckedCell[], opts: ApplyOptions) {
  const kinds = TABLE_COLUMNS[table];
  const local = new Map(
    (
      stmt(db, 'SELECT col, hlc FROM cell_versions WHERE tbl = ? AND row_id = ?').all(table, r.id) as {
        col: string;
        hlc: string;
      }[]
    ).map((v) => [v.col, v.hlc]),
  );
  const rowHlc = typeof old['row_hlc'] === 'string' ? old['row_hlc'] : null;
  const put = stmt(db, 'INSERT OR REPLACE INTO cell_versions (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?)');
  const changed: CheckedCell[] = [];
  for (const c of cells) {
    if (!supersedes(c.version, local.get(c.col) ?? rowHlc)) continue;
    // The version moves even when the value is the same, so a later local write's base knows it.
    put.run(table, r.id, c.col, c.version);
    const oldValue = fromStorage(kinds[c.col]!, old[c.col]);
    if (oldValue === c.value) continue;
    changed.push(c);
    if (!opts.isSnapshot(r.scope)) logChange(db, table, r, c, oldValue, opts);
  }
  if (changed.length === 0) return false;
  stmt(db, `UPDATE ${table} SET ${changed.map((c) => `${c.col} = ?`).join(', ')} WHERE id = ?`).run(
    ...changed.map((c) => c.stored),
    r.id,
  );
  return true;
}

/** Applies one row; returns whether anything changed here, or 'parked'. */
function applyRow(db: Database, r: RawRow, opts: ApplyOptions): boolean | 'parked' {
  const parsedTable = RecordTable.safeParse(r.table);
  if (!parsedTable.success) {
    park(db, r, 'unknown_table', opts.now);
    return 'parked';
  }
  const table = parsedTable.data;
  const kinds = TABLE_COLUMNS[table];
  const shape = shapeOf(db, table);
  const cells: CheckedCell[] = [];
  const unknown: string[] = [];
  const invalid: string[] = [];
  for (const [col, raw] of Object.entries(r.cells)) {
    const kind = kinds[col];
    if (kind === undefined) {
      unknown.push(col);
      continue;
    }
    let stored: StorageValue;
    try {
      if (!isCell(raw)) throw new Error('not a cell value');
      stored = toStorage(kind, raw, `${table}.${col}`);
      if (stored === null && shape.required.includes(col)) throw new Error('null in a required column');
    } catch {
      invalid.push(col);
      continue;
    }
    cells.push({ col, value: raw as CellValue, stored, version: versionOf(r, col) });
  }
  if (unknown.length > 0) park(db, subset(r, unknown), 'unknown_column', opts.now);
  if (invalid.length > 0) park(db, subset(r, invalid), 'invalid_value', opts.now);

  const old = stmt(db, `SELECT * FROM ${table} WHERE id = ?`).get(r.id) as Row | undefined;
  if (!old) {
    const have = new Set(cells.map((c) => c.col));
    if (shape.required.some((col) => !have.has(col))) {
      park(db, subset(r, [...have]), 'partial_row', opts.now);
      return 'parked';
    }
    for (const p of shape.parents) {
      const ref = cells.find((c) => c.col === p.col)?.stored;
      if (ref === null || ref === undefined) continue;
      if (!stmt(db, `SELECT 1 FROM ${p.table} WHERE id = ?`).get(ref)) {
        park(db, subset(r, [...have]), 'parent_missing', opts.now);
        return 'parked';
      }
    }
    insertRow(db, table, r, cells);
    if (indexInserted(db, table, r.id, cells)) return true;
  } else if (!updateRow(db, table, r, old, cells, opts)) {
    return false;
  }
  reindexRecord(db, table, r.id);
  return true;
}

const SEARCH_COLUMNS: Partial<Record<RecordTable, readonly string[]>> = {
  projects: ['code', 'name', 'owner_company', 'district', 'industry', 'location', 'deleted'],
  problems: ['description', 'lead_unit', 'project_id', 'deleted'],
};

/**
 * The search entry of a row just inserted, from the cells in hand rather than by reading the
 * row back (a first sync inserts ~150k of them). False when the cells do not hold every
 * column it needs: reindexRecord reads the row then.
 */
function indexInserted(db: Database, table: RecordTable, id: string, cells: readonly CheckedCell[]): boolean {
  const needed = SEARCH_COLUMNS[table];
  if (!needed) return true;
  const row: Row = {};
  for (const c of cells) row[c.col] = c.stored;
  if (needed.some((col) => !(col in row)) || row['deleted'] !== 0) return false;
  if (table === 'projects') upsertSearchDoc(db, 'project', id, id, projectSearchFields(row));
  else upsertSearchDoc(db, 'problem', id, String(row['project_id']), problemSearchFields(row));
  return true;
}

const isCell = (v: unknown): v is CellValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

const isTextMap = (m: unknown, check: (v: string) => boolean): boolean =>
  m === undefined ||
  (typeof m === 'object' && m !== null && Object.values(m).every((v) => typeof v === 'string' && check(v)));

/**
 * The PulledRow shape, checked by hand: a first sync brings ~10^6 cells and a schema
 * parse per row costs more than applying it. A table this version does not know still
 * has the row's address, so it is parked for after an upgrade rather than refused.
 */
function toRaw(value: unknown): RawRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<RawRow> & { seq?: unknown };
  if (typeof v.scope !== 'string' || typeof v.table !== 'string' || typeof v.id !== 'string') return null;
  if (v.id.length === 0 || v.id.length > 64 || typeof v.hlc !== 'string' || !isHlc(v.hlc)) return null;
  if (typeof v.cells !== 'object' || v.cells === null) return null;
  if (!isTextMap(v.versions, isHlc) || !isTextMap(v.authors, () => true)) return null;
  return v as RawRow;
}

function track(result: ApplyResult, r: RawRow, outcome: boolean | 'parked'): void {
  if (outcome === 'parked') result.parked++;
  else if (outcome) {
    result.applied++;
    result.tables.add(r.table as RecordTable);
  }
  for (const col of Object.keys(r.cells)) {
    const v = versionOf(r, col);
    if (result.maxHlc === null || v > result.maxHlc) result.maxHlc = v;
  }
}

/** Applies pulled rows; call inside the page's transaction. Malformed rows are refused whole. */
export function applyPulledRows(db: Database, rows: readonly unknown[], opts: ApplyOptions): ApplyResult {
  const result: ApplyResult = { applied: 0, parked: 0, tables: new Set(), maxHlc: null };
  const raws = rows.map(toRaw);
  const bad = raws.findIndex((r) => r === null);
  if (bad >= 0) throw new Error(`the server sent a malformed row at ${bad}`);
  for (const r of raws as RawRow[]) track(result, r, applyRow(db, r, opts));
  return result;
}

/**
 * Tries the parked rows again (after a page: only those waiting for a parent or more
 * cells; after an upgrade: all), until a pass applies nothing more.
 */
export function replayParked(db: Database, opts: ApplyOptions, all: boolean): ApplyResult {
  const result: ApplyResult = { applied: 0, parked: 0, tables: new Set(), maxHlc: null };
  const sql = all
    ? 'SELECT tbl, row_id, payload FROM parked_rows ORDER BY at'
    : `SELECT tbl, row_id, payload FROM parked_rows WHERE reason IN (${PAGE_REPLAY.map(() => '?').join(', ')}) ORDER BY at`;
  for (;;) {
    const waiting = (all ? stmt(db, sql).all() : stmt(db, sql).all(...PAGE_REPLAY)) as {
      tbl: string;
      row_id: string;
      payload: string;
    }[];
    if (waiting.length === 0) return result;
    let progress = false;
    for (const w of waiting) {
      stmt(db, 'DELETE FROM parked_rows WHERE tbl = ? AND row_id = ?').run(w.tbl, w.row_id);
      const r = JSON.parse(w.payload) as RawRow;
      const outcome = applyRow(db, r, opts);
      track(result, r, outcome);
      if (outcome !== 'parked') progress = true;
    }
    result.parked = 0;
    if (!progress || all) return { ...result, parked: parkedCount(db) };
  }
}

export function parkedCount(db: Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM parked_rows').get() as { n: number }).n;
}

/**
 * A first sync writes ~10^6 rows; keeping ~50 secondary indexes up to date row by row costs
 * more than all else (random keys across indexes larger than the page cache), while building
 * them afterwards takes seconds. So the non-unique secondary indexes of the record tables are
 * set aside for it: their definitions are saved in `deferred_indexes` in the same transaction
 * that drops them, and rebuilt from there by restoreIndexes — after the sync, or on the next
 * pull after a crash. Unique indexes stay: they are constraints.
 */
const DEFERRED = 'deferred_indexes';

export function deferIndexes(db: Database): number {
  const tables = RecordTable.options;
  return db.transaction(() => {
    const found = stmt(
      db,
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    ).all(...tables) as { name: string; sql: string }[];
    const indexes = found.filter((i) => !/^CREATE\s+UNIQUE\b/i.test(i.sql));
    if (indexes.length === 0) return 0;
    db.exec(`CREATE TABLE IF NOT EXISTS ${DEFERRED} (name TEXT PRIMARY KEY, sql TEXT NOT NULL) STRICT`);
    const save = db.prepare(`INSERT OR REPLACE INTO ${DEFERRED} (name, sql) VALUES (?, ?)`);
    for (const i of indexes) {
      save.run(i.name, i.sql);
      db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    }
    return indexes.length;
  })();
}

/** Rebuilds the indexes deferIndexes set aside, if any; returns how many. */
export function restoreIndexes(db: Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(DEFERRED);
  if (!exists) return 0;
  return db.transaction(() => {
    const saved = db.prepare(`SELECT name, sql FROM ${DEFERRED}`).all() as { name: string; sql: string }[];
    const present = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
    for (const i of saved) if (!present.get(i.name)) db.exec(i.sql);
    db.exec(`DROP TABLE ${DEFERRED}`);
    return saved.length;
  })();
}
