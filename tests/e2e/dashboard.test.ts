import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFigures } from '../../electron/backend/db/kpi';
import { openDatabase } from '../../electron/backend/db/open';
import { demoKeyOf } from '../../electron/db-key/shell-key';
import { shanghaiMonth } from '../../shared/calendar';
import { formatRate } from '../../shared/kpi/format';
import type { KpiFigures } from '../../shared/kpi/types';
import { screenshot, type PageProblems } from './support/chromium';
import { closeDemoShell, openDemoShell } from './support/setup';
import type { ShellProcess } from './support/shell-process';

/*
 * The dashboard on the city demo data through the browser shell, in Chromium: the four rates as
 * the backend computes them from the same database file, a rate's projects in the drawer, a
 * breakdown cell, a target and closing last month with the confirmation.
 */

let dir: string;
let shell: ShellProcess;
let browser: Browser;
let page: Page;
let problems: PageProblems;

/** The figures of the current month, straight from the database the shell serves. */
function expectedFigures(): KpiFigures {
  const db = openDatabase(join(dir, 'sitebook.db'), { encryption: { key: demoKeyOf(dir) } });
  try {
    const month = shanghaiMonth(Date.now());
    return kpiFigures(db, { period: { from: month, to: month } }, Date.now()).figures;
  } finally {
    db.close();
  }
}

const scrollContent = (y: number) => page.locator('.app-content').evaluate((el, top) => el.scrollTo(0, top), y);

beforeAll(async () => {
  ({ dir, shell, browser, page, problems } = await openDemoShell('sitebook-e2e-dash-'));
});

afterAll(() => closeDemoShell({ dir, shell, browser }));

describe('the dashboard in Chromium through the browser shell', () => {
  it('shows the four rates of the demo data as the backend computes them', async () => {
    await page.goto(shell.url);
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('rate-start').waitFor();
    const f = expectedFigures();
    expect(f.projects).toBeGreaterThanOrEqual(150);
    for (const rate of ['start', 'investment', 'funding', 'production'] as const) {
      const shown = await page.getByTestId(`rate-${rate}`).innerText();
      expect(shown, rate).toBe(formatRate(f[rate].value));
      expect(shown, rate).toMatch(/^\d+\.\d%$/);
    }
    expect(await page.getByTestId('problems-overdue').innerText()).toContain(String(f.overdue.value));
    expect(await page.getByTestId('visits-due').innerText()).toContain(String(f.coverage.denominator));
    const cards = await page.getByTestId('rate-card-start').innerText();
    expect(cards).toContain('开复工率');
    expect(cards).toContain(`${f.start.numerator} / ${f.start.denominator} 个项目`);
    await page.getByTestId('trend-chart').locator('svg').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'dashboard');
  });

  it('clicking a rate lists its projects; a project opens from the list', async () => {
    const f = expectedFigures();
    await page.getByTestId('rate-card-start').click();
    const drawer = page.getByTestId('figure-drawer');
    await drawer.getByTestId('drawer-project').first().waitFor();
    await expect
      .poll(() => drawer.getByTestId('drawer-count').innerText())
      .toContain(`共 ${f.start.denominator} 个项目`);
    expect(await drawer.innerText()).toContain('开复工率');
    // Those that have not started yet come first: the ones a leader asks about.
    const notStarted = f.start.denominator - f.start.numerator;
    expect(notStarted).toBeGreaterThan(0);
    expect(await drawer.getByTestId('drawer-project').first().innerText()).toContain('未开复工');
    await drawer.getByTestId('drawer-show').getByText('未开复工').click();
    await expect.poll(() => drawer.getByTestId('drawer-project').count()).toBe(notStarted);
    for (const text of await drawer.getByTestId('drawer-project').allInnerTexts()) expect(text).toContain('未开复工');
    await page.waitForTimeout(400); // the segmented control's slide
    await screenshot(page, 'dashboard-drawer');

    const first = drawer.getByTestId('drawer-project').first();
    const name = (await first.locator('.project-name-link').innerText()).trim();
    await first.click();
    const detail = page.getByTestId('project-detail');
    await detail.waitFor();
    await expect.poll(() => detail.innerText()).toContain(name);
    await page.goBack();
    await page.getByTestId('rate-start').waitFor();
  });

  it('a breakdown cell lists the projects of its group', async () => {
    await scrollContent(900);
    await page.getByTestId('breakdown-by').getByText('按服务组').click();
    const row = page.getByTestId('breakdown-row').first();
    const group = (await row.locator('td').first().innerText()).trim();
    await row.getByTestId('cell-investment').click();
    const drawer = page.getByTestId('figure-drawer');
    await drawer.getByTestId('drawer-project').first().waitFor();
    expect(await drawer.locator('.ant-drawer-title').innerText()).toContain(group);
    for (const text of await drawer.getByTestId('drawer-project').allInnerTexts()) expect(text).toContain(group);
    await page.waitForTimeout(400); // the drawer's slide
    await screenshot(page, 'dashboard-breakdown-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await screenshot(page, 'dashboard-breakdown');
  });

  it('a coordinator sets a target and closes last month after confirming', async () => {
    await scrollContent(2000);
    await page.getByTestId('target-add').click();
    // antd puts the test id on the input itself or on its wrapper, depending on the version.
    const percent = page.locator('input[data-testid="target-percent"], [data-testid="target-percent"] input').first();
    await percent.fill('100');
    await page.getByTestId('target-save').click();
    await expect.poll(() => page.getByTestId('target-row').count()).toBe(1);
    await scrollContent(0);
    await expect.poll(() => page.getByTestId('target-start').innerText()).toContain('目标 100%');

    await page.getByTestId('month-prev').click();
    await expect.poll(() => page.getByTestId('closing-status').innerText()).toContain('未关账');
    await page.getByTestId('close-month').click();
    await page.getByText('关账后本月各项指标冻结为快照').waitFor();
    await page.waitForTimeout(400); // the dialog's fade-in
    await screenshot(page, 'dashboard-close-confirm');
    await page.getByTestId('close-month-ok').click();
    await expect.poll(() => page.getByTestId('closing-status').innerText()).toContain('已关账');
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('closing-bar').innerText()).toContain('关账');
    await screenshot(page, 'dashboard-closed');
  });

  it('reads in English', async () => {
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('rate-card-start').innerText()).toContain('Start rate');
    expect(await page.getByTestId('closing-status').innerText()).toContain('Closed');
    await screenshot(page, 'dashboard-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });

  it('raised no CSP violation and no page error', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
