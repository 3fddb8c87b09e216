/**
 * The export channels (merged into shared/api.ts): visit summaries, monthly reports, ledgers and
 * the joint meeting agenda, written as Word, PDF or Excel files. The backend writes each file into
 * its exports directory; the desktop shell then moves it where the user chose in a save dialog,
 * the browser shell serves it for download (`downloadUrl`).
 */
import { z } from 'zod';
import { Id, Month, ShortText } from '../domain/primitives';
import { ProjectLevel, ProjectStage } from '../domain/project';
import { channel } from './define';
import { ProblemListQuery } from './problems';

export const ExportFormat = z.enum(['docx', 'pdf', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const DocFormat = z.enum(['docx', 'pdf']);

/** A client-chosen id, so progress events can be matched before the call returns. */
export const ExportJobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an export job id');

/** Which projects a monthly report covers: one service group, one district, or all. */
export const ReportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('group'), groupId: Id }).strict(),
  z.object({ kind: z.literal('district'), district: ShortText.min(1) }).strict(),
]);
export type ReportScope = z.infer<typeof ReportScope>;

/**
 * The project ledger's filters: ProjectListQuery (shared/api.ts) without paging. Spelled out here
 * because api.ts imports this file; the backend passes it to listProjects, so tsc keeps them equal.
 */
export const ProjectLedgerFilters = z
  .object({
    levels: z.array(ProjectLevel).max(10).default([]),
    districts: z.array(ShortText).max(50).default([]),
    stages: z.array(ProjectStage).max(10).default([]),
    groupIds: z.array(Id).max(100).default([]),
    industries: z.array(ShortText).max(100).default([]),
    query: z.string().trim().max(100).default(''),
    notVisitedThisMonth: z.boolean().default(false),
    hasOverdueProblems: z.boolean().default(false),
    sort: z
      .object({
        field: z.enum(['code', 'name', 'level', 'district', 'stage', 'totalInvestment', 'annualPlannedInvestment']),
        order: z.enum(['asc', 'desc']),
      })
      .default({ field: 'code', order: 'asc' }),
  })
  .strict();
export type ProjectLedgerFilters = z.input<typeof ProjectLedgerFilters>;

export const ProblemLedgerFilters = ProblemListQuery.omit({ offset: true, limit: true });
export type ProblemLedgerFilters = z.input<typeof ProblemLedgerFilters>;

export const ExportRequest = z.discriminatedUnion('kind', [
  /** 走访报告 */
  z
    .object({
      kind: z.literal('visitSummary'),
      visitId: Id,
      format: DocFormat,
      /** Photos on each photo page: 4 in a 2 × 2 grid, or 2–3 one under another. */
      photosPerPage: z.union([z.literal(2), z.literal(3), z.literal(4)]).default(4),
    })
    .strict(),
  /** 月度调度报告; month YYYY-MM (Asia/Shanghai). */
  z.object({ kind: z.literal('monthlyReport'), scope: ReportScope, month: Month, format: DocFormat }).strict(),
  /** 项目台账 with the ledger page's current filters. */
  z.object({ kind: z.literal('projectLedger'), filters: ProjectLedgerFilters.prefault({}) }).strict(),
  /** 问题台账 with the problem list's current filters. */
  z.object({ kind: z.literal('problemLedger'), filters: ProblemLedgerFilters.prefault({}) }).strict(),
  /** 会办议题清单 */
  z.object({ kind: z.literal('meetingAgenda'), meetingId: Id, format: z.enum(['docx', 'xlsx']) }).strict(),
]);
export type ExportRequest = z.input<typeof ExportRequest>;
export type ExportKind = ExportRequest['kind'];

export const ExportRunInput = z.object({ jobId: ExportJobId, request: ExportRequest }).strict();
export type ExportRunInput = z.input<typeof ExportRunInput>;

export interface ExportDone {
  status: 'done';
  jobId: string;
  fileName: string;
  format: ExportFormat;
  bytes: number;
  /** Where the backend wrote it (its exports directory). */
  filePath: string;
  /** Desktop shell: where the user saved it. */
  savedPath: string | null;
  /** Browser shell: a same-origin address that downloads it. */
  downloadUrl: string | null;
  /** Table rows (ledgers, agenda) or projects (monthly report); photos placed in the document. */
  rows: number;
  photos: number;
}

/** The desktop user closed the save dialog: nothing was written. */
export interface ExportCancelled {
  status: 'cancelled';
  jobId: string;
}

export type ExportOutcome = ExportDone | ExportCancelled;

export const ExportPhase = z.enum(['collect', 'photos', 'write', 'done']);
export type ExportPhase = z.infer<typeof ExportPhase>;

/** Pushed while an export runs (event `exports.progress`). */
export const ExportProgress = z.object({
  jobId: z.string(),
  phase: ExportPhase,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

const FileNameInput = z.object({ request: ExportRequest }).strict();

export const exportChannels = {
  /** Writes the file and returns where; progress arrives as `exports.progress` events. */
  'exports.run': channel<typeof ExportRunInput, ExportOutcome>(ExportRunInput),
  /** The file name the export would get (the desktop save dialog proposes it). */
  'exports.fileName': channel<typeof FileNameInput, { fileName: string }>(FileNameInput),
} as const;

/** Names of the save dialog's file-type filter, per format. */
export const FORMAT_FILTERS: { readonly [F in ExportFormat]: { name: string; extensions: string[] } } = {
  docx: { name: 'Word 文档 / Word document', extensions: ['docx'] },
  pdf: { name: 'PDF 文件 / PDF', extensions: ['pdf'] },
  xlsx: { name: 'Excel 工作簿 / Excel workbook', extensions: ['xlsx'] },
};
