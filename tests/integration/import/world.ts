/** A real backend on a temporary SQLite file, and ledgers written with exceljs as offices lay them out. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type {
  ImportCommitResult,
  ImportPreview,
  ImportPreviewResult,
  ImportRow,
  ImportSettings,
  ImportSheet,
} from '../../../shared/channels/import';
import type { Project } from '../../../shared/domain/project';
import { getProject } from '../../../electron/backend/db/projects';
import { fakeClock } from '../../unit/db/fixtures';

export interface ImportWorld {
  backend: Backend;
  clock: ReturnType<typeof fakeClock>;
  call<T>(channel: string, input?: unknown): Promise<T>;
  fail(channel: string, input?: unknown): Promise<{ code: string; message: string }>;
  /** import.preview that must be accepted (not refused). */
  preview(bytes: Uint8Array, name?: string): Promise<ImportPreview>;
  /** Settings that keep the preview's guessed mapping (to commit it or change it). */
  settingsOf(preview: ImportPreview): ImportSettings;
  commit(
    preview: ImportPreview,
    accept: { sheet: number; row: number }[],
    settings?: ImportSettings,
  ): Promise<ImportCommitResult>;
  projects(): Project[];
  count(sql: string): number;
  /** Row counts of everything a write touches, to prove "nothing changed". */
  footprint(): Record<string, number>;
  cleanup(): Promise<void>;
}

export async function importWorld(): Promise<ImportWorld> {
  const root = mkdtempSync(join(tmpdir(), 'sitebook-import-'));
  const clock = fakeClock(Date.UTC(2020, 5, 1, 2, 0, 0));
  const backend = createBackend({
    encryption: 'none',
    dataDir: join(root, 'data'),
    shell: 'browser',
    now: clock.now,
    sync: { auto: false },
  });
  async function call<T>(channel: string, input: unknown = {}): Promise<T> {
    const r = await backend.invoke(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  const count = (sql: string): number => (backend.db.prepare(sql).get() as { n: number }).n;
  const settingsOf = (p: ImportPreview): ImportSettings => ({
    importId: p.importId,
    defaults: p.defaults,
    sheets: p.sheets.map((s) => ({
      sheet: s.sheet,
      include: s.include,
      mapping: s.columns.map((c) => ({ column: c.column, field: c.field, unit: c.unit })),
    })),
  });
  return {
    backend,
    clock,
    call,
    async fail(channel, input = {}) {
      const r = await backend.invoke(channel, input);
      if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return r.error;
    },
    async preview(bytes, name = 'ledger.xlsx') {
      const r = await call<ImportPreviewResult>('import.preview', { name, bytes });
      if (r.status !== 'ready') throw new Error(`refused: ${r.reason} ${r.message.en}`);
      return r.preview;
    },
    settingsOf,
    commit(preview, accept, settings) {
      return call<ImportCommitResult>('import.commit', { ...(settings ?? settingsOf(preview)), accept });
    },
    projects() {
      const ids = backend.db.prepare('SELECT id FROM projects WHERE deleted = 0 ORDER BY code, id').all() as {
        id: string;
      }[];
      return ids.map((r) => getProject(backend.db, r.id)!);
    },
    count,
    footprint() {
      return {
        projects: count('SELECT count(*) AS n FROM projects'),
        changeLog: count('SELECT count(*) AS n FROM change_log'),
        outbox: count('SELECT count(*) AS n FROM outbox'),
        cellVersions: count('SELECT count(*) AS n FROM cell_versions'),
      };
    },
    async cleanup() {
      await backend.shutdown();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A workbook written by exceljs, as bytes the way the renderer sends a picked file. */
export async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Writes rows from `start` (1-based) with values as given (strings stay text, numbers numbers). */
export function put(ws: ExcelJS.Worksheet, start: number, rows: (string | number | Date | null)[][]): void {
  rows.forEach((values, i) => {
    values.forEach((v, c) => {
      if (v !== null) ws.getCell(start + i, c + 1).value = v;
    });
  });
}

export function sheetNamed(p: ImportPreview, name: string): ImportSheet {
  const s = p.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

export function rowAt(s: ImportSheet, row: number): ImportRow {
  const r = s.rows.find((x) => x.row === row);
  if (!r) throw new Error(`no row ${row} in ${s.name}: ${s.rows.map((x) => x.row).join(',')}`);
  return r;
}

/** Column field mapping as { header: field } for compact assertions. */
export function mappingOf(s: ImportSheet): Record<string, string | null> {
  return Object.fromEntries(s.columns.map((c) => [c.header, c.field]));
}

/** Every row of a preview that has no issues. */
export function validRows(p: ImportPreview): { sheet: number; row: number }[] {
  return p.sheets.flatMap((s) =>
    s.rows.filter((r) => r.issues.length === 0).map((r) => ({ sheet: s.sheet, row: r.row })),
  );
}
