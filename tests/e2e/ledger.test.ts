import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type PageProblems } from './support/chromium';
import { closeDemoShell, openDemoShell } from './support/setup';
import type { ShellProcess } from './support/shell-process';

let dir: string;
let shell: ShellProcess;
let browser: Browser;
let page: Page;
let problems: PageProblems;

async function ledgerCount(): Promise<number> {
  const text = (await page.getByTestId('ledger-count').innerText()).replace(/,/g, '');
  return Number(/\d+/.exec(text)?.[0]);
}

/** The count once the list has settled on a new value (it reads NaN while loading). */
async function waitForCountChange(from: number): Promise<number> {
  let settled = NaN;
  await expect
    .poll(
      async () => {
        settled = await ledgerCount();
        return Number.isFinite(settled) && settled !== from;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return settled;
}

beforeAll(async () => {
  ({ dir, shell, browser, page, problems } = await openDemoShell('sitebook-e2e-'));
});

afterAll(() => closeDemoShell({ dir, shell, browser }));

describe('the project ledger in Chromium through the browser shell', () => {
  it('opens in Chinese with the demo projects', async () => {
    await page.goto(shell.url);
    await page.getByTestId('project-row').first().waitFor();
    await expect.poll(ledgerCount).toBeGreaterThanOrEqual(40);
    expect(await page.locator('header').innerText()).toContain('走访台账');
    expect(await page.getByTestId('ledger-table').innerText()).toContain('项目名称');
    await screenshot(page, 'ledger');
  });

  it('narrows the list with the district filter', async () => {
    const all = await ledgerCount();
    await page.getByTestId('filter-district').click();
    await page.keyboard.type('巴彦县');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const filtered = await waitForCountChange(all);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    const districtCells = page.getByTestId('project-row').locator(':scope > :nth-child(4)');
    await expect.poll(async () => [...new Set(await districtCells.allInnerTexts())]).toEqual(['巴彦县']);
    await screenshot(page, 'ledger-filtered');
    await page.getByTestId('filter-reset').click();
    await expect.poll(ledgerCount).toBe(all);
  });

  it('finds a project by a two-character search', async () => {
    const all = await ledgerCount();
    await page.getByTestId('search-input').fill('国博');
    await waitForCountChange(all);
    const rows = page.getByTestId('project-row');
    await expect.poll(async () => (await rows.allInnerTexts()).join('\n')).toContain('绿地国博城');
    for (const n of await rows.allInnerTexts()) expect(n).toContain('国博');
  });

  it('opens a project', async () => {
    await page.getByTestId('project-row').getByText('绿地国博城', { exact: true }).first().click();
    const detail = page.getByTestId('project-detail');
    await detail.waitFor();
    await expect.poll(() => detail.innerText()).toContain('绿地国博城');
    expect(await detail.innerText()).toContain('前期手续');
    await page.getByTestId('visits-table').waitFor();
    await screenshot(page, 'project-detail');
  });

  it('switches to English and back', async () => {
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.locator('header').innerText()).toContain('Sitebook');
    await page.getByTestId('back-to-ledger').click();
    await expect.poll(() => page.getByTestId('ledger-table').innerText()).toContain('Project name');
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(page, 'ledger-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => page.locator('header').innerText()).toContain('走访台账');
  });

  it('raised no CSP violation and no page error', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
