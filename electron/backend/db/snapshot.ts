import type { Database } from 'better-sqlite3';
import type { ServiceGroup, Unit } from '../../../shared/domain/directory';
import type { Photo } from '../../../shared/domain/photo';
import type { Problem, ProgressNote } from '../../../shared/domain/problem';
import type { Procedure, Project, Resumption } from '../../../shared/domain/project';
import type { Visit } from '../../../shared/domain/visit';
import { AppError } from '../../../shared/errors';
import { isHlc } from '../../../shared/hlc';
import type { CellValue, RecordTable } from '../../../shared/records';
import { stmt, type StorageValue } from './cells';
import { groupToCells, unitToCells } from './directory';
import { photoToCells } from './photos';
import { problemToCells, progressNoteToCells } from './problems';
import { procedureToCells, resumptionToCells } from './procedures';
import { projectToCells } from './projects';
import { problemSearchFields, projectSearchFields, upsertSearchDoc } from './search';
import { TABLE_COLUMNS } from './schema';
import { visitToCells } from './visits';

export type SnapshotBatch =
  | { table: 'units'; records: Unit[] }
  | { table: 'service_groups'; records: ServiceGroup[] }
  | { table: 'projects'; records: Project[] }
  | { table: 'procedures'; records: Procedure[] }
  | { table: 'resumptions'; records: Resumption[] }
  | { table: 'visits'; records: Visit[] }
  | { table: 'problems'; records: Problem[] }
  | { table: 'progress_notes'; records: ProgressNote[] }
  | { table: 'photos'; records: Photo[] };

type Cells = Record<string, CellValue>;

function cellsOf(batch: SnapshotBatch): (Cells & { id: string })[] {
  const withId = <T extends { id: string }>(records: T[], f: (r: T) => Cells) =>
    records.map((r) => ({ ...f(r), id: r.id }));
  switch (batch.table) {
    case 'units':
      return withId(batch.records, unitToCells);
    case 'service_groups':
      return withId(batch.records, groupToCells);
    case 'projects':
      return withId(batch.records, projectToCells);
    case 'procedures':
      return withId(batch.records, procedureToCells);
    case 'resumptions':
      return withId(batch.records, resumptionToCells);
    case 'visits':
      return withId(batch.records, visitToCells);
    case 'problems':
      return withId(batch.records, problemToCells);
    case 'progress_notes':
      return withId(batch.records, progressNoteToCells);
    case 'photos':
      return withId(batch.records, photoToCells);
  }
}

function importBatch(db: Database, table: RecordTable, rows: (Cells & { id: string })[], hlc: string): void {
  const kinds = TABLE_COLUMNS[table];
  const cols = Object.keys(kinds).filter((c) => c !== 'deleted');
  const insert = stmt(
    db,
    `INSERT INTO ${table} (id, ${cols.join(', ')}, deleted, row_hlc) VALUES (?, ${cols.map(() => '?').join(', ')}, 0, ?)
     ON CONFLICT (id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, deleted = 0,
       row_hlc = excluded.row_hlc`,
  );
  // Per-cell versions only exist after local or remote edits; a snapshot row supersedes them.
  const hasVersions = stmt(db, 'SELECT 1 FROM cell_versions WHERE tbl = ? LIMIT 1').get(table) !== undefined;
  const dropVersions = stmt(db, 'DELETE FROM cell_versions WHERE tbl = ? AND row_id = ?');
  const values: StorageValue[] = new Array<StorageValue>(cols.length + 2);
  for (const row of rows) {
    values[0] = row.id;
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i]!;
      const v = row[col] ?? null;
      values[i + 1] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    values[cols.length + 1] = hlc;
    insert.run(values);
    if (hasVersions) dropVersions.run(table, row.id);
    if (table === 'projects') upsertSearchDoc(db, 'project', row.id, row.id, projectSearchFields(row));
    else if (table === 'problems') {
      upsertSearchDoc(db, 'problem', row.id, String(row['project_id']), problemSearchFields(row));
    }
  }
}

function assertForeignKeys(db: Database, table: RecordTable): void {
  const bad = stmt(db, 'SELECT * FROM pragma_foreign_key_check(?) LIMIT 1').get(table) as
    { rowid: number; parent: string } | undefined;
  if (bad) throw new AppError('invalid_input', `snapshot ${table} refers to a missing ${bad.parent} row`);
}

/**
 * Bulk import of already-known rows (demo data now, a sync snapshot later):
 * no change log, no outbox, one transaction per batch. Every imported cell's
 * version is the row's `row_hlc`, so no per-cell version rows are written.
 */
const ANALYZE_AFTER_ROWS = 10_000;

export function importSnapshot(db: Database, batches: SnapshotBatch[], hlc: string): void {
  if (!isHlc(hlc)) throw new AppError('invalid_input', `not an HLC: ${hlc}`);
  // Row-by-row FK checks cost more than the inserts; one check per batch before commit keeps the guarantee.
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1 && !db.inTransaction;
  if (fkWasOn) db.pragma('foreign_keys = OFF');
  try {
    for (const batch of batches) {
      const rows = cellsOf(batch);
      db.transaction(() => {
        importBatch(db, batch.table, rows, hlc);
        if (fkWasOn) assertForeignKeys(db, batch.table);
      })();
    }
  } finally {
    if (fkWasOn) db.pragma('foreign_keys = ON');
  }
  // Later local writes must sort after the imported data, whatever the wall clock says.
  stmt(db, 'INSERT INTO clock (id, hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET hlc = max(hlc, excluded.hlc)').run(
    hlc,
  );
  // A large load (a demo or a new device's first snapshot) outgrows the planner's statistics:
  // refresh them while we hold the file. Small imports leave the planner's defaults alone.
  const rows = batches.reduce((n, b) => n + b.records.length, 0);
  if (rows >= ANALYZE_AFTER_ROWS) db.pragma('optimize');
}
