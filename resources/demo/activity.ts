/**
 * A year of field work for one project: monthly visits whose figures come from the project's
 * plan, the problems they raise with their handling history, progress notes and photo records.
 */
import type { Photo, PhotoKind } from '../../shared/domain/photo';
import type { HandlingLevel, Problem, ProblemCategory, ProgressNote } from '../../shared/domain/problem';
import type { ProjectStage } from '../../shared/domain/project';
import type { Visit, VisitKind } from '../../shared/domain/visit';
import type { GroupInfo } from './directory';
import { districtGovernment } from './places';
import { figuresAt, stageAt, type ProjectPlan } from './plan';
import { pad, type Rng } from './prng';
import { CITY_UNITS, LEAD_UNITS, NOTE_TEXTS, PROBLEM_TEXTS, RESOLUTIONS, fill, visibleProgressText } from './texts';
import { addDays, dateOf, instantAt, isWinterT, tOfDate, type Timeline } from './timeline';

export interface ActivityParams {
  /** Chance of a second (supervision / coordination) visit in a month. */
  extraVisitRate: number;
  problemsPerVisit: number;
  progressPhotos: [number, number];
  evidencePhotoRate: number;
}

export interface Sink {
  visits: Visit[];
  problems: Problem[];
  progressNotes: ProgressNote[];
  photos: Photo[];
}

/** Dataset-wide id counters, so ids are dense and stable for a given seed. */
export class IdCounters {
  private n = { v: 0, pb: 0, n: 0, ph: 0 };
  visit = (): string => `v-${pad(++this.n.v, 6)}`;
  problem = (): string => `pb-${pad(++this.n.pb, 6)}`;
  note = (): string => `n-${pad(++this.n.n, 7)}`;
  photo = (): string => `ph-${pad(++this.n.ph, 7)}`;
}

const CATEGORIES: readonly ProblemCategory[] = [
  'land',
  'approval',
  'funding',
  'utilities',
  'infrastructure',
  'expropriation',
  'policy',
  'other',
];
// Early projects fight over land and permits; sites under construction over money and utilities.
const CATEGORY_WEIGHTS: Record<'early' | 'building' | 'done', number[]> = {
  early: [3, 4, 1, 1, 1, 2, 1, 0.5],
  building: [0.5, 1, 2, 2.5, 2, 0.7, 1, 1.5],
  done: [0.2, 1, 1, 3, 1, 0.2, 2, 1],
};
const LEVELS: readonly HandlingLevel[] = ['onsite', 'district', 'city_department', 'city_joint_meeting', 'province'];
const LEVEL_WEIGHTS = [0.25, 0.3, 0.25, 0.14, 0.06];
// [deadline days, typical days to resolve] per handling level.
const LEVEL_DAYS: Record<HandlingLevel, [[number, number], [number, number]]> = {
  onsite: [
    [0, 3],
    [0, 0],
  ],
  district: [
    [15, 30],
    [7, 45],
  ],
  city_department: [
    [20, 45],
    [10, 75],
  ],
  city_joint_meeting: [
    [30, 60],
    [20, 120],
  ],
  province: [
    [60, 120],
    [45, 240],
  ],
};

function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function jitter(rng: Rng, pos: { lat: number; lng: number }, deg: number): { lat: number; lng: number } {
  return { lat: pos.lat + rng.range(-deg, deg), lng: pos.lng + rng.range(-deg * 1.4, deg * 1.4) };
}

const STAGE_WORDS: Record<ProjectStage, string> = {
  reserve: '项目处于储备阶段',
  preliminary: '项目处于前期阶段,正在办理开工手续',
  new_start: '项目已开工建设',
  continuing: '项目续建施工中',
  completed: '项目已竣工',
  in_production: '项目已投产运营',
};

export function generateActivity(
  plan: ProjectPlan,
  gi: GroupInfo,
  rng: Rng,
  tl: Timeline,
  params: ActivityParams,
  sink: Sink,
  ids: IdCounters,
): void {
  const p = plan.project;
  const Y = tl.year;
  const members = gi.group.members;
  const visits: Visit[] = [];
  const raisedCount: number[] = [];

  const addVisit = (date: string, kind: VisitKind): void => {
    const year = Number(date.slice(0, 4));
    const t = tOfDate(date);
    const f = figuresAt(plan, year, t, Y);
    const stage = stageAt(plan, year, t, Y);
    const winter = isWinterT(t) || !f.started;
    const built = stage === 'completed' || stage === 'in_production';
    const workers =
      stage === 'preliminary' ? 0 : built ? rng.int(0, 12) : winter ? rng.int(2, 8) : plan.workersBase + rng.int(0, 30);
    const draft = date >= addDays(tl.today, -7) ? rng.chance(0.25) : rng.chance(0.003);
    const nProblems = draft ? 0 : poisson(rng, params.problemsPerVisit * (built ? 0.4 : 1));
    const annual = year < Y ? 0 : p.annualPlannedInvestment;
    const wan = Math.round(f.completed / 10_000);
    const pct = annual > 0 ? `,占年度计划${Math.round((f.completed / annual) * 100)}%` : '';
    const findings =
      `${gi.group.name}赴现场走访,${STAGE_WORDS[stage]}。本年完成投资${wan}万元${pct}。` +
      (nProblems > 0 ? `现场梳理问题${nProblems}个,纳入问题清单跟踪办理。` : '项目推进正常,暂无需协调事项。');
    const participants = [members[1]!.name, ...rng.sample(members.slice(2), rng.int(1, 3)).map((m) => m.name)];
    if (kind === 'special_supervision') participants.unshift(members[0]!.name);
    visits.push({
      id: ids.visit(),
      projectId: p.id,
      groupId: p.groupId,
      date,
      kind,
      participants,
      findings,
      status: draft ? 'draft' : 'submitted',
      isCorrection: false,
      location: p.location,
      position: rng.chance(0.1) ? null : jitter(rng, plan.wgs, 0.0012),
      submittedAt: draft ? null : instantAt(date, rng.int(17, 22), rng.int(0, 59)),
      figures: {
        completedInvestmentThisYear: f.completed,
        fundsInPlace: f.funds,
        cumulativeInvestment: f.cumulative,
        stage,
        workersOnSite: workers,
        visibleProgress: visibleProgressText(
          plan.works,
          f.cumulative / p.totalInvestment,
          winter,
          stage !== 'preliminary',
        ),
      },
    });
    raisedCount.push(nProblems);
  };

  for (const { year, month } of tl.months) {
    const current = year === tl.year && month === tl.month;
    const winter = month === 12 || month <= 3;
    const coverage = (winter ? 0.72 : 0.94) - (plan.weak ? 0.1 : 0);
    if (!rng.chance(coverage)) continue;
    const day = rng.int(3, 26);
    if (current && day >= tl.day) continue;
    const r = rng.next();
    addVisit(dateOf(year, month, day), r < 0.9 ? 'monthly' : r < 0.95 ? 'special_supervision' : 'onsite_coordination');
    if (rng.chance(params.extraVisitRate)) {
      const day2 = rng.int(day + 1, 28);
      if (!current || day2 < tl.day)
        addVisit(dateOf(year, month, day2), rng.chance(0.5) ? 'special_supervision' : 'onsite_coordination');
    }
  }

  const yesterday = addDays(tl.today, -1);
  const problems: Problem[] = [];
  for (let vi = 0; vi < visits.length; vi++) {
    const v = visits[vi]!;
    const stage = v.figures.stage ?? 'preliminary';
    const phase =
      stage === 'preliminary' ? 'early' : stage === 'completed' || stage === 'in_production' ? 'done' : 'building';
    for (let k = 0; k < raisedCount[vi]!; k++) {
      const category = CATEGORIES[rng.weighted(CATEGORY_WEIGHTS[phase])]!;
      const level = LEVELS[rng.weighted(LEVEL_WEIGHTS)]!;
      const [[dl0, dl1], [rs0, rs1]] = LEVEL_DAYS[level];
      const leadUnit =
        level === 'district'
          ? districtGovernment(p.district)
          : level === 'onsite'
            ? (members[1]!.unit ?? '市发改委')
            : rng.chance(0.6)
              ? LEAD_UNITS[category][0]!
              : rng.pick(LEAD_UNITS[category]);
      const cooperating = rng.sample(
        CITY_UNITS.filter((u) => u !== leadUnit),
        rng.int(0, 3),
      );
      const vars = { n: rng.int(3, 60), m: rng.int(5, 300) * 100, u: leadUnit };
      const description = `${fill(rng.pick(PROBLEM_TEXTS[category]), vars)}。`;
      const raisedOn = v.date;
      // Some problems get stuck well past their deadline: the overdue list leaders ask about.
      const stuck = rng.chance(plan.weak ? 0.3 : 0.12);
      const days = Math.round(rng.int(rs0, rs1) * (stuck ? 3 : 1));
      const resolvedOn = addDays(raisedOn, days);
      let status: Problem['status'];
      let closing: Visit | undefined;
      if (resolvedOn <= yesterday) {
        closing = visits.find((w) => w.status === 'submitted' && w.date >= resolvedOn && w.date > raisedOn);
        status = closing && rng.chance(0.85) ? 'closed' : 'resolved';
        if (status === 'resolved') closing = undefined;
      } else {
        status = rng.chance(0.3) ? 'open' : 'in_progress';
      }
      const resolved = status === 'resolved' || status === 'closed';
      const problem: Problem = {
        id: ids.problem(),
        projectId: p.id,
        visitId: rng.chance(0.03) ? null : v.id,
        category,
        description,
        leadUnit,
        cooperatingUnits: cooperating,
        deadline: rng.chance(0.05) ? null : addDays(raisedOn, rng.int(dl0, dl1)),
        handlingLevel: level,
        status,
        raisedOn,
        resolvedOn: resolved ? resolvedOn : null,
        closedOn: closing ? closing.date : null,
        closingVisitId: closing ? closing.id : null,
        resolution: resolved ? `${fill(rng.pick(RESOLUTIONS[category]), vars)}。` : null,
      };
      problems.push(problem);
      addNotes(problem, rng, gi, yesterday, sink, ids);
    }
  }

  for (const v of visits) {
    const n = rng.int(params.progressPhotos[0], params.progressPhotos[1]);
    for (let i = 0; i < n; i++) {
      const what = rng.pick(['施工现场全景', '主体施工作业面', '设备安装情况', '现场形象进度', '项目公示牌']);
      sink.photos.push(makePhoto(rng, plan, v, null, 'progress', `${p.name} ${what}`, ids));
    }
  }
  for (const pb of problems) {
    const raising = pb.visitId === null ? undefined : visits.find((w) => w.id === pb.visitId);
    if (raising && rng.chance(params.evidencePhotoRate)) {
      const kind: PhotoKind = rng.chance(0.25) ? 'before' : 'problem_evidence';
      const label = kind === 'before' ? '整改前' : '问题佐证';
      sink.photos.push(makePhoto(rng, plan, raising, pb.id, kind, `${label}:${pb.description.slice(0, 40)}`, ids));
    }
    const closing = pb.closingVisitId === null ? undefined : visits.find((w) => w.id === pb.closingVisitId);
    if (closing && rng.chance(0.7)) {
      sink.photos.push(makePhoto(rng, plan, closing, pb.id, 'after', `整改后:${pb.description.slice(0, 40)}`, ids));
    }
  }
  for (const v of visits) sink.visits.push(v);
  for (const pb of problems) sink.problems.push(pb);
}

function addNotes(pb: Problem, rng: Rng, gi: GroupInfo, yesterday: string, sink: Sink, ids: IdCounters): void {
  if (pb.status === 'open') return;
  const end = pb.resolvedOn ?? (addDays(pb.raisedOn, 60) < yesterday ? addDays(pb.raisedOn, 60) : yesterday);
  const span = Math.max(0, Math.round((Date.parse(end) - Date.parse(pb.raisedOn)) / 86_400_000));
  const count = pb.handlingLevel === 'onsite' ? 0 : span >= 2 ? rng.int(1, pb.status === 'in_progress' ? 3 : 2) : 0;
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(rng.int(1, Math.max(1, span - 1)));
  offsets.sort((a, b) => a - b);
  const push = (date: string, text: string): void => {
    const [authorId, authorName] = rng.pick(gi.authors);
    sink.progressNotes.push({
      id: ids.note(),
      problemId: pb.id,
      projectId: pb.projectId,
      text,
      authorId,
      authorName,
      at: instantAt(date, rng.int(9, 17), rng.int(0, 59)),
    });
  };
  for (const off of offsets)
    push(addDays(pb.raisedOn, off), fill(rng.pick(NOTE_TEXTS), { u: pb.leadUnit ?? '相关部门' }));
  if (pb.resolvedOn !== null) {
    const text =
      pb.handlingLevel === 'onsite' ? `现场协调解决:${pb.resolution ?? ''}` : `已办结:${pb.resolution ?? ''}`;
    push(pb.resolvedOn, text);
  }
}

function makePhoto(
  rng: Rng,
  plan: ProjectPlan,
  v: Visit,
  problemId: string | null,
  kind: PhotoKind,
  caption: string,
  ids: IdCounters,
): Photo {
  // A few photos come through WeChat (no EXIF), a few were taken another day or far from the
  // site: the cases the proof-of-presence check must flag.
  const wechat = rng.chance(0.06);
  const otherDay = !wechat && rng.chance(0.03);
  const far = !wechat && rng.chance(0.03);
  const date = otherDay ? addDays(v.date, -rng.int(1, 5)) : v.date;
  const hour = wechat ? rng.int(19, 22) : rng.int(9, 15);
  const minute = rng.int(0, 59);
  const second = rng.int(0, 59);
  const takenAt = instantAt(date, hour, minute) + second * 1000;
  // Built with join() so the name is one flat string, not a rope of small pieces.
  const stamp = [date.replaceAll('-', ''), '_', pad(hour, 2), pad(minute, 2), pad(second, 2)].join('');
  return {
    id: ids.photo(),
    sha256: rng.hex64(),
    projectId: plan.project.id,
    visitId: v.id,
    problemId,
    kind,
    caption,
    takenAt,
    takenAtSource: wechat ? 'file' : 'exif',
    position: wechat ? null : far ? jitter(rng, plan.wgs, rng.range(0.03, 0.12)) : jitter(rng, plan.wgs, 0.0012),
    width: wechat ? 1280 : 4032,
    height: wechat ? 960 : 3024,
    mime: 'image/jpeg',
    byteSize: wechat ? rng.int(150_000, 400_000) : rng.int(2_000_000, 5_500_000),
    originalName: wechat ? `mmexport${takenAt}.jpg` : `IMG_${stamp}.jpg`,
  };
}
