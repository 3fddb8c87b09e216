/**
 * A closed month's snapshot (月度关账): the project rows of the month, frozen. Stored compactly
 * (one array per project) and split into parts that each fit a sync cell; the closing names the
 * parts and a checksum in one cell, so a snapshot is only used once all of it has arrived intact.
 */
import { z } from 'zod';
import { CalendarDate, Month } from '../domain/primitives';
import { KpiRow } from './types';

/** Characters per part: under the sync wire's cell limit (MAX_CELL_CHARS = 100,000). */
export const SNAPSHOT_PART_CHARS = 90_000;

/** The order of a row's fields in the stored arrays (version 1). */
const FIELDS = [
  'projectId',
  'code',
  'name',
  'level',
  'district',
  'groupId',
  'groupName',
  'industry',
  'startKind',
  'started',
  'annualPlan',
  'completed',
  'funds',
  'figuresDate',
  'reported',
  'productionDue',
  'producedOnTime',
  'visitDue',
  'visited',
  'raised',
  'resolved',
  'resolveDays',
  'overdue',
] as const satisfies readonly (keyof KpiRow)[];

// Every field of a row is stored: a field added to KpiRow without a place here fails to compile.
type Missing = Exclude<keyof KpiRow, (typeof FIELDS)[number]>;
const storesEveryField: [Missing] extends [never] ? true : Missing = true;
void storesEveryField;

/** What the closing row holds about its snapshot (the `snapshot` cell, JSON). */
export const SnapshotRef = z
  .object({
    /** Names the parts: a new closing of the month makes a new id. */
    id: z.string().min(1).max(64),
    parts: z.number().int().min(1).max(1000),
    chars: z.number().int().min(0),
    hash: z.string().min(1).max(32),
    asOf: CalendarDate,
    projects: z.number().int().min(0),
  })
  .strict();
export type SnapshotRef = z.infer<typeof SnapshotRef>;

const SnapshotBody = z.object({
  v: z.literal(1),
  month: Month,
  asOf: CalendarDate,
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});

export interface MonthSnapshot {
  month: string;
  asOf: string;
  rows: KpiRow[];
}

/** cyrb53: a 53-bit checksum of the text, enough to tell a torn or mixed snapshot (not a security hash). */
export function checksum(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

export function encodeSnapshot(s: MonthSnapshot): string {
  const rows = s.rows.map((r) => FIELDS.map((f) => r[f]));
  return JSON.stringify({ v: 1, month: s.month, asOf: s.asOf, rows });
}

/** Parses and checks a snapshot's text (it came through sync: every row is validated). */
export function decodeSnapshot(text: string): MonthSnapshot {
  const body = SnapshotBody.parse(JSON.parse(text));
  const rows = body.rows.map((a) => KpiRow.parse(Object.fromEntries(FIELDS.map((f, i) => [f, a[i] ?? null]))));
  return { month: body.month, asOf: body.asOf, rows };
}

export function splitParts(text: string, size = SNAPSHOT_PART_CHARS): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts.length > 0 ? parts : [''];
}

/**
 * The snapshot from its parts, or null while it is incomplete or does not match its checksum
 * (parts still syncing, or two closings made offline that crossed).
 */
export function joinParts(ref: SnapshotRef, parts: ReadonlyMap<number, string>): MonthSnapshot | null {
  const pieces: string[] = [];
  for (let i = 0; i < ref.parts; i++) {
    const p = parts.get(i);
    if (p === undefined) return null;
    pieces.push(p);
  }
  const text = pieces.join('');
  if (text.length !== ref.chars || checksum(text) !== ref.hash) return null;
  try {
    return decodeSnapshot(text);
  } catch {
    return null;
  }
}
