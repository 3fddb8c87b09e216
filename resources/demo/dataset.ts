/**
 * Pure, deterministic demo dataset generator: same options ⇒ same dataset, byte for byte.
 * No clock, no Math.random: "today" and the seed are parameters.
 */
import type { ServiceGroup, Unit } from '../../shared/domain/directory';
import type { Photo } from '../../shared/domain/photo';
import type { Problem, ProgressNote } from '../../shared/domain/problem';
import type { Procedure, Project, ProjectLevel, Resumption } from '../../shared/domain/project';
import type { Visit } from '../../shared/domain/visit';
import { generateActivity, IdCounters, type ActivityParams, type Sink } from './activity';
import { buildGroups, buildUnits } from './directory';
import { HARBIN_PLACES, PROVINCE_PLACES, cityOfDistrict, districtGovernment, type Place } from './places';
import { buildProcedures, buildResumptions, planProject, type ProjectSpec } from './plan';
import { pad, Rng } from './prng';
import { NAMED_PROJECTS } from './projects';
import { BRANDS, INDUSTRY_PATTERNS } from './texts';
import { makeTimeline } from './timeline';

export interface DemoDataset {
  units: Unit[];
  groups: ServiceGroup[];
  projects: Project[];
  procedures: Procedure[];
  resumptions: Resumption[];
  visits: Visit[];
  problems: Problem[];
  progressNotes: ProgressNote[];
  photos: Photo[];
}

export type DemoScale = 'city' | 'province';

export interface GenerateOptions {
  seed: number;
  scale: DemoScale;
  /** YYYY-MM-DD in Asia/Shanghai: visits run up to the day before. */
  today: string;
}

interface ScaleConfig extends ActivityParams {
  projects: number;
  places: readonly Place[];
  /** Share of districts whose projects lag far behind plan. */
  weakShare: number;
}

// Province targets: ~3,000 projects, ~40,000 visits, ~150,000 problems, ~400,000 photos.
const SCALES: Record<DemoScale, ScaleConfig> = {
  city: {
    projects: 200,
    places: HARBIN_PLACES,
    weakShare: 0.25,
    extraVisitRate: 0.08,
    problemsPerVisit: 0.55,
    progressPhotos: [2, 4],
    evidencePhotoRate: 0.8,
  },
  province: {
    projects: 3000,
    places: PROVINCE_PLACES,
    weakShare: 0.2,
    extraVisitRate: 0.36,
    problemsPerVisit: 3.9,
    progressPhotos: [5, 7],
    evidencePhotoRate: 0.75,
  },
};

export const SCALE_TARGETS = {
  city: { projects: 200 },
  province: { projects: 3000, visits: 40_000, problems: 150_000, photos: 400_000 },
} as const;

const NAMED_FAST = new Set(['宝能国际经贸科技园', '深圳(哈尔滨)产业园科创总部']);

function namedSpecs(): ProjectSpec[] {
  return NAMED_PROJECTS.map((n) => ({
    name: n.name,
    level: n.level,
    district: n.district,
    industry: n.industry,
    owner: n.owner,
    responsibleUnit: districtGovernment(n.district),
    totalYuan: Math.round(n.totalYi * 1e8),
    annualYuan: Math.round(n.annualYi * 1e8),
    startedYearsAgo: n.startedYearsAgo,
    startMonth: n.startMonth,
    finishYearsAhead: n.finishYearsAhead,
    finishMonth: n.finishMonth,
    works: n.works,
    lat: n.lat,
    lng: n.lng,
    location: n.location,
    overachiever: NAMED_FAST.has(n.name),
  }));
}

function shortDistrict(d: string): string {
  return d.endsWith('区') && d.length > 2 ? d.slice(0, -1) : d;
}

function generatedSpec(rng: Rng, place: Place, used: Set<string>): ProjectSpec {
  const pattern = rng.pick(INDUSTRY_PATTERNS);
  const brand = rng.pick(BRANDS);
  const short = shortDistrict(place.district);
  const base = rng.pick(pattern.names).replace('{n}', String(rng.pick([5, 10, 20, 30, 50, 100])));
  let name = pattern.government ? `${short}${base}` : `${short}${brand}${base}`;
  for (let k = 2; used.has(name); k++) name = `${name.replace(/\(\d+期\)$/, '')}(${k}期)`;
  used.add(name);
  const level: ProjectLevel = pattern.government
    ? 'government_funded'
    : (['provincial_top100', 'city_key_industrial', 'district_key'] as const)[rng.weighted([0.15, 0.5, 0.35])]!;
  const [lo, hi] = pattern.sizeYi;
  const totalYi = Math.exp(rng.range(Math.log(lo), Math.log(hi)));
  const ago = [0, 1, 2, 3][rng.weighted([0.4, 0.35, 0.18, 0.07])]!;
  const ahead = ago === 0 ? [0, 1, 2][rng.weighted([0.15, 0.55, 0.3])]! : [0, 1, 2][rng.weighted([0.4, 0.4, 0.2])]!;
  const cityPrefix = place.city === '哈尔滨市' ? '哈尔滨' : place.city.replace(/市$|地区$/, '');
  return {
    name,
    level,
    district: place.district,
    industry: pattern.industry,
    owner: pattern.government
      ? `${place.district}${pattern.industry}建设中心`
      : `${cityPrefix}${brand}${pattern.industry}有限公司`,
    responsibleUnit: districtGovernment(place.district),
    totalYuan: Math.round(totalYi * 1e4) * 1e4,
    annualYuan: Math.round(totalYi * rng.range(0.25, 0.55) * 1e4) * 1e4,
    startedYearsAgo: ago,
    startMonth: rng.pick([3, 4, 4, 4, 5, 5, 6]),
    finishYearsAhead: ahead,
    finishMonth: rng.int(6, 11),
    works: pattern.works,
    lat: place.lat + rng.range(-0.04, 0.04),
    lng: place.lng + rng.range(-0.06, 0.06),
    location: `${place.district}${rng.pick(['经济开发区', '工业园区', '产业园区', '城区', '新区'])}`,
    overachiever: false,
  };
}

export function generateDataset(opts: GenerateOptions): DemoDataset {
  const cfg = SCALES[opts.scale];
  const tl = makeTimeline(opts.today);
  const root = new Rng(opts.seed);
  const dirRng = root.fork(1);
  const specRng = root.fork(2);
  const projRng = root.fork(3);
  const province = opts.scale === 'province';

  const named = namedSpecs();
  const extraDistricts = [...new Set(named.map((s) => s.district))];
  const units = buildUnits(cfg.places, extraDistricts, province);

  // Districts: city scale has 18 Harbin ones plus the Jiamusi names; each gets a group.
  const districtList = [...new Set([...cfg.places.map((p) => p.district), ...extraDistricts])];
  const groupCount = province ? cfg.places.length : 12;
  const groups = buildGroups(dirRng, groupCount, province ? cfg.places.map((p) => p.district) : null);
  const groupOf = (district: string): number => {
    const i = districtList.indexOf(district);
    if (!province) return i % groupCount;
    // Named projects outside the listed places go to a group of their own city.
    if (i < groupCount) return i;
    return Math.max(
      0,
      cfg.places.findIndex((p) => p.city === cityOfDistrict(district)),
    );
  };
  const weakDistricts = new Set(dirRng.sample(districtList, Math.round(districtList.length * cfg.weakShare)));

  const specs: ProjectSpec[] = [...named];
  const used = new Set(specs.map((s) => s.name));
  // Urban districts host more projects than remote counties.
  const placeWeights = cfg.places.map((p, i) => (p.city === '哈尔滨市' ? (i < 7 ? 3 : 2) : 1));
  while (specs.length < cfg.projects)
    specs.push(generatedSpec(specRng, cfg.places[specRng.weighted(placeWeights)]!, used));

  const sink: Sink = { visits: [], problems: [], progressNotes: [], photos: [] };
  const ids = new IdCounters();
  const projects: Project[] = [];
  const procedures: Procedure[] = [];
  const resumptions: Resumption[] = [];
  let procSeq = 0;
  let resSeq = 0;
  const nextProc = (): string => `pr-${pad(++procSeq, 6)}`;
  const nextRes = (): string => `r-${pad(++resSeq, 5)}`;

  specs.forEach((spec, i) => {
    const rng = projRng.fork(i);
    const groupIdx = groupOf(spec.district);
    const gi = groups[groupIdx]!;
    const plan = planProject(spec, i + 1, rng, { tl, weak: weakDistricts.has(spec.district), group: gi, groupIdx });
    projects.push(plan.project);
    for (const pr of buildProcedures(plan, rng, tl.today, nextProc)) procedures.push(pr);
    for (const r of buildResumptions(plan, rng, tl, nextRes)) resumptions.push(r);
    generateActivity(plan, gi, rng, tl, cfg, sink, ids);
  });

  return {
    units,
    groups: groups.map((g) => g.group),
    projects,
    procedures,
    resumptions,
    visits: sink.visits,
    problems: sink.problems,
    progressNotes: sink.progressNotes,
    photos: sink.photos,
  };
}
