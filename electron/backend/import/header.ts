/**
 * Finding the header of a ledger sheet: below title and subtitle lines, one row or two (a group
 * header such as 投资情况（亿元） merged over 总投资 | 年度计划), and the unit a title states.
 */
import type { ImportField, MoneyUnit } from '../../../shared/channels/import';
import { matchHeader, MONEY_FIELDS, type HeaderMatch } from './fields';
import type { Grid, GridValue } from './workbook';
import { cellText, detectUnit, normalizeHeader, parseAmount, parseDate } from './text';

/** How far down a header may start (titles, subtitles, notes above it). */
const HEADER_SCAN_ROWS = 30;

export interface HeaderColumn {
  column: number;
  /** Distinct header texts of this column, top row first. */
  parts: string[];
  match: HeaderMatch;
  /** The unit stated in this column's own header (or its group header). */
  unit: MoneyUnit | null;
}

export interface SheetHeader {
  /** Excel row numbers of the header rows; empty when none was found. */
  rows: number[];
  columns: HeaderColumn[];
  /** A unit stated once for the sheet (title or 单位：万元 line above the header). */
  sheetUnit: MoneyUnit | null;
}

function text(grid: Grid, row: number, column: number): string {
  return cellText(grid.rows[row - 1]?.[column - 1] ?? null).trim();
}

function rowScore(grid: Grid, row: number): number {
  let score = 0;
  let fields = 0;
  const seen = new Set<ImportField>();
  for (let c = 1; c <= grid.width; c++) {
    const m = matchHeader(text(grid, row, c));
    if (m.ignored) score += 0.5;
    if (m.field && !seen.has(m.field)) {
      seen.add(m.field);
      score += m.confidence;
      fields++;
    }
  }
  return fields === 0 ? 0 : score;
}

/** A cell that reads as data: an amount, a date, or a Date/number value. */
function looksLikeData(value: GridValue): boolean {
  if (value === null) return false;
  if (typeof value !== 'string') return true;
  const amount = parseAmount(value, 'yuan');
  if (amount.ok && amount.yuan !== null) return true;
  const date = parseDate(value);
  return date.ok && date.date !== null;
}

function headerLike(grid: Grid, row: number): boolean {
  const cells = grid.rows[row - 1] ?? [];
  const values = cells.filter((v): v is GridValue => v !== undefined && v !== null);
  return values.length > 0 && !values.some(looksLikeData);
}

/**
 * Rows `top` and `top + 1` form one header when `top` has a group cell spanning two or more
 * columns over distinct sub-headers, and is not a title spanning (nearly) the whole table.
 */
function isGroupPair(grid: Grid, top: number): boolean {
  if (top < 1 || top + 1 > grid.rows.length) return false;
  if (!headerLike(grid, top) || !headerLike(grid, top + 1)) return false;
  const used = (grid.rows[top] ?? []).filter((v) => v !== undefined && v !== null).length;
  let found = false;
  for (let c = 1; c < grid.width; c++) {
    const a = text(grid, top, c);
    if (a === '' || a !== text(grid, top, c + 1)) continue;
    let span = 1;
    while (c + span <= grid.width && text(grid, top, c + span) === a) span++;
    const subs = new Set<string>();
    for (let k = c; k < c + span; k++) if (text(grid, top + 1, k) !== '') subs.add(text(grid, top + 1, k));
    if (span >= Math.max(3, used * 0.8)) return false; // a title over the table, not a group
    if (subs.size >= 2) found = true;
    c += span - 1;
  }
  return found;
}

function bestMatch(parts: string[]): HeaderMatch {
  if (parts.length === 0) return { field: null, confidence: 0, ignored: false };
  const bottom = matchHeader(parts[parts.length - 1]!);
  if (parts.length === 1 || bottom.ignored) return bottom;
  const candidates = [bottom, matchHeader(parts.join('')), matchHeader(parts[0]!)];
  // A group header alone (top) is a weaker hint than the cell under it.
  const scored = candidates.map((m, i) => ({ m, s: m.confidence * (i === 2 ? 0.8 : 1) }));
  scored.sort((a, b) => b.s - a.s);
  const best = scored[0]!;
  return best.s === 0 ? bottom : { ...best.m, confidence: Math.round(best.s * 100) / 100 };
}

/** The header rows, each column's header and match, and the units stated. */
export function findHeader(grid: Grid): SheetHeader {
  let best = 0;
  let bestRow = 0;
  const limit = Math.min(HEADER_SCAN_ROWS, grid.rows.length);
  for (let r = 1; r <= limit; r++) {
    const s = rowScore(grid, r);
    if (s > best + 1e-9) {
      best = s;
      bestRow = r;
    }
  }
  if (best < 1.5) return { rows: [], columns: [], sheetUnit: null };
  const rows = isGroupPair(grid, bestRow - 1)
    ? [bestRow - 1, bestRow]
    : isGroupPair(grid, bestRow)
      ? [bestRow, bestRow + 1]
      : [bestRow];

  let sheetUnit: MoneyUnit | null = null;
  for (let r = 1; r < rows[0]! && sheetUnit === null; r++) {
    for (let c = 1; c <= grid.width && sheetUnit === null; c++) sheetUnit = detectUnit(text(grid, r, c));
  }

  const columns: HeaderColumn[] = [];
  for (let c = 1; c <= grid.width; c++) {
    const parts: string[] = [];
    for (const r of rows) {
      const t = text(grid, r, c);
      if (t !== '' && !parts.some((p) => normalizeHeader(p) === normalizeHeader(t))) parts.push(t);
    }
    const match = bestMatch(parts);
    let unit: MoneyUnit | null = null;
    for (let i = parts.length - 1; i >= 0 && unit === null; i--) unit = detectUnit(parts[i]!);
    columns.push({ column: c, parts, match, unit });
  }
  dedupeFields(columns);
  return { rows, columns, sheetUnit };
}

/** One column per field: the best match keeps it (the leftmost on a tie), the others are unmapped. */
function dedupeFields(columns: HeaderColumn[]): void {
  const owner = new Map<ImportField, HeaderColumn>();
  for (const col of columns) {
    const f = col.match.field;
    if (!f) continue;
    const prev = owner.get(f);
    if (!prev || col.match.confidence > prev.match.confidence) {
      if (prev) prev.match = { field: null, confidence: 0, ignored: false };
      owner.set(f, col);
    } else {
      col.match = { field: null, confidence: 0, ignored: false };
    }
  }
}

/** The unit for a money column: its header's, else the sheet's, else 万元 (the ledgers' usual). */
export function effectiveUnit(
  column: HeaderColumn | undefined,
  field: ImportField | null,
  sheetUnit: MoneyUnit | null,
): { unit: MoneyUnit | null; source: 'header' | 'sheet' | 'assumed' | null } {
  if (!field || !MONEY_FIELDS.has(field)) return { unit: null, source: null };
  if (column?.unit) return { unit: column.unit, source: 'header' };
  if (sheetUnit) return { unit: sheetUnit, source: 'sheet' };
  return { unit: 'wan', source: 'assumed' };
}
