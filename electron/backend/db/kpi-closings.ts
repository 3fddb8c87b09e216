import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { MonthClosingInfo, MonthReopenInput } from '../../../shared/channels/kpi';
import { AppError } from '../../../shared/errors';
import {
  checksum,
  encodeSnapshot,
  joinParts,
  SnapshotRef,
  splitParts,
  type MonthSnapshot,
} from '../../../shared/kpi/snapshot';
import type { KpiRow } from '../../../shared/kpi/types';
import { num, numOrNull, str, strOrNull, stmt, type Row } from './cells';
import { writeRecords, type Actor, type RecordChange } from './writer';

/*
 * 月度关账: one closing row per month (the same id on every device, so two closings of a month
 * merge cell by cell) naming its snapshot in one cell; the snapshot's text in parts of its own.
 * Reopening keeps the row (status 'reopened', who, when, why); closing again writes a new
 * snapshot under a new id and deletes the parts of the old one.
 */

export function closingId(month: string): string {
  return `mc-${month}`;
}

interface ClosingRecord {
  info: MonthClosingInfo;
  ref: SnapshotRef | null;
}

function parseRef(v: unknown): SnapshotRef | null {
  if (typeof v !== 'string') return null;
  try {
    const parsed = SnapshotRef.safeParse(JSON.parse(v));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// Decoded snapshots by snapshot id and checksum: parsing a province's rows takes a few ms, and
// the dashboard's trend reads up to twelve of them on every refresh.
const decoded = new WeakMap<Database, Map<string, MonthSnapshot | null>>();

function loadSnapshot(db: Database, ref: SnapshotRef): MonthSnapshot | null {
  let cache = decoded.get(db);
  if (!cache) {
    cache = new Map();
    decoded.set(db, cache);
  }
  const key = `${ref.id}|${ref.hash}|${ref.parts}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rows = stmt(
    db,
    'SELECT part, data FROM month_closing_parts WHERE snapshot_id = ? AND deleted = 0 ORDER BY part',
  ).all(ref.id) as Row[];
  const snapshot = joinParts(ref, new Map(rows.map((r) => [num(r['part']), str(r['data'])])));
  // An incomplete snapshot is not cached: its missing parts may arrive with the next pull.
  if (snapshot) cache.set(key, snapshot);
  return snapshot;
}

function toRecord(db: Database, r: Row): ClosingRecord {
  const ref = parseRef(r['snapshot']);
  const status = str(r['status']) === 'reopened' ? 'reopened' : 'closed';
  const ready = status === 'closed' && ref !== null && loadSnapshot(db, ref) !== null;
  return {
    ref,
    info: {
      month: str(r['month']),
      status,
      asOf: ref?.asOf ?? null,
      projects: ref?.projects ?? null,
      closedAt: numOrNull(r['closed_at']),
      closedByName: strOrNull(r['closed_by_name']),
      note: strOrNull(r['note']),
      reopenedAt: numOrNull(r['reopened_at']),
      reopenedByName: strOrNull(r['reopened_by_name']),
      reopenReason: strOrNull(r['reopen_reason']),
      snapshotReady: ready,
    },
  };
}

export function getClosing(db: Database, month: string): ClosingRecord | null {
  const r = stmt(db, 'SELECT * FROM month_closings WHERE id = ? AND deleted = 0').get(closingId(month)) as
    Row | undefined;
  return r ? toRecord(db, r) : null;
}

/** The frozen snapshot of a closed month, or null (not closed, reopened, or parts still syncing). */
export function closedSnapshot(
  db: Database,
  month: string,
): { info: MonthClosingInfo; snapshot: MonthSnapshot | null } | null {
  const c = getClosing(db, month);
  if (!c) return null;
  if (c.info.status !== 'closed' || !c.ref) return { info: c.info, snapshot: null };
  return { info: c.info, snapshot: loadSnapshot(db, c.ref) };
}

/** Newest month first. */
export function listClosings(db: Database): MonthClosingInfo[] {
  const rows = stmt(db, 'SELECT * FROM month_closings WHERE deleted = 0 ORDER BY month DESC').all() as Row[];
  return rows.map((r) => toRecord(db, r).info);
}

/** The closings of a year's months, by month. */
export function closingsOfYear(db: Database, year: number): Map<string, MonthClosingInfo> {
  const rows = stmt(db, 'SELECT * FROM month_closings WHERE deleted = 0 AND month >= ? AND month <= ?').all(
    `${year}-01`,
    `${year}-12`,
  ) as Row[];
  return new Map(rows.map((r) => [str(r['month']), toRecord(db, r).info]));
}

/** Writes the closing and its snapshot in one transaction; the rows are the month's, computed by the caller. */
export function writeClosing(
  db: Database,
  actor: Actor,
  now: number,
  month: string,
  asOf: string,
  rows: readonly KpiRow[],
  note: string,
): MonthClosingInfo {
  return db.transaction(() => {
    const id = closingId(month);
    const previous = getClosing(db, month);
    if (previous?.info.status === 'closed') {
      throw new AppError('conflict', `${month} is already closed; reopen it first to close it again`);
    }
    const text = encodeSnapshot({ month, asOf, rows: [...rows] });
    const parts = splitParts(text);
    const ref: SnapshotRef = {
      id: `ms-${randomUUID()}`,
      parts: parts.length,
      chars: text.length,
      hash: checksum(text),
      asOf,
      projects: rows.length,
    };
    const changes: RecordChange[] = parts.map((data, part) => ({
      table: 'month_closing_parts',
      rowId: `${ref.id}-${part}`,
      cells: { closing_id: id, snapshot_id: ref.id, part, data, deleted: false },
    }));
    // The parts of an earlier closing of the month go: only the closing's current snapshot counts.
    const old = previous?.ref?.id;
    if (old) {
      const stale = stmt(db, 'SELECT id FROM month_closing_parts WHERE snapshot_id = ? AND deleted = 0').all(
        old,
      ) as Row[];
      for (const r of stale)
        changes.push({ table: 'month_closing_parts', rowId: str(r['id']), cells: { deleted: true } });
    }
    changes.push({
      table: 'month_closings',
      rowId: id,
      cells: {
        month,
        status: 'closed',
        snapshot: JSON.stringify(ref),
        closed_by: actor.userId,
        closed_by_name: actor.userName,
        closed_at: now,
        note: note === '' ? null : note,
        deleted: false,
      },
    });
    writeRecords(db, actor, now, changes);
    return getClosing(db, month)!.info;
  })();
}

export function reopenMonth(db: Database, actor: Actor, now: number, input: MonthReopenInput): MonthClosingInfo {
  return db.transaction(() => {
    const c = getClosing(db, input.month);
    if (!c || c.info.status !== 'closed') throw new AppError('invalid_input', `${input.month} is not closed`);
    writeRecords(db, actor, now, [
      {
        table: 'month_closings',
        rowId: closingId(input.month),
        cells: {
          status: 'reopened',
          reopened_by: actor.userId,
          reopened_by_name: actor.userName,
          reopened_at: now,
          reopen_reason: input.reason.trim(),
        },
      },
    ]);
    return getClosing(db, input.month)!.info;
  })();
}
