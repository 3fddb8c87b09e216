import { createHash } from 'node:crypto';
import type { CellValue } from '../../shared/records';
import { conflictPairKey, orderConflict, type ConflictKind, type OpFacts } from '../../shared/sync/merge';

/** An op as collisions are judged and reported: the merge facts plus who made it. */
export interface KnownOp extends OpFacts {
  userId: string;
  deviceId: string;
}

export interface FoundConflict {
  id: string;
  cells: Record<string, CellValue>;
}

/** The id of a collision's record: the same for a pair of ops whatever order they came in. */
export function conflictId(a: OpFacts, b: OpFacts): string {
  return createHash('sha256').update(conflictPairKey(a, b)).digest('hex').slice(0, 32);
}

function isDeletion(op: OpFacts): boolean {
  return op.column === 'deleted' && op.value === true;
}

/** The cells of the `conflicts` row recording a collision (see TABLE_COLUMNS.conflicts). */
export function conflictRecord(scope: string, a: KnownOp, b: KnownOp, kind: ConflictKind): FoundConflict {
  const { kept, other } = orderConflict(a, b, kind) as { kept: KnownOp; other: KnownOp };
  const column = kind === 'edit_deleted' ? (isDeletion(kept) ? other.column : kept.column) : kept.column;
  return {
    id: conflictId(a, b),
    cells: {
      scope,
      tbl: kept.table,
      row_id: kept.rowId,
      col: column,
      kind,
      kept_value: JSON.stringify(kept.value),
      kept_hlc: kept.hlc,
      kept_by: kept.userId,
      kept_device: kept.deviceId,
      other_value: JSON.stringify(other.value),
      other_hlc: other.hlc,
      other_by: other.userId,
      other_device: other.deviceId,
      resolution: null,
      resolved_by: null,
      resolved_at: null,
      deleted: false,
    },
  };
}
