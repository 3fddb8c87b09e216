import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceGroup, Unit } from '../../../shared/domain/directory';
import { Photo } from '../../../shared/domain/photo';
import { Problem, ProgressNote } from '../../../shared/domain/problem';
import { Procedure, Project, Resumption } from '../../../shared/domain/project';
import { Visit } from '../../../shared/domain/visit';
import { generateDataset, SCALE_TARGETS, type DemoDataset } from '../../../resources/demo/dataset';

let ds: DemoDataset;
let ms = 0;

describe('province-scale demo dataset', () => {
  beforeAll(() => {
    const t0 = performance.now();
    ds = generateDataset({ seed: 20201, scale: 'province', today: '2026-11-20' });
    ms = performance.now() - t0;
  }, 90_000);

  it('hits the target counts within ±10% in well under a minute', () => {
    const t = SCALE_TARGETS.province;
    const within = (n: number, target: number): void => {
      expect(n).toBeGreaterThanOrEqual(target * 0.9);
      expect(n).toBeLessThanOrEqual(target * 1.1);
    };
    within(ds.projects.length, t.projects);
    within(ds.visits.length, t.visits);
    within(ds.problems.length, t.problems);
    within(ds.photos.length, t.photos);
    expect(ms).toBeLessThan(45_000);
  });

  it('has a sample of every table parse with its schema', () => {
    const sample = <T>(rows: T[], step: number): T[] => rows.filter((_, i) => i % step === 0);
    for (const r of ds.units) Unit.parse(r);
    for (const r of ds.groups) ServiceGroup.parse(r);
    for (const r of sample(ds.projects, 37)) Project.parse(r);
    for (const r of sample(ds.procedures, 211)) Procedure.parse(r);
    for (const r of sample(ds.resumptions, 53)) Resumption.parse(r);
    for (const r of sample(ds.visits, 397)) Visit.parse(r);
    for (const r of sample(ds.problems, 1499)) Problem.parse(r);
    for (const r of sample(ds.progressNotes, 2003)) ProgressNote.parse(r);
    for (const r of sample(ds.photos, 3989)) Photo.parse(r);
  });

  it('spans the province and keeps ids dense and deterministic', () => {
    expect(new Set(ds.projects.map((p) => p.district)).size).toBeGreaterThan(80);
    expect(ds.projects.some((p) => p.district.startsWith('齐齐哈尔市'))).toBe(true);
    expect(ds.projects[2999]!.id).toBe('p-3000');
    expect(ds.visits[0]!.id).toBe('v-000001');
    expect(ds.photos.every((p, i) => i % 5000 !== 0 || /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);
  });
});
