import { z } from 'zod';

/**
 * The record tables that go through the write path (change log, versions, outbox) and sync.
 * A change is addressed as (table, rowId, column) with the table's storage column names.
 */
export const RecordTable = z.enum([
  'projects',
  'procedures',
  'resumptions',
  'visits',
  'problems',
  'progress_notes',
  'photos',
  'service_groups',
  'units',
  /** Collisions the server found (ARCHITECTURE.md "what counts as lost"); members resolve them. */
  'conflicts',
  /** 计划走访: a visit planned for a date, one row per project and month (issue 6). */
  'visit_plans',
  /** A problem's handling-level history: append-only rows (issue 6). */
  'escalations',
  /** 联审会办会 and the decisions taken there: organisation scope (issue 6). */
  'meetings',
  'meeting_decisions',
  /** 四率 targets per campaign, set by coordinators: organisation scope (issue 7). */
  'campaign_targets',
  /** 月度关账: a closed month and its frozen figures, the snapshot split into parts (issue 7). */
  'month_closings',
  'month_closing_parts',
]);
export type RecordTable = z.infer<typeof RecordTable>;

/** A cell value as it travels: JSON scalars; arrays and objects are JSON-encoded by the db layer. */
export const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;

/** One entry of the local change log: the source of the history view. */
export const ChangeLogEntry = z.object({
  seq: z.number().int(),
  hlc: z.string(),
  table: RecordTable,
  rowId: z.string(),
  column: z.string(),
  oldValue: CellValue,
  newValue: CellValue,
  authorId: z.string(),
  authorName: z.string(),
  deviceId: z.string(),
  /** Epoch ms of the write on the writing device. */
  at: z.number().int(),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;
