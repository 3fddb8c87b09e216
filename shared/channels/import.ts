/**
 * The Excel import of project ledgers (issue 7 item 4), merged into shared/api.ts.
 *
 * import.preview reads a workbook (bytes, as photos travel) and guesses the header rows and the
 * column → field mapping; import.remap parses again with the user's mapping; import.commit writes
 * the accepted rows in one transaction. The workbook's cells stay in the backend between calls
 * under `importId`, so the file crosses the border once.
 */
import { z } from 'zod';
import { ShortText } from '../domain/primitives';
import { ProjectLevel, ProjectStage } from '../domain/project';
import { channel } from './define';

/** Spreadsheets from offices are small; this bounds one call's memory. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The project fields a ledger column can fill (group and map position come from elsewhere). */
export const ImportField = z.enum([
  'code',
  'name',
  'level',
  'district',
  'industry',
  'ownerCompany',
  'responsibleUnit',
  'leaderInCharge',
  'chiefOfficer',
  'chiefOfficerPhone',
  'totalInvestment',
  'annualPlannedInvestment',
  'stage',
  'isNew',
  'plannedStart',
  'actualStart',
  'plannedCompletion',
  'actualCompletion',
  'plannedProduction',
  'actualProduction',
  'location',
]);
export type ImportField = z.infer<typeof ImportField>;

/** Units a money column may be stated in; stored as integer yuan. */
export const MoneyUnit = z.enum(['yuan', 'wan', 'yi']);
export type MoneyUnit = z.infer<typeof MoneyUnit>;

/** A message in both languages: the backend words it, the UI shows the user's. */
export interface Bilingual {
  zh: string;
  en: string;
}

export const ColumnMapping = z
  .object({
    /** 1-based, as Excel numbers columns (A = 1). */
    column: z.number().int().min(1).max(16_384),
    field: ImportField.nullable(),
    /** Money columns only; null elsewhere. */
    unit: MoneyUnit.nullable().default(null),
  })
  .strict();
export type ColumnMapping = z.input<typeof ColumnMapping>;

export const SheetSettings = z
  .object({
    /** 0-based position of the sheet in the workbook. */
    sheet: z.number().int().min(0).max(1000),
    include: z.boolean(),
    mapping: z.array(ColumnMapping).max(1000),
  })
  .strict();
export type SheetSettings = z.input<typeof SheetSettings>;

/** Values for required fields a ledger often lacks; used for new projects only. */
export const ImportDefaults = z
  .object({
    level: ProjectLevel,
    stage: ProjectStage,
    industry: ShortText.min(1),
  })
  .strict();
export type ImportDefaults = z.infer<typeof ImportDefaults>;

export const ImportSettings = z
  .object({
    importId: z.uuid(),
    sheets: z.array(SheetSettings).max(1000),
    defaults: ImportDefaults,
  })
  .strict();
export type ImportSettings = z.input<typeof ImportSettings>;

export const ImportRowRef = z.object({ sheet: z.number().int().min(0), row: z.number().int().min(1) }).strict();
export type ImportRowRef = z.infer<typeof ImportRowRef>;

export const ImportCommitInput = ImportSettings.extend({ accept: z.array(ImportRowRef).max(100_000) }).strict();
export type ImportCommitInput = z.input<typeof ImportCommitInput>;

export const ImportPreviewInput = z
  .object({
    /** The file's name as the user picked it (display only; the format is sniffed from the bytes). */
    name: z.string().max(1000),
    bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_IMPORT_BYTES, 'file too large'),
  })
  .strict();
export type ImportPreviewInput = z.input<typeof ImportPreviewInput>;

/** A parsed cell value: money in yuan, dates YYYY-MM-DD, level/stage as enum keys. */
export type ImportValue = string | number | boolean;
export type ImportValues = Partial<Record<ImportField, ImportValue>>;

export type ImportIssueCode =
  | 'required'
  | 'not_a_number'
  | 'negative'
  | 'too_large'
  | 'bad_date'
  | 'impossible_date'
  | 'year_only'
  | 'unknown_level'
  | 'unknown_stage'
  | 'unknown_nature'
  | 'bad_phone'
  | 'too_long'
  | 'duplicate_in_file'
  | 'inconsistent';

/** What is wrong with one cell (or the row, when column is null), where Excel shows it. */
export interface ImportIssue {
  code: ImportIssueCode;
  /** Excel row number, 1-based. */
  row: number;
  /** 1-based column, null for a row-level issue. */
  column: number | null;
  /** Column letter(s) as Excel shows them, e.g. "C"; '' for a row-level issue. */
  columnLetter: string;
  /** The column's header text as written in the file. */
  header: string;
  field: ImportField | null;
  /** The cell's text as the file has it. */
  raw: string;
  message: Bilingual;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'invalid';

export interface ImportRow {
  sheet: number;
  row: number;
  values: ImportValues;
  issues: ImportIssue[];
  action: ImportAction;
  /** The existing project this row updates (or leaves unchanged). */
  projectId: string | null;
  matchedBy: 'code' | 'name_district' | null;
  /** Fields an update would change. */
  changes: ImportField[];
}

export type SkipReason = 'empty' | 'total' | 'footer' | 'section' | 'header_repeat';

export interface ImportColumn {
  column: number;
  columnLetter: string;
  /** Header text as written (two header rows joined with ' / '). */
  header: string;
  field: ImportField | null;
  /** 0–1: 1 for an exact header name, lower for a partial match, 0 when unmapped. */
  confidence: number;
  unit: MoneyUnit | null;
  /** Where the unit came from: the header itself, a title/subtitle line, assumed (万元), or the user. */
  unitSource: 'header' | 'sheet' | 'assumed' | 'user' | null;
}

export interface ImportSheet {
  sheet: number;
  name: string;
  include: boolean;
  /** Excel row numbers of the header (one or two rows); empty when none was found. */
  headerRows: number[];
  /** The unit a title or subtitle line states for the whole sheet (e.g. 单位：万元). */
  sheetUnit: MoneyUnit | null;
  columns: ImportColumn[];
  rows: ImportRow[];
  skipped: { row: number; reason: SkipReason; text: string }[];
  /** Why the sheet is left out when no header was found. */
  note: Bilingual | null;
}

export interface ImportTotals {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  invalid: number;
  skipped: number;
}

export interface ImportPreview {
  importId: string;
  fileName: string;
  defaults: ImportDefaults;
  sheets: ImportSheet[];
  totals: ImportTotals;
}

export type ImportRefusalReason = 'xls' | 'encrypted' | 'corrupt' | 'not_excel' | 'empty';

export type ImportPreviewResult =
  { status: 'ready'; preview: ImportPreview } | { status: 'refused'; reason: ImportRefusalReason; message: Bilingual };

export interface ImportCommitResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the user did not accept (including rows with errors) and lines that are not projects. */
  skipped: number;
  /** The projects created or updated, in file order. */
  projectIds: string[];
}

export const importChannels = {
  'import.preview': channel<typeof ImportPreviewInput, ImportPreviewResult>(ImportPreviewInput),
  'import.remap': channel<typeof ImportSettings, ImportPreview>(ImportSettings),
  'import.commit': channel<typeof ImportCommitInput, ImportCommitResult>(ImportCommitInput),
  /** Drops the workbook kept for an import (the wizard was closed). */
  'import.discard': channel<z.ZodObject<{ importId: z.ZodUUID }>, { discarded: boolean }>(
    z.object({ importId: z.uuid() }).strict(),
  ),
} as const;
