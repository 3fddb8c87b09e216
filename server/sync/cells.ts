import type { CellValue } from '../../shared/records';
import type { PulledRow } from '../../shared/sync/wire';
import type { RecordTable } from '../../shared/records';
import type { RecordsTable } from '../db/schema';

/** One stored cell: its value, the HLC of the op that wrote it, and the user who wrote it (if known). */
export type StoredCell = [value: CellValue, hlc: string, authorId: string | null];
export type StoredCells = Record<string, StoredCell>;

export function parseCells(text: string): StoredCells {
  return JSON.parse(text) as StoredCells;
}

/** The HLC most cells share (the lowest among equals), so most rows need no `versions`. */
function commonHlc(cells: StoredCells): string {
  const counts = new Map<string, number>();
  for (const cell of Object.values(cells)) counts.set(cell[1], (counts.get(cell[1]) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [hlc, n] of counts) {
    if (n > bestCount || (n === bestCount && hlc < best)) {
      best = hlc;
      bestCount = n;
    }
  }
  return best;
}

/** A stored row as it travels in a pull. */
export function toPulledRow(row: RecordsTable): PulledRow {
  const stored = parseCells(row.cells);
  const hlc = commonHlc(stored);
  const cells: Record<string, CellValue> = {};
  const versions: Record<string, string> = {};
  const authors: Record<string, string> = {};
  let hasVersions = false;
  let hasAuthors = false;
  for (const [col, [value, cellHlc, author]] of Object.entries(stored)) {
    cells[col] = value;
    if (cellHlc !== hlc) {
      versions[col] = cellHlc;
      hasVersions = true;
    }
    if (author !== null) {
      authors[col] = author;
      hasAuthors = true;
    }
  }
  const out: PulledRow = { scope: row.scope, table: row.tbl as RecordTable, id: row.row_id, seq: row.seq, hlc, cells };
  if (hasVersions) out.versions = versions;
  if (hasAuthors) out.authors = authors;
  return out;
}
