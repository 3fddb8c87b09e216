/**
 * A project's hidden "script" for the year: when it starts or resumes, how well it performs,
 * when it completes. Visits read their figures off this plan, which is what keeps every
 * series consistent (monotonic, bounded by the total, reset in January).
 */
import type { Procedure, Project, ProjectLevel, ProjectStage, Resumption } from '../../shared/domain/project';
import { addDays, dateAtT, dateOf, progressShare, tOfDate, type Timeline } from './timeline';
import { pad, type Rng } from './prng';
import { gcj02ToWgs84 } from '../../shared/geo';
import { districtGovernment } from './places';
import type { WorksKind } from './projects';
import type { GroupInfo } from './directory';

export interface ProjectSpec {
  name: string;
  level: ProjectLevel;
  district: string;
  industry: string;
  owner: string | null;
  responsibleUnit: string | null;
  totalYuan: number;
  annualYuan: number;
  startedYearsAgo: number;
  startMonth: number;
  finishYearsAhead: number;
  finishMonth: number;
  works: WorksKind;
  lat: number;
  lng: number;
  location: string;
  /** Named as beating its plan in the documents. */
  overachiever: boolean;
}

export interface ProjectPlan {
  project: Project;
  works: WorksKind;
  groupIdx: number;
  weak: boolean;
  ago: number;
  cumStartPrev: number;
  cumStartCur: number;
  prevTarget: number;
  prevT0: number | null;
  curTarget: number;
  curT0: number | null;
  curT1: number;
  completionT: number | null;
  productionT: number | null;
  fundsRatio: number;
  fundsPre: number;
  workersBase: number;
  wgs: { lat: number; lng: number };
  /** This year's actual start (new) or first start (continuing). */
  startDate: string | null;
  resumePlanned: string | null;
  resumeDate: string | null;
}

const LEVEL_CODE: Record<ProjectLevel, string> = {
  provincial_top100: 'SBD',
  city_key_industrial: 'SZD',
  district_key: 'QXZD',
  government_funded: 'ZFTZ',
};

export const WAN = 10_000;
export function floorWan(yuan: number): number {
  return Math.floor(yuan / WAN) * WAN;
}

export interface PlanContext {
  tl: Timeline;
  weak: boolean;
  group: GroupInfo;
  groupIdx: number;
}

export function planProject(spec: ProjectSpec, seq: number, rng: Rng, ctx: PlanContext): ProjectPlan {
  const { tl, weak } = ctx;
  const Y = tl.year;
  const ago = spec.startedYearsAgo;
  const laggard = rng.chance(0.08);
  let perf = weak ? rng.range(0.35, 0.6) : rng.range(0.9, 1.12);
  if (laggard) perf = rng.range(0.15, 0.45);
  if (spec.overachiever) perf = 1.2;

  const T = floorWan(spec.totalYuan);
  let A = Math.min(floorWan(spec.annualYuan), T);
  const plannedStart = dateOf(Y - ago, spec.startMonth, rng.int(1, 20));
  const finishing = spec.finishYearsAhead === 0;
  const plannedCompletion = dateOf(Y + spec.finishYearsAhead, spec.finishMonth, rng.int(5, 28));

  let cumStartCur = 0;
  if (ago === 0) {
    if (finishing) A = T;
  } else if (finishing) {
    if (A > T * 0.8) A = floorWan(T * 0.8);
    cumStartCur = T - A;
  } else {
    if (A > T * 0.7) A = floorWan(T * 0.5);
    cumStartCur = Math.min(T - A, floorWan(T * Math.min(0.85, ago * rng.range(0.12, 0.25))));
  }
  const prevTarget = ago === 0 ? 0 : ago === 1 ? cumStartCur : floorWan(cumStartCur * rng.range(0.3, 0.55));
  const cumStartPrev = cumStartCur - prevTarget;

  // Start (new) or spring resumption (continuing) this year; null = did not happen this year.
  let actualStartDate: string | null = ago === 0 ? null : addDays(plannedStart, rng.int(0, 15));
  let curT0: number | null = null;
  let resumePlanned: string | null = null;
  let resumeDate: string | null = null;
  if (ago === 0) {
    const never = weak ? rng.chance(0.3) : rng.chance(0.04);
    const d = addDays(plannedStart, laggard ? rng.int(20, 90) : rng.int(-10, 15));
    if (!never && d.startsWith(`${Y}-`)) {
      actualStartDate = d;
      curT0 = tOfDate(d);
    }
  } else {
    resumePlanned = dateOf(Y, Math.max(3, Math.min(spec.startMonth, 5)), rng.int(1, 20));
    const never = weak ? rng.chance(0.2) : rng.chance(0.03);
    const d = addDays(resumePlanned, laggard || weak ? rng.int(10, 60) : rng.int(-15, 10));
    if (!never) {
      resumeDate = d;
      curT0 = tOfDate(d);
    }
  }
  const prevT0 = ago === 0 ? null : ago === 1 ? tOfDate(actualStartDate!) : tOfDate(dateOf(Y - 1, 4, rng.int(1, 25)));

  let curTarget = 0;
  let curT1 = 12;
  let completionT: number | null = null;
  if (curT0 !== null) {
    if (finishing && perf >= 0.8 && curT0 < 10) {
      curTarget = T - cumStartCur;
      curT1 = Math.min(11.95, Math.max(tOfDate(plannedCompletion) + rng.int(0, 20) / 30, curT0 + 2));
      completionT = curT1;
    } else {
      curTarget = Math.min(T - cumStartCur, floorWan(A * perf));
    }
  }
  const makesThings = spec.works === 'plant' || spec.works === 'energy';
  let productionT: number | null = null;
  if (makesThings && completionT !== null) {
    const p = completionT + rng.int(laggard ? 60 : 20, laggard ? 120 : 70) / 30;
    productionT = p < 11.99 ? p : null;
  }

  const today = tl.today;
  const started = actualStartDate !== null && actualStartDate < today;
  const completionDate = completionT !== null ? dateAtT(Y, completionT) : null;
  const productionDate = productionT !== null ? dateAtT(Y, productionT) : null;
  const g = ctx.group.group;
  const id = `p-${pad(seq, 4)}`;
  const plan: ProjectPlan = {
    project: {
      id,
      code: `${Y}-${LEVEL_CODE[spec.level]}-${pad(seq, 4)}`,
      name: spec.name,
      level: spec.level,
      district: spec.district,
      industry: spec.industry,
      ownerCompany: spec.owner,
      responsibleUnit: spec.responsibleUnit ?? districtGovernment(spec.district),
      leaderInCharge: g.leader,
      chiefOfficer: g.chiefOfficer,
      chiefOfficerPhone: g.chiefOfficerPhone,
      groupId: g.id,
      totalInvestment: T,
      annualPlannedInvestment: A,
      stage: 'preliminary',
      isNew: ago === 0,
      plannedStart,
      actualStart: started ? actualStartDate : null,
      plannedCompletion,
      actualCompletion: completionDate !== null && completionDate < today ? completionDate : null,
      plannedProduction: makesThings ? addDays(plannedCompletion, 45) : null,
      actualProduction: productionDate !== null && productionDate < today ? productionDate : null,
      location: spec.location,
      position: { lat: spec.lat, lng: spec.lng },
    },
    works: spec.works,
    groupIdx: ctx.groupIdx,
    weak,
    ago,
    cumStartPrev,
    cumStartCur,
    prevTarget,
    prevT0,
    curTarget,
    curT0,
    curT1,
    completionT,
    productionT,
    fundsRatio: weak ? rng.range(0.7, 0.95) : rng.range(0.95, 1.25),
    fundsPre: rng.range(0.03, 0.12),
    workersBase: Math.round(Math.min(800, Math.max(20, (T / 1e8) * 8)) * rng.range(0.6, 1.2)),
    wgs: gcj02ToWgs84({ lat: spec.lat, lng: spec.lng }),
    startDate: actualStartDate,
    resumePlanned,
    resumeDate,
  };
  plan.project.stage = stageAt(plan, Y, tl.todayT, Y);
  return plan;
}

export function stageAt(plan: ProjectPlan, year: number, t: number, Y: number): ProjectStage {
  if (year < Y) {
    if (plan.ago === 0 || (plan.prevT0 !== null && t < plan.prevT0)) return 'preliminary';
    return plan.ago === 1 ? 'new_start' : 'continuing';
  }
  if (plan.productionT !== null && t >= plan.productionT) return 'in_production';
  if (plan.completionT !== null && t >= plan.completionT) return 'completed';
  if (plan.ago === 0) return plan.curT0 === null || t < plan.curT0 ? 'preliminary' : 'new_start';
  return 'continuing';
}

export interface Figures {
  completed: number;
  cumulative: number;
  funds: number;
  started: boolean;
}

/** The figures an inspector would record at time t of `year`. */
export function figuresAt(plan: ProjectPlan, year: number, t: number, Y: number): Figures {
  const prev = year < Y;
  const t0 = prev ? plan.prevT0 : plan.curT0;
  const target = prev ? plan.prevTarget : plan.curTarget;
  const base = prev ? plan.cumStartPrev : plan.cumStartCur;
  const yearPlan = prev ? plan.prevTarget : plan.project.annualPlannedInvestment;
  if (t0 === null || t < t0) return { completed: 0, cumulative: base, funds: 0, started: false };
  const completed = floorWan(target * progressShare(t, t0, prev ? 12 : plan.curT1));
  const funds = floorWan(completed * plan.fundsRatio + yearPlan * plan.fundsPre);
  return { completed, cumulative: base + completed, funds, started: true };
}

const PROC_KINDS = [
  'approval_filing',
  'land',
  'planning_permit',
  'environmental',
  'energy',
  'construction_permit',
] as const;
// Days before the start each item is typically finished.
const PROC_LEAD: Record<(typeof PROC_KINDS)[number], [number, number]> = {
  approval_filing: [150, 260],
  land: [60, 140],
  planning_permit: [25, 60],
  environmental: [40, 100],
  energy: [40, 100],
  construction_permit: [3, 20],
};
const IN_PROGRESS_NOTES = ['已受理,审查中', '容缺受理,待补齐材料', '并联审批办理中', '项目单位准备申报材料'];

export function buildProcedures(plan: ProjectPlan, rng: Rng, today: string, nextId: () => string): Procedure[] {
  const p = plan.project;
  const started = p.actualStart !== null || plan.ago > 0;
  const anchor = p.actualStart ?? plan.startDate ?? p.plannedStart ?? today;
  const yesterday = addDays(today, -1);
  const out: Procedure[] = [];
  let landDone = false;
  let planningDone = false;
  for (const kind of PROC_KINDS) {
    let status: Procedure['status'];
    if (kind === 'energy' && p.totalInvestment < 1e8) status = 'not_required';
    else if (started || kind === 'approval_filing') status = 'done';
    else if (kind === 'land') status = !plan.weak && rng.chance(0.6) ? 'done' : 'in_progress';
    else if (kind === 'planning_permit') status = landDone ? (rng.chance(0.5) ? 'done' : 'in_progress') : 'not_started';
    else if (kind === 'construction_permit') status = planningDone ? 'in_progress' : 'not_started';
    else status = rng.chance(0.6) ? 'done' : 'in_progress';
    if (kind === 'land') landDone = status === 'done';
    if (kind === 'planning_permit') planningDone = status === 'done';
    let doneOn: string | null = null;
    if (status === 'done') {
      const [a, b] = PROC_LEAD[kind];
      const d = addDays(anchor, -rng.int(a, b));
      doneOn = d < yesterday ? d : yesterday;
    }
    out.push({
      id: nextId(),
      projectId: p.id,
      kind,
      status,
      doneOn,
      note: status === 'in_progress' ? rng.pick(IN_PROGRESS_NOTES) : null,
    });
  }
  return out;
}

export function buildResumptions(plan: ProjectPlan, rng: Rng, tl: Timeline, nextId: () => string): Resumption[] {
  const out: Resumption[] = [];
  const p = plan.project;
  if (plan.ago >= 2 && plan.prevT0 !== null) {
    out.push({
      id: nextId(),
      projectId: p.id,
      year: tl.year - 1,
      plannedOn: dateOf(tl.year - 1, 4, rng.int(1, 15)),
      resumedOn: dateAtT(tl.year - 1, plan.prevT0),
    });
  }
  if (plan.ago >= 1) {
    const done = plan.resumeDate !== null && plan.resumeDate < tl.today;
    out.push({
      id: nextId(),
      projectId: p.id,
      year: tl.year,
      plannedOn: plan.resumePlanned,
      resumedOn: done ? plan.resumeDate : null,
    });
  }
  return out;
}
