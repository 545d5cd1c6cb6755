// What staff browser tests share: submitting responses through the public API before the browser opens,
// and signing in on the login page the app shows in front of any staff address.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Submits each answer set as a new respondent (Vietnamese), expecting 201; returns the stored ids. */
export async function submitAll(baseUrl: string, slug: string, answers: Record<string, unknown>[], extra: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, a] of answers.entries()) {
    const res = await fetch(`${baseUrl}/api/v1/public/campaigns/${slug}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), answers: a, locale: 'vi', ...extra(i) }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** Fills the login form the page shows and submits it. */
export async function signIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Signs in on a campaign's cockpit and follows its link to the results page. */
export async function openResultsFromCockpit(page: Page, baseUrl: string, slug: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/app/campaigns/${slug}`);
  await signIn(page, who);
  await page.getByTestId('current-user').waitFor();
  await page.getByTestId('results-link').click();
  await page.waitForURL(`**/app/campaigns/${slug}/results`);
}
