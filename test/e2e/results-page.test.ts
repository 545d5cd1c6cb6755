// The results page end to end: an analyst opens the demo campaign's results after a handful of responses,
// reads a question's counts and its chart (ECharts, saved as PNG and SVG), a matrix as stacked bars,
// switches to weighted (margins of error, or the server's explanation when the weights cannot be made this
// early in fieldwork) and to English content, filters by district and by an answer, builds a crosstab and
// downloads the CSV and the xlsx (with its progress bar).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { generateResponses } from '../helpers/generate-responses';
import { createStaff } from '../helpers/staff';
import { openPhone, prepareBrowserTest } from './browser';
import { openResultsFromCockpit, signIn, submitAll } from './staff';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'giua-nhiem-ky-2023';
const surveyJson = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

let app: TestApp;
let analyst: { username: string; password: string };
let viewer: { username: string; password: string };
let answers: Record<string, unknown>[];

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  // Generated before the app listens (survey-core's synchronous work would stall the server's sockets).
  // Twenty responses, every district among them: the demo campaign weights to district margins, and the
  // exports carry those weights, so each district needs a respondent for the weights (and downloads) to work.
  const pool = (await generateResponses(surveyJson, 60, 2025, 1)).map((g) => g.answers);
  const firstPerDistrict = [...new Map(pool.map((a) => [a.district, a] as const)).values()];
  answers = [...firstPerDistrict, ...pool.filter((a) => !firstPerDistrict.includes(a))].slice(0, 20);
  app = await startTestApp();
  analyst = await createStaff('phantich', ['analyst'], { displayName: 'Trần Phân Tích' });
  viewer = await createStaff('nguoixem', ['viewer'], { displayName: 'Lê Người Xem' });
  await submitAll(app.url, SLUG, answers);
});

afterAll(async () => {
  await app?.close();
});

/** Two stratum-like single-choice questions whose table has both a publishable cell (≥ 5) and a small one. */
function crosstabPair(): [string, string] {
  const names = ['gender', 'age_group', 'group', 'district', 'party_member', 'education'];
  for (const row of names) {
    for (const col of names) {
      if (row === col) continue;
      const cells = new Map<string, number>();
      for (const a of answers) if (a[row] !== undefined && a[col] !== undefined) cells.set(`${a[row]}|${a[col]}`, (cells.get(`${a[row]}|${a[col]}`) ?? 0) + 1);
      const counts = [...cells.values()];
      // A combination nobody gave is a small cell too.
      if (Math.max(...counts) >= 5 && (Math.min(...counts) < 5 || cells.size < 4)) return [row, col];
    }
  }
  throw new Error('no pair of questions with both a publishable and a small cell in the generated answers');
}

describe('results page', () => {
  it('When an analyst opens the results, then counts, charts and their PNG/SVG copies, weighting, English content, filters, a crosstab and the downloads work', async () => {
    const phone = await openPhone(1280, 900);
    const { page } = phone;
    try {
      // The cockpit links to the results.
      await openResultsFromCockpit(page, app.url, SLUG, analyst);
      // The analysis tabs: results (this page), weights, review and report.
      const nav = page.getByTestId('results-nav');
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Kết quả', 'Trọng số', 'Rà soát phiếu', 'Báo cáo']);
      expect(await nav.getByRole('link', { name: 'Trọng số' }).getAttribute('href')).toBe(`/app/campaigns/${SLUG}/weights`);
      expect(await nav.getByRole('link', { name: 'Kết quả' }).getAttribute('aria-current')).toBe('page');

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
      // Every choice question gets a chart drawn by ECharts (an SVG inside the chart box).
      const genderChart = gender.getByTestId('question-chart');
      await genderChart.locator('svg').first().waitFor({ timeout: 15_000 });
      const choiceSections = page.locator('section[data-kind="single"], section[data-kind="multiple"], section[data-kind="rating"]');
      const sections = await choiceSections.count();
      expect(sections).toBeGreaterThan(5);
      await expect.poll(async () => choiceSections.filter({ has: page.locator('[data-testid="question-chart"] svg') }).count(), { timeout: 15_000 }).toBe(sections);
      // The chart's bars are labelled with the shares the table shows.
      const genderSvgText = await genderChart.locator('svg').first().textContent();
      for (const pct of await gender.getByTestId('level-pct').allTextContents()) expect(genderSvgText).toContain(`${pct}%`);
      await page.screenshot({ path: `${SHOTS}/results-unweighted.png`, fullPage: false });

      // Saving the chart: a real PNG and an SVG that parses and carries the question's title.
      const [png] = await Promise.all([page.waitForEvent('download'), genderChart.getByRole('button', { name: 'Lưu PNG' }).click()]);
      expect(png.suggestedFilename()).toBe('gender.png');
      const pngBytes = fs.readFileSync(await png.path());
      expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // Rendered at twice the pixels of the 800 px export width.
      expect(pngBytes.readUInt32BE(16)).toBe(1600);
      fs.writeFileSync(`${SHOTS}/results-saved-chart.png`, pngBytes);
      const [svgFile] = await Promise.all([page.waitForEvent('download'), genderChart.getByRole('button', { name: 'Lưu SVG' }).click()]);
      expect(svgFile.suggestedFilename()).toBe('gender.svg');
      const svgText = fs.readFileSync(await svgFile.path(), 'utf8');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.nodeName, text: doc.documentElement.textContent ?? '' };
      }, svgText);
      expect(parsed.error).toBe(false);
      expect(parsed.root).toBe('svg');
      expect(parsed.text).toContain(surveyJson.pages[0].elements.find((e: { name: string }) => e.name === 'gender').title.vi);
      expect(parsed.text).toContain(`n = ${vi(answers.filter((a) => a.gender !== undefined).length)} · Không gia quyền`);

      // A matrix: one stacked bar per statement, one segment per scale point (named in the legend).
      const awareness = page.locator('[data-question="awareness"]');
      const matrixSvg = awareness.getByTestId('question-chart').locator('svg').first();
      await matrixSvg.waitFor({ timeout: 15_000 });
      const matrixJson = surveyJson.pages.flatMap((p: { elements: { name: string }[] }) => p.elements).find((e: { name: string }) => e.name === 'awareness');
      const matrixText = await matrixSvg.textContent();
      for (const c of matrixJson.columns as { text: { vi: string } }[]) expect(matrixText).toContain(c.text.vi);
      // Each answered statement is one bar of touching segments, and every bar spans the same 0–100 %.
      const bars = await matrixSvg.evaluate((svg) => {
        const rows = new Map<number, { from: number; to: number; sum: number; parts: number }>();
        for (const el of svg.querySelectorAll('path')) {
          const fill = el.getAttribute('fill') ?? '';
          // Coloured shapes only (ECharts also lays invisible rgba(…,0) hit areas).
          if (!/^(#|rgb)/.test(fill) || /,\s*0\)$/.test(fill) || el.getAttribute('fill-opacity') === '0') continue;
          const box = (el as SVGGraphicsElement).getBBox();
          if (box.height < 8 || box.width <= 0) continue;
          const y = Math.round(box.y + box.height / 2);
          const r = rows.get(y) ?? { from: Infinity, to: -Infinity, sum: 0, parts: 0 };
          rows.set(y, { from: Math.min(r.from, box.x), to: Math.max(r.to, box.x + box.width), sum: r.sum + box.width, parts: r.parts + 1 });
        }
        // Legend swatches share a line too, but with gaps between them.
        return [...rows.values()].filter((r) => r.to - r.from > 100 && r.sum >= 0.98 * (r.to - r.from));
      });
      expect(bars.length).toBeGreaterThanOrEqual(1);
      expect(bars.length, JSON.stringify(bars)).toBeLessThanOrEqual(matrixJson.rows.length);
      expect(bars.some((b) => b.parts >= 2)).toBe(true);
      for (const b of bars) {
        expect(Math.abs(b.from - bars[0].from)).toBeLessThan(2);
        expect(Math.abs(b.to - bars[0].to)).toBeLessThan(2);
      }
      await awareness.screenshot({ path: `${SHOTS}/results-matrix.png` });

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

      // English content: the questions' titles come in English, the page's own words stay Vietnamese.
      const genderTitle = page.locator('#q-gender');
      await page.getByTestId('content-lang').getByLabel('English').check();
      await expect.poll(async () => genderTitle.textContent(), { timeout: 15_000 }).toContain('Gender');
      expect(await page.getByTestId('results-n').textContent()).toContain('Số phiếu phân tích');
      await page.getByTestId('content-lang').getByLabel('Tiếng Việt').check();
      await expect.poll(async () => genderTitle.textContent(), { timeout: 15_000 }).toContain('Giới tính');

      // The district filter goes to the API as filter=district:<value>.
      const perDistrict = new Map<string, number>();
      for (const a of answers) perDistrict.set(String(a.district), (perDistrict.get(String(a.district)) ?? 0) + 1);
      const [district, inDistrict] = [...perDistrict].sort((a, b) => b[1] - a[1])[0];
      await page.getByLabel('Quận/huyện', { exact: true }).selectOption(district);
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(inDistrict)} / ${vi(answers.length)}`);
      await page.getByLabel('Quận/huyện', { exact: true }).selectOption('');
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(answers.length)} / ${vi(answers.length)}`);

      // Filter by an answer: the women only, then the chip removed.
      const women = answers.filter((a) => a.gender === 'female').length;
      const af = page.getByTestId('answer-filter');
      await af.getByLabel('Lọc theo câu trả lời').selectOption('gender');
      await af.getByLabel('Nữ', { exact: true }).check();
      await af.getByRole('button', { name: 'Thêm bộ lọc' }).click();
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(women)} / ${vi(answers.length)}`);
      expect(await af.getByTestId('filter-chips').textContent()).toContain('Giới tính: Nữ');
      await af.getByRole('button', { name: 'Bỏ bộ lọc: Giới tính' }).click();
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(answers.length)} / ${vi(answers.length)}`);
      // A multiple choice: respondents who ticked social networks among their channels.
      const social = answers.filter((a) => Array.isArray(a.info_channels) && a.info_channels.includes('social_media')).length;
      expect(social).toBeGreaterThan(0);
      await af.getByLabel('Lọc theo câu trả lời').selectOption('info_channels');
      await af.getByLabel('Mạng xã hội (Facebook, Zalo, YouTube, TikTok…)', { exact: true }).check();
      await af.getByRole('button', { name: 'Thêm bộ lọc' }).click();
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(social)} / ${vi(answers.length)}`);
      await af.getByRole('button', { name: /^Bỏ bộ lọc: Ông\/Bà tiếp cận/ }).click();
      await expect.poll(async () => n.textContent(), { timeout: 15_000 }).toContain(`${vi(answers.length)} / ${vi(answers.length)}`);

      // A crosstab of two single-choice questions.
      const [row, col] = crosstabPair();
      const xt = page.getByTestId('crosstab');
      await xt.getByLabel('Biến hàng').selectOption(row);
      await xt.getByLabel('Biến cột').selectOption(col);
      await xt.getByRole('button', { name: 'Lập bảng' }).click();
      await xt.getByTestId('crosstab-table').waitFor({ timeout: 15_000 });
      expect(await xt.getByTestId('crosstab-cell').count()).toBeGreaterThanOrEqual(4);
      // Cells below the publication threshold (5) show as "—", the others as column percentages.
      const cellTexts = await xt.getByTestId('crosstab-cell').allTextContents();
      expect(cellTexts).toContain('—');
      expect(cellTexts.some((t) => /^\d+,\d/.test(t))).toBe(true);
      expect(await xt.getByTestId('crosstab-test').textContent()).toContain('Rao–Scott');
      // Column percentages as stacked bars, saved like the question charts.
      const xtChart = xt.getByTestId('crosstab-chart');
      await xtChart.locator('svg').first().waitFor({ timeout: 15_000 });
      const [xtPng] = await Promise.all([page.waitForEvent('download'), xtChart.getByRole('button', { name: 'Lưu PNG' }).click()]);
      expect(xtPng.suggestedFilename()).toBe(`bang-cheo-${row}-${col}.png`);
      // A significance mark comes with its legend.
      if (await xt.locator('[data-sig]').count()) expect(await xt.getByTestId('crosstab-legend').count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/results-crosstab.png`, fullPage: false });

      // The CSV downloads.
      const exportsBox = page.getByTestId('exports');
      const [download] = await Promise.all([page.waitForEvent('download'), exportsBox.getByRole('button', { name: 'CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const file = await download.path();
      const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows.length).toBe(answers.length);

      // The xlsx: a progress bar that fills, then the file (a zip container).
      const [xlsx] = await Promise.all([page.waitForEvent('download'), exportsBox.getByRole('button', { name: 'Excel (xlsx)' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1')).toBe('PK');
      const progress = page.getByTestId('export-progress');
      await expect.poll(async () => progress.getAttribute('data-phase'), { timeout: 15_000 }).toBe('done');
      expect(await progress.locator('progress').evaluate((el) => (el as HTMLProgressElement).position)).toBe(1);
      expect(await progress.textContent()).toContain(xlsx.suggestedFilename());

      // Only the 401 before login and a 422 refusal (weights early in fieldwork) may show in the console.
      expect(phone.problems.filter((p) => !/status of (401|422)\b/.test(p))).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: `${SHOTS}/FAILED-results.png`, fullPage: true }).catch(() => undefined);
      if (phone.problems.length) console.error(`what the browser reported:\n${phone.problems.join('\n')}`);
      console.error(`downloads box: ${await page.getByTestId('exports').textContent().catch(() => '?')}`);
      throw error;
    } finally {
      await phone.close();
    }
  });

  it('When a viewer opens the results, then the tabs offer weights (read-only) and the report but no review, and no downloads', async () => {
    const phone = await openPhone(1280, 900);
    const { page } = phone;
    try {
      await page.goto(`${app.url}/app/campaigns/${SLUG}/results`);
      await signIn(page, viewer);
      const nav = page.getByTestId('results-nav');
      await nav.waitFor({ timeout: 15_000 });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Kết quả', 'Trọng số', 'Báo cáo']);
      await page.locator('[data-question="gender"] [data-testid="question-chart"] svg').first().waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('exports').count()).toBe(0);
    } finally {
      await phone.close();
    }
  });
});
