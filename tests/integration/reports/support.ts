/**
 * Shared by the export tests: a demo city (200 projects, real photo files) behind a real backend
 * on a fixed date, and the real readers the documents are checked with — unzip, exceljs,
 * pdftotext, pdftoppm, pdfimages, LibreOffice — plus a look at the rendered pages' pixels.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { ExportDone, ExportRequest } from '../../../shared/channels/exports';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { writeDemoDatabase } from '../../../resources/demo/load';

/** The demo's "today" (Asia/Shanghai): November is a full month of visits, December has begun. */
export const TODAY = '2020-11-27';
export const NOW = Date.parse(`${TODAY}T10:00:00+08:00`);
export const MONTH = '2020-11';

export interface Demo {
  dir: string;
  backend: Backend;
  close(): Promise<void>;
}

export async function openDemo(prefix: string): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), `sitebook-${prefix}-`));
  await writeDemoDatabase(join(dir, 'sitebook.db'), {
    scale: 'city',
    seed: 20201,
    today: TODAY,
    photosDir: join(dir, 'photos'),
    log: () => undefined,
  });
  const backend = createBackend({
    encryption: 'none',
    dataDir: dir,
    shell: 'browser',
    now: () => NOW,
    sync: { auto: false },
  });
  return {
    dir,
    backend,
    close: async () => {
      await backend.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let jobs = 0;

/** Runs an export through the channel, as the renderer does; fails the test on an error. */
export async function exportFile(backend: Backend, request: ExportRequest): Promise<ExportDone> {
  const jobId = `test-job-${process.pid}-${++jobs}`;
  const res = await backend.invoke('exports.run', { jobId, request });
  if (!res.ok) throw new Error(`export failed: ${JSON.stringify(res)}`);
  const done = res.value as ExportDone;
  expect(done.status).toBe('done');
  expect(existsSync(done.filePath)).toBe(true);
  return done;
}

/** One part of an Office file, through the system's unzip (not our own ZIP reader). */
export function unzipText(file: string, part: string): string {
  return execFileSync('unzip', ['-p', file, part], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
}

export function unzipBytes(file: string, part: string): Buffer {
  return execFileSync('unzip', ['-p', file, part], { maxBuffer: 256 * 1024 * 1024 });
}

export function zipNames(file: string): string[] {
  return execFileSync('zipinfo', ['-1', file], { maxBuffer: 64 * 1024 * 1024 })
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
}

/** Fails on a damaged archive (CRC, sizes, directory). */
export function zipIntegrity(file: string): void {
  execFileSync('unzip', ['-tq', file]);
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file]).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export function pdfPageSize(file: string): string {
  return /Page size:\s+([\d.]+ x [\d.]+)/.exec(execFileSync('pdfinfo', [file]).toString('utf8'))?.[1] ?? '';
}

/** Images drawn in the PDF (pdfimages -list), excluding soft masks. */
export function pdfImageCount(file: string): number {
  const lines = execFileSync('pdfimages', ['-list', file]).toString('utf8').split('\n').slice(2);
  return lines.filter((l) => /\bimage\b/.test(l)).length;
}

/** Renders pages with pdftoppm at 50 dpi; returns the PNG files in page order. */
export function renderPages(pdf: string, outDir: string, opts: { first?: number; last?: number } = {}): string[] {
  mkdirSync(outDir, { recursive: true });
  const prefix = join(outDir, basename(pdf).replace(/\.pdf$/, ''));
  const range = [...(opts.first ? ['-f', String(opts.first)] : []), ...(opts.last ? ['-l', String(opts.last)] : [])];
  execFileSync('pdftoppm', ['-r', '50', '-png', ...range, pdf, prefix]);
  return readdirSync(outDir)
    .filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f));
}

/** A page is not blank: its grey levels vary (a white page has a deviation near 0). */
export async function pageInk(png: string): Promise<number> {
  const stats = await sharp(png).greyscale().stats();
  return stats.channels[0]!.stdev;
}

export async function expectNotBlank(pngs: string[]): Promise<void> {
  expect(pngs.length).toBeGreaterThan(0);
  for (const png of pngs) expect(await pageInk(png), png).toBeGreaterThan(8);
}

export const hasLibreOffice = spawnSync('soffice', ['--version']).status === 0;

/** .docx → .pdf with LibreOffice (its own profile, so parallel runs do not collide). */
export function libreOfficeToPdf(docx: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx],
      { timeout: 120_000, stdio: 'pipe' },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = join(outDir, basename(docx).replace(/\.docx$/, '.pdf'));
  expect(existsSync(pdf), `LibreOffice made no PDF of ${docx}`).toBe(true);
  return pdf;
}

/** Text of document.xml without tags, runs joined (Word splits text across runs). */
export function docxText(file: string): string {
  return unzipText(file, 'word/document.xml')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

/** Drawings (pictures) in document.xml. */
export function docxPictureCount(file: string): number {
  return (unzipText(file, 'word/document.xml').match(/<pic:pic\b/g) ?? []).length;
}
