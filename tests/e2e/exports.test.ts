import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/db/open';
import { originalPath } from '../../electron/backend/photos/layout';
import { writeDemoDatabase } from '../../resources/demo/load';
import { launchChromium, screenshot, watchPage, type PageProblems } from './support/chromium';
import { startShellProcess, type ShellProcess } from './support/shell-process';

/*
 * Exports end to end: the demo city in the browser shell, driven in Chromium. Each export is
 * started from its page's button, shows its progress and result, and arrives as a browser
 * download that real readers open: exceljs for the ledger, pdftotext for the visit summary,
 * unzip for the monthly report.
 */
let dir: string;
let shell: ShellProcess;
let browser: Browser;
let page: Page;
let problems: PageProblems;
let visit: { id: string; projectName: string };

async function downloadFrom(start: () => Promise<void>): Promise<{ download: Download; file: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), start()]);
  const file = join(dir, 'downloads', download.suggestedFilename());
  await download.saveAs(file);
  return { download, file };
}

async function closeResult(): Promise<void> {
  await page.getByTestId('export-done').waitFor();
  await page.getByTestId('export-close').click();
  await page.getByTestId('export-done').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-e2e-exports-'));
  const dbFile = join(dir, 'sitebook.db');
  await writeDemoDatabase(dbFile, { scale: 'city', seed: 20201, photosDir: join(dir, 'photos'), log: () => undefined });
  // The visit with the most photo files here, for a summary with full photo pages.
  const db = openDatabase(dbFile, { encryption: 'none' });
  try {
    const rows = db
      .prepare(
        `SELECT v.id, p.name, ph.sha256 FROM visits v JOIN projects p ON p.id = v.project_id
           JOIN photos ph ON ph.visit_id = v.id AND ph.deleted = 0 WHERE v.status = 'submitted'`,
      )
      .all() as { id: string; name: string; sha256: string }[];
    const counts = new Map<string, { n: number; name: string }>();
    for (const r of rows) {
      if (!existsSync(originalPath(join(dir, 'photos'), r.sha256))) continue;
      const c = counts.get(r.id) ?? { n: 0, name: r.name };
      c.n += 1;
      counts.set(r.id, c);
    }
    const [id, best] = [...counts].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))[0]!;
    visit = { id, projectName: best.name };
  } finally {
    db.close();
  }
  shell = await startShellProcess(['--data-dir', dir]);
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  problems = watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('exports in Chromium through the browser shell', () => {
  it('exports the filtered project ledger to Excel and downloads it', async () => {
    await page.goto(shell.url);
    await page.getByTestId('project-row').first().waitFor();
    const count = Number((await page.getByTestId('ledger-count').innerText()).replace(/,/g, '').match(/\d+/)?.[0]);
    expect(count).toBeGreaterThan(0);
    const { file } = await downloadFrom(() => page.getByTestId('ledger-export').click());
    expect(file).toMatch(/项目台账-\d{4}年\d{1,2}月\d{1,2}日\.xlsx$/);
    await screenshot(page, 'export-ledger-done');
    await closeResult();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('重点项目台账');
    expect(ws.rowCount).toBe(3 + count);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(typeof ws.getRow(4).getCell(13).value).toBe('number');
  });

  it('exports a visit summary as PDF from the visit page, with a progress bar', async () => {
    await page.goto(`${shell.origin}/#/visits/${encodeURIComponent(visit.id)}`);
    await page.getByTestId('visit-export').click();
    const { file } = await downloadFrom(() => page.getByTestId('visit-export-pdf').click());
    expect(file.endsWith('.pdf')).toBe(true);
    expect(file).toContain('走访报告-');
    await screenshot(page, 'export-visit-done');
    expect(await page.getByTestId('export-file-name').innerText()).toContain('.pdf');
    await closeResult();
    await expect.poll(() => page.getByTestId('visit-export').isEnabled()).toBe(true);
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8');
    expect(text).toContain('重点项目走访报告');
    expect(text).toContain(visit.projectName.slice(0, 8));
    expect(text).toContain('附件：现场照片');
  });

  it('exports the monthly report from its dialog as Word', async () => {
    await page.goto(`${shell.origin}/#/projects`);
    await page.getByTestId('monthly-report-open').click();
    await page.getByRole('dialog').getByText('导出月度调度报告').waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
    await screenshot(page, 'export-monthly-dialog');
    const { file } = await downloadFrom(() => page.getByTestId('monthly-report-ok').click());
    expect(file).toMatch(/月度调度报告-\d{4}年\d{1,2}月-全市\.docx$/);
    await closeResult();
    execFileSync('unzip', ['-tq', file]);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 * 1024 * 1024 }).toString(
      'utf8',
    );
    expect(xml).toContain('重点项目月度调度报告');
    expect(xml).toContain('四率完成情况');
  });

  it('ran without CSP violations or page errors', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
