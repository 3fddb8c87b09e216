import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './shell-process';

export const ARTIFACTS = resolve(ROOT, 'tests/e2e/artifacts');

/** Debian's Chromium, never a downloaded one; flags keep it off the closed network. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface PageProblems {
  cspViolations: string[];
  errors: string[];
}

/** Records CSP violations and uncaught errors: a test fails on any. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { cspViolations: [], errors: [] };
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text))
      problems.cspViolations.push(text);
    else if (msg.type() === 'error') problems.errors.push(text);
  });
  page.on('pageerror', (err) => problems.errors.push(String(err)));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
