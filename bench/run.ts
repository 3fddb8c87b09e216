/**
 * Backend benchmarks at province scale (~3,000 projects, 40k visits, 150k problems, 400k photos).
 *
 *   npm run bench [-- --runs 300 --seed 7] [--only name] [--skip-sync]
 *
 * Calls the db functions directly (no IPC) on a demo database built once and cached under
 * bench/.cache/. Prints one JSON object per line, e.g.
 *   {"name":"project_list_p95","value":12.3,"unit":"ms","target":30}
 * and exits non-zero when a p95 misses its target. bench/photo-import.ts, bench/photo-upload.ts
 * (photo bytes to a real server over loopback) and bench/sync.ts
 * (sync over loopback: initial syncs, a visit's round trip, 200 devices of load; minutes) run
 * as child processes and their lines are passed through.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { ProjectSortField, type ProjectListQuery } from '../shared/api';
import { ProblemSortField, type ProblemListQuery } from '../shared/channels/problems';
import { HandlingLevel, ProblemCategory, ProblemStatus } from '../shared/domain/problem';
import { ProjectLevel, ProjectStage } from '../shared/domain/project';
import { monthlyFigures } from '../electron/backend/db/monthly-figures';
import { openDatabase } from '../electron/backend/db/open';
import { listProblems } from '../electron/backend/db/problems-list';
import { listProjects, projectFacets } from '../electron/backend/db/projects';
import { searchRecords } from '../electron/backend/db/search';
import { LEDGER_PAGE } from '../renderer/src/pages/ledger/pageSize';
import { provinceDb } from './province-db';

const HERE = dirname(fileURLToPath(import.meta.url));
const TARGET_P95_MS = 30;

interface Line {
  name: string;
  value: number;
  unit: string;
  target?: number;
}

const lines: Line[] = [];
function emit(line: Line): void {
  lines.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

/** mulberry32: the same random queries on every run, so runs compare. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** `--only name`: measure that figure alone; the others still draw their inputs, so it sees the same queries. */
let only: string | undefined;

/** Times `run` on each generated input (after a few unmeasured warm-up calls) and emits p50 / p95. */
function measure<T>(name: string, runs: number, next: () => T, run: (input: T) => unknown, targeted = true): void {
  if (only !== undefined && only !== name) {
    for (let i = 0; i < runs + 5; i++) next();
    return;
  }
  for (let i = 0; i < 5; i++) run(next());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = next();
    const t0 = performance.now();
    run(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  emit({ name: `${name}_p50`, value: round(quantile(times, 0.5)), unit: 'ms' });
  const p95 = round(quantile(times, 0.95));
  emit(
    targeted
      ? { name: `${name}_p95`, value: p95, unit: 'ms', target: TARGET_P95_MS }
      : { name: `${name}_p95`, value: p95, unit: 'ms' },
  );
  emit({ name: `${name}_max`, value: round(times[times.length - 1]!), unit: 'ms' });
}

/** Two neighbouring Han characters from some text: the 2-character queries users type (巴彦, 用地). */
function twoChars(pick: () => number, texts: readonly string[]): string {
  for (;;) {
    const chars = Array.from(texts[Math.floor(pick() * texts.length)]!).filter((c) => /\p{Script=Han}/u.test(c));
    if (chars.length < 2) continue;
    const i = Math.floor(pick() * (chars.length - 1));
    return chars[i]! + chars[i + 1]!;
  }
}

function benchmarks(db: Database, now: number, runs: number, seed: number): void {
  const r = rng(seed);
  const some = <T>(values: readonly T[], p: number, max = 3, pick = r): T[] => {
    if (pick() >= p || values.length === 0) return [];
    const n = 1 + Math.floor(pick() * Math.min(max, values.length));
    return Array.from({ length: n }, () => values[Math.floor(pick() * values.length)]!);
  };
  const one = <T>(values: readonly T[], pick = r): T => values[Math.floor(pick() * values.length)]!;

  const facets = projectFacets(db);
  const names = (db.prepare('SELECT name FROM projects WHERE deleted = 0').all() as { name: string }[]).map(
    (x) => x.name,
  );
  const descriptions = (
    db.prepare('SELECT description FROM problems WHERE deleted = 0 LIMIT 5000').all() as { description: string }[]
  ).map((x) => x.description);
  const projectIds = (db.prepare('SELECT id FROM projects WHERE deleted = 0').all() as { id: string }[]).map(
    (x) => x.id,
  );
  const groupIds = facets.groups.map((g) => g.id);

  const projectQuery = (limit: number) => (): ProjectListQuery => ({
    levels: some(ProjectLevel.options, 0.3, 2),
    districts: some(facets.districts, 0.3),
    stages: some(ProjectStage.options, 0.3, 2),
    groupIds: some(groupIds, 0.2),
    industries: some(facets.industries, 0.2),
    notVisitedThisMonth: r() < 0.3,
    hasOverdueProblems: r() < 0.3,
    query: r() < 0.25 ? twoChars(r, names) : '',
    sort: { field: one(ProjectSortField.options), order: r() < 0.5 ? 'asc' : 'desc' },
    offset: 0,
    limit,
  });
  // The ledger's real request: its first page (useLedgerRows) with the count.
  measure('project_list', runs, projectQuery(LEDGER_PAGE), (q) => listProjects(db, q, now));
  // For reference, the backend's largest page: row building dominates (~20 µs a row), not the query.
  measure('project_list_page1000', runs, projectQuery(1000), (q) => listProjects(db, q, now), false);

  measure(
    'search_2char',
    runs,
    () => twoChars(r, r() < 0.5 ? names : descriptions),
    (q) => searchRecords(db, q, 20),
  );

  const problemQuery = (pick: () => number, text: () => string) => (): ProblemListQuery => ({
    statuses: some(ProblemStatus.options, 0.5, 2, pick),
    categories: some(ProblemCategory.options, 0.3, 2, pick),
    handlingLevels: some(HandlingLevel.options, 0.2, 2, pick),
    districts: some(facets.districts, 0.3, 3, pick),
    groupIds: some(groupIds, 0.2, 3, pick),
    overdueOnly: pick() < 0.3,
    query: text(),
    sort: { field: one(ProblemSortField.options, pick), order: pick() < 0.5 ? 'asc' : 'desc' },
    // A random page of 100 among the first ten.
    offset: Math.floor(pick() * 10) * 100,
    limit: 100,
  });
  measure(
    'problem_list',
    runs,
    problemQuery(r, () => (r() < 0.2 ? twoChars(r, descriptions) : '')),
    (q) => listProblems(db, q, now),
  );

  const year = Number(new Date(now + 8 * 3_600_000).getUTCFullYear());
  measure(
    'monthly_figures',
    runs,
    () => one(projectIds),
    (id) => monthlyFigures(db, id, year, now),
  );

  // Every query with a 2-character free text (a fifth of problem_list's), drawn from its own
  // sequence so the lines above keep their inputs.
  const rt = rng(seed + 1);
  measure(
    'problem_list_text',
    runs,
    problemQuery(rt, () => twoChars(rt, descriptions)),
    (q) => listProblems(db, q, now),
  );
}

/** A benchmark script under bench/ run as its own process; its JSON lines pass through. */
function childBench(name: string, args: string[] = []): Promise<void> {
  const script = join(HERE, `${name}.ts`);
  if (!existsSync(script)) {
    log(`bench/${name}.ts not present: skipped`);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        try {
          const parsed = JSON.parse(line) as Line;
          lines.push(parsed);
        } catch {
          // Not a result line: pass it through as it came.
        }
        process.stdout.write(`${line}\n`);
      }
    });
    child.on('close', (code) => {
      if (code !== 0) {
        log(`${name} exited with ${code}`);
        process.exitCode = 1;
      }
      resolve();
    });
  });
}

/** Figures of bench/sync.ts (the sync server and a device over loopback); `--only` picks one of its groups. */
const SYNC_FIGURES = /^(city|province|visit_roundtrip|load)/;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '300' },
      seed: { type: 'string', default: '20201' },
      only: { type: 'string' },
      // The sync benchmarks take minutes (a province seeded and synced, a minute of load).
      'skip-sync': { type: 'boolean', default: false },
    },
  });
  only = values.only;
  if (only !== undefined && SYNC_FIGURES.test(only)) {
    await childBench('sync', ['--only', only]);
    return report();
  }
  const runs = Math.max(200, Number(values.runs));
  const bench = await provinceDb(log);
  log(`${bench.built ? 'built' : 'reusing'} ${bench.file} (demo today ${bench.today})`);
  const db = openDatabase(bench.file, { encryption: 'none' });
  try {
    // Noon on the demo's "today" in Shanghai: this month and overdue as the data was generated for.
    benchmarks(db, Date.parse(`${bench.today}T12:00:00+08:00`), runs, Number(values.seed));
  } finally {
    db.close();
  }
  if (only === undefined || only === 'photo_import') await childBench('photo-import');
  if (only === undefined || only.startsWith('photo_upload')) await childBench('photo-upload');
  if (only === undefined || only.startsWith('kpi')) await childBench('kpi');
  if (only === undefined || only.startsWith('report_')) await childBench('reports');
  if (only === undefined && !values['skip-sync']) await childBench('sync');
  report();
}

function report(): void {
  const missed = lines.filter((l) => l.target !== undefined && l.value > l.target);
  for (const l of missed) log(`${l.name} = ${l.value} ${l.unit} misses its target ${l.target}`);
  if (missed.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
