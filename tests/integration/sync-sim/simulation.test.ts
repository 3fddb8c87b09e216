import { describe, expect, it } from 'vitest';
import { checkWorld } from '../../support/sync-sim-check';
import { runSimulation } from '../../support/sync-sim';

/**
 * The seeded sync simulation (tests/support/sync-sim.ts) on one real server process, on
 * SQLite and on PostgreSQL: three coordinators and an inspector of a group write more than
 * 10,000 cells through the app's channels, go offline, have their clocks jump a day, sync
 * in random order through a proxy that breaks some requests, and once everything has synced
 * every cell on the server and on every device equals the oracle's, with exactly the
 * conflicts the oracle finds, no write lost and nothing doubled. `bench/sync-sweep.ts` runs
 * the same for many seeds.
 */
const SEED = 20_200_401;
const TARGET_OPS = 10_000;

describe.each(['sqlite', 'postgres'] as const)('seeded sync simulation on %s', (database) => {
  it(`${TARGET_OPS}+ ops on 4 devices settle to the oracle, cell by cell`, async () => {
    let caught: string[] = [];
    const result = await runSimulation({
      seed: SEED,
      targetOps: TARGET_OPS,
      postgres: database === 'postgres',
      // The check itself must be able to fail: spoil one device's cell and drop another's
      // conflict record, and it has to say so.
      inspect: async (world, report) => {
        if (report.mismatchCount > 0) return;
        const [, d1, d2] = world.devices;
        d1!.backend.db
          .prepare("UPDATE projects SET name = name || '·' WHERE id = (SELECT min(id) FROM projects)")
          .run();
        d2!.backend.db.prepare('DELETE FROM conflicts WHERE id = (SELECT min(id) FROM conflicts)').run();
        caught = (await checkWorld(world)).mismatches;
      },
    });
    const { stats, opKinds, conflicts } = result;
    console.log(
      `sync simulation on ${database}: seed ${SEED}, ${result.ops} ops (${JSON.stringify(opKinds)}), ` +
        `${stats.steps} steps, ${stats.syncs} syncs (${stats.failedSyncs} broken by faults), ` +
        `${stats.clockJumps} clock jumps, ${stats.assignments} assignments, ` +
        `conflicts ${JSON.stringify(conflicts)}, ${result.resolved} resolved, ` +
        `${result.ms} ms (${stats.syncMs} ms syncing)`,
    );
    expect(result.mismatches).toEqual([]);
    expect(result.mismatchCount).toBe(0);
    expect(result.ops).toBeGreaterThanOrEqual(TARGET_OPS);
    // The run really did what it claims: edits and deletions, every kind of conflict,
    // resolutions, broken syncs, clocks a day wrong and a scope gained mid-run.
    expect(opKinds.edit).toBeGreaterThan(TARGET_OPS / 4);
    expect(opKinds.delete).toBeGreaterThan(10);
    expect(opKinds.resolve).toBeGreaterThan(10);
    expect(conflicts.field).toBeGreaterThan(10);
    expect(conflicts.status).toBeGreaterThan(0);
    expect(conflicts.edit_deleted).toBeGreaterThan(10);
    expect(stats.failedSyncs).toBeGreaterThan(0);
    expect(stats.clockJumps).toBeGreaterThan(0);
    expect(stats.assignments).toBeGreaterThan(0);
    expect(caught.some((m) => m.includes('/name = '))).toBe(true);
    expect(caught.some((m) => /row conflicts\/\w+ missing/.test(m))).toBe(true);
  }, 600_000);
});
