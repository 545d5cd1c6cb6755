// The results page end to end: an analyst opens the demo campaign's results after a handful of responses,
// reads a question's counts, switches to weighted (margins of error, or the server's explanation when the
// weights cannot be made this early in fieldwork), builds a crosstab and downloads the CSV.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { generateResponses } from '../helpers/generate-responses';
import { createStaff } from '../helpers/staff';
import { openPhone } from './browser';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'giua-nhiem-ky-2023';
const surveyJson = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

let app: TestApp;
let analyst: { username: string; password: string };
let answers: Record<string, unknown>[];

beforeAll(async () => {
  if (!fs.existsSync(path.join(rootDir, 'client/dist/app.html'))) {
    throw new Error('client/dist is missing: run `npm run build:client` (npm run test:e2e does it for you)');
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  // Generated before the app listens (survey-core's synchronous work would stall the server's sockets).
  answers = (await generateResponses(surveyJson, 6, 2025, 1)).map((g) => g.answers);
  app = await startTestApp();
  analyst = await createStaff('phantich', ['analyst'], { displayName: 'Trần Phân Tích' });
  for (const a of answers) {
    const res = await fetch(`${app.url}/api/v1/public/campaigns/${SLUG}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), answers: a, locale: 'vi' }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
});

afterAll(async () => {
  await app?.close();
});

/** Two stratum-like single-choice questions on which the answers take at least two values each. */
function crosstabPair(): [string, string] {
  const varied = ['gender', 'age_group', 'group', 'district', 'party_member', 'education'].filter(
    (name) => new Set(answers.map((a) => a[name]).filter((v) => v !== undefined)).size >= 2,
  );
  expect(varied.length).toBeGreaterThanOrEqual(2);
  return [varied[0], varied[1]];
}

describe('results page', () => {
  it('When an analyst opens the results, then counts, weighting, a crosstab and the CSV download work', async () => {
    const phone = await openPhone(1280, 900);
    const { page } = phone;
    try {
      await page.goto(`${app.url}/app/campaigns/${SLUG}`);
      await page.getByLabel('Tên đăng nhập').fill(analyst.username);
      await page.getByLabel('Mật khẩu').fill(analyst.password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByTestId('current-user').waitFor();
      // The cockpit links to the results.
      await page.getByTestId('results-link').click();
      await page.waitForURL(`**/app/campaigns/${SLUG}/results`);

      // The counters and the results cache catch up with the submissions.
      const n = page.getByTestId('results-n');
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(answers.length)} /`);

      // A single-choice question: each answer's count is what was submitted.
      const expected = new Map<string, number>();
      for (const a of answers) if (a.gender !== undefined) expected.set(String(a.gender), (expected.get(String(a.gender)) ?? 0) + 1);
      const gender = page.locator('[data-question="gender"]');
      await gender.waitFor();
      for (const [value, count] of expected) {
        expect(await gender.locator(`tr[data-level="${value}"] [data-testid="level-count"]`).textContent(), value).toBe(vi(count));
      }
      expect(await gender.locator('svg[role="img"]').count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/results-unweighted.png`, fullPage: false });

      // Weighted: margins of error, or the server's explanation why the weights cannot be made yet.
      await page.getByLabel('Có gia quyền').check();
      const weighting = page.getByTestId('weighting');
      const failure = page.getByTestId('results-error');
      await expect.poll(async () => (await weighting.count()) + (await failure.count()), { timeout: 15_000 }).toBeGreaterThan(0);
      if (await weighting.count()) {
        expect(await weighting.textContent()).toContain('Sai số tối đa');
        expect(await gender.locator('[data-testid="level-moe"]').first().textContent()).toMatch(/^±/);
      } else {
        expect((await failure.textContent())?.trim().length).toBeGreaterThan(10);
      }
      await page.screenshot({ path: `${SHOTS}/results-weighted.png`, fullPage: false });
      await page.getByLabel('Không gia quyền').check();
      await gender.locator('[data-testid="level-count"]').first().waitFor();

      // The district filter goes to the API as filter=district:<value>.
      const perDistrict = new Map<string, number>();
      for (const a of answers) perDistrict.set(String(a.district), (perDistrict.get(String(a.district)) ?? 0) + 1);
      const [district, inDistrict] = [...perDistrict].sort((a, b) => b[1] - a[1])[0];
      await page.getByLabel('Quận/huyện', { exact: true }).selectOption(district);
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(inDistrict)} / ${vi(answers.length)}`);
      await page.getByLabel('Quận/huyện', { exact: true }).selectOption('');
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(answers.length)} / ${vi(answers.length)}`);

      // A crosstab of two single-choice questions.
      const [row, col] = crosstabPair();
      const xt = page.getByTestId('crosstab');
      await xt.getByLabel('Biến hàng').selectOption(row);
      await xt.getByLabel('Biến cột').selectOption(col);
      await xt.getByRole('button', { name: 'Lập bảng' }).click();
      await xt.getByTestId('crosstab-table').waitFor({ timeout: 15_000 });
      expect(await xt.getByTestId('crosstab-cell').count()).toBeGreaterThanOrEqual(4);
      // Six responses: cells below the publication threshold (5) show as "—".
      expect(await xt.getByTestId('crosstab-cell').allTextContents()).toContain('—');
      expect(await xt.getByTestId('crosstab-test').textContent()).toContain('Rao–Scott');
      await page.screenshot({ path: `${SHOTS}/results-crosstab.png`, fullPage: false });

      // The CSV downloads.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('exports').getByRole('link', { name: 'CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const file = await download.path();
      const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.length).toBe(answers.length);

      // Only the 401 before login and a 422 refusal (weights early in fieldwork) may show in the console.
      expect(phone.problems.filter((p) => !/status of (401|422)\b/.test(p))).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: `${SHOTS}/FAILED-results.png`, fullPage: true }).catch(() => undefined);
      if (phone.problems.length) console.error(`what the browser reported:\n${phone.problems.join('\n')}`);
      throw error;
    } finally {
      await phone.close();
    }
  });
});
