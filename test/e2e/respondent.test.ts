// A respondent on a phone, end to end: the real app and database, Debian's Chromium at 390×844.
// Screenshots go to /tmp/e2e-screens for a person to look at (390 px and 360 px).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { draftKey } from '../../client/src/respondent/storage';
import { fillCurrentPage, visibleErrors } from './fill';
import { openPhone, type Phone, prepareBrowserTest } from './browser';

const SLUG = 'giua-nhiem-ky-2023';
const SHOTS = '/tmp/e2e-screens';
/** Answers that open every conditional page and question of the demo (party member, business owner…). */
const CHOOSE = {
  party_member: 'yes',
  group: 'business',
  propaganda_rating: '2',
  bt_hardest: '1',
  life_change: '2',
  pm_study: '2',
  target_adjust: '2',
};

let app: TestApp;
let survey: Record<string, unknown>;
/** What the first test submitted, reused by later tests to start from a filled-in draft. */
let submittedAnswers: Record<string, unknown> | undefined;

beforeAll(async () => {
  prepareBrowserTest('respondent.html', SHOTS);
  survey = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

const responses = () => app.db.connection.collection('responses');
const campaigns = () => app.db.connection.collection('campaigns');
const next = (phone: Phone) => phone.page.getByRole('button', { name: 'Tiếp theo', exact: true });
const submit = (phone: Phone) => phone.page.getByRole('button', { name: 'Gửi phiếu', exact: true });
const shot = (phone: Phone, name: string) => phone.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** Widest element of the page: a phone layout must not scroll sideways. */
const pageWidth = (phone: Phone) => phone.page.evaluate(() => document.documentElement.scrollWidth);

/** Runs `fn` on a fresh phone; on failure keeps a screenshot of what the phone showed. */
async function withPhone(name: string, width: number, height: number, fn: (phone: Phone) => Promise<void>) {
  const phone = await openPhone(width, height);
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

/** Puts a draft in the phone's storage, as if the respondent had filled the survey earlier. */
async function seedDraft(phone: Phone, answers: Record<string, unknown>, pageNo: number, submissionId = randomUUID()) {
  await phone.page.goto(`${app.url}/s/${SLUG}`);
  await phone.page.locator('.sd-question').first().waitFor();
  const draft = { slug: SLUG, version: 1, submissionId, startedAt: new Date().toISOString(), answers, pageNo, locale: 'vi' };
  await phone.page.evaluate(([key, value]) => localStorage.setItem(key, value), [draftKey(SLUG), JSON.stringify(draft)]);
  await phone.page.reload();
  await phone.page.locator('.sd-question').first().waitFor();
  return submissionId;
}

describe('respondent page', () => {
  it('When a respondent answers every page in Vietnamese and submits, then the thank-you page shows and the response is stored', async () => {
    await withPhone('answer-all', 390, 844, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/s/${SLUG}`);
      await page.locator('.sd-question').first().waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      expect(await page.title()).toContain('Phiếu khảo sát');
      await expect.poll(() => page.getByTestId('fieldwork').innerText()).toMatch(/Thời gian khảo sát: \d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}/);

      // The language switch keeps answers: answer, go to English, come back.
      await page.locator('.sd-question[data-name="district"] label:has(input[value="thanh-khe"])').click();
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
      await expect.poll(() => page.getByRole('button', { name: 'Next', exact: true }).isVisible()).toBe(true);
      expect(await page.locator('.sd-question[data-name="district"] input[value="thanh-khe"]').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'VI', exact: true }).click();
      await expect.poll(() => next(phone).isVisible()).toBe(true);

      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/campaigns/${SLUG}/responses`)) posts.push(r.postData() ?? '');
      });
      let pages = 0;
      for (;;) {
        await page.locator('.sd-body .sd-question').first().waitFor();
        await fillCurrentPage(page, { choose: { ...CHOOSE, district: 'thanh-khe' } });
        await shot(phone, `390-page-${++pages}`);
        expect(await pageWidth(phone), `page ${pages} scrolls sideways`).toBeLessThanOrEqual(390);
        if (!(await next(phone).isVisible())) break;
        const title = await page.locator('.sd-page__title').first().innerText();
        await next(phone).click();
        await expect.poll(async () => (await visibleErrors(page)).join('\n') || (await page.locator('.sd-page__title').first().innerText()), { message: `page ${pages} did not advance` }).not.toBe(title);
        expect(await visibleErrors(page)).toEqual([]);
      }
      await submit(phone).click();
      await page.getByTestId('thank-you').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('thank-you').innerText()).toMatch(/cảm ơn[\s\S]*đã được gửi tới hệ thống/);
      await shot(phone, '390-thank-you');

      expect(posts).toHaveLength(1);
      const body = JSON.parse(posts[0]) as { submissionId: string; answers: Record<string, unknown>; locale: string };
      expect(body.locale).toBe('vi');
      const stored = await responses().findOne({ submissionId: body.submissionId });
      expect(stored, 'response not found in the database').toBeTruthy();
      expect(stored!.answers).toEqual(body.answers);
      expect(stored!.answers.district).toBe('thanh-khe');
      submittedAnswers = body.answers;

      // Every page the questionnaire shows for these answers was visited, and every question on it answered.
      const model = new Model(survey);
      model.data = body.answers;
      expect(pages).toBe(model.visiblePageCount);
      const unanswered = model.getAllQuestions(true).filter((q) => q.getType() !== 'html' && q.isEmpty());
      expect(unanswered.map((q) => q.name)).toEqual([]);

      // Nothing from another origin, no script error, no CSP refusal.
      expect(phone.requests.filter((url) => !url.startsWith(app.url) && !url.startsWith('data:'))).toEqual([]);
      expect(phone.problems).toEqual([]);
      // Reopening the link shows the receipt, not an empty questionnaire inviting a second response.
      await page.reload();
      await page.getByTestId('thank-you').waitFor();
    });
  });

  it('When the phone is 360 px wide, then the questionnaire fits without sideways scrolling', async () => {
    await withPhone('360', 360, 740, async (phone) => {
      for (const pageNo of [0, 1, 3, 8]) {
        await seedDraft(phone, pageNo === 0 ? {} : (submittedAnswers ?? {}), pageNo);
        expect(await pageWidth(phone), `page ${pageNo + 1}`).toBeLessThanOrEqual(360);
        await phone.page.screenshot({ path: `${SHOTS}/360-page-${pageNo + 1}.png` });
      }
      await phone.page.getByRole('button', { name: 'EN', exact: true }).click();
      await phone.page.screenshot({ path: `${SHOTS}/360-page-9-en.png` });
    });
  });

  it('When the network fails while sending, then the answers stay on the phone and a retry stores the response once', async () => {
    expect(submittedAnswers, 'needs the answers of the first test').toBeDefined();
    await withPhone('network', 390, 844, async (phone) => {
      const { page } = phone;
      const submissionId = await seedDraft(phone, { ...submittedAnswers!, district: 'hoa-vang', urban_gov_effect: undefined }, 8);
      const sent: string[] = [];
      let attempt = 0;
      await page.route(`**/api/v1/public/campaigns/${SLUG}/responses`, async (route) => {
        sent.push((route.request().postDataJSON() as { submissionId: string }).submissionId);
        attempt += 1;
        if (attempt === 1) return route.abort('internetdisconnected'); // never reached the server
        if (attempt === 2) {
          await route.fetch(); // reached the server and was stored, but the reply is lost on the way back
          return route.abort('connectionreset');
        }
        return route.continue();
      });

      await submit(phone).click();
      await page.getByTestId('send-failed').waitFor();
      expect(await page.getByTestId('send-failed').innerText()).toMatch(/Chưa gửi được phiếu[\s\S]*vẫn được lưu trên thiết bị này/);
      await shot(phone, '390-network-failure');
      const saved = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), draftKey(SLUG))) ?? 'null');
      expect(saved?.submissionId).toBe(submissionId);
      expect(saved?.answers.district).toBe('hoa-vang');

      // Closing and reopening the page sends the pending response by itself (this time the reply is lost)…
      await page.reload();
      await page.getByTestId('send-failed').waitFor();
      // …and "Gửi lại" gets the server's answer for the response it already stored.
      await page.getByRole('button', { name: 'Gửi lại' }).click();
      await page.getByTestId('thank-you').waitFor({ timeout: 60_000 });

      expect(sent).toEqual([submissionId, submissionId, submissionId]);
      expect(await responses().countDocuments({ submissionId })).toBe(1);
      expect(await page.evaluate((key) => localStorage.getItem(key), draftKey(SLUG))).toBeNull();
    });
  });

  it('When the server rejects an answer, then the questions concerned are listed and the respondent can go back and correct them', async () => {
    expect(submittedAnswers).toBeDefined();
    await withPhone('invalid', 390, 844, async (phone) => {
      const { page } = phone;
      // A code that is not among the district's choices (as an old version of the questionnaire might have had).
      const submissionId = await seedDraft(phone, { ...submittedAnswers!, district: 'hoang-sa' }, 8);
      await submit(phone).click();
      await page.getByTestId('invalid').waitFor();
      const text = await page.getByTestId('invalid').innerText();
      expect(text).toContain('Cần xem lại một số câu trả lời');
      expect(text).toContain('quận, huyện');
      await shot(phone, '390-invalid');

      await page.getByRole('button', { name: 'Quay lại sửa' }).click();
      const district = page.locator('.sd-question[data-name="district"]');
      await district.waitFor();
      await district.locator('label:has(input[value="lien-chieu"])').click();
      for (let i = 0; i < 20 && (await next(phone).isVisible()); i++) {
        const title = await page.locator('.sd-page__title').first().innerText();
        await next(phone).click();
        await expect.poll(() => page.locator('.sd-page__title').first().innerText()).not.toBe(title);
      }
      await submit(phone).click();
      await page.getByTestId('thank-you').waitFor({ timeout: 60_000 });
      const stored = await responses().findOne({ submissionId });
      expect(stored?.answers.district).toBe('lien-chieu');
    });
  });

  it('When the connection drops while the page loads, then a retry message shows and "Thử lại" loads the survey', async () => {
    await withPhone('load-failure', 390, 844, async (phone) => {
      const { page } = phone;
      const api = `**/api/v1/public/campaigns/${SLUG}`;
      await page.route(api, (route) => route.abort('internetdisconnected'));
      await page.goto(`${app.url}/s/${SLUG}`);
      await page.getByTestId('load-failed').waitFor();
      expect(await page.getByTestId('load-failed').innerText()).toContain('Không tải được phiếu khảo sát');
      await shot(phone, '390-load-failed');
      await page.unroute(api);
      await page.getByRole('button', { name: 'Thử lại' }).click();
      await page.locator('.sd-question').first().waitFor();

      // Once loaded, the questionnaire is kept on the phone: offline, the respondent can go on.
      await page.route(api, (route) => route.abort('internetdisconnected'));
      await page.reload();
      await page.locator('.sd-question').first().waitFor();
      expect(await page.locator('.page__note').first().innerText()).toContain('đang dùng bản phiếu đã lưu trên thiết bị này');
    });
  });

  it('When the campaign is closed, not yet open or unknown, then a clear Vietnamese message says so', async () => {
    const demo = await campaigns().findOne({ slug: SLUG });
    const copy = (slug: string, opensAt: string, closesAt: string) => {
      const { _id: _ignored, ...rest } = demo!;
      return campaigns().insertOne({ ...rest, slug, opensAt: new Date(opensAt), closesAt: new Date(closesAt) });
    };
    await copy('da-ket-thuc', '2023-04-01T00:00:00+07:00', '2023-06-30T23:59:00+07:00');
    await copy('sap-mo', '2099-04-01T00:00:00+07:00', '2099-06-30T23:59:00+07:00');

    await withPhone('closed', 390, 844, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/s/da-ket-thuc`);
      await page.getByTestId('campaign-closed').waitFor();
      const closed = await page.getByTestId('campaign-closed').innerText();
      expect(closed).toContain('Đợt khảo sát đã kết thúc');
      expect(closed).toContain('00:00 01/04/2023'); // Đà Nẵng time, whatever the phone's zone
      expect(closed).toContain('23:59 30/06/2023');
      expect(await page.locator('.sd-question').count()).toBe(0);
      await shot(phone, '390-closed');

      await page.goto(`${app.url}/s/sap-mo`);
      await page.getByTestId('campaign-scheduled').waitFor();
      expect(await page.getByTestId('campaign-scheduled').innerText()).toContain('00:00 01/04/2099');

      await page.goto(`${app.url}/s/khong-co-dot-nay`);
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').innerText()).toContain('Không tìm thấy phiếu khảo sát');
      await shot(phone, '390-not-found');
    });
  });
});
