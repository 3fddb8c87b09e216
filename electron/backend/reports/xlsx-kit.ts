/**
 * Ledger sheets as offices keep them: a title row, a line with the export date, who exported it
 * and the filters, then the header row (frozen, with an autofilter over the data). Written with
 * exceljs's streaming writer: each row is committed and leaves memory at once.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportContext, WrittenSummary } from './context';
import { zhDate } from './labels';

export type CellKind = 'text' | 'int' | 'wan' | 'date';

export interface LedgerColumn<T> {
  header: string;
  width: number;
  kind: CellKind;
  value: (row: T, index: number) => string | number | null;
}

const FONT = 'FangSong';
const NUM_FMT: { readonly [K in CellKind]: string | undefined } = {
  text: undefined,
  int: '0',
  wan: '#,##0.00',
  date: 'yyyy"年"m"月"d"日"',
};
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The header row's number (title and meta line above it). */
export const HEADER_ROW = 3;

/** A YYYY-MM-DD business date as the Excel date of that day (UTC midnight: exceljs counts days in UTC). */
export function excelDate(date: string | null): Date | null {
  return date ? new Date(`${date}T00:00:00Z`) : null;
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export interface SheetSpec<T> {
  name: string;
  title: string;
  /** Export date, exporter and filters, on the line under the title. */
  meta: string;
  columns: LedgerColumn<T>[];
}

/** One ledger sheet being written row by row. */
export class LedgerSheet<T> {
  private next = HEADER_ROW + 1;
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly spec: SheetSpec<T>,
  ) {
    const n = spec.columns.length;
    ws.columns = spec.columns.map((c) => ({ width: c.width }));
    const title = ws.getRow(1);
    title.getCell(1).value = spec.title;
    title.getCell(1).font = { name: FONT, size: 16, bold: true };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 28;
    ws.mergeCells(1, 1, 1, n);
    title.commit();
    const meta = ws.getRow(2);
    meta.getCell(1).value = spec.meta;
    meta.getCell(1).font = { name: FONT, size: 10, color: { argb: 'FF505050' } };
    ws.mergeCells(2, 1, 2, n);
    meta.commit();
    const header = ws.getRow(HEADER_ROW);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = BORDER;
    });
    header.height = 30;
    header.commit();
  }

  add(item: T): void {
    const index = this.next - HEADER_ROW;
    const row = this.ws.getRow(this.next++);
    this.spec.columns.forEach((c, i) => {
      const raw = c.value(item, index);
      const cell = row.getCell(i + 1);
      cell.value = c.kind === 'date' && typeof raw === 'string' ? excelDate(raw) : raw;
      const fmt = NUM_FMT[c.kind];
      if (fmt) cell.numFmt = fmt;
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'top', wrapText: c.kind === 'text' };
      cell.border = BORDER;
    });
    row.commit();
  }

  /** Rows written so far. */
  get rows(): number {
    return this.next - HEADER_ROW - 1;
  }

  /** Autofilter over header and data; then the sheet is committed. */
  finish(): void {
    const last = Math.max(HEADER_ROW, this.next - 1);
    this.ws.autoFilter = `A${HEADER_ROW}:${columnLetter(this.spec.columns.length)}${last}`;
    this.ws.commit();
  }
}

/** A streaming workbook on `out`, with the document's creator and date. */
export function ledgerWorkbook(out: Writable, exportedBy: string, now: number): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = exportedBy;
  wb.created = new Date(now);
  return wb;
}

export function addLedgerSheet<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec<T>): LedgerSheet<T> {
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Print the header row on every page.
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  return new LedgerSheet(ws, spec);
}

/** 导出日期：2020年4月1日  导出人：张三  筛选条件：…, separated by ideographic spaces. */
export function metaLine(today: string, exportedBy: string, filters: string | null): string {
  const parts = [`导出日期：${zhDate(today)}`, `导出人：${exportedBy}`];
  if (filters !== null) parts.push(`筛选条件：${filters || '全部'}`);
  return parts.join('\u3000');
}

/** Rows a ledger reads at a time. */
export const LEDGER_PAGE = 1000;

/**
 * Writes a one-sheet ledger to `out` (the stream is ended) from `page`'s pages of LEDGER_PAGE rows,
 * with `filters` in words on the line under the title. Synchronous from the first page to the
 * last: no other write can slip between pages.
 */
export async function writePagedLedger<T>(
  ctx: ReportContext,
  out: Writable,
  spec: { name: string; title: string; filters: string; columns: LedgerColumn<T>[] },
  page: (offset: number, limit: number) => { rows: T[]; total: number },
): Promise<WrittenSummary> {
  const wb = ledgerWorkbook(out, ctx.exportedBy, ctx.now);
  const sheet = addLedgerSheet(wb, {
    name: spec.name,
    title: spec.title,
    meta: metaLine(ctx.today, ctx.exportedBy, spec.filters),
    columns: spec.columns,
  });
  let total = 0;
  for (let offset = 0; offset === 0 || offset < total; offset += LEDGER_PAGE) {
    const { rows, total: all } = page(offset, LEDGER_PAGE);
    total = all;
    for (const row of rows) sheet.add(row);
    ctx.progress('write', Math.min(offset + LEDGER_PAGE, total), total);
    if (rows.length < LEDGER_PAGE) break;
  }
  sheet.finish();
  await wb.commit();
  return { rows: sheet.rows, photos: 0 };
}
