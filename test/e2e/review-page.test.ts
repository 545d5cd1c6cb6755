// The review queue end to end: an analyst opens it for the demo campaign, finds the seeded speeder under
// "Trả lời quá nhanh", excludes it with their own reason, finds it under "Đã loại", reads its answers,
// sees the results count drop by one, and puts it back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { generateResponses } from '../helpers/generate-responses';
import { createStaff } from '../helpers/staff';
import { openPhone, prepareBrowserTest } from './browser';
import { signIn, submitAll } from './staff';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'giua-nhiem-ky-2023';
const surveyJson = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
const DURATIONS = [900, 930, 960, 990, 1020, 1050, 45];

let app: TestApp;
let analyst: { username: string; password: string };
let speeder: string;

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  const answers = (await generateResponses(surveyJson, DURATIONS.length, 4242, 1)).map((g) => g.answers);
  app = await startTestApp();
  analyst = await createStaff('ra-soat', ['analyst'], { displayName: 'Lê Rà Soát' });
  const completedAt = new Date(Date.now() - 5000);
  const ids = await submitAll(app.url, SLUG, answers, (i) => ({
    startedAt: new Date(completedAt.getTime() - DURATIONS[i] * 1000).toISOString(), completedAt: completedAt.toISOString(),
  }));
  speeder = ids[DURATIONS.indexOf(45)];
});

afterAll(async () => {
  await app?.close();
});

describe('review page', () => {
  it('When an analyst excludes a seeded speeder with a reason, then it is listed as excluded and the results count drops by one', async () => {
    const phone = await openPhone(1280, 900);
    const { page } = phone;
    const short = speeder.slice(0, 8);
    try {
      await page.goto(`${app.url}/app/campaigns/${SLUG}/review`);
      await signIn(page, analyst);
      await page.getByTestId('current-user').waitFor();

      const included = page.getByTestId('review-included');
      await expect.poll(async () => included.textContent(), { timeout: 15_000 }).toBe(`Số phiếu trong kết quả: ${DURATIONS.length}`);
      await page.getByRole('tab', { name: /Trả lời quá nhanh/ }).click();
      const row = page.locator(`[data-testid="review-row"][data-id="${speeder}"]`);
      await row.waitFor();
      expect(await page.getByTestId('review-row').count()).toBe(1);
      expect(await row.textContent()).toContain('45 giây / 16 phút 0 giây');

      await row.getByLabel(`Chọn ${short}`).check();
      const reason = page.getByLabel('Lý do (ghi vào nhật ký)');
      expect(await reason.inputValue()).toMatch(/^Trả lời quá nhanh: 45 giây/);
      await reason.fill('Trả lời quá nhanh, đã xem lại từng câu');
      await page.screenshot({ path: `${SHOTS}/review-selected.png`, fullPage: false });
      await page.getByRole('button', { name: 'Loại khỏi kết quả' }).click();
      await expect.poll(async () => page.getByTestId('review-notice').textContent(), { timeout: 15_000 }).toBe('Đã loại 1 phiếu khỏi kết quả.');
      await expect.poll(async () => included.textContent(), { timeout: 15_000 }).toBe(`Số phiếu trong kết quả: ${DURATIONS.length - 1}`);

      await page.getByRole('tab', { name: /Đã loại/ }).click();
      await row.waitFor();
      expect(await row.textContent()).toContain('Loại bởi ra-soat');
      expect(await row.textContent()).toContain('Trả lời quá nhanh, đã xem lại từng câu');
      await row.getByRole('button', { name: `Xem phiếu ${short}` }).click();
      const view = page.getByTestId('response-view');
      await view.locator('dt').first().waitFor({ timeout: 15_000 });
      expect(await view.locator('dt').count()).toBeGreaterThan(10);
      expect(await view.textContent()).toContain('Trả lời quá nhanh, đã xem lại từng câu');
      await page.screenshot({ path: `${SHOTS}/review-excluded.png`, fullPage: false });

      // The results page counts one response fewer.
      await page.goto(`${app.url}/app/campaigns/${SLUG}/results`);
      const n = page.getByTestId('results-n');
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${DURATIONS.length - 1} / ${DURATIONS.length - 1}`);

      // Put back: the count returns.
      await page.goto(`${app.url}/app/campaigns/${SLUG}/review`);
      await page.getByRole('tab', { name: /Đã loại/ }).click();
      await row.getByRole('button', { name: 'Đưa trở lại' }).click();
      await expect.poll(async () => included.textContent(), { timeout: 15_000 }).toBe(`Số phiếu trong kết quả: ${DURATIONS.length}`);
      expect(await page.getByTestId('review-empty').textContent()).toBe('Chưa có phiếu nào bị loại.');

      expect(phone.problems.filter((p) => !/status of 401\b/.test(p))).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: `${SHOTS}/FAILED-review.png`, fullPage: true }).catch(() => undefined);
      if (phone.problems.length) console.error(`what the browser reported:\n${phone.problems.join('\n')}`);
      throw error;
    } finally {
      await phone.close();
    }
  });
});
