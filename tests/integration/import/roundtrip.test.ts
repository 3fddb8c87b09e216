/**
 * Export → import changes nothing: the demo city's project ledger written by the exporter
 * (electron/backend/reports/project-ledger.ts) and read back through import.* leaves every
 * project, the change log, the versions and the outbox exactly as they were.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { listProjects } from '../../../electron/backend/db/projects';
import { exportProjectLedger } from '../../../electron/backend/reports/project-ledger';
import { writeDemoDatabase } from '../../../resources/demo/load';
import type { ImportCommitResult, ImportPreview, ImportPreviewResult } from '../../../shared/channels/import';
import type { Project } from '../../../shared/domain/project';
import { projectInput } from '../../unit/db/fixtures';
import { validRows } from './world';

const TODAY = '2020-06-15';
let root: string;
let backend: Backend;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function allProjects(): Project[] {
  const rows: Project[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = listProjects(backend.db, { offset, limit: 1000 });
    rows.push(...page.rows.map(({ groupName: _g, openProblems: _o, lastVisitDate: _l, ...p }) => p));
    if (page.rows.length < 1000) return rows;
  }
}

function footprint(): Record<string, unknown> {
  const q = (sql: string) => backend.db.prepare(sql).get();
  return {
    changeLog: q('SELECT count(*) AS n, max(seq) AS last FROM change_log'),
    outbox: q('SELECT count(*) AS n FROM outbox'),
    versions: q('SELECT count(*) AS n, max(hlc) AS newest FROM cell_versions'),
    projects: q('SELECT count(*) AS n FROM projects'),
  };
}

async function exportAndPreview(name: string): Promise<ImportPreview> {
  const file = join(root, name);
  await exportProjectLedger(backend.db, file, { now: Date.parse(`${TODAY}T02:00:00Z`), exportedBy: '调度中心' });
  const r = await call<ImportPreviewResult>('import.preview', { name, bytes: readFileSync(file) });
  if (r.status !== 'ready') throw new Error(`refused: ${r.message.en}`);
  return r.preview;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sitebook-roundtrip-'));
  const dataDir = join(root, 'data');
  await writeDemoDatabase(join(dataDir, 'sitebook.db'), { scale: 'city', today: TODAY, log: () => undefined });
  backend = createBackend({
    encryption: 'none',
    dataDir,
    shell: 'browser',
    now: () => Date.parse(`${TODAY}T02:00:00Z`),
    sync: { auto: false },
  });
  // Values that a careless reader would change: yuan that are not whole 万元, full-width brackets,
  // a phone with spaces, every level and stage, dates left empty.
  const awkward = [
    projectInput({
      code: 'RT-1',
      name: '哈尔滨（松北）冰雪产业园（一期）',
      totalInvestment: 123_456_789,
      annualPlannedInvestment: 1,
    }),
    projectInput({
      code: 'RT-2',
      level: 'government_funded',
      stage: 'in_production',
      chiefOfficerPhone: '0451 8888 1234',
    }),
    projectInput({
      code: 'RT-3',
      level: 'district_key',
      stage: 'reserve',
      isNew: true,
      plannedStart: null,
      plannedProduction: null,
    }),
  ];
  for (const input of awkward) await call('projects.create', input);
}, 180_000);

afterAll(async () => {
  await backend?.shutdown();
  rmSync(root, { recursive: true, force: true });
});

describe('project ledger round trip', () => {
  it('imports the exported ledger back without writing a single cell', async () => {
    const projectsBefore = allProjects();
    expect(projectsBefore.length).toBeGreaterThan(100);
    const before = footprint();

    const p = await exportAndPreview('项目台账.xlsx');
    const s = p.sheets[0]!;
    expect(s.headerRows).toEqual([3]);
    // Every project field the ledger carries is mapped back; 服务组 and the visit columns are not fields.
    expect(s.columns.filter((c) => c.field !== null)).toHaveLength(21);
    expect(s.columns.find((c) => c.field === 'totalInvestment')).toMatchObject({ unit: 'wan', unitSource: 'header' });
    const problems = s.rows.filter((r) => r.action !== 'unchanged');
    expect(problems.map((r) => ({ row: r.row, action: r.action, changes: r.changes, issues: r.issues }))).toEqual([]);
    expect(p.totals).toMatchObject({ rows: projectsBefore.length, unchanged: projectsBefore.length, skipped: 0 });

    const result = await call<ImportCommitResult>('import.commit', {
      importId: p.importId,
      defaults: p.defaults,
      sheets: p.sheets.map((x) => ({
        sheet: x.sheet,
        include: x.include,
        mapping: x.columns.map((c) => ({ column: c.column, field: c.field, unit: c.unit })),
      })),
      accept: validRows(p),
    });
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: projectsBefore.length });
    expect(footprint()).toEqual(before);
    expect(allProjects()).toEqual(projectsBefore);
  });

  it('an edit made after the export shows as the one change the old file would make', async () => {
    const p = await exportAndPreview('before-edit.xlsx');
    const target = allProjects().find((x) => x.code === 'RT-1')!;
    await call('projects.update', {
      id: target.id,
      patch: { totalInvestment: 123_456_790, location: '松北区世茂大道' },
    });
    const again = await call<ImportPreview>('import.remap', {
      importId: p.importId,
      defaults: p.defaults,
      sheets: p.sheets.map((x) => ({
        sheet: x.sheet,
        include: x.include,
        mapping: x.columns.map((c) => ({ column: c.column, field: c.field, unit: c.unit })),
      })),
    });
    const changed = again.sheets[0]!.rows.filter((r) => r.action !== 'unchanged');
    expect(changed.map((r) => [r.projectId, r.action, r.changes])).toEqual([
      [target.id, 'update', ['totalInvestment', 'location']],
    ]);
    expect(changed[0]!.values.totalInvestment).toBe(123_456_789);
  });
});
