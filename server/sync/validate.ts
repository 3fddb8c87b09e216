import { hlcNode } from '../../shared/sync/merge';
import { ORG_SCOPE } from '../../shared/sync/roles';
import { TABLE_COLUMNS, TABLE_SCOPE, type ColumnKind } from '../../shared/sync/tables';
import { SERVER_NODE } from '../../shared/sync/wire';
import type { CellValue, RecordTable } from '../../shared/records';

export interface CellTarget {
  scope: string;
  table: RecordTable;
  rowId: string;
  column: string;
  value: CellValue;
}

function kindMismatch(kind: ColumnKind, value: CellValue): string | null {
  if (value === null) return null;
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? null : 'expected text';
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'expected a whole number';
    case 'bool':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'json':
      if (typeof value !== 'string') return 'expected JSON text';
      try {
        JSON.parse(value);
        return null;
      } catch {
        return 'expected JSON text';
      }
  }
}

/**
 * Why a cell cannot be stored whatever the database holds (unknown column, wrong
 * kind of value, a scope its row cannot live in), or null when it can.
 */
export function cellInvalidReason(t: CellTarget): string | null {
  const kind = TABLE_COLUMNS[t.table][t.column];
  if (kind === undefined) return `unknown column ${t.table}.${t.column}`;
  const mismatch = kindMismatch(kind, t.value);
  if (mismatch) return `${t.table}.${t.column}: ${mismatch}`;
  switch (TABLE_SCOPE[t.table]) {
    case 'self':
      if (t.scope !== t.rowId || t.rowId === ORG_SCOPE) return 'a project is its own scope';
      break;
    case 'org':
      if (t.scope !== ORG_SCOPE) return `${t.table} belong to the organisation scope`;
      break;
    case 'project_id':
      if (t.scope === ORG_SCOPE) return `${t.table} belong to a project scope`;
      if (t.column === 'project_id' && t.value !== t.scope) return 'project_id must name the scope (a row cannot move)';
      break;
    case 'scope':
      if (t.column === 'scope' && t.value !== t.scope) return 'scope must name the scope (a row cannot move)';
      break;
  }
  return null;
}

/** A device may not stamp HLCs with the server's node id: its ops would pass for the server's. */
export function deviceHlcInvalidReason(hlc: string): string | null {
  return hlcNode(hlc) === SERVER_NODE ? `the HLC node id "${SERVER_NODE}" is reserved` : null;
}
