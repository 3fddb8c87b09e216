/**
 * load_p99_ms: many devices, each a light HTTP client with its own token speaking the wire
 * protocol (shared/sync/wire.ts), against the real server process. Each device loops: wait
 * a moment, push what a visit produces on one of its projects (a new visit, an edit, a
 * problem, a progress note, photo records), then pull its cursors until nothing is left.
 * Every request's latency counts; a refused op or a failed request is an error.
 */
import { randomUUID } from 'node:crypto';
import { formatHlc, tick, type Hlc } from '../shared/hlc';
import type { CellValue, RecordTable } from '../shared/records';
import { PullResponse, PushResponse, type SyncOp } from '../shared/sync/wire';
import { quantile, sleep } from './sync-common';
import type { LoadDevice } from './sync-seed';

export interface LoadOptions {
  url: string;
  devices: readonly LoadDevice[];
  seconds: number;
  /** Mean pause between a device's syncs (uniform between half and one and a half times it). */
  thinkMs: number;
  directoryVersion: number;
  log: (m: string) => void;
}

export interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  pushP99: number;
  pullP99: number;
  requestsPerSecond: number;
  acceptedOps: number;
  /** Ops accepted per second. */
  opsPerSecond: number;
  pulledRows: number;
  errors: number;
  firstError: string | null;
}

interface Stats {
  push: number[];
  pull: number[];
  ops: number;
  pulledRows: number;
  errors: number;
  firstError: string | null;
  /** Requests over a second: what, when (s into the run), how long, for the log. */
  slow: string[];
  t0: number;
}

function time(stats: Stats, list: number[], what: string, t0: number): void {
  const ms = performance.now() - t0;
  list.push(ms);
  if (ms > 1000 && stats.slow.length < 20) {
    stats.slow.push(`${what} at ${((t0 - stats.t0) / 1000).toFixed(1)} s: ${Math.round(ms)} ms`);
  }
}

/** What one device wrote, so later pushes edit and link to it as a person would. */
interface DeviceState {
  hlc: Hlc;
  cursors: Record<string, number>;
  visits: { id: string; project: string; findingsHlc: string }[];
  problems: { id: string; project: string }[];
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function rowOps(
  state: DeviceState,
  scope: string,
  table: RecordTable,
  rowId: string,
  cells: Record<string, CellValue>,
) {
  state.hlc = tick(state.hlc, Date.now());
  const hlc = formatHlc(state.hlc);
  return Object.entries(cells).map(([column, value]): SyncOp => ({
    opId: randomUUID(),
    scope,
    table,
    rowId,
    column,
    value,
    hlc,
    baseHlc: null,
  }));
}

function newVisit(d: LoadDevice, state: DeviceState, project: string): SyncOp[] {
  const id = randomUUID();
  const ops = rowOps(state, project, 'visits', id, {
    project_id: project,
    group_id: null,
    date: today(),
    kind: 'monthly',
    participants: JSON.stringify([d.login]),
    findings: '现场施工正常，主体结构施工中。',
    status: 'draft',
    is_correction: false,
    location: null,
    position: null,
    submitted_at: null,
    completed_investment_this_year: null,
    funds_in_place: null,
    cumulative_investment: null,
    figure_stage: null,
    workers_on_site: 80,
    visible_progress: '主体施工',
    correction_reason: null,
    deleted: false,
  });
  state.visits.push({ id, project, findingsHlc: ops[0]!.hlc });
  return ops;
}

/** One push's ops, all in one project: what a person does between two syncs. */
function nextOps(d: LoadDevice, state: DeviceState): SyncOp[] {
  const roll = Math.random();
  const visit = state.visits.length > 0 ? pick(state.visits) : null;
  if (!visit || roll < 0.3) return newVisit(d, state, pick(d.projects));
  if (roll < 0.6) {
    // An autosave of the findings: an edit that saw the version before it.
    state.hlc = tick(state.hlc, Date.now());
    const hlc = formatHlc(state.hlc);
    const baseHlc = visit.findingsHlc;
    visit.findingsHlc = hlc;
    const value = `现场施工正常，完成投资约${Math.floor(Math.random() * 90) + 10}%。`;
    return [
      {
        opId: randomUUID(),
        scope: visit.project,
        table: 'visits',
        rowId: visit.id,
        column: 'findings',
        value,
        hlc,
        baseHlc,
      },
    ];
  }
  if (roll < 0.8 || state.problems.length === 0) {
    const id = randomUUID();
    state.problems.push({ id, project: visit.project });
    return rowOps(state, visit.project, 'problems', id, {
      project_id: visit.project,
      visit_id: visit.id,
      category: 'land',
      description: '用地手续尚未办结，需协调自然资源部门。',
      lead_unit: null,
      cooperating_units: '[]',
      deadline: null,
      handling_level: 'district',
      status: 'open',
      raised_on: today(),
      resolved_on: null,
      closed_on: null,
      closing_visit_id: null,
      resolution: null,
      deleted: false,
    });
  }
  const problem = pick(state.problems);
  if (roll < 0.9) {
    return rowOps(state, problem.project, 'progress_notes', randomUUID(), {
      problem_id: problem.id,
      project_id: problem.project,
      text: '已与相关部门沟通，正在办理。',
      author_id: d.userId,
      author_name: d.login,
      at: Date.now(),
      deleted: false,
    });
  }
  return [0, 1, 2].flatMap((i) =>
    rowOps(state, problem.project, 'photos', randomUUID(), {
      sha256: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      project_id: problem.project,
      visit_id: null,
      problem_id: problem.id,
      kind: 'problem_evidence',
      caption: `佐证照片 ${i + 1}`,
      taken_at: Date.now(),
      taken_at_source: 'exif',
      position: null,
      width: 4032,
      height: 3024,
      mime: 'image/jpeg',
      byte_size: 3_000_000,
      original_name: `IMG_${i}.jpg`,
      deleted: false,
    }),
  );
}

async function post(url: string, token: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

async function deviceLoop(d: LoadDevice, o: LoadOptions, end: number, stats: Stats): Promise<void> {
  const state: DeviceState = {
    hlc: { millis: 0, counter: 0, node: d.deviceId },
    cursors: { ...d.cursors },
    visits: [],
    problems: [],
  };
  const fail = (what: string) => {
    stats.errors++;
    stats.firstError ??= `${d.login}: ${what}`;
  };
  // Devices start spread over one pause, as they would be.
  await sleep(Math.random() * o.thinkMs);
  while (performance.now() < end) {
    try {
      const ops = nextOps(d, state);
      let t0 = performance.now();
      const pushed = PushResponse.parse(await post(`${o.url}/sync/push`, d.token, { ops }));
      time(stats, stats.push, `${d.login} push ${ops.length}`, t0);
      stats.ops += pushed.accepted.length;
      if (pushed.refused.length > 0) fail(`refused ${JSON.stringify(pushed.refused[0])}`);
      for (;;) {
        t0 = performance.now();
        const body = { cursors: state.cursors, directoryVersion: o.directoryVersion };
        const page = PullResponse.parse(await post(`${o.url}/sync/pull`, d.token, body));
        time(stats, stats.pull, `${d.login} pull ${page.rows.length}`, t0);
        stats.pulledRows += page.rows.length;
        Object.assign(state.cursors, page.cursors);
        if (!page.more) break;
      }
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
    await sleep(o.thinkMs * (0.5 + Math.random()));
  }
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const t0 = performance.now();
  const stats: Stats = { push: [], pull: [], ops: 0, pulledRows: 0, errors: 0, firstError: null, slow: [], t0 };
  const end = t0 + o.seconds * 1000;
  const progress = setInterval(() => {
    const n = stats.push.length + stats.pull.length;
    o.log(`load: ${Math.round((performance.now() - t0) / 1000)} s, ${n} requests, ${stats.errors} errors`);
  }, 10_000);
  try {
    await Promise.all(o.devices.map((d) => deviceLoop(d, o, end, stats)));
  } finally {
    clearInterval(progress);
  }
  if (stats.slow.length > 0) o.log(`load: slow requests: ${stats.slow.join('; ')}`);
  const seconds = (performance.now() - t0) / 1000;
  const all = [...stats.push, ...stats.pull].sort((a, b) => a - b);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    requests: all.length,
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    max: all[all.length - 1] ?? NaN,
    pushP99: quantile(sorted(stats.push), 0.99),
    pullP99: quantile(sorted(stats.pull), 0.99),
    requestsPerSecond: all.length / seconds,
    acceptedOps: stats.ops,
    opsPerSecond: stats.ops / seconds,
    pulledRows: stats.pulledRows,
    errors: stats.errors,
    firstError: stats.firstError,
  };
}
