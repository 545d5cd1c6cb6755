// The campaigns pages end to end: a fieldwork officer watches the demo campaign fill cell by cell, a
// district officer sees only Hải Châu, and a token campaign is opened through the form and its one-time
// invitations are downloaded as CSV and laid out as QR codes. Debian's Chromium at 1280 and 390 px;
// screenshots go to /tmp/e2e-screens/cockpit-*.png for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app';
import { generateResponses } from '../helpers/generate-responses';
import { createStaff, loginAs } from '../helpers/staff';
import { openPhone, type Phone, prepareBrowserTest } from './browser';
import { submitAll, signIn } from './staff';

const SHOTS = '/tmp/e2e-screens';
const SLUG = 'giua-nhiem-ky-2023';
const demoDir = path.join(rootDir, 'surveys', SLUG);
const surveyJson = JSON.parse(fs.readFileSync(path.join(demoDir, 'survey.json'), 'utf8'));
const design = JSON.parse(fs.readFileSync(path.join(demoDir, 'campaign.json'), 'utf8')) as {
  strata: { cells: { key: { district: string; group: string }; quota: number }[] };
};
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const cellOf = (a: Record<string, unknown>) => `district=${String(a.district)}|group=${String(a.group)}`;

let app: TestApp;
let officer: { username: string; password: string };
let haiChau: { username: string; password: string };
let answers: Record<string, unknown>[];

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  // Generated before the app listens (survey-core's synchronous work would stall the server's sockets).
  answers = (await generateResponses(surveyJson, 9, 2024, 1)).map((g) => g.answers);
  // Make sure Hải Châu has responses: moving between two districts other than Hòa Vang changes no
  // question's visibility (only `{district} <> 'hoa-vang'` depends on it).
  let moved = 0;
  for (const a of answers) {
    if (moved >= 3 || a.district === 'hoa-vang' || a.district === 'hai-chau') continue;
    a.district = 'hai-chau';
    moved++;
  }
  app = await startTestApp();
  officer = await createStaff('dieutra', ['fieldwork'], { displayName: 'Phạm Điều Tra' });
  haiChau = await createStaff('dieutra.haichau', ['fieldwork'], { displayName: 'Lê Hải Châu', districts: ['hai-chau'] });
  await submitAll(app.url, SLUG, answers);
});

afterAll(async () => {
  await app?.close();
});

const shot = (phone: Phone, name: string) => phone.page.screenshot({ path: `${SHOTS}/cockpit-${name}.png`, fullPage: true });
const pageWidth = (phone: Phone) => phone.page.evaluate(() => document.documentElement.scrollWidth);

async function withBrowser(name: string, width: number, height: number, fn: (phone: Phone) => Promise<void>) {
  const phone = await openPhone(width, height);
  try {
    await fn(phone);
    // 401 is the shell asking who is signed in before the login, 422 the form's refusal of a bad address;
    // nothing else may go wrong in the browser.
    const problems = phone.problems.filter((p) => !/the server responded with a status of (401|422)\b/.test(p));
    expect(problems).toEqual([]);
  } catch (error) {
    await phone.page.screenshot({ path: `${SHOTS}/FAILED-cockpit-${name}.png`, fullPage: true }).catch(() => undefined);
    if (phone.problems.length) console.error(`${name}: what the browser reported:\n${phone.problems.join('\n')}`);
    throw error;
  } finally {
    await phone.close();
  }
}

async function login(phone: Phone, who: { username: string; password: string }, next: string) {
  const { page } = phone;
  await page.goto(`${app.url}${next}`);
  await signIn(page, who);
  await page.getByTestId('current-user').waitFor();
}

/** The counters are written behind (every 250 ms): ask the cockpit to refresh until the total arrives. */
async function waitForTotal(phone: Phone, completed: number) {
  const { page } = phone;
  const total = page.getByTestId('total-completed');
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Cập nhật ngay' }).click();
        await page.getByRole('button', { name: 'Cập nhật ngay' }).waitFor();
        return (await total.count()) ? total.textContent() : null;
      },
      { timeout: 15_000, interval: 500 },
    )
    .toMatch(new RegExp(`^${vi(completed)} / `));
}

describe('campaign cockpit', () => {
  it('When responses arrive in the demo campaign, then the cockpit counts them per cell and in total', async () => {
    const expected = new Map<string, number>();
    for (const a of answers) expected.set(cellOf(a), (expected.get(cellOf(a)) ?? 0) + 1);
    const quotaTotal = design.strata.cells.reduce((n, c) => n + c.quota, 0);

    await withBrowser('officer', 1280, 900, async (phone) => {
      const { page } = phone;
      await login(phone, officer, '/app/campaigns');
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      expect(await nav.getByRole('link').allTextContents()).toContain('Đợt khảo sát');
      const table = page.getByTestId('campaigns-table');
      await table.waitFor();
      expect(await table.textContent()).toContain('Đang mở');
      expect(await page.getByRole('link', { name: 'Mở đợt khảo sát' }).count()).toBe(1);
      await shot(phone, 'list-1280');

      await table.getByRole('link').first().click();
      await waitForTotal(phone, answers.length);
      expect(await page.getByTestId('total-completed').textContent()).toBe(`${vi(answers.length)} / ${vi(quotaTotal)} phiếu`);
      const rows = page.getByTestId('cells-table').locator('tbody tr');
      expect(await rows.count()).toBe(35);
      for (const cell of design.strata.cells) {
        const id = `district=${cell.key.district}|group=${cell.key.group}`;
        const progress = page.locator(`tr[data-cell="${id}"] [data-testid="cell-progress"]`);
        expect(await progress.textContent(), id).toBe(`${vi(expected.get(id) ?? 0)} / ${vi(cell.quota)}`);
      }
      // Cells are named in words, and the chart has its accessible name and table of figures.
      expect(await page.locator('tr[data-cell="district=hai-chau|group=residents"]').textContent()).toContain('Quận Hải Châu');
      expect(await page.getByTestId('daily-chart').getAttribute('aria-label')).toContain('Phiếu hoàn thành theo ngày');
      expect(await page.getByTestId('daily-table').locator('tbody td').last().textContent()).toBe(vi(answers.length));
      expect(await page.getByTestId('updated-at').textContent()).toMatch(/^Cập nhật lúc \d\d:\d\d$/);

      // Sorting by risk puts the cells off track first.
      await page.getByLabel('Sắp xếp').selectOption({ label: 'Ô có nguy cơ trước' });
      const firstRisk = await rows.first().getAttribute('class');
      expect(firstRisk ?? '').toContain('cells__row--risk');
      await shot(phone, 'demo-1280');

      // The shell's language switch turns the cockpit English.
      await page.getByRole('button', { name: 'EN' }).click();
      await page.getByRole('heading', { name: 'Progress per cell' }).waitFor();
      expect(await page.locator('tr[data-cell="district=hai-chau|group=residents"]').textContent()).toContain('Hải Châu District');
      await page.getByRole('button', { name: 'VI' }).click();
    });
  });

  it('When a district officer opens the cockpit, then only Hải Châu cells are shown and no campaign-wide switch', async () => {
    const inHaiChau = answers.filter((a) => a.district === 'hai-chau').length;
    await withBrowser('hai-chau', 390, 844, async (phone) => {
      const { page } = phone;
      await login(phone, haiChau, '/app/campaigns');
      await page.getByTestId('campaigns-table').waitFor();
      expect(await page.getByRole('link', { name: 'Mở đợt khảo sát' }).count()).toBe(0);
      await page.getByTestId('campaigns-table').getByRole('link').first().click();
      await waitForTotal(phone, inHaiChau);
      const rows = page.getByTestId('cells-table').locator('tbody tr');
      expect(await rows.count()).toBe(5);
      for (const cell of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-cell') ?? '')))
        expect(cell).toMatch(/^district=hai-chau\|/);
      expect(await page.getByText('Chỉ hiện các ô thuộc quận, huyện anh/chị phụ trách.').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Tạm dừng' }).count()).toBe(0);
      expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
      await shot(phone, 'hai-chau-390');
      await page.getByTestId('totals').screenshot({ path: `${SHOTS}/cockpit-hai-chau-totals-390.png` });
      await page.getByTestId('cells-table').locator('tbody tr').first().screenshot({ path: `${SHOTS}/cockpit-hai-chau-row-390.png` });
    });
  });

  it('When an officer opens a token campaign with the form, then invitations are issued once, downloaded as CSV and laid out as QR codes', async () => {
    await withBrowser('token', 1280, 900, async (phone) => {
      const { page } = phone;
      await login(phone, officer, '/app/campaigns/new');
      const form = page.getByRole('form', { name: 'Mở đợt khảo sát mới' });
      await form.getByLabel('Bảng câu hỏi').selectOption({ index: 1 });
      await expect.poll(() => form.getByLabel('Phiên bản đã phát hành').inputValue()).toBe('1');
      await form.getByLabel('Tên đợt khảo sát').fill('Khảo sát bổ sung Hải Châu 2024');
      expect(await form.getByLabel('Địa chỉ (slug)').inputValue()).toBe('khao-sat-bo-sung-hai-chau-2024');
      await form.getByLabel('Phiếu mời riêng (mã)').check();
      await form.getByLabel('Bảo mật', { exact: true }).check();
      await form.getByLabel('Biến 1 (hàng)').selectOption('district');
      await form.getByLabel('Biến 2 (cột)').selectOption('group');
      await form.getByLabel('Cùng chỉ tiêu cho mọi ô').fill('10');
      await form.getByRole('button', { name: 'Áp dụng' }).click();
      await form.getByLabel('Chỉ tiêu Huyện Hòa Vang · Người dân').fill('');
      expect(await form.getByTestId('strata-summary').textContent()).toBe('34 ô, tổng chỉ tiêu 340');
      await form.getByLabel('Lịch sự từ chối phiếu mới').check();

      // A bad address: the server's 422 is shown next to the field.
      await form.getByLabel('Địa chỉ (slug)').fill('X!');
      await form.getByRole('button', { name: 'Mở đợt khảo sát' }).click();
      await form.getByTestId('campaign-slug-error').waitFor();
      await shot(phone, 'new-error-1280');
      await form.getByLabel('Địa chỉ (slug)').fill('bo-sung-hai-chau');
      await form.getByRole('button', { name: 'Mở đợt khảo sát' }).click();

      // The cockpit of the new campaign: 34 cells, nothing in yet; pause and resume.
      await page.waitForURL(`${app.url}/app/campaigns/bo-sung-hai-chau`);
      await page.getByTestId('cells-table').waitFor();
      expect(await page.getByTestId('cells-table').locator('tbody tr').count()).toBe(34);
      expect(await page.getByTestId('total-completed').textContent()).toBe('0 / 340 phiếu');
      await page.getByRole('button', { name: 'Tạm dừng' }).click();
      await expect.poll(() => page.getByTestId('control-done').textContent()).toBe('Đã tạm dừng đợt khảo sát.');
      await page.getByRole('button', { name: 'Tiếp tục nhận phiếu' }).click();
      await expect.poll(() => page.getByTestId('control-done').textContent()).toBe('Đợt khảo sát tiếp tục nhận phiếu.');

      // Five invitations for one cell: the links appear once, with the warning.
      await page.getByLabel('Ô (tầng)').selectOption({ label: 'Quận Hải Châu · Người dân' });
      await page.getByLabel('Số phiếu mời').fill('5');
      await page.getByRole('button', { name: 'Tạo phiếu mời' }).click();
      const links = page.getByTestId('issued-links').locator('tbody tr');
      await links.first().waitFor();
      expect(await links.count()).toBe(5);
      const urls = await links.locator('td').allTextContents();
      for (const url of urls) expect(url).toMatch(new RegExp(`^${app.url}/s/bo-sung-hai-chau\\?t=[\\w-]{24}$`));
      expect(await page.getByTestId('issued').textContent()).toContain('chỉ hiện MỘT LẦN');
      await shot(phone, 'issued-1280');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^phieu-moi-bo-sung-hai-chau-[A-Z2-9]{4}\.csv$/);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).trim().split('\r\n');
      expect(lines[0]).toBe('code,stratum,url');
      expect(lines).toHaveLength(6);
      expect(lines[1]).toMatch(/^[A-Z2-9]{4}-1,Quận Hải Châu · Người dân,http/);
      expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(urls);

      await page.getByRole('button', { name: 'In mã QR' }).click();
      const sheet = page.getByTestId('qr-sheet');
      await sheet.waitFor();
      expect(await sheet.locator('svg[role="img"]').count()).toBe(5);
      expect(await sheet.textContent()).toContain(lines[1].split(',')[0]);
      await shot(phone, 'qr-1280');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#root').isVisible()).toBe(false);
      await shot(phone, 'qr-print');
      await page.emulateMedia({ media: 'screen' });
      await sheet.getByRole('button', { name: 'Đóng' }).click();

      // The batch is listed; one lost code is revoked.
      const batches = page.getByTestId('batches');
      await batches.waitFor();
      const code = lines[2].split(',')[0];
      await page.getByLabel('Các mã cần thu hồi').fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Thu hồi', exact: true }).click();
      await expect.poll(() => page.getByTestId('revoked').textContent()).toBe('Đã thu hồi 1 phiếu mời.');
      await expect.poll(() => batches.locator('tbody tr').first().textContent()).toMatch(/Quận Hải Châu · Người dân.*5\s*0\s*1$/);

      // Extend to a new deadline typed in Đà Nẵng time, then close early after confirming.
      await page.getByRole('button', { name: 'Gia hạn' }).click();
      await page.getByLabel('Ngày đóng mới').fill('2030-12-31');
      await page.getByLabel('Giờ đóng mới').fill('17:30');
      await page.getByRole('button', { name: 'Lưu thời hạn mới' }).click();
      await expect.poll(() => page.getByTestId('control-done').textContent()).toBe('Đã gia hạn đến 31/12/2030 17:30.');
      const api = await loginAs(app.url, officer.username, officer.password);
      expect((await api.get('/api/v1/campaigns/bo-sung-hai-chau')).body.closesAt).toBe('2030-12-31T10:30:00.000Z');
      await page.getByRole('button', { name: 'Kết thúc sớm' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận kết thúc' }).click();
      await expect.poll(() => page.getByTestId('control-done').textContent()).toBe('Đã kết thúc đợt khảo sát.');
      expect(await page.locator('.cockpit__title-row .status').textContent()).toBe('Đã kết thúc');
      await page.getByRole('button', { name: 'Mở lại' }).click();
      await expect.poll(() => page.locator('.cockpit__title-row .status').textContent()).not.toBe('Đã kết thúc');
    });
  });

  it('When the form and the cockpit are opened on a phone, then nothing runs off the side', async () => {
    await withBrowser('phone', 390, 844, async (phone) => {
      const { page } = phone;
      await login(phone, officer, '/app/campaigns/new');
      const form = page.getByRole('form', { name: 'Mở đợt khảo sát mới' });
      await form.getByLabel('Bảng câu hỏi').selectOption({ index: 1 });
      await form.getByLabel('Biến 1 (hàng)').selectOption('district');
      await form.getByLabel('Biến 2 (cột)').selectOption('group');
      expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
      await shot(phone, 'new-390');
      await page.locator('.strata').screenshot({ path: `${SHOTS}/cockpit-new-grid-390.png` });
      await page.goto(`${app.url}/app/campaigns/bo-sung-hai-chau`);
      await page.getByTestId('cells-table').waitFor();
      expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
      await shot(phone, 'token-390');
      await page.getByTestId('cells-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/cockpit-token-cells-390.png` });
      await page.getByRole('link', { name: 'Phiếu mời ↓' }).click();
      await page.screenshot({ path: `${SHOTS}/cockpit-token-invitations-390.png` });
      await page.getByRole('form', { name: 'Tạo phiếu mời' }).screenshot({ path: `${SHOTS}/cockpit-token-invite-390.png` });
    });
  });
});
