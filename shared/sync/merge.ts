import type { CellValue } from '../records';

/**
 * The merge rule, shared by the server, the desktop and the test oracle.
 *
 * A cell holds the value of the op with the highest HLC (last writer wins; HLC
 * text sorts causally). Two ops *collide* when neither was written knowing the
 * other and they disagree; collisions are kept as conflicts. Both rules depend
 * only on the set of ops, never on the order they arrive in.
 */
export interface OpFacts {
  opId: string;
  table: string;
  rowId: string;
  column: string;
  value: CellValue;
  hlc: string;
  /**
   * What the writer had seen: for an ordinary cell, the version of that cell;
   * for a deletion (`deleted` = true), the newest version of any cell of the row.
   */
  baseHlc: string | null;
}

export type ConflictKind = 'field' | 'status' | 'edit_deleted';

/** Does an incoming version replace the stored one? Equal HLCs are the same op. */
export function supersedes(incomingHlc: string, storedHlc: string | null | undefined): boolean {
  return storedHlc === null || storedHlc === undefined || incomingHlc > storedHlc;
}

/** The device that stamped an HLC (its node id, the part after the last '-'). */
export function hlcNode(hlc: string): string {
  return hlc.slice(hlc.lastIndexOf('-') + 1);
}

/**
 * Was `a` written by someone who had already seen `b` (or something that replaced it)?
 * A device's later write always saw its own earlier ones — also when a response was
 * lost and the device cannot tell whether the earlier one reached the server.
 */
export function knows(a: OpFacts, b: OpFacts): boolean {
  if (a.baseHlc !== null && a.baseHlc >= b.hlc) return true;
  return a.hlc > b.hlc && hlcNode(a.hlc) === hlcNode(b.hlc);
}

function isDeletion(op: OpFacts): boolean {
  return op.column === 'deleted' && op.value === true;
}

/** The kind of collision between two ops, or null when they do not collide. */
export function conflictKind(a: OpFacts, b: OpFacts): ConflictKind | null {
  if (a.opId === b.opId || a.table !== b.table || a.rowId !== b.rowId) return null;
  if (knows(a, b) || knows(b, a)) return null;
  if (a.column === b.column) {
    if (a.value === b.value) return null;
    return a.column === 'status' ? 'status' : 'field';
  }
  // An edit to a row that someone else deleted without having seen the edit.
  const aDel = isDeletion(a);
  const bDel = isDeletion(b);
  if (aDel === bDel) return null;
  const edit = aDel ? b : a;
  return edit.column === 'deleted' ? null : 'edit_deleted';
}

/**
 * In a collision, which op is the one the row shows: for an edit to a deleted row
 * the deletion (the row stays deleted until restored); otherwise the later HLC.
 */
export function orderConflict(a: OpFacts, b: OpFacts, kind: ConflictKind): { kept: OpFacts; other: OpFacts } {
  if (kind === 'edit_deleted') return isDeletion(a) ? { kept: a, other: b } : { kept: b, other: a };
  return a.hlc > b.hlc ? { kept: a, other: b } : { kept: b, other: a };
}

/** A stable key for a pair of ops, whatever order they arrived in. */
export function conflictPairKey(a: OpFacts, b: OpFacts): string {
  return a.opId < b.opId ? `${a.opId}|${b.opId}` : `${b.opId}|${a.opId}`;
}
