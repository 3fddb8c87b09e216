import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';
import { launchChromium, screenshot, watchPage, type PageProblems } from './support/chromium';
import { makePhotoFixtures } from './support/photo-fixtures';
import { credentialsFor } from './support/setup';
import { startShellProcess, type ShellProcess } from './support/shell-process';
import { createProjectThroughUi, signInThroughUi, syncNow } from './support/sync-ui';

/*
 * Photo bytes in the UI (issue 5), with two browser shells and a real server process:
 * the photo sync settings save and come back after a reload; on a metered network (A's
 * navigator.connection says cellular) photos wait and the header says how many and how
 * big; B gets the records first and shows a placeholder that fills in once A is on Wi-Fi
 * and the bytes have travelled; B opens an original it never had.
 */
const PASSWORD = 'correct-horse-1';
const WANG = { login: 'coord_wang', name: '王调度' };
const LI = { login: 'coord_li', name: '李调度' };
const PROJECT = {
  code: 'E2E-PHOTO-01',
  name: '松北区光伏组件生产基地',
  district: '松北区',
  industry: '新能源',
  ownerCompany: '哈尔滨松北新能源有限公司',
};
const SITE = { lat: 45.7967, lng: 126.5424 };

let dir: string;
let server: ServerProcess;
let shells: ShellProcess[] = [];
let browser: Browser;
let a: Page;
let b: Page;
let photoFiles: string[];
let moreFiles: string[];
const problems: PageProblems[] = [];

/**
 * A stand-in for navigator.connection (Chromium's own says nothing useful headless): the
 * network kind starts as `type` and window.__setNetwork(type) changes it with a 'change' event.
 */
function connectionScript(type: string): string {
  return `(() => {
    const listeners = new Set();
    const conn = {
      type: ${JSON.stringify(type)},
      saveData: false,
      addEventListener: (_t, l) => listeners.add(l),
      removeEventListener: (_t, l) => listeners.delete(l),
    };
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => conn, configurable: true });
    window.__setNetwork = (next) => { conn.type = next; for (const l of listeners) l(); };
  })();`;
}

async function openPage(shell: ShellProcess, network: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript({ content: connectionScript(network) });
  const page = await context.newPage();
  problems.push(watchPage(page));
  await page.goto(shell.url);
  await page.getByTestId('sync-indicator').waitFor();
  return page;
}

/** A settled picture: in front, the mouse away, no spinner or toast. */
async function shot(page: Page, name: string): Promise<void> {
  await page.bringToFront();
  await page.mouse.move(1400, 880);
  for (const selector of ['.ant-spin-spinning', '.ant-message-notice']) {
    await page.locator(selector).first().waitFor({ state: 'detached', timeout: 5_000 });
  }
  await page.waitForTimeout(300);
  await screenshot(page, name);
}

async function addUser(who: { login: string; name: string }): Promise<void> {
  const args = ['user', 'add', '--login', who.login, '--name', who.name, '--role', 'coordinator'];
  const res = await server.cli([...args, '--password', PASSWORD]);
  expect(res.code, res.stderr).toBe(0);
}

async function openPhotoSyncPage(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-photo-sync').click();
  await page.getByTestId('photo-settings').waitFor();
}

const openProject = async (page: Page): Promise<void> => {
  await page.getByTestId('nav-ledger').click();
  await page.getByTestId('project-row').getByText(PROJECT.name, { exact: true }).click();
  await expect.poll(() => page.getByTestId('project-name').innerText()).toBe(PROJECT.name);
};

const photoPill = (page: Page) => page.getByTestId('photo-sync-pill');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-e2e-photo-sync-'));
  const started = Promise.all(
    ['a', 'b'].map((name) => startShellProcess(['--data-dir', join(dir, name), '--manual-sync'])),
  );
  server = await startServer();
  await addUser(WANG);
  await addUser(LI);
  shells = await started;
  browser = await launchChromium();
  a = await openPage(shells[0]!, 'cellular');
  b = await openPage(shells[1]!, 'wifi');
  const photosDir = join(dir, 'camera');
  mkdirSync(photosDir);
  const fixtures = await makePhotoFixtures(photosDir, { takenAt: Date.UTC(2020, 5, 1, 2), position: SITE });
  photoFiles = fixtures.withExif;
  moreFiles = [fixtures.noExif, fixtures.heic];
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(shells.map((s) => s.stop()));
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('photo sync in the UI, two shells and a real server', () => {
  it('saves the photo sync settings, checks the day count, and shows them again after a reload', async () => {
    await openPhotoSyncPage(a);
    const network = a.getByTestId('photo-sync-network');
    expect(await network.getAttribute('data-kind')).toBe('metered');
    expect(await network.innerText()).toContain('按流量计费');
    const unmetered = a.getByTestId('photo-settings-unmeteredOnly');
    const evict = a.getByTestId('photo-settings-evict');
    const days = a.getByTestId('photo-settings-evictDays');
    // The defaults: every network, originals, never evicted.
    expect(await unmetered.getAttribute('aria-checked')).toBe('false');
    expect(await a.getByTestId('photo-settings-sendSize-original').isChecked()).toBe(true);
    expect(await evict.getAttribute('aria-checked')).toBe('false');
    expect(await days.isDisabled()).toBe(true);

    await unmetered.click();
    await evict.click();
    await days.fill('');
    await a.getByTestId('photo-settings-save').click();
    await expect.poll(() => a.getByTestId('photo-settings').innerText()).toContain('请输入 1 到 3650 之间的整数天数');
    await days.fill('14');
    await a.getByTestId('photo-settings-save').click();
    await a.getByText('照片上传设置已保存').waitFor();
    await shot(a, 'photo-sync-settings');

    await a.reload();
    await a.getByTestId('photo-settings').waitFor();
    await expect.poll(() => unmetered.getAttribute('aria-checked')).toBe('true');
    expect(await evict.getAttribute('aria-checked')).toBe('true');
    expect(await days.inputValue()).toBe('14');
    expect(await a.getByTestId('photo-settings-sendSize-original').isChecked()).toBe(true);

    // English is complete here too.
    await a.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => network.innerText()).toContain('Network: Metered');
    expect(await a.getByTestId('photo-sync-page').innerText()).toContain('Photo upload settings');
    await shot(a, 'photo-sync-settings-en');
    await a.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => network.innerText()).toContain('当前网络：按流量计费');
  });

  it('on a metered network, photos wait after the records: the header shows how many and how big', async () => {
    await signInThroughUi(a, credentialsFor(server.url, PASSWORD, WANG));
    await signInThroughUi(b, credentialsFor(server.url, PASSWORD, LI));
    await createProjectThroughUi(a, PROJECT);
    const panel = a.getByTestId('photo-panel');
    await panel.locator('input[type=file]').setInputFiles(photoFiles);
    await expect.poll(() => panel.locator('[data-testid=photo-thumb] img').count(), { timeout: 30_000 }).toBe(2);

    await syncNow(a);
    await expect.poll(() => photoPill(a).getAttribute('data-state'), { timeout: 30_000 }).toBe('waiting_unmetered');
    // Each photo is several files (the original and its copies): at least one each.
    const waiting = Number(/\d+/.exec(await photoPill(a).innerText())?.[0]);
    expect(waiting).toBeGreaterThanOrEqual(2);
    await a.getByTestId('sync-state').click();
    const details = a.getByTestId('photo-sync-details');
    await details.waitFor();
    expect(await a.getByTestId('photo-sync-state').innerText()).toBe('等待 Wi-Fi 等不计流量的网络');
    expect(await a.getByTestId('photo-sync-waiting').innerText()).toMatch(
      new RegExp(`待上传照片文件：${waiting} 个，共 [\\d.]+ (KB|MB)`),
    );
    expect(await a.getByTestId('photo-sync-unmetered').innerText()).toContain('文字记录照常同步');
    await shot(a, 'photo-sync-waiting');
    await a.keyboard.press('Escape');
  });

  it('B shows a placeholder for photos whose bytes have not come, filled in once A is on Wi-Fi', async () => {
    await syncNow(b);
    await openProject(b);
    const panel = b.getByTestId('photo-panel');
    await expect.poll(() => panel.getByTestId('photo-thumb').count()).toBe(2);
    const missing = panel.getByTestId('photo-thumb-missing');
    await expect.poll(() => missing.count(), { timeout: 30_000 }).toBe(2);
    expect(await missing.first().getAttribute('data-reason')).toBe('pending');
    expect(await missing.first().innerText()).toContain('照片尚未同步到本机');
    await panel.scrollIntoViewIfNeeded();
    await shot(b, 'photo-sync-placeholder');

    // A is on Wi-Fi now: the engine is told and sends the bytes.
    await a.evaluate(() => (window as unknown as { __setNetwork: (t: string) => void }).__setNetwork('wifi'));
    const badgeKind = async (page: Page) =>
      (await photoPill(page).count()) === 0 ? null : photoPill(page).getAttribute('data-kind');
    await expect.poll(() => badgeKind(a), { timeout: 60_000 }).toBeNull();
    await a.getByTestId('sync-state').click();
    expect(await a.getByTestId('photo-sync-waiting').innerText()).toBe('没有待上传的照片');
    await a.keyboard.press('Escape');

    // B's next sync brings the thumbnails; the placeholders fill in without a reload.
    await syncNow(b);
    await expect.poll(() => panel.locator('[data-testid=photo-thumb] img').count(), { timeout: 60_000 }).toBe(2);
    expect(await missing.count()).toBe(0);
  });

  it('B opens an original it never had: fetched from the server, then shown', async () => {
    await b.getByTestId('photo-panel').getByTestId('photo-thumb').first().click();
    const original = b.getByTestId('photo-original');
    await original.waitFor();
    await b.getByTestId('photo-original-open').click();
    await expect.poll(() => original.getAttribute('data-state'), { timeout: 60_000 }).toBe('showing');
    const src = await b.locator('.ant-image-preview-img').first().getAttribute('src');
    expect(src).toMatch(/^blob:/);
    await shot(b, 'photo-sync-original');
    await b.getByTestId('photo-original-close').click();
    await expect.poll(() => original.getAttribute('data-state')).toBe('idle');
    await b.keyboard.press('Escape');
  });

  it('a full disk stops the import: the list says why and the rest of the batch waits', async (t) => {
    // A real small filesystem under the data directory: its free space is below the reserve kept free.
    const mnt = join(dir, 'small-disk');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mnt], { stdio: 'pipe' });
    } catch (e) {
      t.skip(`needs root to mount a small tmpfs: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return;
    }
    let shell: ShellProcess | undefined;
    try {
      shell = await startShellProcess(['--data-dir', join(mnt, 'data'), '--manual-sync']);
      const page = await openPage(shell, 'wifi');
      await page.getByTestId('nav-ledger').click();
      await createProjectThroughUi(page, { ...PROJECT, code: 'E2E-PHOTO-02' });
      const panel = page.getByTestId('photo-panel');
      await panel.locator('input[type=file]').setInputFiles([...photoFiles, ...moreFiles]);
      const alert = page.getByTestId('photo-disk-full');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toContain('磁盘空间不足，已停止导入');
      const progress = page.getByTestId('photo-progress');
      await expect.poll(() => progress.locator('li[data-state=waiting], li[data-state=importing]').count()).toBe(0);
      expect(await progress.locator('li[data-state=stopped]').count()).toBeGreaterThanOrEqual(1);
      expect(await progress.locator('li[data-state=done]').count()).toBe(0);
      expect(await panel.getByTestId('photo-thumb').count()).toBe(0);
      await progress.scrollIntoViewIfNeeded();
      await shot(page, 'photo-import-disk-full');
      await page.context().close();
    } finally {
      await shell?.stop();
      try {
        execFileSync('umount', [mnt], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', mnt], { stdio: 'pipe' });
      }
    }
  });

  it('had no CSP violations or page errors', () => {
    for (const p of problems) {
      expect(p.cspViolations).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
