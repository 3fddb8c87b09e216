import type { Database } from 'better-sqlite3';
import type { ChangeLogEntry, CellValue, RecordTable } from '../../../shared/records';
import { num, str, stmt, type Row } from './cells';

function parseValue(text: unknown): CellValue {
  return typeof text === 'string' ? (JSON.parse(text) as CellValue) : null;
}

/** Who changed what on one record, newest first. */
export const HISTORY_SQL = 'SELECT * FROM change_log WHERE tbl = ? AND row_id = ? ORDER BY seq DESC LIMIT ?';

export function getHistory(db: Database, table: RecordTable, rowId: string, limit = 1000): ChangeLogEntry[] {
  const rows = stmt(db, HISTORY_SQL).all(table, rowId, limit) as Row[];
  return rows.map((r) => ({
    seq: num(r['seq']),
    hlc: str(r['hlc']),
    table: str(r['tbl']) as RecordTable,
    rowId: str(r['row_id']),
    column: str(r['col']),
    oldValue: parseValue(r['old_value']),
    newValue: parseValue(r['new_value']),
    authorId: str(r['author_id']),
    authorName: str(r['author_name']),
    deviceId: str(r['device_id']),
    at: num(r['at']),
  }));
}
