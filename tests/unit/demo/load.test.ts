import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { originalPath } from '../../../electron/backend/photos/layout';
import { writeDemoDatabase } from '../../../resources/demo/load';

const dir = mkdtempSync(join(tmpdir(), 'sitebook-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeDemoDatabase', () => {
  it('imports a city dataset and stores real photo files under their hashes', async () => {
    const file = join(dir, 'demo.db');
    const photosDir = join(dir, 'photos');
    const result = await writeDemoDatabase(file, {
      seed: 20201,
      scale: 'city',
      today: '2026-11-20',
      photosDir,
      maxPhotoFiles: 4,
      log: () => {},
    });
    expect(result.photoFiles).toBe(4);
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const count = (t: string): number => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect(count('projects')).toBe(result.counts.projects);
      expect(count('visits')).toBe(result.counts.visits);
      expect(count('problems')).toBe(result.counts.problems);
      expect(count('photos')).toBe(result.counts.photos);
      const shas = db.prepare('SELECT sha256 FROM photos').all() as { sha256: string }[];
      const stored = shas.filter((r) => existsSync(originalPath(photosDir, r.sha256)));
      expect(stored.length).toBe(4);
    } finally {
      db.close();
    }
    await expect(writeDemoDatabase(file, { today: '2026-11-20', log: () => {} })).rejects.toThrow(/overwrite/);
  }, 60_000);
});
