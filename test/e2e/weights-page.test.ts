// The weights page end to end on the demo campaign: an analyst replaces the district figures, adds sex,
// is told beside the field when a count is not a number, saves, reads the diagnostics (equal to analysis/
// raking the stored responses) and the sample/population/weighted comparison, and finds it all after a
// reload; a viewer sees the same figures without inputs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rake, svyDesign, weightDiagnostics } from '../../analysis/index.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { generateResponses } from '../helpers/generate-responses';
import { createStaff } from '../helpers/staff';
import { openPhone, type Phone, prepareBrowserTest } from './browser';
import { submitAll, signIn } from './staff';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'giua-nhiem-ky-2023';
const surveyJson = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const vi3 = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(n);
const pct = (n: number) => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

// Figures the test chooses (not the demo's), so that a kept value proves the save.
const DISTRICT = { 'hai-chau': 160_000, 'thanh-khe': 140_000, 'son-tra': 120_000, 'ngu-hanh-son': 70_000, 'lien-chieu': 150_000, 'cam-le': 130_000, 'hoa-vang': 130_000 };
const GENDER = { male: 445_000, female: 455_000 };

let app: TestApp;
let analyst: { username: string; password: string };
let viewer: { username: string; password: string };
let answers: Record<string, unknown>[];

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  answers = (await generateResponses(surveyJson, 60, 2025, 1)).map((g) => g.answers);
  // Raking needs respondents in every district and of both sexes.
  expect(new Set(answers.map((a) => a.district)).size).toBe(7);
  expect(new Set(answers.map((a) => a.gender)).size).toBe(2);
  app = await startTestApp();
  analyst = await createStaff('trongso', ['analyst']);
  viewer = await createStaff('chixem', ['viewer']);
  await submitAll(app.url, SLUG, answers);
});

afterAll(async () => {
  await app?.close();
});

/** What analysis/ makes of the stored responses: cells as strata, raked to district then sex. */
async function expectedDiagnostics() {
  const campaign = await app.db.connection.collection('campaigns').findOne({ slug: SLUG });
  const docs = await app.db.connection.collection('responses').find<Record<string, any>>({ campaign: campaign!._id, status: 'complete' }).toArray();
  const design = svyDesign({ n: docs.length, strata: docs.map((d) => d.stratumKey), lonelyPsu: 'adjust' });
  const raked = rake(design, [
    { name: 'district', keys: docs.map((d) => d.stratum.district), population: DISTRICT },
    { name: 'gender', keys: docs.map((d) => d.answers.gender), population: GENDER },
  ]);
  return weightDiagnostics(raked.design.weights);
}

async function openWeights(phone: Phone, who: { username: string; password: string }) {
  const { page } = phone;
  await page.goto(`${app.url}/app/campaigns/${SLUG}/weights`);
  await signIn(page, who);
  await page.getByTestId('weights-page').waitFor();
  await expect.poll(async () => page.getByTestId('weights-total').textContent(), { timeout: 15_000 }).toContain(vi(answers.length));
}

describe('weights page', () => {
  it('When an analyst enters margins for district and sex and saves, then the diagnostics and the comparison show and stay after a reload', async () => {
    const phone = await openPhone(1280, 900);
    const { page } = phone;
    try {
      await openWeights(phone, analyst);
      // The demo campaign arrives with its district figures.
      expect(await page.locator('#w-district-hai-chau').inputValue()).toBe('153.000');
      // Without Hòa Vang's figure the weights cannot be made: the page says so, naming the district.
      await page.locator('#w-district-hoa-vang').fill('');
      await page.getByRole('button', { name: 'Lưu số liệu dân số' }).click();
      await page.getByTestId('weights-failure').waitFor();
      const inHoaVang = answers.filter((a) => a.district === 'hoa-vang').length;
      expect(await page.getByTestId('weights-problem').allTextContents()).toEqual([
        expect.stringContaining(`"Huyện Hòa Vang"`),
      ]);
      expect(await page.getByTestId('weights-problem').first().textContent()).toContain(`có ${inHoaVang} người trả lời nhưng chưa có số dân`);
      expect(await page.getByTestId('diag-effN').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/weights-failure.png`, fullPage: true });
      for (const [level, n] of Object.entries(DISTRICT)) await page.locator(`#w-district-${level}`).fill(vi(n));
      await page.getByLabel('Nguồn số liệu').fill('Số liệu kiểm thử');

      await page.getByLabel('Thêm biến').selectOption('gender');
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.locator('#w-gender-male').fill('nhiều lắm');
      await page.locator('#w-gender-female').fill(vi(GENDER.female));
      await page.getByRole('button', { name: 'Lưu số liệu dân số' }).click();
      // Refused beside the field, nothing saved.
      await page.getByTestId('w-gender-male-error').waitFor();
      expect(await page.getByTestId('w-gender-male-error').textContent()).toContain('"male" (gender)');
      expect(await page.getByTestId('weights-saved').count()).toBe(0);

      await page.locator('#w-gender-male').fill(vi(GENDER.male));
      await page.getByRole('button', { name: 'Lưu số liệu dân số' }).click();
      await expect.poll(async () => page.getByTestId('diag-effN').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByTestId('weights-saved').count()).toBe(1);
      expect(await page.getByTestId('weights-failure').count()).toBe(0);
      expect(await page.getByTestId('w-gender-male-error').count()).toBe(0);

      const d = await expectedDiagnostics();
      const diagnostics = async () => ({
        n: await page.getByTestId('diag-n').textContent(),
        effN: await page.getByTestId('diag-effN').textContent(),
        deff: await page.getByTestId('diag-deff').textContent(),
        min: await page.getByTestId('diag-min').textContent(),
        max: await page.getByTestId('diag-max').textContent(),
        cv: await page.getByTestId('diag-cv').textContent(),
      });
      const expected = { n: vi(d.n), effN: vi3(d.kishEffectiveN), deff: vi3(d.kishDeff), min: vi3(d.min), max: vi3(d.max), cv: vi3(d.cv) };
      expect(await diagnostics()).toEqual(expected);
      expect(await page.getByTestId('diag-converged').textContent()).toMatch(/^Có, sau \d+ vòng lặp$/);
      expect(await page.getByTestId('weights-histogram').count()).toBe(1);

      // Sex: the sample share counts the answers; weighted equals the population share (raked last).
      const male = page.locator('[data-comparison="gender"] tr[data-level="male"]');
      const males = answers.filter((a) => a.gender === 'male').length;
      expect(await male.getByTestId('cmp-n').textContent()).toBe(vi(males));
      expect(await male.getByTestId('cmp-sample').textContent()).toBe(pct((100 * males) / answers.length));
      expect(await male.getByTestId('cmp-population').textContent()).toBe(pct((100 * GENDER.male) / 900_000));
      expect(await male.getByTestId('cmp-weighted').textContent()).toBe(pct((100 * GENDER.male) / 900_000));
      expect(await page.getByTestId('comparison-chart').count()).toBe(2);
      await page.screenshot({ path: `${SHOTS}/weights-saved.png`, fullPage: true });

      await page.reload();
      await page.locator('#w-gender-male').waitFor();
      expect(await page.locator('#w-district-hai-chau').inputValue()).toBe('160.000');
      expect(await page.locator('#w-gender-male').inputValue()).toBe('445.000');
      expect(await page.getByLabel('Nguồn số liệu').inputValue()).toBe('Số liệu kiểm thử');
      expect(await diagnostics()).toEqual(expected);

      // Only the 401 before login and the 422 refusal may show in the console.
      expect(phone.problems.filter((p) => !/status of (401|422)\b/.test(p))).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: `${SHOTS}/FAILED-weights.png`, fullPage: true }).catch(() => undefined);
      if (phone.problems.length) console.error(`what the browser reported:\n${phone.problems.join('\n')}`);
      throw error;
    } finally {
      await phone.close();
    }
  });

  it('When a viewer opens the weights, then the figures show without inputs', async () => {
    const phone = await openPhone(1280, 900);
    try {
      await openWeights(phone, viewer);
      const { page } = phone;
      await page.getByTestId('diag-effN').waitFor();
      expect(await page.locator('input.weights__count').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Lưu số liệu dân số' }).count()).toBe(0);
      expect(await page.locator('[data-margin="gender"] tr[data-level="female"] [data-testid="population-count"]').textContent()).toBe('455.000');
      // In English, the labels and the questionnaire's texts follow.
      await page.locator('button.lang__button[lang="en"]').click();
      await page.getByRole('heading', { name: 'Weight diagnostics' }).waitFor();
      await expect.poll(async () => page.locator('[data-comparison="gender"] tr[data-level="female"] th').textContent(), { timeout: 15_000 }).toBe('Female');
      expect(await page.getByTestId('diag-converged').textContent()).toMatch(/^Yes, after \d+ iterations$/);
    } finally {
      await phone.close();
    }
  });
});
