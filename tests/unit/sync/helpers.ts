import type { Database } from 'better-sqlite3';
import { formatHlc } from '../../../shared/hlc';
import type { CellValue } from '../../../shared/records';
import type { PulledRow } from '../../../shared/sync/wire';
import type { ApplyOptions } from '../../../electron/backend/db/sync-apply';

export const T0 = Date.UTC(2026, 3, 1, 2, 0, 0);

/** An HLC of another device at `ms`. */
export const hlcAt = (ms: number, node = 'remote', counter = 0): string => formatHlc({ millis: ms, counter, node });

export function projectCells(over: Record<string, CellValue> = {}): Record<string, CellValue> {
  return {
    code: 'HRB-001',
    name: '松北新区项目',
    level: 'city_key',
    district: '松北区',
    industry: '现代服务业',
    total_investment: 1_000_000,
    annual_planned_investment: 200_000,
    stage: 'continuing',
    is_new: false,
    deleted: false,
    ...over,
  };
}

export function visitCells(projectId: string, over: Record<string, CellValue> = {}): Record<string, CellValue> {
  return {
    project_id: projectId,
    date: '2026-03-30',
    kind: 'monthly',
    status: 'submitted',
    findings: '现场正常',
    deleted: false,
    ...over,
  };
}

let seq = 0;
export function pulled(
  table: PulledRow['table'],
  id: string,
  scope: string,
  hlc: string,
  cells: Record<string, CellValue>,
  extra: Partial<PulledRow> = {},
): PulledRow {
  return { scope, table, id, seq: ++seq, hlc, cells, ...extra };
}

export const applyOpts = (over: Partial<ApplyOptions> = {}): ApplyOptions => ({
  isSnapshot: () => false,
  userNames: new Map([['u-remote', '王五']]),
  now: T0,
  ...over,
});

export const count = (db: Database, sql: string, ...params: unknown[]): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;

export const outboxOf = (db: Database) =>
  db.prepare('SELECT tbl, row_id, col, value, hlc, base_hlc, op_id FROM outbox ORDER BY hlc, col').all() as {
    tbl: string;
    row_id: string;
    col: string;
    value: string;
    hlc: string;
    base_hlc: string | null;
    op_id: string;
  }[];
