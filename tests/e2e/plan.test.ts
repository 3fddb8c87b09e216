import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../shared/calendar';
import { startServer, type ServerProcess } from '../support/server-process';
import { launchChromium, screenshot, type PageProblems } from './support/chromium';
import { credentialsFor, openShellPage } from './support/setup';
import { startShellProcess, type ShellProcess } from './support/shell-process';
import { createProjectThroughUi, signInThroughUi, syncNow } from './support/sync-ui';

/*
 * Issue 6 end to end: one real server process, an inspector and a coordinator account, and two
 * browser-shell processes (each its own empty SQLite file) driven in Chromium. The inspector's
 * home screen is this month's plan; a visit started from it raises a problem that is escalated to
 * 市级会办; the coordinator's agenda lists it and records a decision; a later visit verifies and
 * closes it; the reminder badge follows each step.
 */
const PASSWORD = 'correct-horse-1';
const WANG = { login: 'coord_wang', name: '王调度' };
const ZHAO = { login: 'insp_zhao', name: '赵巡查' };
const GROUP = '第一包保服务组';
const PROJECT = {
  code: 'E2E-PLAN-01',
  name: '哈尔滨新区智能制造产业园',
  district: '松北区',
  industry: '装备制造',
  ownerCompany: '哈尔滨新区产业投资有限公司',
};
const PROBLEM = '10千伏永久电源接入滞后，需供电公司和市直部门协调';
const UNIT = '国网哈尔滨供电公司';
const TODAY = shanghaiDate(Date.now());

let dir: string;
let server: ServerProcess;
let shells: ShellProcess[] = [];
let browser: Browser;
/** The inspector's page (shell A) and the coordinator's (shell B). */
let insp: Page;
let coord: Page;
let projectId = '';
const problems: PageProblems[] = [];

async function cli(args: string[]): Promise<void> {
  const res = await server.cli(args);
  expect(res.code, res.stderr).toBe(0);
}

const openShell = (shell: ShellProcess): Promise<Page> => openShellPage(browser, shell, problems);

const creds = (who: { login: string; name: string }) => credentialsFor(server.url, PASSWORD, who);

/** The reminder badge's count, as the bell carries it. */
const badge = (page: Page): Promise<number> =>
  page
    .getByTestId('reminder-bell')
    .getAttribute('data-count')
    .then((c) => Number(c));

/** Types a date into an antd date picker (the test id sits on its input or its wrapper). */
async function pickDate(target: Locator, date: string): Promise<void> {
  const input = (await target.evaluate((e) => e.tagName)) === 'INPUT' ? target : target.locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function fillVisit(page: Page, findings: string, figures: Record<string, string> | null): Promise<void> {
  await page.getByTestId('visit-form').waitFor();
  for (const [name, value] of Object.entries(figures ?? {})) {
    await page.getByTestId(`visit-field-${name}`).fill(value);
  }
  await page.getByTestId('visit-field-findings').fill(findings);
  await expect.poll(() => page.url()).toMatch(/#\/visits\/[^/?]+/);
}

async function submitVisit(page: Page): Promise<void> {
  await page.getByTestId('visit-submit').click();
  await expect.poll(() => page.getByTestId('visit-status').innerText()).toContain('已提交');
}

/** Before a screenshot: the pointer off the menu (no tooltip) and toasts gone. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(720, 860);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
  const gone = (selector: string, timeout: number) =>
    page
      .locator(selector)
      .first()
      .waitFor({ state: 'detached', timeout })
      .catch(() => undefined);
  await gone('.ant-message-notice', 5_000);
  await gone('.ant-tooltip:not(.ant-tooltip-hidden)', 2_000);
  // The table's loading blur fades out over 0.3 s.
  await page.waitForTimeout(300);
}

/** Escape closes the drawer once the dialog on top of it has gone. */
async function closeProblemDrawer(page: Page): Promise<void> {
  await page.getByTestId('problem-transition-dialog').waitFor({ state: 'hidden' });
  await page.getByTestId('escalation-dialog').waitFor({ state: 'hidden' });
  await page.keyboard.press('Escape');
  await page.getByTestId('problem-drawer').waitFor({ state: 'hidden' });
}

const planRow = (page: Page): Locator => page.getByTestId('plan-row').filter({ hasText: PROJECT.name });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitebook-e2e-plan-'));
  const started = Promise.all(
    ['insp', 'coord'].map((name) => startShellProcess(['--data-dir', join(dir, name), '--manual-sync'])),
  );
  server = await startServer();
  for (const [who, role] of [
    [WANG, 'coordinator'],
    [ZHAO, 'inspector'],
  ] as const) {
    await cli(['user', 'add', '--login', who.login, '--name', who.name, '--role', role, '--password', PASSWORD]);
  }
  await cli(['group', 'add', '--name', GROUP, '--leader', ZHAO.login]);
  shells = await started;
  browser = await launchChromium();
  [insp, coord] = await Promise.all([openShell(shells[0]!), openShell(shells[1]!)]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(shells.map((s) => s.stop()));
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("this month's plan, escalation and the joint meeting, in Chromium", () => {
  it('the coordinator creates a project, which the server assigns to the inspector’s group', async () => {
    await signInThroughUi(coord, creds(WANG));
    await coord.getByTestId('nav-ledger').click();
    await createProjectThroughUi(coord, PROJECT);
    projectId = decodeURIComponent(/#\/projects\/([^/?]+)/.exec(coord.url())![1]!);
    await syncNow(coord);
    await cli(['assign', '--group', GROUP, '--project', projectId]);
    await syncNow(coord);
  });

  it('an inspector opens the app and sees this month’s plan, with one visit due', async () => {
    await signInThroughUi(insp, creds(ZHAO));
    await syncNow(insp);
    // Opening the app again: someone who serves in a group lands on the plan.
    await insp.goto(shells[0]!.url);
    await insp.getByTestId('plan-page').waitFor();
    await expect.poll(() => planRow(insp).getAttribute('data-status')).toBe('due');
    expect(await insp.getByTestId('plan-month').innerText()).toBe(
      `${Number(TODAY.slice(0, 4))}年${Number(TODAY.slice(5, 7))}月`,
    );
    await expect.poll(() => badge(insp)).toBe(1);
    // ] and [ step through the months; next month's visit is not due yet but the project is listed.
    await insp.keyboard.press(']');
    await expect.poll(() => insp.getByTestId('plan-page').getAttribute('data-month')).not.toBe(TODAY.slice(0, 7));
    expect(await insp.getByTestId('plan-start-visit').count()).toBe(0);
    await insp.keyboard.press('[');
    await expect.poll(() => insp.getByTestId('plan-page').getAttribute('data-month')).toBe(TODAY.slice(0, 7));

    // A visit planned for today (Asia/Shanghai).
    await pickDate(planRow(insp).getByTestId('plan-date'), TODAY);
    await expect.poll(() => planRow(insp).getAttribute('data-status')).toBe('planned');
    await insp.getByTestId('reminder-bell').click();
    const visitReminder = insp.getByTestId('reminder-section-visit_due').getByTestId('reminder-item');
    await expect.poll(() => visitReminder.innerText()).toContain(PROJECT.name);
    await insp.waitForTimeout(400);
    await screenshot(insp, 'reminders-visit-due');
    await insp.keyboard.press('Escape');
    await insp.getByTestId('reminder-list').waitFor({ state: 'hidden' });
    await settle(insp);
    await screenshot(insp, 'plan-inspector');
  });

  it('starts a visit from the plan, pre-filled, and raises a problem due in three days', async () => {
    await planRow(insp).getByTestId('plan-start-visit').click();
    await insp.getByTestId('visit-from-plan').waitFor();
    await expect.poll(() => insp.getByTestId('visit-field-participants').innerText()).toContain(ZHAO.name);
    await expect.poll(() => insp.getByTestId('visit-field-groupId').innerText()).toContain(GROUP);
    await fillVisit(insp, '主体厂房钢结构吊装完成约六成，现场约200人。项目反映永久电源接入进度慢。', {
      completedInvestmentThisYear: '3200',
      fundsInPlace: '2800',
      cumulativeInvestment: '9600',
    });

    await insp.getByTestId('visit-raise-problem').click();
    await insp.getByTestId('problem-form').waitFor();
    await insp.getByTestId('problem-field-category').click();
    await insp.keyboard.type('要素保障');
    await insp.keyboard.press('Enter');
    await insp.getByTestId('problem-field-description').fill(PROBLEM);
    await pickDate(insp.getByTestId('problem-field-deadline'), addDays(TODAY, 3));
    await insp.getByTestId('problem-submit').click();
    await insp.getByTestId('problem-form').waitFor({ state: 'hidden' });
    await expect.poll(() => insp.getByTestId('visit-problem-row').count()).toBe(1);
    await submitVisit(insp);

    // The visit is done; the problem is due within 7 days: still one reminder, of another kind.
    await expect.poll(() => insp.getByTestId('reminder-bell').getAttribute('data-count')).toBe('1');
    await insp.getByTestId('nav-plan').click();
    await expect.poll(() => planRow(insp).getAttribute('data-status')).toBe('visited');
  });

  it('escalates the problem to 市级会办 with a reason, and shows the level history', async () => {
    await insp.getByTestId('reminder-bell').click();
    const soon = insp.getByTestId('reminder-section-problem_due_soon').getByTestId('reminder-item');
    await expect.poll(() => soon.innerText()).toContain('剩余 3 天');
    await soon.click();
    const drawer = insp.getByTestId('problem-drawer');
    await drawer.waitFor();
    await insp.getByTestId('problem-escalate').click();
    await insp.getByTestId('escalation-dialog').waitFor();
    await insp.getByTestId('escalation-target').click();
    await insp.locator('.ant-select-item-option').filter({ hasText: '市级会办' }).click();
    await insp.getByTestId('escalation-reason').fill('涉及供电公司和多个市直部门，区县层面无法协调');
    await insp.getByTestId('escalation-confirm').click();
    await expect.poll(() => insp.getByTestId('problem-level').innerText()).toBe('市级会办');
    const entry = insp.getByTestId('escalation-entry');
    await expect.poll(() => entry.count()).toBe(1);
    const text = await entry.innerText();
    for (const expected of ['升级', '现场解决 → 市级会办', ZHAO.name, '区县层面无法协调'])
      expect(text).toContain(expected);
    // An inspector cannot send a problem back.
    expect(await insp.getByTestId('problem-send-back').count()).toBe(0);
    await insp.waitForTimeout(400);
    await screenshot(insp, 'plan-escalated');
    await closeProblemDrawer(insp);
    await syncNow(insp);
  });

  it('the coordinator sees every group’s coverage', async () => {
    await syncNow(coord);
    await coord.getByTestId('nav-plan').click();
    const group = coord.getByTestId('coverage-group').filter({ hasText: GROUP });
    await expect.poll(() => group.getByTestId('coverage-counts').innerText()).toBe('已走访 1 / 应走访 1');
    await settle(coord);
    await screenshot(coord, 'plan-coordinator');

    // The problem is due in three days: the deadlines page counts it under the group.
    await coord.keyboard.press('Alt+Digit5');
    const deadline = coord.getByTestId('deadline-row').filter({ hasText: GROUP });
    await expect.poll(() => deadline.innerText()).toMatch(/1\s+0$/);
    await deadline.click();
    await expect.poll(() => coord.getByTestId('deadline-left').innerText()).toBe('剩余 3 天');
    await settle(coord);
    await screenshot(coord, 'plan-deadlines');

    // The groups page: the group, its leader and the project it serves.
    await coord.keyboard.press('Alt+Digit7');
    const card = coord.getByTestId('group-card').filter({ hasText: GROUP });
    await expect.poll(() => card.innerText()).toContain(PROJECT.name);
    expect(await card.innerText()).toContain(ZHAO.name);
    await card.getByTestId('group-edit-link').waitFor();
    await settle(coord);
    await screenshot(coord, 'plan-groups');
  });

  it("the coordinator's agenda for the next meeting lists it and records a decision", async () => {
    await coord.keyboard.press('Alt+Digit6');
    await coord.getByTestId('meetings-empty').waitFor();
    await coord.keyboard.press('n');
    await coord.getByTestId('meeting-form').waitFor();
    await pickDate(coord.getByTestId('meeting-date'), addDays(TODAY, 2));
    await coord.getByTestId('meeting-save').click();
    const row = coord.getByTestId('agenda-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(PROBLEM);
    expect(await row.innerText()).toContain('区县层面无法协调');
    await coord.getByTestId('meeting-form').waitFor({ state: 'hidden' });
    await settle(coord);
    await screenshot(coord, 'agenda-open');

    // A coordinator may also send it back down (an inspector could not).
    await row.getByTestId('agenda-problem').click();
    await coord.getByTestId('problem-send-back').waitFor();
    await closeProblemDrawer(coord);

    await row.getByTestId('agenda-decide').click();
    await coord.getByTestId('decision-form').waitFor();
    await coord.getByTestId('decision-unit').locator('input').fill(UNIT);
    await pickDate(coord.getByTestId('decision-deadline'), addDays(TODAY, 20));
    await coord.getByTestId('decision-remarks').fill('供电公司牵头，两周内完成外线工程；市发改委协调用地手续。');
    await coord.getByTestId('decision-save').click();
    await expect.poll(() => row.getAttribute('data-decided')).toBe('yes');
    const decision = await row.getByTestId('agenda-decision').innerText();
    for (const expected of [UNIT, WANG.name, '两周内完成外线工程']) expect(decision).toContain(expected);
    expect(await coord.getByTestId('agenda-count').innerText()).toContain('议题 1 项，已形成意见 1 项');
    await coord.getByTestId('decision-form').waitFor({ state: 'hidden' });
    await settle(coord);
    await screenshot(coord, 'agenda-decided');
    await syncNow(coord);
  });

  it('the inspector gets the decision: the new deadline leaves nothing due', async () => {
    await syncNow(insp);
    await expect.poll(() => badge(insp)).toBe(0);
    await insp.getByTestId('reminder-bell').click();
    await insp.getByTestId('reminders-empty').waitFor();
    await insp.waitForTimeout(400);
    await screenshot(insp, 'reminders-empty');
    await insp.keyboard.press('Escape');
  });

  it('a later visit verifies the resolved problem and it closes', async () => {
    await insp.goto(`${shells[0]!.origin}/#/problems`);
    await insp
      .getByTestId('problem-list-row')
      .filter({ hasText: PROBLEM.slice(0, 12) })
      .click();
    const drawer = insp.getByTestId('problem-drawer');
    await drawer.waitFor();
    await expect.poll(() => insp.getByTestId('problem-decision').innerText()).toContain(UNIT);
    await insp.getByTestId('problem-transition-resolved').click();
    await insp.getByTestId('problem-resolution-input').fill('外线工程完工，10千伏永久电源已送电。');
    await insp.getByTestId('problem-transition-confirm').click();
    await expect.poll(() => insp.getByTestId('problem-status').innerText()).toContain('已解决');
    await closeProblemDrawer(insp);

    await insp.goto(`${shells[0]!.origin}/#/projects/${encodeURIComponent(projectId)}`);
    await insp.getByTestId('start-visit').click();
    await insp.getByTestId('visit-form').waitFor();
    await insp.getByTestId('visit-copy-last').click();
    await fillVisit(insp, '复查：永久电源已送电，设备开始调试。', null);
    await submitVisit(insp);

    await insp.goto(`${shells[0]!.origin}/#/problems`);
    await insp
      .getByTestId('problem-list-row')
      .filter({ hasText: PROBLEM.slice(0, 12) })
      .click();
    await insp.getByTestId('problem-transition-closed').click();
    await insp.getByTestId('problem-transition-confirm').click();
    await expect.poll(() => insp.getByTestId('problem-status').innerText()).toContain('已销号');
    // Closed: its level can no longer change.
    expect(await insp.getByTestId('problem-escalate').count()).toBe(0);
    await closeProblemDrawer(insp);
    await syncNow(insp);

    await syncNow(coord);
    await coord.getByTestId('agenda-row').first().waitFor();
    await expect.poll(() => coord.getByTestId('agenda-row').innerText()).toContain('已销号');
    await expect.poll(() => badge(coord)).toBe(0);
  });

  it('reads in English too', async () => {
    await coord.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => coord.getByTestId('meetings-page').innerText()).toContain('Joint meeting agenda');
    await coord.getByTestId('nav-plan').click();
    const text = await coord.getByTestId('plan-page').innerText();
    expect(text).toContain("This month's visits");
    expect(text).not.toMatch(/\b(plan|meetings|reminders|groups|nav)\.[a-zA-Z]/);
    await settle(coord);
    await screenshot(coord, 'plan-coordinator-en');
    await coord.getByTestId('lang-switch').getByText('中文').click();
  });

  it('raised no CSP violation and no page error', () => {
    expect(problems.flatMap((p) => p.cspViolations)).toEqual([]);
    expect(problems.flatMap((p) => p.errors)).toEqual([]);
  });
});
