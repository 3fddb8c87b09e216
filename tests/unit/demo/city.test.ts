import { describe, expect, it } from 'vitest';
import { GroupMember, ServiceGroup, Unit } from '../../../shared/domain/directory';
import { Photo } from '../../../shared/domain/photo';
import { Problem, ProblemCategory, ProgressNote, HandlingLevel, ProblemStatus } from '../../../shared/domain/problem';
import { Procedure, Project, Resumption, type ProjectStage } from '../../../shared/domain/project';
import { Visit } from '../../../shared/domain/visit';
import { generateDataset, type DemoDataset } from '../../../resources/demo/dataset';
import { NAMED_PROJECTS } from '../../../resources/demo/projects';
import { distanceMetres, gcj02ToWgs84 } from '../../../shared/geo';

const TODAY = '2026-11-20';
const ds = generateDataset({ seed: 20201, scale: 'city', today: TODAY });

/** Checks DOMAIN.md's figure invariants on every project's visit series; returns the January resets seen. */
function checkFigureSeries(data: DemoDataset, today: string): number {
  const rank: Record<ProjectStage, number> = {
    reserve: 0,
    preliminary: 0,
    new_start: 1,
    continuing: 1,
    completed: 2,
    in_production: 3,
  };
  const projects = new Map(data.projects.map((p) => [p.id, p]));
  const series = new Map<string, Visit[]>();
  for (const v of data.visits) series.set(v.projectId, [...(series.get(v.projectId) ?? []), v]);
  let resets = 0;
  for (const [pid, visits] of series) {
    const total = projects.get(pid)!.totalInvestment;
    visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
    let prev: Visit | undefined;
    for (const v of visits) {
      const f = v.figures;
      expect(v.date < today).toBe(true);
      expect(v.isCorrection).toBe(false);
      expect(f.completedInvestmentThisYear!).toBeLessThanOrEqual(f.cumulativeInvestment!);
      expect(f.cumulativeInvestment!).toBeLessThanOrEqual(total);
      if (prev) {
        const sameYear = prev.date.slice(0, 4) === v.date.slice(0, 4);
        if (sameYear)
          expect(f.completedInvestmentThisYear!).toBeGreaterThanOrEqual(prev.figures.completedInvestmentThisYear!);
        else if (prev.figures.completedInvestmentThisYear! > f.completedInvestmentThisYear!) resets++;
        expect(f.cumulativeInvestment!).toBeGreaterThanOrEqual(prev.figures.cumulativeInvestment!);
        expect(rank[f.stage!]).toBeGreaterThanOrEqual(rank[prev.figures.stage!]);
      }
      prev = v;
    }
  }
  return resets;
}

describe('city-scale demo dataset', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateDataset({ seed: 20201, scale: 'city', today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(ds));
    const other = generateDataset({ seed: 7, scale: 'city', today: TODAY });
    expect(JSON.stringify(other.visits)).not.toBe(JSON.stringify(ds.visits));
  }, 30_000);

  it('has every record parse with its schema', () => {
    const check = <T>(schema: { parse: (v: unknown) => T }, rows: unknown[]): void => {
      for (const r of rows) expect(() => schema.parse(r)).not.toThrow();
    };
    check(Unit, ds.units);
    check(ServiceGroup, ds.groups);
    check(Project, ds.projects);
    check(Procedure, ds.procedures);
    check(Resumption, ds.resumptions);
    check(Visit, ds.visits);
    check(Problem, ds.problems);
    check(ProgressNote, ds.progressNotes);
    check(Photo, ds.photos);
  }, 30_000);

  it('has unique ids and consistent references', () => {
    const all = Object.values(ds).flatMap((rows: { id: string }[]) => rows.map((r) => r.id));
    expect(new Set(all).size).toBe(all.length);
    const projects = new Set(ds.projects.map((p) => p.id));
    const visits = new Map(ds.visits.map((v) => [v.id, v]));
    const problems = new Set(ds.problems.map((p) => p.id));
    const groups = new Set(ds.groups.map((g) => g.id));
    for (const p of ds.projects) expect(groups.has(p.groupId!)).toBe(true);
    for (const v of ds.visits) expect(projects.has(v.projectId)).toBe(true);
    for (const pb of ds.problems) if (pb.visitId) expect(visits.get(pb.visitId)?.projectId).toBe(pb.projectId);
    for (const n of ds.progressNotes) expect(problems.has(n.problemId)).toBe(true);
    for (const ph of ds.photos) {
      expect(visits.get(ph.visitId!)?.projectId).toBe(ph.projectId);
      if (ph.problemId) expect(problems.has(ph.problemId)).toBe(true);
    }
  });

  it('is the size of a city: ~200 projects, 10+ groups of 5+ people, a units directory', () => {
    expect(ds.projects.length).toBe(200);
    expect(ds.groups.length).toBeGreaterThanOrEqual(10);
    for (const g of ds.groups) {
      expect(g.members.length).toBeGreaterThanOrEqual(5);
      expect(g.leader).toBeTruthy();
      expect(g.chiefOfficerPhone).toMatch(/^0451-/);
      expect(g.members.every((m) => GroupMember.safeParse(m).success)).toBe(true);
    }
    const unitNames = ds.units.map((u) => u.name);
    for (const n of [
      '市发改委',
      '市自然资源和规划局',
      '市生态环境局',
      '市住建局',
      '市营商环境局',
      '国网哈尔滨供电公司',
    ]) {
      expect(unitNames).toContain(n);
    }
    expect(ds.procedures.length).toBe(ds.projects.length * 6);
    expect(ds.resumptions.length).toBeGreaterThan(50);
  });

  it('contains the projects named in the source documents', () => {
    expect(NAMED_PROJECTS.length).toBeGreaterThanOrEqual(40);
    const byName = new Map(ds.projects.map((p) => [p.name, p]));
    for (const n of NAMED_PROJECTS) expect(byName.has(n.name)).toBe(true);
    for (const name of [
      '绿地国博城',
      '巴彦30万吨乙醇项目',
      '建龙50万吨新材料项目',
      '中国移动(哈尔滨)数据中心二期项目',
      '深圳(哈尔滨)产业园科创总部',
      '隆基绿能高效单晶组件项目',
      '哈尔滨钢铁产业园区基础设施项目',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('飞鹤乳业乳制品智能产业园项目')!.totalInvestment).toBe(2_000_000_000);
    expect(byName.get('隆基绿能高效单晶组件项目')!.totalInvestment).toBe(1_900_000_000);
    expect(byName.get('建龙50万吨新材料项目')!.district).toBe('阿城区');
  });

  it('keeps every project’s visit figures within the invariants', () => {
    expect(checkFigureSeries(ds, TODAY)).toBeGreaterThan(20);
  });

  it.each(['2027-01-01', '2026-03-15', '2026-12-31'])(
    'stays consistent when today is %s',
    (today) => {
      const other = generateDataset({ seed: 99, scale: 'city', today });
      for (const v of other.visits) Visit.parse(v);
      for (const p of other.problems) Problem.parse(p);
      for (const p of other.projects) Project.parse(p);
      checkFigureSeries(other, today);
    },
    30_000,
  );

  it('has drafts and submitted visits, and visits of every kind', () => {
    expect(ds.visits.some((v) => v.status === 'draft' && v.submittedAt === null)).toBe(true);
    expect(ds.visits.filter((v) => v.status === 'submitted').length).toBeGreaterThan(ds.visits.length * 0.9);
    expect(new Set(ds.visits.map((v) => v.kind)).size).toBe(3);
  });

  it('has problems in every status, category and handling level, with coherent dates', () => {
    expect(new Set(ds.problems.map((p) => p.status))).toEqual(new Set(ProblemStatus.options));
    expect(new Set(ds.problems.map((p) => p.category))).toEqual(new Set(ProblemCategory.options));
    expect(new Set(ds.problems.map((p) => p.handlingLevel))).toEqual(new Set(HandlingLevel.options));
    const visits = new Map(ds.visits.map((v) => [v.id, v]));
    let overdue = 0;
    for (const p of ds.problems) {
      const done = p.status === 'resolved' || p.status === 'closed';
      expect(p.resolvedOn !== null).toBe(done);
      expect(p.resolution !== null).toBe(done);
      if (p.resolvedOn) expect(p.resolvedOn >= p.raisedOn && p.resolvedOn < TODAY).toBe(true);
      if (p.deadline) expect(p.deadline >= p.raisedOn).toBe(true);
      if (p.status === 'closed') {
        const closing = visits.get(p.closingVisitId!)!;
        expect(closing.projectId).toBe(p.projectId);
        expect(closing.status).toBe('submitted');
        expect(closing.date > p.raisedOn && closing.date >= p.resolvedOn!).toBe(true);
        expect(p.closedOn).toBe(closing.date);
      } else {
        expect(p.closingVisitId).toBeNull();
        expect(p.closedOn).toBeNull();
      }
      if (!done && p.deadline !== null && p.deadline < TODAY) overdue++;
    }
    expect(overdue).toBeGreaterThan(10);
    expect(ds.problems.some((p) => p.description.includes('10千伏电源接入'))).toBe(true);
    expect(ds.problems.some((p) => p.description.includes('施工许可证办理滞后'))).toBe(true);
  });

  it('writes progress notes after the problem was raised, in order', () => {
    const problems = new Map(ds.problems.map((p) => [p.id, p]));
    for (const n of ds.progressNotes) {
      const p = problems.get(n.problemId)!;
      expect(n.projectId).toBe(p.projectId);
      expect(n.at).toBeGreaterThanOrEqual(Date.parse(`${p.raisedOn}T00:00:00+08:00`));
    }
    expect(ds.progressNotes.length).toBeGreaterThan(ds.problems.length / 2);
  });

  it('has districts that meet the 60% completion target and districts that miss it', () => {
    const latest = new Map<string, Visit>();
    for (const v of ds.visits) if (v.status === 'submitted' && v.date.startsWith('2026')) latest.set(v.projectId, v);
    const byDistrict = new Map<string, { done: number; plan: number }>();
    for (const p of ds.projects) {
      const d = byDistrict.get(p.district) ?? { done: 0, plan: 0 };
      d.done += latest.get(p.id)?.figures.completedInvestmentThisYear ?? 0;
      d.plan += p.annualPlannedInvestment;
      byDistrict.set(p.district, d);
    }
    const rates = [...byDistrict.values()].filter((d) => d.plan > 0).map((d) => d.done / d.plan);
    expect(rates.some((r) => r >= 0.9)).toBe(true);
    expect(rates.some((r) => r < 0.6)).toBe(true);
  });

  it('puts photo GPS (WGS-84) near the project’s GCJ-02 position, with a few outliers', () => {
    const projects = new Map(ds.projects.map((p) => [p.id, p]));
    let near = 0;
    let far = 0;
    const located = ds.photos.filter((ph) => ph.position !== null);
    for (const ph of located) {
      const pos = projects.get(ph.projectId)!.position!;
      const d = distanceMetres(gcj02ToWgs84(pos), ph.position!);
      if (d < 400) near++;
      else if (d > 1000) far++;
    }
    expect(near / located.length).toBeGreaterThan(0.9);
    expect(far).toBeGreaterThan(0);
    expect(ds.photos.some((ph) => ph.takenAtSource === 'file' && ph.position === null)).toBe(true);
    expect(new Set(ds.photos.map((ph) => ph.kind)).size).toBe(4);
  });
});
