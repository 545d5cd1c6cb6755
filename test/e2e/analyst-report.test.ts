// The analyst's acceptance path end to end: sign in, open the results from the cockpit, switch to
// weighted, build a crosstab of the overall rating by district, download the xlsx and read it, then open
// the printable report: its fieldwork table counts what was submitted per district, every section of the
// questionnaire is there, and its first page in print (A4) is saved as a picture (docs/ with UPDATE_DOCS=1).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { generateResponses } from '../helpers/generate-responses';
import { createStaff } from '../helpers/staff';
import { openPhone, prepareBrowserTest } from './browser';
import { openResultsFromCockpit, submitAll } from './staff';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'giua-nhiem-ky-2023';
const COUNT = 70;
const surveyJson = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
/** A4 at 96 px per inch. */
const A4 = { width: 794, height: 1123 };

let app: TestApp;
let analyst: { username: string; password: string };
let answers: Record<string, unknown>[];

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  // Enough valid responses that every district is present and the weights can be raked to the
  // campaign's population by district. Generated before the app listens (survey-core is synchronous).
  answers = (await generateResponses(surveyJson, COUNT, 2023, 1)).map((g) => g.answers);
  app = await startTestApp();
  analyst = await createStaff('bientap', ['analyst'], { displayName: 'Lê Biên Tập' });
  await submitAll(app.url, SLUG, answers);
});

afterAll(async () => {
  await app?.close();
});

function perDistrict(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(String(a.district), (counts.get(String(a.district)) ?? 0) + 1);
  return counts;
}

describe('analyst report', () => {
  it('When an analyst works through the results to the report, then the report counts what was submitted and prints on A4', async () => {
    const phone = await openPhone(1280, 900);
    const { page } = phone;
    try {
      // The cockpit links to the results.
      await openResultsFromCockpit(page, app.url, SLUG, analyst);
      const n = page.getByTestId('results-n');
      await expect.poll(async () => n.textContent(), { timeout: 20_000 }).toContain(`${vi(COUNT)} /`);

      // Weighted: the page says how the weights were made and gives margins of error.
      await page.getByLabel('Có gia quyền').check();
      const weighting = page.getByTestId('weighting');
      await weighting.waitFor({ timeout: 20_000 });
      expect(await weighting.textContent()).toContain('Sai số tối đa');

      // Crosstab of the overall rating (rows) by district (columns).
      const xt = page.getByTestId('crosstab');
      await xt.getByLabel('Biến hàng').selectOption('overall_rating');
      await xt.getByLabel('Biến cột').selectOption('district');
      await xt.getByRole('button', { name: 'Lập bảng' }).click();
      const table = xt.getByTestId('crosstab-table');
      await table.waitFor({ timeout: 20_000 });
      const districts = perDistrict();
      const ratings = new Set(answers.map((a) => a.overall_rating).filter((v) => v !== undefined));
      // One cell per rating given and district present.
      expect(await xt.getByTestId('crosstab-cell').count()).toBe(ratings.size * districts.size);

      // The xlsx downloads (a link or a button, whichever the page offers) and holds one row per response.
      const exports = page.getByTestId('exports');
      const excel = exports.getByRole('link', { name: /^Excel/ }).or(exports.getByRole('button', { name: /^Excel/ }));
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), excel.first().click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const data = book.worksheets[0];
      const header = (data.getRow(1).values as unknown[]).map(String);
      expect(data.actualRowCount - 1).toBe(COUNT);
      const districtCol = header.indexOf('district');
      expect(districtCol).toBeGreaterThan(0);
      const inSheet = new Map<string, number>();
      data.eachRow((row, i) => {
        if (i > 1) inSheet.set(String(row.getCell(districtCol).value), (inSheet.get(String(row.getCell(districtCol).value)) ?? 0) + 1);
      });
      expect(inSheet).toEqual(districts);

      // The report.
      await page.goto(`${app.url}/app/campaigns/${SLUG}/report`);
      const report = page.getByTestId('report');
      const fieldwork = report.getByTestId('fieldwork-district');
      await fieldwork.waitFor({ timeout: 30_000 });
      for (const [district, count] of districts) {
        expect(await fieldwork.locator(`tr[data-value="${district}"] [data-testid="completed"]`).textContent(), district).toBe(vi(count));
      }
      expect(await report.getByTestId('fieldwork-total').textContent()).toContain(`${vi(COUNT)} trên chỉ tiêu`);
      // The demo campaign has population margins: the report is weighted and says so.
      expect(await report.getByTestId('report-basis').textContent()).toContain('có gia quyền');
      expect(await report.getByTestId('report-weighting').textContent()).toContain('raking');
      expect(await report.getByTestId('report-moe').textContent()).toMatch(/±\d+,\d điểm phần trăm/);
      // A public campaign has no response rate: the report says it is not known rather than invent one.
      expect(await report.textContent()).toContain('Tỷ lệ phản hồi: không xác định');

      const headings = await report.getByTestId('report-section').allTextContents();
      const titles = surveyJson.pages.map((p: { title: { vi: string } }) => p.title.vi);
      expect(headings).toHaveLength(titles.length);
      titles.forEach((title: string, i: number) => expect(headings[i]).toBe(`3.${i + 1}. ${title}`));
      // Charts are drawn (SVG) for the choice questions, e.g. the overall rating.
      await report.locator('[data-question="overall_rating"] [data-testid="question-chart"] svg').first().waitFor({ timeout: 20_000 });
      expect(await report.locator('[data-question="overall_rating"]').textContent()).toContain('Điểm trung bình');

      // In English the report reads in English, section titles from the questionnaire's English texts.
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await report.getByRole('heading', { name: '1. Fieldwork' }).waitFor({ timeout: 30_000 });
      expect((await report.getByTestId('report-section').allTextContents())[0]).toBe(`3.1. ${surveyJson.pages[0].title.default}`);
      await page.getByRole('button', { name: 'VI', exact: true }).click();
      await report.getByRole('heading', { name: '1. Kết quả thu thập phiếu' }).waitFor({ timeout: 30_000 });
      await report.locator('[data-question="overall_rating"] [data-testid="question-chart"] svg').first().waitFor({ timeout: 20_000 });

      // Print: A4, no staff header or buttons; each questionnaire section starts a page.
      await page.setViewportSize(A4);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'In / Lưu PDF' }).isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, path: `${SHOTS}/report.pdf` });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      expect(pages).toBeGreaterThan(titles.length);

      await page.screenshot({ path: `${SHOTS}/report-print-all.png`, fullPage: true });
      // A screen capture has no pages: the sheet gets the @page margins as padding, and what print puts
      // on later pages (from the first forced page break on) is hidden.
      await page.addStyleTag({ content: '.report__paper { padding: 18mm 16mm !important; } .report__newpage, .report__newpage ~ * { display: none !important; }' });
      // What the picture shows fits the first page's printable area (297 mm less 2 × 18 mm of margins).
      const firstPage = await page.evaluate(() => {
        const paper = document.querySelector('.report__paper')!.getBoundingClientRect();
        const last = [...document.querySelectorAll('.report__paper > *')].filter((e) => getComputedStyle(e).display !== 'none').at(-1)!;
        return { height: last.getBoundingClientRect().bottom - paper.top - 18 * (96 / 25.4), width: paper.width - 32 * (96 / 25.4) };
      });
      expect(firstPage.width).toBeCloseTo(178 * (96 / 25.4), 0);
      expect(firstPage.height).toBeLessThanOrEqual(261 * (96 / 25.4));
      await page.evaluate(() => window.scrollTo(0, 0));
      const target = process.env.UPDATE_DOCS === '1' ? path.join(rootDir, 'docs', 'report-first-page.png') : `${SHOTS}/report-first-page.png`;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await page.screenshot({ path: target, fullPage: false });

      // Only the 401 before login may show in the console.
      expect(phone.problems.filter((p) => !/status of 401\b/.test(p))).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: `${SHOTS}/FAILED-report.png`, fullPage: true }).catch(() => undefined);
      if (phone.problems.length) console.error(`what the browser reported:\n${phone.problems.join('\n')}`);
      throw error;
    } finally {
      await phone.close();
    }
  });
});
