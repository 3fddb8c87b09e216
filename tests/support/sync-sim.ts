/**
 * A seeded sync simulation: coordinators (and one inspector of a group) on real desktop
 * backends write through the app's channels — projects, problems, their status flow,
 * progress notes, deletions, conflict resolutions — go offline for a while, have their
 * wall clock jump a day, and sync in random order, some pushes and pulls hit by network
 * faults, some writes made while a sync is on the wire. At the end everything syncs
 * until settled and the result is checked cell by cell against the oracle (sync-sim-check.ts).
 *
 * The seed fixes the schedule of steps; HLCs come from real clocks and device ids are
 * random, so a run is deterministic in what is done, not in which concurrent write wins.
 */
import type { Database } from 'better-sqlite3';
import { actorOf, ensureLocalUser } from '../../electron/backend/db/identity';
import { writeRecord } from '../../electron/backend/db/writer';
import { engineFor } from '../../electron/backend/sync/engine';
import type { ConflictView } from '../../shared/channels/sync';
import { HandlingLevel, ProblemCategory, type Problem } from '../../shared/domain/problem';
import { ProjectLevel, ProjectStage, type Project } from '../../shared/domain/project';
import type { RecordTable } from '../../shared/records';
import { projectInput } from '../unit/db/fixtures';
import { checkWorld, type CheckReport } from './sync-sim-check';
import type { Fault } from './fault-proxy';
import {
  assignToGroup,
  call,
  createWorld,
  DAY_MS,
  quiesce,
  snapshotOutbox,
  syncNow,
  type SimDevice,
  type SimWorld,
} from './sync-sim-world';

export interface SimOptions {
  seed: number;
  /** Stop writing once the server holds this many ops (field writes that left an outbox). */
  targetOps: number;
  postgres?: boolean;
  coordinators?: number;
  inspector?: boolean;
  /** Network faults on some syncs (default true). */
  faults?: boolean;
  /** Per step, the chance that a device's wall clock jumps a day (default 0.002). */
  clockJumpRate?: number;
  /** Runs on the settled, checked world before it is disposed (tests poke at it). */
  inspect?: (world: SimWorld, report: CheckReport) => Promise<void>;
  log?: (line: string) => void;
}

export interface SimStats {
  steps: number;
  syncs: number;
  failedSyncs: number;
  writes: number;
  clockJumps: number;
  /** Projects given to the inspector's group during the run. */
  assignments: number;
  /** Time spent in syncs during the random steps (the rest is local writes and checks). */
  syncMs: number;
  /** Channel calls the app refused (a record deleted meanwhile, a role …), by error code. */
  refused: Record<string, number>;
}

export interface SimResult extends CheckReport {
  seed: number;
  stats: SimStats;
  ms: number;
}

/** mulberry32, as in bench/run.ts. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small pools of values, so concurrent writes sometimes agree (no conflict) and often not. */
const PROJECT_FIELDS: Record<string, readonly unknown[]> = {
  name: ['哈尔滨绿地国博城项目', '松北新能源产业园', '阿城钢铁技改项目', '呼兰物流园'],
  level: ProjectLevel.options,
  district: ['道里区', '南岗区', '巴彦县', '尚志市'],
  industry: ['装备制造', '现代服务业', '新能源', '食品加工'],
  ownerCompany: [null, '绿地集团哈尔滨公司', '哈电集团', '北大荒集团'],
  leaderInCharge: [null, '王副县长', '李副区长', '张副市长'],
  chiefOfficer: ['李四', '王五', '赵六'],
  totalInvestment: [1_500_000_000, 300_000_000, 1_200_000_000],
  annualPlannedInvestment: [300_000_000, 50_000_000, 120_000_000],
  stage: ProjectStage.options,
  isNew: [true, false],
  plannedStart: [null, '2020-04-01', '2020-05-15'],
  actualStart: [null, '2020-04-10', '2020-06-01'],
  location: [null, '巴彦县兴隆镇', '松北区智谷大街', '阿城区金源大道'],
  position: [null, { lat: 46.08, lng: 127.4 }, { lat: 45.75, lng: 126.63 }],
};
const PROBLEM_FIELDS: Record<string, readonly unknown[]> = {
  description: ['用地指标未落实', '施工许可办理缓慢', '配套电力接入滞后', '资金缺口较大'],
  leadUnit: [null, '市发改委', '区住建局', '市自然资源局'],
  deadline: [null, '2020-06-30', '2020-09-30'],
  handlingLevel: HandlingLevel.options,
  category: ProblemCategory.options,
  cooperatingUnits: [[], ['市水务局'], ['区城管局', '市电业局']],
  resolution: [null, '已协调解决', '已纳入月调度会'],
};
/** Steps between looks at the server's op count. */
const ROUND_STEPS = 200;
const FAULTS: readonly Fault[] = ['drop_request', 'drop_response', 'server_error', 'duplicate'];

class Sim {
  readonly random: () => number;
  step = 0;
  readonly stats: SimStats = {
    steps: 0,
    syncs: 0,
    failedSyncs: 0,
    writes: 0,
    clockJumps: 0,
    assignments: 0,
    syncMs: 0,
    refused: {},
  };
  /** The last error a sync ended with, for a run that stops making progress. */
  lastError: string | null = null;
  /** Device name → when its wall clock is set right again, and to what. */
  private readonly jumps = new Map<string, { until: number; skewMs: number }>();

  constructor(
    readonly world: SimWorld,
    readonly opts: SimOptions,
  ) {
    this.random = rng(opts.seed);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** A channel call whose refusal is an ordinary outcome (counted); anything internal is a failure. */
  async write(d: SimDevice, channel: string, input: unknown): Promise<void> {
    const res = await d.backend.invoke(channel, input);
    if (res.ok) {
      this.stats.writes++;
      return;
    }
    if (res.error.code === 'internal') throw new Error(`${d.name} ${channel}: ${res.error.message}`);
    this.stats.refused[res.error.code] = (this.stats.refused[res.error.code] ?? 0) + 1;
  }

  /** Ids of live rows on the device, ordered so the seed picks the same position each run. */
  private ids(db: Database, sql: string, ...params: string[]): string[] {
    return (db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);
  }

  private projectsOf(d: SimDevice): string[] {
    const all = this.ids(d.backend.db, 'SELECT id FROM projects WHERE deleted = 0 ORDER BY id');
    return d.role === 'coordinator' ? all : all.filter((id) => this.world.assigned.has(id));
  }

  private problemsOf(d: SimDevice): string[] {
    const rows = d.backend.db.prepare('SELECT id, project_id FROM problems WHERE deleted = 0 ORDER BY id').all() as {
      id: string;
      project_id: string;
    }[];
    // An inspector works on the projects its group serves.
    return rows.filter((r) => d.role === 'coordinator' || this.world.assigned.has(r.project_id)).map((r) => r.id);
  }

  private patch(fields: Record<string, readonly unknown[]>, count: number): Record<string, unknown> {
    const names = Object.keys(fields);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const name = this.pick(names);
      out[name] = this.pick(fields[name]!);
    }
    return out;
  }

  async createProject(d: SimDevice): Promise<string> {
    const input: Record<string, unknown> = { ...projectInput({ code: `SIM-${this.opts.seed}-${this.step}` }) };
    for (const [name, values] of Object.entries(PROJECT_FIELDS)) input[name] = this.pick(values);
    const res = await d.backend.invoke('projects.create', input);
    if (!res.ok) throw new Error(`${d.name} projects.create: ${res.error.message}`);
    this.stats.writes++;
    return (res.value as Project).id;
  }

  /** The app has no delete channel for projects and problems yet: the same write path the handlers use. */
  private deleteRow(d: SimDevice, table: RecordTable, id: string): void {
    const db = d.backend.db;
    const now = engineFor(db).clock.now();
    writeRecord(db, actorOf(ensureLocalUser(db, now)), now, { table, rowId: id, cells: { deleted: true } });
    this.stats.writes++;
  }

  async projectStep(d: SimDevice): Promise<void> {
    const projects = this.projectsOf(d);
    const r = this.random();
    if (r < 0.02 || projects.length < 3) {
      await this.createProject(d);
    } else if (r < 0.04 && projects.length > 6) {
      this.deleteRow(d, 'projects', this.pick(projects));
    } else {
      await this.write(d, 'projects.update', {
        id: this.pick(projects),
        patch: this.patch(PROJECT_FIELDS, this.int(1, 3)),
      });
    }
  }

  async problemStep(d: SimDevice): Promise<void> {
    const problems = this.problemsOf(d);
    const r = this.random();
    if (r < 0.08 || problems.length < 2) {
      const projects = this.projectsOf(d);
      if (projects.length === 0) return;
      await this.write(d, 'problems.create', {
        projectId: this.pick(projects),
        category: this.pick(ProblemCategory.options),
        description: this.pick(PROBLEM_FIELDS['description']!),
        handlingLevel: this.pick(HandlingLevel.options),
        deadline: this.pick(PROBLEM_FIELDS['deadline']!),
        raisedOn: '2020-04-01',
      });
      return;
    }
    const id = this.pick(problems);
    if (r < 0.5) {
      await this.write(d, 'problems.update', { id, patch: this.patch(PROBLEM_FIELDS, this.int(1, 2)) });
    } else if (r < 0.91) {
      const { problem } = await call<{ problem: Problem }>(d.backend, 'problems.get', { id });
      const to =
        problem.status === 'in_progress'
          ? 'resolved'
          : problem.status === 'open'
            ? this.pick(['in_progress', 'resolved'])
            : 'in_progress';
      const extra =
        problem.status === 'resolved' || problem.status === 'closed'
          ? { reason: '复查未通过' }
          : { resolution: '已协调' };
      await this.write(d, 'problems.transition', { id, to, ...extra });
    } else if (r < 0.97) {
      await this.write(d, 'problems.addNote', { problemId: id, text: `第${this.step}步 跟进` });
    } else {
      this.deleteRow(d, 'problems', id);
    }
  }

  async resolveStep(d: SimDevice): Promise<void> {
    const open = await call<ConflictView[]>(d.backend, 'conflicts.list', {});
    if (open.length === 0) return;
    const c = this.pick(open);
    const choice = c.kind === 'edit_deleted' ? this.pick(['restore', 'keep_deleted']) : this.pick(['keep', 'other']);
    await this.write(d, 'conflicts.resolve', { id: c.id, choice });
  }

  /** Some write of this device's kind, also used while a sync is on the wire. */
  async writeStep(d: SimDevice): Promise<void> {
    const r = this.random();
    if (r < 0.04) await this.resolveStep(d);
    else if (d.role === 'coordinator' && r < 0.65) await this.projectStep(d);
    else await this.problemStep(d);
  }

  async sync(devices: SimDevice[]): Promise<void> {
    const online = devices.filter((d) => d.offlineUntil <= this.step);
    if (online.length === 0) return;
    for (const d of online) snapshotOutbox(this.world, d);
    const proxy = this.world.proxy;
    if (online.length === 1 && this.opts.faults !== false && this.chance(0.08)) {
      proxy.inject(this.pick(['/sync/push', '/sync/pull']), this.pick(FAULTS));
    }
    const during = online.length === 1 && this.chance(0.15) ? online[0] : null;
    const started = performance.now();
    const running = online.map((d) => syncNow(d));
    // Written while the push or pull is on the wire: the handler runs before the response comes.
    if (during) await this.writeStep(during);
    const statuses = await Promise.all(running);
    proxy.clear();
    this.stats.syncMs += Math.round(performance.now() - started);
    this.stats.syncs += statuses.length;
    for (const s of statuses) {
      if (s.lastError === null) continue;
      this.stats.failedSyncs++;
      this.lastError = `${s.lastError.code}: ${s.lastError.message}`;
    }
  }

  /** The inspector's group is given one more project: its device gains a scope mid-run. */
  async assignStep(): Promise<void> {
    const admin = this.world.devices[0]!;
    const { groupId } = this.world;
    const candidates = this.projectsOf(admin).filter((id) => !this.world.assigned.has(id));
    if (groupId === null || admin.offlineUntil > this.step || candidates.length === 0) return;
    const projectId = this.pick(candidates);
    const res = await admin.backend.invoke('admin.assign', { groupId, projectId, assigned: true });
    if (res.ok) {
      this.world.assigned.add(projectId);
      this.stats.assignments++;
    } else {
      // A project made offline is not on the server yet.
      this.stats.refused[res.error.code] = (this.stats.refused[res.error.code] ?? 0) + 1;
    }
  }

  async stepOnce(): Promise<void> {
    this.step++;
    this.stats.steps++;
    for (const [name, jump] of this.jumps) {
      if (jump.until > this.step) continue;
      this.world.devices.find((d) => d.name === name)!.skewMs = jump.skewMs;
      this.jumps.delete(name);
    }
    const devices = this.world.devices;
    const d = this.pick(devices);
    const r = this.random();
    if (r < 0.13) await this.sync([d]);
    else if (r < 0.15) await this.sync([d, this.pick(devices.filter((o) => o !== d))]);
    else if (r < 0.165) d.offlineUntil = this.step + this.int(5, 60);
    else if (r < 0.168) await this.assignStep();
    else if (r < 0.168 + (this.opts.clockJumpRate ?? 0.002) && !this.jumps.has(d.name)) {
      // The user sets the system clock a day wrong; the server's clock corrects the device.
      this.jumps.set(d.name, { until: this.step + this.int(10, 80), skewMs: d.skewMs });
      d.skewMs += this.pick([DAY_MS, -DAY_MS]);
      this.stats.clockJumps++;
    } else await this.writeStep(d);
  }
}

async function serverOpCount(world: SimWorld): Promise<number> {
  const sdb = await world.serverDb();
  const row = await sdb.db
    .selectFrom('ops')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Seeds a few projects, assigns two to the inspector's group, and gives every device a first sync. */
async function setUp(sim: Sim): Promise<void> {
  const { world } = sim;
  const first = world.devices[0]!;
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push(await sim.createProject(first));
  await syncNow(first);
  for (const id of ids.slice(0, 2)) await assignToGroup(world, id);
  for (const d of world.devices) await syncNow(d);
}

/** Runs a whole simulation in a fresh world and checks it; the world is always disposed. */
export async function runSimulation(opts: SimOptions): Promise<SimResult> {
  const started = performance.now();
  const world = await createWorld({
    postgres: opts.postgres,
    coordinators: opts.coordinators ?? 3,
    inspector: opts.inspector ?? true,
    // Within the 2 s the corrected clock tolerates: the devices' clocks really differ a little.
    skewsMs: [0, 700, -900, 400, -300, 1200],
  });
  try {
    const sim = new Sim(world, opts);
    await setUp(sim);
    let ops = 0;
    let stalled = 0;
    while (ops < opts.targetOps) {
      for (let i = 0; i < ROUND_STEPS; i++) await sim.stepOnce();
      const now = await serverOpCount(world);
      stalled = now > ops ? 0 : stalled + 1;
      ops = now;
      opts.log?.(`seed ${opts.seed}: step ${sim.step}, ${ops} ops on the server`);
      // A server that takes nothing must fail the run, not keep it writing for ever.
      if (stalled >= 5) throw new Error(`no op reached the server in ${5 * ROUND_STEPS} steps: ${sim.lastError}`);
    }
    for (const d of world.devices) d.skewMs = 0;
    await quiesce(world);
    const report = await checkWorld(world);
    await opts.inspect?.(world, report);
    return { seed: opts.seed, stats: sim.stats, ms: Math.round(performance.now() - started), ...report };
  } finally {
    await world.dispose();
  }
}
