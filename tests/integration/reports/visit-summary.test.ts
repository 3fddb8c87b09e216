import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitView } from '../../../shared/channels/visits';
import type { PhotoView } from '../../../shared/channels/photos';
import type { ProblemPage } from '../../../shared/channels/problems';
import { originalPath, reportCopyPath, thumbnailPath } from '../../../electron/backend/photos/layout';
import { wan, zhDate } from '../../../electron/backend/reports/labels';
import {
  docxPictureCount,
  docxText,
  expectNotBlank,
  exportFile,
  hasLibreOffice,
  libreOfficeToPdf,
  openDemo,
  pageInk,
  pdfImageCount,
  pdfPages,
  pdfPageSize,
  pdfText,
  renderPages,
  unzipBytes,
  unzipText,
  zipIntegrity,
  zipNames,
  TODAY,
  type Demo,
} from './support';

/*
 * 走访报告 from the demo city, read back by real readers: the Word file through unzip and
 * LibreOffice, the PDF through pdftotext, pdfimages and pdftoppm. The visit chosen is the one with
 * the most photo files on disk, so its photo pages are full.
 */
let demo: Demo;
let visit: VisitView;
let photos: PhotoView[];
let problems: ProblemPage;

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function call<T>(channel: string, input: unknown): Promise<T> {
  const res = await demo.backend.invoke(channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value as T;
}

beforeAll(async () => {
  demo = await openDemo('visit-summary');
  const rows = demo.backend.db
    .prepare(`SELECT visit_id, sha256 FROM photos WHERE visit_id IS NOT NULL AND deleted = 0`)
    .all() as { visit_id: string; sha256: string }[];
  const withFiles = new Map<string, number>();
  for (const r of rows) {
    if (existsSync(originalPath(join(demo.dir, 'photos'), r.sha256))) {
      withFiles.set(r.visit_id, (withFiles.get(r.visit_id) ?? 0) + 1);
    }
  }
  const [visitId] = [...withFiles].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  visit = await call<VisitView>('visits.get', { id: visitId });
  photos = await call<PhotoView[]>('photos.list', { visitId });
  problems = await call<ProblemPage>('problems.list', { visitId, limit: 100 });
  expect(photos.length).toBeGreaterThanOrEqual(4);
}, 120_000);

afterAll(async () => demo?.close());

describe('visit summary as Word', () => {
  let file: string;
  beforeAll(async () => {
    const done = await exportFile(demo.backend, { kind: 'visitSummary', visitId: visit.visit.id, format: 'docx' });
    file = done.filePath;
    expect(done.fileName).toBe(`走访报告-${visit.project.name}-${zhDate(visit.visit.date)}.docx`);
    expect(done.photos).toBe(photos.length);
  });

  it('is a sound archive whose text carries the header, figures, findings and problems', () => {
    zipIntegrity(file);
    const text = docxText(file);
    expect(text).toContain('重点项目走访报告');
    expect(text).toContain(visit.project.name);
    expect(text).toContain(visit.project.code);
    expect(text).toContain(zhDate(visit.visit.date));
    expect(text).toContain(visit.groupName!);
    expect(text).toContain(visit.visit.participants.join('、'));
    expect(text).toContain(`${wan(visit.visit.figures.completedInvestmentThisYear)} 万元`);
    expect(text).toContain(`${wan(visit.project.annualPlannedInvestment)} 万元`);
    expect(text).toContain(visit.visit.findings.trim().slice(0, 20));
    expect(problems.rows.length).toBeGreaterThan(0);
    for (const p of problems.rows) expect(text).toContain(p.description);
    expect(text).toContain(`问题清单（${problems.rows.length} 项）`);
    expect(text).toContain('导出人：本机用户');
    expect(text).toContain(`导出日期：${zhDate(TODAY)}`);
  });

  it('holds every photo once, from its report-size copy (never the original), with captions', () => {
    expect(docxPictureCount(file)).toBe(photos.length);
    const media = zipNames(file).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(photos.length);
    const photosDir = join(demo.dir, 'photos');
    const reportHashes = new Set(photos.map((p) => sha(reportCopyPath(photosDir, p.sha256))));
    for (const name of media) {
      const digest = createHash('sha256').update(unzipBytes(file, name)).digest('hex');
      expect(reportHashes.has(digest), name).toBe(true);
      expect(photos.some((p) => p.sha256 === digest)).toBe(false);
    }
    const text = docxText(file);
    expect(text).toContain('附件：现场照片');
    expect(text).toContain(`图${photos.length}`);
  });

  it('uses the official layout: A4, 37/35/28/26 mm margins, 仿宋 with fallbacks, page numbers', () => {
    const xml = unzipText(file, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:bottom="1984"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toMatch(/w:right="1474"/);
    expect(unzipText(file, 'word/styles.xml')).toContain('w:eastAsia="FangSong"');
    const fonts = unzipText(file, 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="FangSong"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:charset w:val="86"/>');
    const footers = zipNames(file).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBe(2);
    for (const f of footers) expect(unzipText(file, f)).toMatch(/PAGE/);
    expect(unzipText(file, 'word/settings.xml')).toContain('w:evenAndOddHeaders');
  });

  it.skipIf(!hasLibreOffice)('lays out in LibreOffice: pages with ink, photos on their own pages', async () => {
    const out = join(demo.dir, 'lo-visit');
    const pdf = libreOfficeToPdf(file, out);
    const pages = pdfPages(pdf);
    const photoPages = Math.ceil(photos.length / 4);
    expect(pages).toBeGreaterThanOrEqual(1 + photoPages);
    expect(pdfText(pdf)).toContain(visit.project.name);
    expect(pdfImageCount(pdf)).toBe(photos.length);
    const pngs = renderPages(pdf, join(out, 'png'));
    expect(pngs).toHaveLength(pages);
    await expectNotBlank(pngs);
    // A photo page is mostly picture: far more ink than a text page.
    expect(await pageInk(pngs[pngs.length - photoPages]!)).toBeGreaterThan((await pageInk(pngs[0]!)) * 0.8);
  });
});

describe('visit summary as PDF', () => {
  let file: string;
  let pages: number;
  beforeAll(async () => {
    const done = await exportFile(demo.backend, { kind: 'visitSummary', visitId: visit.visit.id, format: 'pdf' });
    file = done.filePath;
    pages = pdfPages(file);
  });

  it('is A4 with the expected Chinese text and page numbers', () => {
    expect(pdfPageSize(file)).toBe('595.28 x 841.89');
    const text = pdfText(file);
    expect(text).toContain('重点项目走访报告');
    expect(text).toContain(visit.project.name);
    expect(text).toContain(zhDate(visit.visit.date));
    expect(text).toContain('三、走访发现');
    for (const p of problems.rows) expect(text).toContain(p.description.slice(0, 8));
    expect(text).toContain(`导出日期：${zhDate(TODAY)}`);
    for (let n = 1; n <= pages; n++) expect(text).toMatch(new RegExp(`—\\s*${n}\\s*—`));
  });

  it('places every photo once, four a page, and no page is blank', async () => {
    expect(pdfImageCount(file)).toBe(photos.length);
    expect(pages).toBeGreaterThanOrEqual(1 + Math.ceil(photos.length / 4));
    const pngs = renderPages(file, join(demo.dir, 'png-visit'));
    expect(pngs).toHaveLength(pages);
    await expectNotBlank(pngs);
  });

  it('puts two photos a page when asked', async () => {
    const two = await exportFile(demo.backend, {
      kind: 'visitSummary',
      visitId: visit.visit.id,
      format: 'pdf',
      photosPerPage: 2,
    });
    expect(pdfPages(two.filePath) - pages).toBe(Math.ceil(photos.length / 2) - Math.ceil(photos.length / 4));
  });
});

describe('a photo that is not on this device', () => {
  it('is named in the document instead of failing it; the others are still placed', async () => {
    const photosDir = join(demo.dir, 'photos');
    const gone = photos[0]!;
    for (const f of [
      originalPath(photosDir, gone.sha256),
      reportCopyPath(photosDir, gone.sha256),
      thumbnailPath(photosDir, gone.sha256),
    ]) {
      rmSync(f, { force: true });
    }
    const done = await exportFile(demo.backend, { kind: 'visitSummary', visitId: visit.visit.id, format: 'docx' });
    expect(done.photos).toBe(photos.length - 1);
    expect(docxPictureCount(done.filePath)).toBe(photos.length - 1);
    expect(docxText(done.filePath)).toContain('（照片不在本机）');
    const pdf = await exportFile(demo.backend, { kind: 'visitSummary', visitId: visit.visit.id, format: 'pdf' });
    expect(pdfImageCount(pdf.filePath)).toBe(photos.length - 1);
    expect(pdfText(pdf.filePath)).toContain('照片不在本机');
  });

  it('an unknown visit is refused with not_found and leaves no file', async () => {
    const res = await demo.backend.invoke('exports.run', {
      jobId: 'test-job-missing-visit',
      request: { kind: 'visitSummary', visitId: 'no-such-visit', format: 'pdf' },
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('not_found');
    expect(existsSync(join(demo.dir, 'exports', 'test-job-missing-visit'))).toBe(false);
  });
});
