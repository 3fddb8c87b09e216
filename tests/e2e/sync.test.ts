import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';
import { launchChromium, screenshot, type PageProblems } from './support/chromium';
import { credentialsFor, openShellPage } from './support/setup';
import { startShellProcess, type ShellProcess } from './support/shell-process';
import {
  createProjectThroughUi,
  editOwnerCompany,
  pendingShown,
  signInThroughUi,
  signOutThroughUi,
  syncNow,
  syncState,
} from './support/sync-ui';

/*
 * Two browser-shell processes (each its own empty SQLite file) against one real server
 * process, driven in Chromium as two people would: sign in, an edit travels, a collision
 * is shown and resolved in the conflicts view, and sign-out leaves a plain local user.
 * A third shell signs in as an inspector to show the role applies only while signed in.
 */
const PASSWORD = 'correct-horse-1';
const WANG = { login: 'coord_wang', name: '王调度' };
const LI = { login: 'coord_li', name: '李调度' };
const ZHAO = { login: 'insp_zhao', name: '赵巡查' };
const PROJECT = {
  code: 'E2E-SYNC-01',
  name: '松北区智能装备产业园',
  district: '松北区',
  industry: '装备制造',
  ownerCompany: '哈尔滨松北建设有限公司',
};
const BY_A = '哈尔滨智能装备产业发展有限公司';
const BY_B = '黑龙江龙建路桥股份有限公司';

let dir: string;
let server: ServerProcess;
let shells: ShellProcess[] = [];
let browser: Browser;
let a: Page;
let b: Page;
let c: Page;
const problems: PageProblems[] = [];

async function addUser(who: { login: string; name: string }, role: string): Promise<void> {
  const args = ['user', 'add', '--login', who.login, '--name', who.name, '--role', role, '--password', PASSWORD];
  const res = await server.cli(args);
  expect(res.code, res.stderr).toBe(0);
}

const openShell = (shell: ShellProcess): Promise<Page> => openShellPage(browser, shell, problems);

const creds = (who: { login: string; name: string }) => credentialsFor(server.url, PASSWORD, who);

/**
 * A picture of a settled page: in front (a page behind another window runs no animations, so
 * toasts never leave), the mouse off any tooltip, no spinner, no toast.
 */
async function shot(page: Page, name: string): Promise<void> {
  await page.bringToFront();
  await page.mouse.move(700, 880);
  for (const selector of ['.ant-spin-spinning', '.ant-message-notice', '.ant-tooltip:not(.ant-tooltip-hidden)']) {
    await page.locator(selector).first().waitFor({ state: 'detached', timeout: 5_000 });
  }
  // Menu highlights and tab ink slide for a moment after navigation.
  await page.waitForTimeout(300);
  await screenshot(page, name);
}

const openProject = async (page: Page): Promise<void> => {
  await page.getByTestId('nav-ledger').click();
  await page.getByTestId('project-row').getByText(PROJECT.name, { exact: true }).click();
  await expect.poll(() => page.getByTestId('project-name').innerText()).toBe(PROJECT.name);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-e2e-sync-'));
  const started = Promise.all(
    ['a', 'b', 'c'].map((name) => startShellProcess(['--data-dir', join(dir, name), '--manual-sync'])),
  );
  server = await startServer();
  await addUser(WANG, 'coordinator');
  await addUser(LI, 'coordinator');
  await addUser(ZHAO, 'inspector');
  shells = await started;
  browser = await launchChromium();
  const pages = await Promise.all(shells.map(openShell));
  [a, b, c] = [pages[0]!, pages[1]!, pages[2]!];
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(shells.map((s) => s.stop()));
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('two browser shells syncing through one server, in Chromium', () => {
  it('signs in on both through the sign-in screen', async () => {
    expect(await syncState(a)).toBe('signed_out');
    await signInThroughUi(a, creds(WANG), () => shot(a, 'sync-signin'));
    await signInThroughUi(b, creds(LI));
    for (const page of [a, b]) {
      expect(await page.getByTestId('user-role').innerText()).toBe('调度员');
      await page.getByTestId('nav-admin').waitFor();
    }
  });

  it('a project made on A shows on B after sync now on A, then on B', async () => {
    await createProjectThroughUi(a, PROJECT);
    await expect.poll(() => pendingShown(a)).toBeGreaterThan(0);
    await syncNow(a);
    expect(await pendingShown(a)).toBe(0);
    await a.getByTestId('sync-state').click();
    await a.getByTestId('sync-details').waitFor();
    expect(await a.getByTestId('sync-details').innerText()).toContain(server.url);
    await shot(a, 'sync-status');
    await a.keyboard.press('Escape');

    await syncNow(b, 'shortcut');
    await openProject(b);
    expect(await b.getByTestId('project-detail').innerText()).toContain(PROJECT.ownerCompany);
  });

  it('a collision shows on B with both values, who and when, and is resolved there with one click', async () => {
    await openProject(a);
    await editOwnerCompany(a, BY_A);
    await editOwnerCompany(b, BY_B);
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);

    await b.keyboard.press('Alt+Digit3');
    await b.getByTestId('conflicts-page').waitFor();
    const card = b.getByTestId('conflict-card');
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.innerText();
    for (const expected of [BY_A, BY_B, WANG.name, LI.name, '项目单位', PROJECT.name]) expect(text).toContain(expected);
    expect(text).toMatch(/\d{2}:\d{2}/);
    expect(await b.getByTestId('conflict-group').innerText()).toContain(PROJECT.name);
    await shot(b, 'sync-conflicts');

    // One click on A's value, whichever side the merge kept.
    await card.locator('.conflict-side').filter({ hasText: BY_A }).getByRole('button').click();
    await b.getByTestId('conflicts-empty').waitFor();
    await syncNow(b);
    await syncNow(a);

    await openProject(a);
    expect(await a.getByTestId('project-detail').innerText()).toContain(BY_A);
    expect(await a.getByTestId('sync-conflicts').count()).toBe(0);
    await a.keyboard.press('Alt+Digit3');
    await a.getByTestId('conflicts-empty').waitFor();
    await a.getByTestId('show-resolved').click();
    const resolved = a.getByTestId('conflict-resolution');
    await expect.poll(() => resolved.innerText()).toContain(LI.name);
    await shot(a, 'sync-resolved');
  });

  it('the conflicts view reads in English too', async () => {
    await b.getByTestId('show-resolved').click();
    await b.getByTestId('lang-switch').getByText('English').click();
    const card = b.getByTestId('conflict-card');
    await expect.poll(() => card.innerText()).toContain('Owner company');
    const text = await b.getByTestId('conflicts-page').innerText();
    expect(text).toContain('Sync conflicts');
    expect(text).toContain('changed "Owner company" while offline');
    expect(text).toContain('Value the sync kept');
    const chosen = card.locator('.conflict-side-chosen');
    expect(await chosen.innerText()).toContain('Chosen');
    expect(await chosen.innerText()).toContain(BY_A);
    for (const zh of ['同步冲突', '记录现在的值', '另一处的值', '项目单位', '保留此值']) expect(text).not.toContain(zh);
    expect(text).not.toMatch(/\b(conflicts|sync|syncColumns)\.[a-zA-Z]/);
    await shot(b, 'sync-conflicts-en');
    await b.getByTestId('lang-switch').getByText('中文').click();
  });

  it('shows a coordinator the admin page', async () => {
    await a.getByTestId('nav-admin').click();
    await a.getByTestId('admin-page').waitFor();
    await expect.poll(() => a.getByTestId('admin-page').innerText()).toContain(ZHAO.login);
    await shot(a, 'admin-users');
  });

  it('adds a service group and opens it again for editing with its values', async () => {
    await a.getByRole('tab', { name: '服务组' }).click();
    await a.getByTestId('add-group').click();
    await a.getByTestId('group-name').fill('第九服务组');
    await a
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await a.getByRole('dialog').waitFor({ state: 'detached' });
    // The same name again is refused with a headline that says why.
    await a.getByTestId('add-group').click();
    await a.getByTestId('group-name').fill('第九服务组');
    await a
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => a.getByTestId('error-alert').innerText()).toContain('已被使用');
    await a.keyboard.press('Escape');
    await a.getByRole('dialog').waitFor({ state: 'detached' });
    const row = a.getByTestId('admin-groups').locator('tr', { hasText: '第九服务组' });
    await row.getByTestId('edit-group').click();
    await expect.poll(() => a.getByTestId('group-name').inputValue()).toBe('第九服务组');
    await a.keyboard.press('Escape');
    await a.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('after sign-out the account role no longer applies and offline work goes on', async () => {
    await signOutThroughUi(b);
    await b.getByTestId('sign-in-link').waitFor();
    expect(await b.getByTestId('nav-admin').count()).toBe(0);
    expect(await b.getByTestId('user-role').count()).toBe(0);
    await openProject(b);
    await editOwnerCompany(b, '离线修改的项目单位');
    await expect.poll(() => pendingShown(b)).toBeGreaterThan(0);

    // An inspector may not create or edit projects while signed in, and may again once signed out.
    await signInThroughUi(c, creds(ZHAO));
    expect(await c.getByTestId('user-role').innerText()).toBe('服务人员');
    await c.getByTestId('nav-ledger').click();
    await c.getByTestId('ledger-empty').waitFor();
    expect(await c.getByTestId('create-project').count()).toBe(0);
    await signOutThroughUi(c);
    await createProjectThroughUi(c, { ...PROJECT, code: 'E2E-LOCAL-01', name: '离线新建的项目' });
    await c.getByTestId('edit-project').waitFor();
  });

  it('raised no CSP violation and no page error', () => {
    expect(problems.flatMap((p) => p.cspViolations)).toEqual([]);
    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
