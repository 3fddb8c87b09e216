/**
 * visit_roundtrip_ms: device A records one visit with 5 problems and 20 photo records and
 * syncs; device B, already holding the city year, syncs right after. Both are real backends
 * (own SQLite files) signed in to the real server. The time runs from A's sync start to
 * B's sync end, checked to have brought every row.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../electron/backend/backend';
import { actorOf, ensureLocalUser } from '../electron/backend/db/identity';
import { savePhoto } from '../electron/backend/db/photos';
import type { VisitPrefill } from '../shared/channels/visits';
import type { Problem } from '../shared/domain/problem';
import type { Visit } from '../shared/domain/visit';
import { round } from './sync-common';
import { BENCH_PASSWORD, COORDINATOR_LOGIN, SECOND_COORDINATOR_LOGIN } from './sync-seed';

const RUNS = 5;
const PROBLEMS = 5;
const PHOTOS = 20;

async function call<T>(b: Backend, channel: string, input: unknown = {}): Promise<T> {
  const res = await b.invoke(channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value as T;
}

/** What the visit form does: prefill, autosave a draft, submit; then problems and photos. */
async function recordVisit(a: Backend, projectId: string, run: number): Promise<{ visit: string; rows: string[] }> {
  const prefill = await call<VisitPrefill>(a, 'visits.prefill', { projectId });
  const draft = await call<Visit>(a, 'visits.saveDraft', {
    projectId,
    groupId: prefill.project.groupId,
    date: prefill.date,
    kind: 'monthly',
    participants: prefill.participants.length > 0 ? prefill.participants : ['协调员'],
    findings: `基准走访 ${run}：现场施工正常，主体结构完成约六成。`,
    isCorrection: false,
    location: prefill.project.location,
    position: null,
    // The latest submitted figures again (never lower, within the total), as a month without change.
    figures: {
      completedInvestmentThisYear: 0,
      fundsInPlace: 0,
      cumulativeInvestment: 0,
      ...prefill.lastFigures,
      stage: prefill.lastFigures?.stage ?? prefill.project.stage,
      workersOnSite: 120 + run,
      visibleProgress: '主体施工',
    },
  });
  await call(a, 'visits.submit', { id: draft.id });
  const rows: string[] = [];
  for (let i = 0; i < PROBLEMS; i++) {
    const p = await call<Problem>(a, 'problems.create', {
      projectId,
      visitId: draft.id,
      category: 'land',
      description: `基准问题 ${run}-${i}：用地手续尚未办结，需协调自然资源部门。`,
      handlingLevel: 'district',
    });
    rows.push(p.id);
  }
  // Photo records as the import writes them once the files are stored (no bytes here).
  const user = ensureLocalUser(a.db, Date.now());
  for (let i = 0; i < PHOTOS; i++) {
    const ph = savePhoto(a.db, actorOf(user), Date.now(), {
      sha256: createHash('sha256').update(`bench ${draft.id} ${i}`).digest('hex'),
      projectId,
      visitId: draft.id,
      problemId: i < PROBLEMS ? rows[i]! : null,
      kind: i < PROBLEMS ? 'problem_evidence' : 'progress',
      caption: `现场照片 ${i + 1}`,
      takenAt: Date.now(),
      takenAtSource: 'exif',
      position: null,
      width: 4032,
      height: 3024,
      mime: 'image/jpeg',
      byteSize: 3_500_000,
      originalName: `IMG_${1000 + i}.jpg`,
    });
    rows.push(ph.id);
  }
  return { visit: draft.id, rows };
}

function has(b: Backend, table: string, id: string): boolean {
  return b.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
}

/** Returns the median of RUNS round trips (each a fresh visit on another project). */
export async function visitRoundtrip(
  serverUrl: string,
  projectIds: readonly string[],
  log: (m: string) => void,
  check: (ok: boolean, what: string) => void,
): Promise<{ median: number; max: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-bench-roundtrip-'));
  const backends: Backend[] = [];
  try {
    const device = async (name: string, login: string) => {
      const b = createBackend({
        encryption: 'none',
        dataDir: join(dir, name),
        shell: 'browser',
        sync: { auto: false },
      });
      backends.push(b);
      await call(b, 'sync.signIn', { serverUrl, login, password: BENCH_PASSWORD });
      const t0 = performance.now();
      await call(b, 'sync.now');
      log(`roundtrip: device ${name} holds the city year after ${Math.round(performance.now() - t0)} ms`);
      return b;
    };
    const a = await device('a', COORDINATOR_LOGIN);
    const b = await device('b', SECOND_COORDINATOR_LOGIN);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { visit, rows } = await recordVisit(a, projectIds[run % projectIds.length]!, run);
      const t0 = performance.now();
      await call(a, 'sync.now');
      const tA = performance.now();
      await call(b, 'sync.now');
      const ms = performance.now() - t0;
      times.push(ms);
      log(`roundtrip ${run}: A push ${round(tA - t0, 1)} ms, B pull ${round(ms - (tA - t0), 1)} ms`);
      check(has(b, 'visits', visit), 'roundtrip: B has the visit');
      check(
        rows.slice(0, PROBLEMS).every((id) => has(b, 'problems', id)),
        'roundtrip: B has the 5 problems',
      );
      check(
        rows.slice(PROBLEMS).every((id) => has(b, 'photos', id)),
        'roundtrip: B has the 20 photos',
      );
    }
    times.sort((x, y) => x - y);
    return { median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
  } finally {
    for (const b of backends) await b.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
