import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlaintextDatabase } from '../../electron/backend/db/encrypt';
import { readKeyFile } from '../../electron/db-key/key-file';
import { writeDemoDatabase } from '../../resources/demo/load';
import { launchChromium, screenshot, watchPage, type PageProblems } from './support/chromium';
import { startShellProcess, type ShellProcess } from './support/shell-process';

/**
 * The database passphrase where no OS key store protects the key (issue 8), through the real
 * browser shell with --unlock-page: an old unencrypted database, a passphrase chosen (typed twice),
 * the database encrypted; after a restart a wrong passphrase says 口令不正确 and changes nothing,
 * the right one opens the same data.
 */
const PASSPHRASE = '走访台账 口令 2026';
let dir: string;
let dbFile: string;
let shell: ShellProcess | undefined;
let browser: Browser;
const problems: PageProblems[] = [];
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  problems.push(watchPage(page));
  await page.goto(shell!.url);
  return page;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-e2e-unlock-'));
  dbFile = join(dir, 'sitebook.db');
  await writeDemoDatabase(dbFile, { scale: 'city', seed: 20201, photosDir: null, log: () => undefined });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('database passphrase', () => {
  it('first start: choose a passphrase twice, then the app opens on the same data, now encrypted', async () => {
    expect(isPlaintextDatabase(dbFile)).toBe(true);
    shell = await startShellProcess(['--data-dir', dir, '--unlock-page']);
    const page = await openPage();
    await page.getByTestId('db-unlock').getByText('设置数据库口令').waitFor();
    // Nothing of the app before the passphrase.
    expect(await page.getByTestId('search-input').count()).toBe(0);
    const fields = page.getByTestId('db-unlock').locator('input[type=password]');
    await fields.nth(0).fill(PASSPHRASE);
    await fields.nth(1).fill(`${PASSPHRASE}x`);
    await page.getByTestId('db-unlock-submit').click();
    await page.getByText('两次输入的口令不一致').waitFor();
    expect(readKeyFile(dir)).toBeNull();
    await fields.nth(1).fill(PASSPHRASE);
    await page.getByTestId('db-unlock-submit').click();
    await page.getByTestId('search-input').waitFor({ timeout: 60_000 });
    await page.getByTestId('project-row').first().waitFor();
    expect(readKeyFile(dir)?.protection).toBe('passphrase');
    expect(isPlaintextDatabase(dbFile)).toBe(false);
    await page.context().close();
  });

  it('after a restart: a wrong passphrase says 口令不正确 and changes nothing; the right one opens', async () => {
    await shell!.stop();
    shell = await startShellProcess(['--data-dir', dir]);
    const before = { db: sha(dbFile), key: sha(join(dir, 'db-key.json')) };
    const page = await openPage();
    await page.getByTestId('db-unlock').getByText('本机数据已加密').waitFor();
    const field = page.getByTestId('db-unlock').locator('input[type=password]');
    await field.fill('不是这个口令');
    await page.getByTestId('db-unlock-submit').click();
    await expect.poll(() => page.getByTestId('db-unlock-error').innerText(), { timeout: 30_000 }).toMatch(/口令不正确/);
    await screenshot(page, 'db-unlock-wrong');
    expect({ db: sha(dbFile), key: sha(join(dir, 'db-key.json')) }).toEqual(before);
    await field.fill(PASSPHRASE);
    await page.getByTestId('db-unlock-submit').click();
    await page.getByTestId('project-row').first().waitFor({ timeout: 60_000 });
    await page.context().close();
  });

  it('no CSP violation or page error', () => {
    for (const p of problems) {
      expect(p.cspViolations).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
