import type { CellValue, RecordTable } from '../../shared/records';
import { TABLE_COLUMNS } from '../../shared/sync/tables';
import type { ServerDb } from '../db/connect';
import { insertRecordsIfAbsent, readScopeSeqs, upsertScopeSeqs } from '../db/records-store';
import type { RecordsTable } from '../db/schema';
import type { StoredCells } from './cells';

export interface SeedRow {
  table: RecordTable;
  rowId: string;
  scope: string;
  cells: Record<string, CellValue>;
}

/** Rows per transaction: big enough to be fast, small enough to keep memory flat. */
const ROWS_PER_TRANSACTION = 20_000;

/**
 * Bulk import of existing data (the demo generator, a first install) straight into
 * the latest-value rows, every cell at `hlc`, without ops: these rows have no history
 * to collide with. Each row takes the next sequence number of its scope, so devices
 * pull them like any change. A row already stored is left as it is.
 */
export async function seedRecords(sdb: ServerDb, rows: readonly SeedRow[], hlc: string): Promise<void> {
  for (const r of rows) {
    for (const col of Object.keys(r.cells)) {
      if (TABLE_COLUMNS[r.table][col] === undefined) throw new Error(`seed: unknown column ${r.table}.${col}`);
    }
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_TRANSACTION) {
    const part = rows.slice(start, start + ROWS_PER_TRANSACTION);
    await sdb.db.transaction().execute(async (tx) => {
      const scopes = [...new Set(part.map((r) => r.scope))];
      const seqs = await readScopeSeqs(tx, scopes);
      const records: RecordsTable[] = part.map((r) => {
        const seq = (seqs.get(r.scope) ?? 0) + 1;
        seqs.set(r.scope, seq);
        const cells: StoredCells = {};
        for (const [col, value] of Object.entries(r.cells)) cells[col] = [value, hlc, null];
        return { tbl: r.table, row_id: r.rowId, scope: r.scope, seq, cells: JSON.stringify(cells) };
      });
      await insertRecordsIfAbsent(sdb, tx, records);
      await upsertScopeSeqs(tx, seqs);
    });
  }
}
