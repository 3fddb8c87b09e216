import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { ConflictView } from '../../../shared/channels/sync';
import { runDeviceProcess } from '../../support/device-process';
import { createProject, sharedProject } from './edits';
import { call, createWorld, deviceCells, deviceIdOf, DIALECTS, outboxOf, serverOwned, type World } from './world';

/**
 * Processes killed in the middle of sync (SQLite and PostgreSQL): the server SIGKILLed
 * during a push and restarted on the same port and database; a device process killed
 * after applying a pulled page but before that page (with its cursors) committed.
 * Afterwards sync converges to the oracle with nothing lost and nothing doubled.
 */
const PUSH = '/sync/push';
const BIG = 150;

function cursorsOf(b: Backend): Record<string, number> {
  const rows = b.db.prepare('SELECT scope, seq FROM sync_cursors ORDER BY scope').all() as {
    scope: string;
    seq: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.scope, r.seq]));
}

/** Everything a re-applied page could change on a device. */
function deviceState(b: Backend) {
  const count = (table: 'change_log' | 'cell_versions' | 'conflicts' | 'search_docs'): unknown =>
    b.db.prepare(`SELECT count(*) AS n FROM ${table}`).get();
  return {
    cells: deviceCells(b),
    changeLog: count('change_log'),
    versions: count('cell_versions'),
    conflicts: count('conflicts'),
    search: count('search_docs'),
  };
}

describe.each(DIALECTS)('crashes during sync on %s', (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld(kind, ['coord_a', 'coord_b', 'coord_c']);
  });
  afterAll(async () => {
    await world?.dispose();
  });

  it('the server SIGKILLed in the middle of a push, restarted on the same port and database: all arrives once', async () => {
    const a = await world.device('big-a', 'coord_a');
    const b = await world.device('big-b', 'coord_b');
    for (let i = 0; i < BIG; i++) await createProject(a, `BIG-${i}`, `批量项目 ${i}`);
    await createProject(b, 'SMALL-1', '另一台设备的项目');
    expect(await world.sync(b)).toMatchObject({ lastError: null, pending: 0 });
    const total = outboxOf(a).filter((o) => !serverOwned(o)).length;

    // A's push goes in batches, each scope in its own transaction. Once the second batch
    // is sent, the server dies as soon as any of it has committed: in the middle of it.
    const fromA = async (): Promise<number> =>
      (await world.serverOps()).filter((o) => o.deviceId === deviceIdOf(a)).length;
    let firstBatch = 0;
    let killed: Promise<void> | null = null;
    const killMidBatch = async (): Promise<void> => {
      firstBatch = await fromA();
      const until = Date.now() + 10_000;
      while ((await fromA()) === firstBatch && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
      await world.server.kill();
    };
    let pushes = 0;
    world.proxy.onForward((path) => {
      if (path === PUSH && ++pushes === 2) killed = killMidBatch();
    });
    const failed = await world.sync(a);
    expect(killed).not.toBeNull();
    await killed;
    world.proxy.onForward(null);
    expect(failed).toMatchObject({ state: 'offline', lastError: { code: 'server_unreachable' } });
    expect(failed.pending).toBeGreaterThan(0);
    // Some of the second batch arrived, not all of the push.
    const before = await fromA();
    expect(firstBatch).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(firstBatch);
    expect(before).toBeLessThan(total);

    await world.restartServer();
    await world.settle([a, b]);
    const { ops } = await world.expectConverged([a, b]);
    expect(ops).toBeGreaterThanOrEqual(total);
    for (const d of [a, b]) {
      expect(d.db.prepare("SELECT count(*) AS n FROM projects WHERE code LIKE 'BIG-%'").get()).toEqual({ n: BIG });
    }
  });

  it('a device killed after applying a pulled page, before the page and its cursors commit: reopened, it syncs once', async () => {
    const a = await world.device('kill-a', 'coord_a');
    let k = await world.device('kill-k', 'coord_c');
    const s = await sharedProject(world, [a, k], 'kill');
    // Changes K has not seen; the name collides with K's pending edit.
    await call(a, 'projects.update', { id: s.project.id, patch: { name: 'kill A 改名' } });
    await call(a, 'problems.addNote', { problemId: s.problem.id, text: 'kill A 的进展' });
    const madeOnA = await createProject(a, 'kill-2', 'kill A 新建项目');
    expect(await world.sync(a)).toMatchObject({ lastError: null, pending: 0 });
    await new Promise((r) => setTimeout(r, 5));
    await call(k, 'projects.update', { id: s.project.id, patch: { name: 'kill K 改名' } });
    world.record(k);
    const pushedByK = outboxOf(k).map((o) => o.opId);
    const cursorsBefore = cursorsOf(k);
    await k.shutdown();

    const run = await runDeviceProcess({ dataDir: world.dataDir('kill-k') }, 'after-pull-apply');
    expect(run.signal, run.stderr).toBe('SIGKILL');
    expect(run.stdout).toBe('');
    // It pushed before it pulled: the server has K's change.
    const stored = new Set((await world.serverOps()).map((o) => o.opId));
    expect(pushedByK.filter((id) => !stored.has(id))).toEqual([]);

    // Reopened: none of the page is there, the cursors are where they were.
    k = await world.device('kill-k', 'coord_c');
    expect(k.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(cursorsOf(k)).toEqual(cursorsBefore);
    expect(k.db.prepare('SELECT count(*) AS n FROM projects WHERE id = ?').get(madeOnA.id)).toEqual({ n: 0 });
    expect(outboxOf(k)).toEqual([]);

    await world.settle([a, k]);
    await world.expectConverged([a, k]);
    const onA = await call<ConflictView[]>(a, 'conflicts.list', {});
    const onK = await call<ConflictView[]>(k, 'conflicts.list', {});
    const named = (list: ConflictView[]) => list.filter((c) => c.rowId === s.project.id).map((c) => [c.id, c.kind]);
    expect(named(onK)).toHaveLength(1);
    expect(named(onK)).toEqual(named(onA));

    // The same pages applied a second time (as if the cursors had never been saved): no change.
    const settled = deviceState(k);
    const cursorsAfter = cursorsOf(k);
    k.db.transaction(() => {
      k.db.prepare('DELETE FROM sync_cursors').run();
      const put = k.db.prepare('INSERT INTO sync_cursors (scope, seq) VALUES (?, ?)');
      for (const [scope, seq] of Object.entries(cursorsBefore)) put.run(scope, seq);
    })();
    let pulled = 0;
    const stop = k.on('sync.status', (st) => {
      if (st.progress?.phase === 'pull') pulled = Math.max(pulled, st.progress.done);
    });
    expect(await world.sync(k)).toMatchObject({ state: 'idle', lastError: null, pending: 0 });
    stop();
    expect(pulled).toBeGreaterThan(0);
    expect(cursorsOf(k)).toEqual(cursorsAfter);
    expect(deviceState(k)).toEqual(settled);
    await world.expectConverged([a, k]);
  });
});
