/** Setup the e2e suites share: shells' pages in Chromium, sign-in credentials, a shell on the demo data. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeDemoDatabase } from '../../../resources/demo/load';
import { launchChromium, watchPage, type PageProblems } from './chromium';
import { startShellProcess, type ShellProcess } from './shell-process';
import type { Credentials } from './sync-ui';

/**
 * A shell's page, ready once the sync indicator shows; its problems are added to `problems`.
 * Each page in its own context: the shells share 127.0.0.1, and cookies do not tell ports apart.
 */
export async function openShellPage(browser: Browser, shell: ShellProcess, problems: PageProblems[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  problems.push(watchPage(page));
  await page.goto(shell.url);
  await page.getByTestId('sync-indicator').waitFor();
  return page;
}

/** What the sign-in screen takes for `who`, with the name the app then shows. */
export function credentialsFor(
  serverUrl: string,
  password: string,
  who: { login: string; name: string },
): Credentials & { name: string } {
  return { serverUrl, login: who.login, password, name: who.name };
}

/** A browser shell on a fresh city demo database (seed 20201) and one Chromium page for it. */
export interface DemoShell {
  dir: string;
  shell: ShellProcess;
  browser: Browser;
  page: Page;
  problems: PageProblems;
}

export async function openDemoShell(dirPrefix: string): Promise<DemoShell> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  let shell: ShellProcess | undefined;
  let browser: Browser | undefined;
  try {
    await writeDemoDatabase(join(dir, 'sitebook.db'), { scale: 'city', seed: 20201, photosDir: null });
    shell = await startShellProcess(['--data-dir', dir]);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    return { dir, shell, browser, page, problems: watchPage(page) };
  } catch (err) {
    // The suite's afterAll never sees what was started here.
    await closeDemoShell({ dir, shell, browser });
    throw err;
  }
}

/** Closes the browser, stops the shell and removes the data folder. */
export async function closeDemoShell(d: { dir: string; shell?: ShellProcess; browser?: Browser }): Promise<void> {
  await d.browser?.close();
  await d.shell?.stop();
  rmSync(d.dir, { recursive: true, force: true });
}
