import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/records';
import {
  conflictKind,
  conflictPairKey,
  knows,
  orderConflict,
  supersedes,
  type OpFacts,
} from '../../../shared/sync/merge';
import { cellKey, expectedCells, expectedConflicts, lostWrites } from '../../support/sync-oracle';

const hlc = (ms: number, counter: number, node: string): string =>
  `${new Date(Date.UTC(2026, 10, 1) + ms).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;

function op(opId: string, column: string, value: CellValue, at: string, baseHlc: string | null, rowId = 'r1'): OpFacts {
  return { opId, table: 'problems', rowId, column, value, hlc: at, baseHlc };
}

/**
 * A replica that applies ops one at a time, as the server does: LWW per cell, and
 * each arriving op compared with the ops already held. The laws below say its end
 * state does not depend on the order or on duplicates.
 */
class Replica {
  readonly ops = new Map<string, OpFacts>();
  readonly cells = new Map<string, { value: CellValue; hlc: string }>();
  readonly conflicts = new Map<string, string>();

  apply(o: OpFacts): void {
    if (this.ops.has(o.opId)) return;
    for (const held of this.ops.values()) {
      const kind = conflictKind(o, held);
      if (kind) this.conflicts.set(conflictPairKey(o, held), kind);
    }
    this.ops.set(o.opId, o);
    const key = cellKey(o.table, o.rowId, o.column);
    if (supersedes(o.hlc, this.cells.get(key)?.hlc)) this.cells.set(key, { value: o.value, hlc: o.hlc });
  }
}

describe('the merge rule', () => {
  const base = hlc(0, 0, 'dev0');
  it('a later write that saw the value does not collide with it', () => {
    const a = op('a', 'description', 'x', hlc(10, 0, 'deva'), base);
    const b = op('b', 'description', 'y', hlc(20, 0, 'devb'), a.hlc);
    expect(knows(b, a)).toBe(true);
    expect(conflictKind(a, b)).toBeNull();
  });

  it('two offline edits of one field collide; the later HLC is kept', () => {
    const a = op('a', 'description', 'x', hlc(10, 0, 'deva'), base);
    const b = op('b', 'description', 'y', hlc(20, 0, 'devb'), base);
    expect(conflictKind(a, b)).toBe('field');
    expect(orderConflict(a, b, 'field').kept.opId).toBe('b');
  });

  it('the same value written twice offline is not a collision', () => {
    const a = op('a', 'description', 'x', hlc(10, 0, 'deva'), base);
    const b = op('b', 'description', 'x', hlc(20, 0, 'devb'), base);
    expect(conflictKind(a, b)).toBeNull();
  });

  it('two different status transitions collide as a status conflict', () => {
    const a = op('a', 'status', 'resolved', hlc(10, 0, 'deva'), base);
    const b = op('b', 'status', 'in_progress', hlc(20, 0, 'devb'), base);
    expect(conflictKind(a, b)).toBe('status');
  });

  it('an edit to a row deleted elsewhere collides, and the deletion is what the row shows', () => {
    const del = op('d', 'deleted', true, hlc(10, 0, 'deva'), base);
    const edit = op('e', 'description', 'y', hlc(20, 0, 'devb'), base);
    expect(conflictKind(del, edit)).toBe('edit_deleted');
    expect(orderConflict(edit, del, 'edit_deleted').kept.opId).toBe('d');
    // A deleter who had seen the edit meant to delete it.
    const informed = op('d2', 'deleted', true, hlc(30, 0, 'deva'), edit.hlc);
    expect(conflictKind(informed, edit)).toBeNull();
  });

  it("a device's later write knows its earlier one even without the base", () => {
    const a = op('a', 'description', 'x', hlc(10, 0, 'deva'), base);
    const b = op('b', 'description', 'y', hlc(20, 0, 'deva'), base);
    expect(conflictKind(a, b)).toBeNull();
  });

  it('edits of different columns never collide', () => {
    const a = op('a', 'description', 'x', hlc(10, 0, 'deva'), base);
    const b = op('b', 'deadline', '2026-12-01', hlc(20, 0, 'devb'), base);
    expect(conflictKind(a, b)).toBeNull();
  });
});

const NODES = ['deva', 'devb', 'devc'];
const COLUMNS = ['description', 'status', 'deleted'];

/** Random ops over two rows and three columns whose bases are drawn from the ops themselves. */
const opSet = fc
  .array(
    fc.record({
      row: fc.constantFrom('r1', 'r2'),
      column: fc.constantFrom(...COLUMNS),
      value: fc.constantFrom<CellValue>('a', 'b', true, false, null),
      ms: fc.integer({ min: 1, max: 50 }),
      node: fc.constantFrom(...NODES),
      baseIndex: fc.option(fc.nat(), { nil: null }),
    }),
    { minLength: 1, maxLength: 24 },
  )
  .map((drafts) => {
    const ops: OpFacts[] = [];
    const used = new Set<string>();
    drafts.forEach((d, i) => {
      let stamp = hlc(d.ms, 0, d.node);
      for (let c = 1; used.has(stamp); c++) stamp = hlc(d.ms, c, d.node);
      used.add(stamp);
      const earlier = ops.filter((o) => o.hlc < stamp);
      const baseHlc = d.baseIndex === null || earlier.length === 0 ? null : earlier[d.baseIndex % earlier.length]!.hlc;
      ops.push(op(`op${i}`, d.column, d.value, stamp, baseHlc, d.row));
    });
    return ops;
  });

describe('merge laws (property tests)', () => {
  it('any order, with duplicates, gives the same cells and conflicts — those of the oracle', () => {
    fc.assert(
      fc.property(opSet, fc.integer(), fc.integer(), (ops, seedA, seedB) => {
        const shuffled = (seed: number): OpFacts[] => {
          const withDupes = [...ops, ...ops.filter((_, i) => (i + seed) % 3 === 0)];
          const rnd = fc.sample(fc.shuffledSubarray(withDupes, { minLength: withDupes.length }), {
            seed,
            numRuns: 1,
          })[0]!;
          return rnd;
        };
        const a = new Replica();
        const b = new Replica();
        for (const o of shuffled(seedA)) a.apply(o);
        for (const o of shuffled(seedB)) b.apply(o);
        expect(a.cells).toEqual(b.cells);
        expect(a.conflicts).toEqual(b.conflicts);
        expect(a.cells).toEqual(expectedCells(ops));
        expect(a.conflicts).toEqual(expectedConflicts(ops));
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it('nothing is lost: every write is current, superseded by a write that saw it, or in a conflict', () => {
    fc.assert(
      fc.property(opSet, (ops) => {
        const conflicts = expectedConflicts(ops);
        const inConflict = new Set([...conflicts.keys()].flatMap((k) => k.split('|')));
        expect(lostWrites(ops, ops, inConflict)).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('the oracle notices a write that vanished', () => {
    const base0 = hlc(0, 0, 'dev0');
    const a = op('a', 'description', 'x', hlc(10, 0, 'deva'), base0);
    const b = op('b', 'description', 'y', hlc(20, 0, 'devb'), base0);
    // b reached the server, a did not, and no conflict was recorded: a is lost.
    expect(lostWrites([a, b], [b], new Set()).map((o) => o.opId)).toEqual(['a']);
  });
});
