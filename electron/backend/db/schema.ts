/** The record tables' columns live in shared/ so the server checks ops against the same whitelist. */
export { TABLE_COLUMNS, TABLE_SCOPE, type ColumnKind, type TableColumns } from '../../../shared/sync/tables';
