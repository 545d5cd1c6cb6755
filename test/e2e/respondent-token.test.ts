// An invited respondent on a phone: the invitation link opens the questionnaire with the cell's answers
// filled in and locked, answers saved on the server let the respondent go on from another phone, the
// response is stored once, and the link then says it has been used. Real app, real database, Debian's
// Chromium at 390×844. Screenshots go to /tmp/e2e-screens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { createStaff, loginAs } from '../helpers/staff';
import { fillCurrentPage, visibleErrors } from './fill';
import { openPhone, type Phone, prepareBrowserTest } from './browser';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'moi-nguoi-dan-hai-chau';
const CELL = { district: 'hai-chau', group: 'residents' };

let app: TestApp;
let tokens: string[] = [];
let campaignId: unknown;

beforeAll(async () => {
  prepareBrowserTest('respondent.html', SHOTS);
  app = await startTestApp();
  const user = await createStaff('fw-e2e-moi', ['fieldwork']);
  const staff = await loginAs(app.url, user.username, user.password);
  const surveys = (await staff.get('/api/v1/surveys')).body as { items: { id: string; latestVersion: number }[] };
  const created = await staff.post('/api/v1/campaigns', {
    slug: SLUG,
    surveyId: surveys.items.find((s) => s.latestVersion === 1)!.id,
    version: 1,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    access: 'token',
    anonymity: 'anonymous',
    strata: { variables: ['district', 'group'], cells: [{ key: CELL, quota: 10 }, { key: { district: 'son-tra', group: 'residents' }, quota: 10 }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const issued = await staff.post(`/api/v1/campaigns/${SLUG}/invitations`, { count: 2, stratum: CELL });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  tokens = (issued.body.invitations as { token: string }[]).map((i) => i.token);
  campaignId = (await app.db.connection.collection('campaigns').findOne({ slug: SLUG }))?._id;
});

afterAll(async () => {
  await app?.close();
});

const responses = () => app.db.connection.collection('responses');
const link = (token: string) => `${app.url}/s/${SLUG}?t=${token}`;
const next = (page: Page) => page.getByRole('button', { name: 'Tiếp theo', exact: true });
const pageTitle = (page: Page) => page.locator('.sd-page__title').first().innerText();

async function withPhone(name: string, fn: (phone: Phone) => Promise<void>) {
  const phone = await openPhone(390, 844);
  try {
    await fn(phone);
  } catch (error) {
    await phone.page.screenshot({ path: `${SHOTS}/FAILED-${name}.png`, fullPage: true }).catch(() => undefined);
    if (phone.problems.length) console.error(`${name}: what the browser reported:\n${phone.problems.join('\n')}`);
    throw error;
  } finally {
    await phone.close();
  }
}

/** Answers the first page's radio questions except the invitation's own (which are locked). */
async function answerProfile(page: Page) {
  const names = await page
    .locator('.sd-body .sd-question[data-name]')
    .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getAttribute('data-name') ?? ''));
  for (const name of names.filter((n) => n && !(n in CELL))) {
    const question = page.locator(`.sd-body .sd-question[data-name="${name}"]`);
    if ((await question.locator('input.sd-radio__control').count()) === 0) continue;
    const value = name === 'party_member' ? 'yes' : await question.locator('input.sd-radio__control').first().getAttribute('value');
    await question.locator(`label:has(input[value="${value}"])`).first().click();
  }
}

async function goNext(page: Page) {
  const title = await pageTitle(page);
  await next(page).click();
  await expect
    .poll(async () => (await visibleErrors(page)).join('\n') || (await pageTitle(page)), { message: `"${title}" did not advance` })
    .not.toBe(title);
  expect(await visibleErrors(page)).toEqual([]);
}

describe('invitation links', () => {
  it('When an invited respondent answers half, closes the phone and opens the link on another, then the answers and page come back, the response is stored once and the link is then used', async () => {
    const token = tokens[0];
    let savedPageTitle = '';
    let savedAnswers: Record<string, unknown> = {};

    await withPhone('token-first-phone', async ({ page, context }) => {
      await page.goto(link(token));
      await page.locator('.sd-question').first().waitFor();
      // The cell's answers are filled in from the invitation and cannot be changed.
      const district = page.locator('.sd-question[data-name="district"]');
      expect(await district.locator('input[value="hai-chau"]').isChecked()).toBe(true);
      expect(await district.getAttribute('class')).toContain('sd-question--readonly');
      await district.locator('label:has(input[value="son-tra"])').click({ force: true });
      expect(await district.locator('input[value="hai-chau"]').isChecked()).toBe(true);
      expect(await page.locator('.sd-question[data-name="group"] input[value="residents"]').isChecked()).toBe(true);
      expect(await page.getByTestId('invitation-note').innerText()).toContain('đã được điền sẵn');
      await page.screenshot({ path: `${SHOTS}/390-token-first-page.png`, fullPage: true });

      await answerProfile(page);
      await goNext(page);
      for (let i = 0; i < 3; i++) {
        await fillCurrentPage(page);
        if (i < 2) await goNext(page);
      }
      // Turning the page saves the answers so far on the server at once.
      const saved = page.waitForResponse(
        (r) =>
          r.url().endsWith(`/campaigns/${SLUG}/partial`) &&
          r.request().method() === 'PUT' &&
          r.status() === 204 &&
          (r.request().postDataJSON() as { pageNo: number }).pageNo === 4,
      );
      await goNext(page);
      const body = (await saved).request().postDataJSON() as { token: string; answers: Record<string, unknown>; pageNo: number };
      expect(body.token).toBe(token);
      expect(body.pageNo).toBe(4);
      savedPageTitle = await pageTitle(page);
      savedAnswers = body.answers;
      expect(savedAnswers.district).toBe('hai-chau');
      expect(savedAnswers.nq43_change).toBeDefined();
      await context.close();
    });

    const invitation = await app.db.connection.collection('invitations').findOne({ 'partial.pageNo': 4 });
    expect(invitation?.status).toBe('new');

    await withPhone('token-second-phone', async ({ page }) => {
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/campaigns/${SLUG}/responses`)) posts.push(r.postData() ?? '');
      });
      await page.goto(link(token));
      await page.locator('.sd-question').first().waitFor();
      expect(await pageTitle(page)).toBe(savedPageTitle);
      // The previous page shows the answers given on the first phone.
      await page.getByRole('button', { name: 'Quay lại', exact: true }).click();
      await expect.poll(() => page.locator('.sd-question[data-name="nq43_change"]').count()).toBe(1);
      const chosen = String(savedAnswers.nq43_change);
      expect(await page.locator(`.sd-question[data-name="nq43_change"] input[value="${chosen}"]`).isChecked()).toBe(true);
      await goNext(page);

      for (let guard = 0; guard < 12; guard++) {
        await page.locator('.sd-body .sd-question').first().waitFor();
        await fillCurrentPage(page, { choose: { pm_study: '2', target_adjust: '2', life_change: '2' } });
        if (!(await next(page).isVisible())) break;
        await goNext(page);
      }
      await page.getByRole('button', { name: 'Gửi phiếu', exact: true }).click();
      await page.getByTestId('thank-you').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('thank-you').innerText()).toMatch(/cảm ơn[\s\S]*Đã gửi lúc/);
      expect(await page.getByRole('button', { name: 'Điền một phiếu mới' }).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/390-token-thank-you.png`, fullPage: true });

      expect(posts).toHaveLength(1);
      const sent = JSON.parse(posts[0]) as { token: string; answers: Record<string, unknown>; submissionId: string };
      expect(sent.token).toBe(token);
      expect(sent.answers.nq43_change).toEqual(savedAnswers.nq43_change);
      const stored = await responses().find({ campaign: campaignId }).toArray();
      expect(stored).toHaveLength(1);
      expect(stored[0].submissionId).toBe(sent.submissionId);
      expect(stored[0].stratum).toMatchObject(CELL);

      // The same link again: used, said plainly.
      await page.goto(link(token));
      await page.getByTestId('token-used').waitFor();
      expect(await page.getByTestId('token-used').innerText()).toMatch(/đã được sử dụng[\s\S]*đã được dùng/);
      expect(await page.locator('.sd-question').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/390-token-used.png`, fullPage: true });
    });
    expect(await responses().countDocuments({ campaign: campaignId })).toBe(1);
  });

  it('When the link has no invitation, a wrong one or a used one, then the page says so in Vietnamese and shows no questions', async () => {
    await withPhone('token-refusals', async ({ page }) => {
      await page.goto(`${app.url}/s/${SLUG}`);
      await page.getByTestId('token-required').waitFor();
      expect(await page.getByTestId('token-required').innerText()).toContain('Cần đường dẫn trong thư mời');
      await page.screenshot({ path: `${SHOTS}/390-token-required.png`, fullPage: true });

      await page.goto(link('khong-phai-ma-moi-that-1234'));
      await page.getByTestId('token-invalid').waitFor();
      expect(await page.getByTestId('token-invalid').innerText()).toContain('Đường dẫn mời không hợp lệ');

      await page.goto(link(tokens[0]));
      await page.getByTestId('token-used').waitFor();
      expect(await page.locator('.sd-question').count()).toBe(0);

      // The second invitation still works.
      await page.goto(link(tokens[1]));
      await page.locator('.sd-question[data-name="district"]').waitFor();
    });
  });
});
