import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What a person types on the sign-in screen. */
export interface Credentials {
  serverUrl: string;
  login: string;
  password: string;
}

/** Signs in through the header link and the sign-in form, as a user does; waits until the header names the user. */
export async function signInThroughUi(
  page: Page,
  who: Credentials & { name: string },
  beforeSubmit?: () => Promise<void>,
): Promise<void> {
  await page.getByTestId('sign-in-link').click();
  await page.getByTestId('sign-in-page').waitFor();
  await page.getByTestId('sign-in-server').fill(who.serverUrl);
  await page.getByTestId('sign-in-login').fill(who.login);
  await page.getByTestId('sign-in-password').fill(who.password);
  await beforeSubmit?.();
  await page.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('user-name').innerText()).toBe(who.name);
  await expect.poll(() => syncState(page)).not.toBe('signed_out');
}

export function syncState(page: Page): Promise<string | null> {
  return page.getByTestId('sync-indicator').getAttribute('data-state');
}

/**
 * Sync now (the button, or Alt+S) and wait for that run to end without error: the indicator's
 * last-sync time moves on, which a sync started earlier or a failed one cannot do.
 */
export async function syncNow(page: Page, via: 'button' | 'shortcut' = 'button'): Promise<void> {
  const indicator = page.getByTestId('sync-indicator');
  const before = await indicator.getAttribute('data-last-sync');
  if (via === 'button') await page.getByTestId('sync-now').click();
  else await page.keyboard.press('Alt+KeyS');
  await expect
    .poll(async () => {
      const state = await indicator.getAttribute('data-state');
      if (state === 'error') throw new Error(`sync failed: ${await indicator.innerText()}`);
      return state === 'idle' && (await indicator.getAttribute('data-last-sync')) !== before;
    })
    .toBe(true);
}

/** Unsynced changes as the header shows them (0 when it shows none). */
export async function pendingShown(page: Page): Promise<number> {
  const pill = page.getByTestId('sync-pending');
  if ((await pill.count()) === 0) return 0;
  return Number(/\d+/.exec(await pill.innerText())?.[0] ?? NaN);
}

/** Saves the project form; a refusal (the banner) fails at once with its words, not after a timeout. */
async function saveProjectForm(page: Page): Promise<void> {
  await page.getByTestId('project-form-save').click();
  const form = page.getByTestId('project-form');
  const banner = page.getByTestId('project-form-error');
  await expect
    .poll(async () => {
      if (await banner.isVisible()) throw new Error(`project form refused: ${await banner.innerText()}`);
      return form.isHidden();
    })
    .toBe(true);
}

export interface NewProject {
  code: string;
  name: string;
  district: string;
  industry: string;
  ownerCompany: string;
}

/** New project from the ledger's button and the project form; ends on the new project's page. */
export async function createProjectThroughUi(page: Page, p: NewProject): Promise<void> {
  await page.getByTestId('create-project').click();
  await page.getByTestId('project-form-body').waitFor();
  await page.getByTestId('project-field-code').fill(p.code);
  await page.getByTestId('project-field-name').fill(p.name);
  await page.getByTestId('project-field-district').click();
  await page.keyboard.type(p.district);
  await page.keyboard.press('Enter');
  await page.getByTestId('project-field-industry').locator('input').fill(p.industry);
  await page.getByTestId('project-field-ownerCompany').fill(p.ownerCompany);
  await page.getByTestId('project-field-totalInvestment').fill('52000');
  await page.getByTestId('project-field-annualPlannedInvestment').fill('18000');
  await saveProjectForm(page);
  await expect.poll(() => page.getByTestId('project-name').innerText()).toBe(p.name);
}

/** Opens the edit form on a project page, changes the owner company and saves. */
export async function editOwnerCompany(page: Page, value: string): Promise<void> {
  await page.getByTestId('edit-project').click();
  await page.getByTestId('project-form-body').waitFor();
  await page.getByTestId('project-field-ownerCompany').fill(value);
  await saveProjectForm(page);
  await expect.poll(() => page.getByTestId('project-detail').innerText()).toContain(value);
}

/** Signs out from the user menu, confirming the dialog. */
export async function signOutThroughUi(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-confirm').click();
  await expect.poll(() => syncState(page)).toBe('signed_out');
}
