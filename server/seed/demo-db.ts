/**
 * Reads the record tables of a desktop database the demo generator wrote, page
 * by page, as seed rows for the server. Identifiers come only from TABLE_COLUMNS.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { CellValue, RecordTable } from '../../shared/records';
import { ORG_SCOPE } from '../../shared/sync/roles';
import { TABLE_COLUMNS, TABLE_SCOPE } from '../../shared/sync/tables';
import type { SeedRow } from '../sync/push';

/** The tables a demo database fills, parents first (a project's rows after the project). */
export const DEMO_TABLES: readonly RecordTable[] = [
  'units',
  'service_groups',
  'projects',
  'procedures',
  'resumptions',
  'visits',
  'problems',
  'progress_notes',
  'photos',
];

const PAGE = 10_000;

function scopeOf(table: RecordTable, id: string, cells: Record<string, CellValue>): string {
  switch (TABLE_SCOPE[table]) {
    case 'self':
      return id;
    case 'project_id':
      return String(cells['project_id']);
    case 'org':
      return ORG_SCOPE;
    case 'scope':
      return String(cells['scope']);
  }
}

export class DemoDatabaseReader {
  private readonly db: BetterSqlite3.Database;

  constructor(file: string) {
    this.db = new BetterSqlite3(file, { readonly: true });
  }

  /** Yields the table's live rows in pages of seed rows, booleans as booleans. */
  *pages(table: RecordTable): Generator<SeedRow[]> {
    const kinds = TABLE_COLUMNS[table];
    const cols = Object.keys(kinds);
    const stmt = this.db.prepare(
      `SELECT id, ${cols.join(', ')} FROM ${table} WHERE id > ? AND deleted = 0 ORDER BY id LIMIT ${PAGE}`,
    );
    let after = '';
    for (;;) {
      const raw = stmt.all(after) as Record<string, string | number | null>[];
      if (raw.length === 0) return;
      yield raw.map((r) => {
        const cells: Record<string, CellValue> = {};
        for (const col of cols) {
          const v = r[col] ?? null;
          cells[col] = kinds[col] === 'bool' && v !== null ? v === 1 : v;
        }
        const id = String(r['id']);
        return { table, rowId: id, scope: scopeOf(table, id, cells), cells };
      });
      after = String(raw[raw.length - 1]!['id']);
    }
  }

  close(): void {
    this.db.close();
  }
}
