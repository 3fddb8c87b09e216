/**
 * Bytes → the cell values of every sheet. The format is sniffed from the bytes, not the file's
 * name: old binary .xls (OLE2) and password-protected workbooks (OLE2 holding an
 * 'EncryptedPackage') are refused with instructions, a broken zip with a clear message.
 */
import ExcelJS from 'exceljs';
import type { Bilingual, ImportRefusalReason } from '../../../shared/channels/import';

/** A cell as the importer sees it; merged cells carry their master's value. */
export type GridValue = string | number | boolean | Date | null;

export interface Grid {
  index: number;
  name: string;
  hidden: boolean;
  /** rows[r - 1][c - 1] for Excel row r, column c; missing entries are empty cells. */
  rows: GridValue[][];
  /** Highest used column. */
  width: number;
}

export type WorkbookResult =
  { ok: true; sheets: Grid[] } | { ok: false; reason: ImportRefusalReason; message: Bilingual };

// Bounds one import's memory: a ledger is at most a few thousand rows.
const MAX_ROWS = 50_000;
const MAX_COLUMNS = 500;

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const SAVE_AS_ZH =
  '请用 Excel 或 WPS 表格打开该文件，选择“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再导入新保存的 .xlsx 文件。';
const SAVE_AS_EN =
  'Open it in Excel or WPS Spreadsheets, choose File → Save As, pick "Excel Workbook (*.xlsx)" as the type, and import the new .xlsx file.';

export const REFUSALS: Record<ImportRefusalReason, Bilingual> = {
  xls: {
    zh: `这是旧版 Excel 97-2003 格式（.xls）的文件，本程序无法安全读取。${SAVE_AS_ZH}`,
    en: `This is an old Excel 97-2003 (.xls) file, which Sitebook cannot read safely. ${SAVE_AS_EN}`,
  },
  encrypted: {
    zh: '该文件设有打开密码（已加密），无法读取。请在 Excel 中用密码打开，选择“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存（WPS：文件 → 文档加密 → 密码加密，清空打开密码）；然后导入保存后的文件。',
    en: 'The file is protected with a password (encrypted) and cannot be read. Open it in Excel with the password, choose File → Info → Protect Workbook → Encrypt with Password, clear the password and save (WPS: File → Document Encryption → Password Encryption, clear the open password); then import the saved file.',
  },
  corrupt: {
    zh: `文件已损坏或不完整，无法读取（可能下载或传输中断）。请向发件单位重新索取文件；若能在 Excel 或 WPS 中打开，${SAVE_AS_ZH.slice(1)}`,
    en: `The file is damaged or incomplete (perhaps an interrupted download or transfer) and cannot be read. Ask the sender for the file again; if Excel or WPS can still open it, ${SAVE_AS_EN.charAt(0).toLowerCase()}${SAVE_AS_EN.slice(1)}`,
  },
  not_excel: {
    zh: `这不是 Excel 工作簿（.xlsx）文件。${SAVE_AS_ZH}`,
    en: `This is not an Excel workbook (.xlsx). ${SAVE_AS_EN}`,
  },
  empty: {
    zh: '文件是空的，或工作簿中没有任何工作表。',
    en: 'The file is empty, or the workbook has no worksheets.',
  },
};

function refuse(reason: ImportRefusalReason): WorkbookResult {
  return { ok: false, reason, message: REFUSALS[reason] };
}

/** What kind of file the bytes are, before any parser touches them. */
export function sniff(bytes: Uint8Array): 'xlsx' | ImportRefusalReason {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length === 0) return 'empty';
  if (b.subarray(0, 8).equals(OLE2)) {
    // An encrypted .xlsx is an OLE2 compound file with EncryptionInfo and EncryptedPackage streams;
    // any other OLE2 file offered as a spreadsheet is the old binary format (.xls, .et).
    return b.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls';
  }
  if (b.subarray(0, 4).equals(ZIP)) return 'xlsx';
  // Systems that "export to Excel" often write an HTML table or SpreadsheetML and call it .xls.
  const head = b
    .subarray(0, 2048)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<') && /<table|<html|urn:schemas-microsoft-com:office:spreadsheet/.test(head)) return 'xls';
  if (b.subarray(0, 2).equals(Buffer.from('PK'))) return 'corrupt';
  return 'not_excel';
}

type ExcelValue = ExcelJS.CellValue;

/** An exceljs cell value as a plain value: formulas give their cached result, rich text its text. */
export function plainValue(value: ExcelValue): GridValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === 'object' && !(result instanceof Date)) {
        return 'error' in result ? String((result as { error: unknown }).error) : null;
      }
      return result as GridValue;
    }
    if ('hyperlink' in value) return plainValue(value.text as ExcelValue);
    if ('error' in value) return String(value.error);
  }
  return null;
}

/** Reads every sheet's values; refuses what is not a readable .xlsx. */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookResult> {
  const kind = sniff(bytes);
  if (kind !== 'xlsx') return refuse(kind);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer interface; Node's Buffer is what it reads.
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'legacyDrawing'],
    });
  } catch {
    return refuse('corrupt');
  }
  const sheets: Grid[] = [];
  workbook.worksheets.forEach((ws, index) => sheets.push(readSheet(ws, index)));
  if (sheets.length === 0) return refuse('empty');
  return { ok: true, sheets };
}

function readSheet(ws: ExcelJS.Worksheet, index: number): Grid {
  const rows: GridValue[][] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_ROWS) return;
    const cells: GridValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_COLUMNS) return;
      // eachCell visits a merge's other cells too, with the master's value: a district written
      // once for five rows, or a parent header over two columns, reads in every cell it covers.
      const value = plainValue(cell.value);
      if (value === null || (typeof value === 'string' && value.trim() === '')) return;
      cells[c - 1] = value;
      if (c > width) width = c;
    });
    rows[r - 1] = cells;
  });
  return { index, name: ws.name, hidden: ws.state !== 'visible', rows, width };
}
