import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/records';
import { conflictKind, supersedes, type OpFacts } from '../../../shared/sync/merge';
import type { SyncOp } from '../../../shared/sync/wire';
import type { ServerDb } from '../../../server/db/connect';
import type { SyncActor } from '../../../server/sync/access';
import { conflictId } from '../../../server/sync/conflicts';
import { pushOps } from '../../../server/sync/push';
import { clearSyncTables, createTestDatabase, DIALECTS, hlcAt, T0, type TestDatabase } from './databases';

const NOW = T0 + 3_600_000;
const NODES = ['d1', 'd2', 'd3'] as const;
const ROWS = ['v1', 'v2'] as const;
const COLUMNS: Record<string, readonly CellValue[]> = {
  findings: ['甲', '乙', null],
  status: ['draft', 'submitted'],
  deleted: [true, false],
};

function actorOf(node: string): SyncActor {
  return { userId: `u${node}`, deviceId: node, role: 'coordinator' };
}

/** A random set of ops on few cells: distinct HLCs (as real clocks give), baseHlcs drawn from the set. */
const opSet = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 14 }).chain((times) =>
  fc
    .tuple(
      ...times.map((t) =>
        fc.record({
          node: fc.constantFrom(...NODES),
          row: fc.constantFrom(...ROWS),
          column: fc.constantFrom(...Object.keys(COLUMNS)),
          pick: fc.nat(),
          base: fc.option(fc.nat(), { nil: null }),
          t: fc.constant(t),
        }),
      ),
    )
    .map((drafts) => {
      const hlcs = drafts.map((d) => hlcAt(d.t * 1000, d.node));
      return drafts.map((d, i): SyncOp => {
        const values = COLUMNS[d.column]!;
        return {
          opId: `o${i}`,
          scope: 'p1',
          table: 'visits',
          rowId: d.row,
          column: d.column,
          value: values[d.pick % values.length]!,
          hlc: hlcs[i]!,
          baseHlc: d.base === null ? null : hlcs[d.base % hlcs.length]!,
        };
      });
    }),
);

/** Two deliveries of the same ops: each with duplicates, in its own order and batching. */
const scenario = opSet.chain((ops) =>
  fc.record({
    ops: fc.constant(ops),
    first: fc.shuffledSubarray([...ops, ...ops], { minLength: ops.length * 2 }).map((l) => l.slice(0, ops.length + 3)),
    second: fc.shuffledSubarray([...ops, ...ops], { minLength: ops.length * 2 }),
    firstBatch: fc.integer({ min: 1, max: 6 }),
    secondBatch: fc.integer({ min: 1, max: 6 }),
  }),
);

async function deliver(sdb: ServerDb, ops: readonly SyncOp[], all: readonly SyncOp[], batch: number): Promise<void> {
  // The first delivery may cut its list short: the rest arrives later, as after a lost connection.
  const missing = all.filter((o) => !ops.some((p) => p.opId === o.opId));
  const list = [...ops, ...missing];
  for (let i = 0; i < list.length; i += batch) {
    const part = list.slice(i, i + batch);
    for (const node of NODES) {
      const mine = part.filter((o) => o.hlc.endsWith(`-${node}`));
      if (mine.length === 0) continue;
      const res = await pushOps(sdb, actorOf(node), mine, NOW);
      expect(res.refused).toEqual([]);
    }
  }
}

interface State {
  cells: Record<string, unknown>;
  conflicts: Record<string, unknown>;
}

async function stateOf(sdb: ServerDb): Promise<State> {
  const rows = await sdb.db.selectFrom('records').select(['tbl', 'row_id', 'scope', 'cells']).execute();
  const cells: Record<string, unknown> = {};
  const conflicts: Record<string, unknown> = {};
  for (const r of rows) {
    const parsed = JSON.parse(r.cells) as Record<string, [CellValue, string, string | null]>;
    if (r.tbl === 'conflicts') {
      // The server stamps each conflict when it finds it; everything else must match.
      conflicts[r.row_id] = Object.fromEntries(Object.entries(parsed).map(([c, [v]]) => [c, v]));
    } else cells[`${r.tbl}/${r.row_id}@${r.scope}`] = parsed;
  }
  return { cells, conflicts };
}

/** What the rule says the state must be, computed from the set of ops alone. */
function oracle(ops: readonly SyncOp[]): { cells: Record<string, [CellValue, string, string]>; conflictIds: string[] } {
  const cells: Record<string, [CellValue, string, string]> = {};
  for (const o of ops) {
    const key = `${o.rowId}.${o.column}`;
    if (supersedes(o.hlc, cells[key]?.[1])) cells[key] = [o.value, o.hlc, `u${o.hlc.slice(-2)}`];
  }
  const ids = new Set<string>();
  const facts: OpFacts[] = ops.map((o) => ({ ...o }));
  for (const a of facts) for (const b of facts) if (conflictKind(a, b)) ids.add(conflictId(a, b));
  return { cells, conflictIds: [...ids].sort() };
}

describe.each(DIALECTS)('merge laws on %s', (dialect) => {
  let tdbs: TestDatabase[];
  let one: ServerDb;
  let two: ServerDb;

  beforeAll(async () => {
    tdbs = [await createTestDatabase(dialect), await createTestDatabase(dialect)];
    one = await tdbs[0]!.open();
    two = await tdbs[1]!.open();
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    for (const t of tdbs) await t.drop();
  });

  it('ends in the same records and conflicts whatever the order, batching and duplicates', async () => {
    let runsWithConflicts = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await clearSyncTables(one);
        await clearSyncTables(two);
        await deliver(one, s.first, s.ops, s.firstBatch);
        await deliver(two, s.second, s.ops, s.secondBatch);
        const a = await stateOf(one);
        const b = await stateOf(two);
        expect(b).toEqual(a);

        const expected = oracle(s.ops);
        expect(Object.keys(a.conflicts).sort()).toEqual(expected.conflictIds);
        if (expected.conflictIds.length > 0) runsWithConflicts += 1;
        for (const [key, cell] of Object.entries(expected.cells)) {
          const [rowId, column] = key.split('.') as [string, string];
          const stored = (a.cells[`visits/${rowId}@p1`] as Record<string, unknown>)[column];
          expect(stored).toEqual(cell);
        }
        const opCount = await one.db.selectFrom('ops').select('op_id').execute();
        expect(opCount).toHaveLength(s.ops.length);
      }),
      { numRuns: dialect === 'sqlite' ? 150 : 60 },
    );
    // The generator must really produce collisions, or the law above says little.
    expect(runsWithConflicts).toBeGreaterThan(5);
  });
});
