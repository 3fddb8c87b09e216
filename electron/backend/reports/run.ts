/**
 * Runs one export: picks the writer, names the file, writes it into `<dataDir>/exports/<jobId>/`
 * and reports progress. The shells take it from there (desktop: moved to the path the user chose;
 * browser: downloaded from /api/exports/<jobId>).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  ExportRequest,
  type ExportDone,
  type ExportFormat,
  type ExportProgress,
} from '../../../shared/channels/exports';
import { shanghaiDate } from '../../../shared/calendar';
import { AppError } from '../../../shared/errors';
import { getMeeting } from '../db/meetings';
import { getVisitView } from '../db/visits';
import { photosDirOf } from '../photos/layout';
import { writeFileVia, throttled, type ReportContext, type WrittenSummary } from './context';
import { fileSafe, zhDate, zhMonth } from './labels';
import { agendaSpec, loadAgenda, writeAgendaXlsx } from './meeting-agenda';
import { scopeName } from './monthly-data';
import { monthlyReportSpec } from './monthly-report';
import { writeProblemLedger } from './problem-ledger';
import { writeProjectLedger } from './project-ledger';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { visitSummarySpec } from './visit-summary';

type Parsed = ReturnType<typeof ExportRequest.parse>;

/** Staged export files older than this are removed when the next export starts. */
const KEEP_MS = 24 * 60 * 60 * 1000;

export function exportsDirOf(dataDir: string): string {
  return join(dataDir, 'exports');
}

export function formatOf(request: Parsed): ExportFormat {
  return request.kind === 'projectLedger' || request.kind === 'problemLedger' ? 'xlsx' : request.format;
}

/** The file name an export gets: what, whose, when — e.g. 走访报告-龙岛生态项目-2020年4月1日.docx. */
export function exportFileName(db: Database, request: ExportRequest, now: number): string {
  const r = ExportRequest.parse(request);
  const today = zhDate(shanghaiDate(now));
  const ext = formatOf(r);
  switch (r.kind) {
    case 'visitSummary': {
      const view = getVisitView(db, r.visitId);
      return `走访报告-${fileSafe(view.project.name)}-${zhDate(view.visit.date)}.${ext}`;
    }
    case 'monthlyReport':
      return `月度调度报告-${zhMonth(r.month)}-${fileSafe(scopeName(db, r.scope))}.${ext}`;
    case 'projectLedger':
      return `项目台账-${today}.${ext}`;
    case 'problemLedger':
      return `问题台账-${today}.${ext}`;
    case 'meetingAgenda': {
      const meeting = getMeeting(db, r.meetingId);
      if (!meeting) throw new AppError('not_found', `no meeting ${r.meetingId}`);
      return `会办议题清单-${fileSafe(meeting.title)}-${zhDate(meeting.date)}.${ext}`;
    }
  }
}

async function removeStale(dir: string, now: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    try {
      if (now - (await stat(join(dir, name))).mtimeMs > KEEP_MS) await rm(join(dir, name), { recursive: true });
    } catch {
      // Someone else's clean-up or a file in use: next time.
    }
  }
}

export interface RunExportOptions {
  db: Database;
  dataDir: string;
  shell: 'electron' | 'browser';
  now: number;
  exportedBy: string;
  jobId: string;
  request: ExportRequest;
  onProgress: (p: ExportProgress) => void;
}

export async function runExport(o: RunExportOptions): Promise<ExportDone> {
  const request = ExportRequest.parse(o.request);
  const dir = exportsDirOf(o.dataDir);
  await removeStale(dir, o.now);
  const fileName = exportFileName(o.db, request, o.now);
  const jobDir = join(dir, o.jobId);
  await rm(jobDir, { recursive: true, force: true });
  const filePath = join(jobDir, fileName);
  const workDir = join(jobDir, '.work');
  const ctx: ReportContext = {
    db: o.db,
    photosDir: photosDirOf(o.dataDir),
    workDir,
    today: shanghaiDate(o.now),
    now: o.now,
    exportedBy: o.exportedBy,
    progress: throttled((phase, done, total) => o.onProgress({ jobId: o.jobId, phase, done, total })),
  };
  ctx.progress('collect', 0, 1);
  let summary: WrittenSummary = { rows: 0, photos: 0 };
  let bytes: number;
  try {
    bytes = await writeFileVia(filePath, async (out) => {
      summary = await write(ctx, request, out);
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  o.onProgress({ jobId: o.jobId, phase: 'done', done: 1, total: 1 });
  return {
    status: 'done',
    jobId: o.jobId,
    fileName,
    format: formatOf(request),
    bytes,
    filePath,
    savedPath: null,
    downloadUrl: o.shell === 'browser' ? `api/exports/${o.jobId}` : null,
    rows: summary.rows,
    photos: summary.photos,
  };
}

async function write(ctx: ReportContext, r: Parsed, out: import('node:fs').WriteStream): Promise<WrittenSummary> {
  switch (r.kind) {
    case 'projectLedger':
      return writeProjectLedger(ctx, r.filters, out);
    case 'problemLedger':
      return writeProblemLedger(ctx, r.filters, out);
    case 'visitSummary': {
      const spec = visitSummarySpec(ctx, r.visitId, r.photosPerPage);
      return r.format === 'docx' ? renderDocx(ctx, spec, out) : renderPdf(ctx, spec, out);
    }
    case 'monthlyReport': {
      const { spec, projects } = monthlyReportSpec(ctx, r.scope, r.month);
      const done = r.format === 'docx' ? await renderDocx(ctx, spec, out) : await renderPdf(ctx, spec, out);
      return { rows: projects, photos: done.photos };
    }
    case 'meetingAgenda': {
      const agenda = loadAgenda(ctx, r.meetingId);
      if (r.format === 'xlsx') return writeAgendaXlsx(ctx, agenda, out);
      const done = await renderDocx(ctx, agendaSpec(ctx, agenda), out);
      return { rows: agenda.items.length, photos: done.photos };
    }
  }
}
