/**
 * The seeded sync simulation (tests/support/sync-sim.ts) for many seeds, each in a fresh
 * world (real server process, real device databases), checked cell by cell against the oracle:
 *
 *   npx tsx bench/sync-sweep.ts --seeds 50 [--ops 3000] [--first 1] [--pg] [--jumps 0.002]
 *
 * --jumps is the chance per step that a device's wall clock jumps a day (raise it to stress re-stamping).
 *
 * Prints one JSON line per failed seed (its first mismatches, or the error), then
 *   {"name":"sync_sim_seeds","value":<passed>,"unit":"seeds","target":<seeds>}
 * (the line format of bench/run.ts), and exits 1 when any seed failed. A failing seed is
 * re-run with `--first <seed> --seeds 1`: the same schedule of steps, with fresh clocks.
 */
import { parseArgs } from 'node:util';
import { runSimulation } from '../tests/support/sync-sim';

const log = (m: string): void => void process.stderr.write(`sync-sweep: ${m}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '20' },
      ops: { type: 'string', default: '3000' },
      first: { type: 'string', default: '1' },
      pg: { type: 'boolean', default: false },
      jumps: { type: 'string', default: '0.002' },
    },
  });
  const seeds = Math.max(1, Number(values.seeds));
  const targetOps = Math.max(100, Number(values.ops));
  const first = Number(values.first);
  const database = values.pg ? 'postgres' : 'sqlite';
  let passed = 0;
  let ops = 0;
  const started = performance.now();
  for (let seed = first; seed < first + seeds; seed++) {
    try {
      const r = await runSimulation({ seed, targetOps, postgres: values.pg, clockJumpRate: Number(values.jumps) });
      ops += r.ops;
      if (r.mismatchCount === 0) {
        passed++;
        log(`seed ${seed} ok: ${r.ops} ops, conflicts ${JSON.stringify(r.conflicts)}, ${r.ms} ms`);
        continue;
      }
      const line = { name: 'sync_sim_seed_failed', seed, database, ops: r.ops, mismatches: r.mismatchCount };
      process.stdout.write(`${JSON.stringify({ ...line, first: r.mismatches.slice(0, 5) })}\n`);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      process.stdout.write(`${JSON.stringify({ name: 'sync_sim_seed_failed', seed, database, error })}\n`);
    }
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  log(`${passed}/${seeds} seeds passed on ${database}, ${ops} ops in ${seconds} s`);
  const name = values.pg ? 'sync_sim_seeds_pg' : 'sync_sim_seeds';
  process.stdout.write(`${JSON.stringify({ name, value: passed, unit: 'seeds', target: seeds })}\n`);
  return passed === seeds ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
