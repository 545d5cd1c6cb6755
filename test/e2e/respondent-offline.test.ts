// A respondent whose phone loses its connection: the survey, loaded once, keeps working offline (the
// service worker serves the page, the phone keeps the questionnaire), the finished response waits in the
// phone's outbox across a reload, and goes out by itself, once, when the connection returns.
// Real app, real database, Debian's Chromium at 390×844. Screenshots go to /tmp/e2e-screens.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { draftKey } from '../../client/src/respondent/storage';
import { fillCurrentPage, visibleErrors } from './fill';
import { openPhone } from './browser';

const SLUG = 'giua-nhiem-ky-2023';
const SHOTS = '/tmp/e2e-screens';
const CHOOSE = { party_member: 'yes', group: 'business', propaganda_rating: '2', bt_hardest: '1', life_change: '2', pm_study: '2', target_adjust: '2' };

let app: TestApp;

beforeAll(async () => {
  if (!fs.existsSync(path.join(rootDir, 'client/dist/sw.js'))) {
    throw new Error('client/dist/sw.js is missing: run `npm run build:client` (npm run test:e2e does it for you)');
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

describe('respondent page offline', () => {
  it('When the connection drops after the survey loaded, then the response is answered and kept on the phone, survives a reload and is sent once when the connection returns', async () => {
    const phone = await openPhone(390, 844);
    const { page, context } = phone;
    try {
      await page.goto(`${app.url}/s/${SLUG}`);
      await page.locator('.sd-question').first().waitFor();
      // The page's code is on the phone once the service worker controls the page.
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
      const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
      expect(cached).toContain('/respondent.html');
      expect(cached.some((p) => /^\/assets\/app-/.test(p)), 'the staff pages must not be cached').toBe(false);

      await context.setOffline(true);
      const next = page.getByRole('button', { name: 'Tiếp theo', exact: true });
      for (let guard = 0; guard < 12; guard++) {
        await page.locator('.sd-body .sd-question').first().waitFor();
        await fillCurrentPage(page, { choose: { ...CHOOSE, district: 'ngu-hanh-son' } });
        if (!(await next.isVisible())) break;
        const title = await page.locator('.sd-page__title').first().innerText();
        await next.click();
        await expect.poll(async () => (await visibleErrors(page)).join('\n') || (await page.locator('.sd-page__title').first().innerText())).not.toBe(title);
      }
      await page.getByRole('button', { name: 'Gửi phiếu', exact: true }).click();
      await page.getByTestId('send-failed').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('saved-on-phone').innerText()).toContain('Đã lưu trên điện thoại này, sẽ tự động gửi khi có mạng');
      await page.screenshot({ path: `${SHOTS}/390-offline-saved.png`, fullPage: true });
      const draft = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), draftKey(SLUG))) ?? 'null') as { submissionId: string } | null;
      expect(draft?.submissionId).toBeTruthy();
      const submissionId = draft!.submissionId;

      // Still offline: the page itself comes from the phone, and the response waiting is listed.
      await page.reload();
      await page.getByTestId('send-failed').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('saved-on-phone').innerText()).toContain('sẽ tự động gửi khi có mạng');
      const item = page.getByTestId('outbox-item');
      expect(await item.getAttribute('data-state')).toBe('pending');
      expect(await item.innerText()).toContain('Đang chờ mạng để gửi');
      await page.screenshot({ path: `${SHOTS}/390-offline-after-reload.png`, fullPage: true });
      expect(await app.db.connection.collection('responses').countDocuments({ submissionId })).toBe(0);

      // The connection returns: the response goes out by itself and the thank-you page says it was sent.
      await context.setOffline(false);
      await page.getByTestId('thank-you').waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('thank-you').innerText()).toMatch(/cảm ơn[\s\S]*Đã gửi lúc/);
      await page.screenshot({ path: `${SHOTS}/390-offline-sent.png`, fullPage: true });

      const stored = await app.db.connection.collection('responses').find({ submissionId }).toArray();
      expect(stored).toHaveLength(1);
      expect(stored[0].answers.district).toBe('ngu-hanh-son');
      expect(await page.evaluate((key) => localStorage.getItem(key), draftKey(SLUG))).toBeNull();
      expect(phone.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p))).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: `${SHOTS}/FAILED-offline.png`, fullPage: true }).catch(() => undefined);
      if (phone.problems.length) console.error(`offline: what the browser reported:\n${phone.problems.join('\n')}`);
      throw error;
    } finally {
      await phone.close();
    }
  });
});
