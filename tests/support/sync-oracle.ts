/**
 * The oracle for sync tests: what every cell must hold and which conflicts must exist,
 * computed from the whole set of ops at once (never incrementally, unlike the server
 * and the devices), and what counts as lost (ARCHITECTURE.md "what counts as lost").
 */
import { conflictKind, conflictPairKey, knows, type ConflictKind, type OpFacts } from '../../shared/sync/merge';
import type { CellValue } from '../../shared/records';

export const cellKey = (table: string, rowId: string, column: string): string => `${table}/${rowId}/${column}`;

export interface ExpectedCell {
  value: CellValue;
  hlc: string;
}

/** Last writer wins: the op with the highest HLC per cell. */
export function expectedCells(ops: Iterable<OpFacts>): Map<string, ExpectedCell> {
  const cells = new Map<string, ExpectedCell>();
  for (const op of ops) {
    const key = cellKey(op.table, op.rowId, op.column);
    const held = cells.get(key);
    if (!held || op.hlc > held.hlc) cells.set(key, { value: op.value, hlc: op.hlc });
  }
  return cells;
}

/** Every colliding pair, by pair key → kind. Quadratic per row, which is fine for tests. */
export function expectedConflicts(ops: Iterable<OpFacts>): Map<string, ConflictKind> {
  const byRow = new Map<string, OpFacts[]>();
  const seen = new Set<string>();
  for (const op of ops) {
    if (seen.has(op.opId)) continue;
    seen.add(op.opId);
    const key = `${op.table}/${op.rowId}`;
    const list = byRow.get(key) ?? [];
    list.push(op);
    byRow.set(key, list);
  }
  const out = new Map<string, ConflictKind>();
  for (const list of byRow.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const kind = conflictKind(list[i]!, list[j]!);
        if (kind) out.set(conflictPairKey(list[i]!, list[j]!), kind);
      }
    }
  }
  return out;
}

/**
 * The writes that are lost: neither the cell's current value, nor known by an op
 * that reached the server, nor part of a recorded conflict. Must always be empty.
 */
export function lostWrites(
  written: Iterable<OpFacts>,
  delivered: readonly OpFacts[],
  conflictOpIds: ReadonlySet<string>,
): OpFacts[] {
  const final = expectedCells(delivered);
  const lost: OpFacts[] = [];
  for (const w of written) {
    const cell = final.get(cellKey(w.table, w.rowId, w.column));
    // The same value written on two devices survives as the current value.
    if (cell && (cell.hlc === w.hlc || cell.value === w.value)) continue;
    if (conflictOpIds.has(w.opId)) continue;
    const sameCell = delivered.filter((d) => d.table === w.table && d.rowId === w.rowId && d.column === w.column);
    if (sameCell.some((d) => d.opId !== w.opId && knows(d, w))) continue;
    lost.push(w);
  }
  return lost;
}
