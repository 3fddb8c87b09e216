import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../electron/backend/db/open';
import { listProblemsByStatus } from '../../../electron/backend/db/problems';
import { listProjects, updateProject } from '../../../electron/backend/db/projects';
import { searchRecords } from '../../../electron/backend/db/search';
import { importSnapshot } from '../../../electron/backend/db/snapshot';
import { actor, tempDir } from '../../unit/db/fixtures';
import { provinceBatches } from './scale-data';

const HLC = '2020-01-01T00:00:00.000Z-0000-server';
let tmp: ReturnType<typeof tempDir>;
let db: Database;
let importMs = 0;

beforeAll(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'province.db'), { encryption: 'none' });
  const batches = provinceBatches();
  const t0 = performance.now();
  importSnapshot(db, batches, HLC);
  importMs = performance.now() - t0;
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('snapshot import at province scale', () => {
  it('imports 3,000 projects, 40,000 visits, 150,000 problems and 400,000 photos well under a minute', () => {
    console.log(`province snapshot import: ${Math.round(importMs)} ms`);
    expect(count('projects')).toBe(3000);
    expect(count('visits')).toBe(40_000);
    expect(count('problems')).toBe(150_000);
    expect(count('photos')).toBe(400_000);
    expect(count('cell_versions') + count('change_log') + count('outbox')).toBe(0);
    expect(importMs).toBeLessThan(55_000);
  });

  it('lists, searches and writes on top quickly', () => {
    const t0 = performance.now();
    const page = listProjects(db, { districts: ['巴彦县'], limit: 50 });
    expect(page.total).toBeGreaterThan(100);
    expect(page.rows[0]!.openProblems).toBeGreaterThan(0);
    expect(page.rows[0]!.lastVisitDate).toMatch(/^2020-/);
    expect(listProjects(db, { query: '巴彦' }).total).toBe(page.total);
    expect(searchRecords(db, '用地', 20)).toHaveLength(20);
    expect(searchRecords(db, '巴', 20).length).toBeGreaterThan(0);
    expect(listProblemsByStatus(db, ['open'], 100)).toHaveLength(100);
    updateProject(db, actor, Date.UTC(2020, 5, 1), 'p1', { name: '改名后的项目' });
    expect(searchRecords(db, '改名后', 5).map((h) => h.id)).toEqual(['p1']);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
