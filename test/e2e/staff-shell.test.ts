// The staff pages' frame end to end: login, navigation by role, the Users and Audit pages, logout and an
// expired session, in Debian's Chromium at office (1280 px) and phone (390 px) widths against the real app.
// Screenshots go to /tmp/e2e-screens/staff-*.png for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { createStaff } from '../helpers/staff';
import { openPhone, type Phone, prepareBrowserTest } from './browser';
import { signIn } from './staff';

const SHOTS = '/tmp/e2e-screens';

let app: TestApp;
let admin: { username: string; password: string };
let designer: { username: string; password: string };

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  app = await startTestApp();
  admin = await createStaff('quantri', ['admin'], { displayName: 'Nguyễn Văn Quản' });
  designer = await createStaff('thietke', ['designer'], { displayName: 'Trần Thị Thiết' });
});

afterAll(async () => {
  await app?.close();
});

const shot = (phone: Phone, name: string) => phone.page.screenshot({ path: `${SHOTS}/staff-${name}.png`, fullPage: true });
const pageWidth = (phone: Phone) => phone.page.evaluate(() => document.documentElement.scrollWidth);

async function withBrowser(name: string, width: number, height: number, fn: (phone: Phone) => Promise<void>) {
  const phone = await openPhone(width, height);
  try {
    await fn(phone);
    // 401, 409 and 429 are expected answers here (wrong password, no session, a taken name, throttling); nothing else is.
    const problems = phone.problems.filter((p) => !/the server responded with a status of (401|409|429)\b/.test(p));
    expect(problems).toEqual([]);
  } catch (error) {
    await phone.page.screenshot({ path: `${SHOTS}/FAILED-staff-${name}.png`, fullPage: true }).catch(() => undefined);
    if (phone.problems.length) console.error(`${name}: what the browser reported:\n${phone.problems.join('\n')}`);
    throw error;
  } finally {
    await phone.close();
  }
}

async function login(phone: Phone, who: { username: string; password: string }) {
  const { page } = phone;
  await signIn(page, who);
}

describe('staff shell', () => {
  it('When an admin signs in, creates a designer, reads the audit log and signs out, then each step shows what they did', async () => {
    await withBrowser('admin', 1280, 800, async (phone) => {
      const { page } = phone;
      // A page that needs a session leads to the login page, which remembers where the person was going.
      await page.goto(`${app.url}/app/users`);
      await page.getByLabel('Tên đăng nhập').waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/app/users');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');

      await login(phone, { username: admin.username, password: 'not-the-password' });
      const error = page.getByTestId('login-error');
      await expect.poll(() => error.textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
      await shot(phone, 'login-error-1280');

      await login(phone, admin);
      const current = page.getByTestId('current-user');
      await expect.poll(() => current.textContent()).toContain('Nguyễn Văn Quản');
      expect(await current.textContent()).toContain('Quản trị');
      expect(new URL(page.url()).pathname).toBe('/app/users');
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Bảng câu hỏi', 'Đợt khảo sát', 'Người dùng', 'Nhật ký']);

      // Create a designer: the account appears in the table with its role in words.
      await page.getByRole('row', { name: /quantri/ }).waitFor();
      const form = page.getByRole('form', { name: 'Thêm người dùng' });
      await form.getByLabel('Tên đăng nhập').fill('bientap.vien');
      await form.getByLabel('Tên hiển thị').fill('Lê Biên Tập');
      await form.getByLabel('Mật khẩu').fill('mot-mat-khau-dai-du');
      expect(await form.getByLabel('Quận/huyện phụ trách').count()).toBe(0);
      await form.getByLabel('Điều tra thực địa').check();
      await form.getByLabel('Quận/huyện phụ trách').waitFor(); // shown only for fieldwork
      await form.getByLabel('Điều tra thực địa').uncheck();
      await form.getByLabel('Thiết kế bảng hỏi').check();
      await form.getByRole('button', { name: 'Tạo người dùng' }).click();
      const row = page.getByRole('row', { name: /bientap\.vien/ });
      await row.waitFor();
      expect(await row.textContent()).toContain('Lê Biên Tập');
      expect(await row.textContent()).toContain('Thiết kế bảng hỏi');
      expect(await row.textContent()).toContain('Đang hoạt động');

      // The same name again: the server's 409 is shown by the form.
      await form.getByLabel('Tên đăng nhập').fill('bientap.vien');
      await form.getByLabel('Mật khẩu').fill('mot-mat-khau-dai-du');
      await form.getByLabel('Chỉ xem').check();
      await form.getByRole('button', { name: 'Tạo người dùng' }).click();
      await form.getByTestId('form-error').waitFor();
      expect(await page.getByRole('row', { name: /bientap\.vien/ }).count()).toBe(1);
      await shot(phone, 'users-1280');

      // Disabling asks first, then the table says so.
      await page.getByRole('button', { name: 'Sửa bientap.vien' }).click();
      const edit = page.getByTestId('edit-user');
      await edit.getByRole('button', { name: 'Khóa tài khoản' }).click();
      await edit.getByRole('alertdialog').waitFor();
      await shot(phone, 'users-edit-1280');
      await edit.getByRole('button', { name: 'Xác nhận khóa' }).click();
      await expect.poll(() => row.textContent()).toContain('Đã khóa');

      // The audit log lists the creation, in words and by code.
      await nav.getByRole('link', { name: 'Nhật ký' }).click();
      const created = page.getByRole('row', { name: /user\.create/ }).filter({ hasText: 'bientap.vien' });
      await created.waitFor();
      expect(await created.textContent()).toContain('Tạo người dùng');
      expect(await created.textContent()).toContain('quantri');
      // Filtering by an action prefix keeps only those rows, and the address keeps the filter.
      await page.getByLabel('Hành động').fill('auth.*');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await expect.poll(() => page.getByRole('row', { name: /user\.create/ }).count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('action')).toBe('auth.*');
      await page.getByRole('row', { name: /auth\.login_failed/ }).first().waitFor();
      await page.goBack();
      await page.getByRole('row', { name: /user\.create/ }).first().waitFor();
      await shot(phone, 'audit-1280');

      // Sign out: the login page, and the users page needs a login again.
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByLabel('Tên đăng nhập').waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/login');
      await page.goto(`${app.url}/app/users`);
      await page.getByLabel('Tên đăng nhập').waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/app/users');
      expect(await page.getByTestId('current-user').count()).toBe(0);
    });
  });

  it('When a designer signs in on a phone, then the questionnaires open and the admin pages are neither linked nor shown', async () => {
    await withBrowser('designer', 390, 844, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/app/`);
      await page.getByLabel('Tên đăng nhập').waitFor();
      await login(phone, designer);
      const current = page.getByTestId('current-user');
      await expect.poll(() => current.textContent()).toContain('Trần Thị Thiết');
      expect(await current.textContent()).toContain('Thiết kế bảng hỏi');
      expect(new URL(page.url()).pathname).toBe('/app/surveys');
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Bảng câu hỏi', 'Đợt khảo sát']);
      expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
      await shot(phone, 'designer-390');

      await page.goto(`${app.url}/app/users`);
      await page.getByTestId('forbidden').waitFor();
      await page.goto(`${app.url}/app/khong-co`);
      await page.getByTestId('not-found').waitFor();
    });
  });

  it('When an admin switches to English on a phone, then the pages stay in English after a reload and an expired session asks to sign in again', async () => {
    await withBrowser('phone-admin', 390, 844, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/app/audit`);
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await page.getByLabel('Username').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await shot(phone, 'login-en-390');
      await page.getByLabel('Username').fill(admin.username);
      await page.getByLabel('Password').fill(admin.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('row', { name: /auth\.login/ }).first().waitFor();
      expect(await page.getByTestId('current-user').textContent()).toContain('Administrator');
      expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
      await shot(phone, 'audit-390');

      await page.reload();
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('row', { name: /thietke/ }).waitFor();
      expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
      await shot(phone, 'users-390');
      // The narrowest phones we support: still nothing wider than the screen.
      await page.setViewportSize({ width: 360, height: 780 });
      expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
      await shot(phone, 'users-360');

      // The server forgets every session (idle expiry): the next call answers 401 and the login page says why.
      await app.db.connection.collection('sessions').deleteMany({});
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByText('Your session has expired').waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/app/audit');
      await page.getByRole('button', { name: 'VI', exact: true }).click();
      await page.getByText('Phiên làm việc đã hết hạn').waitFor();
      await shot(phone, 'expired-390');
    });
  });

  it('When the log holds more than one page, then "Xem thêm" appends the next page until everything is shown', async () => {
    const start = Date.UTC(2026, 0, 5, 1, 0, 0);
    await app.db.connection.collection('auditevents').insertMany(
      Array.from({ length: 60 }, (_, i) => ({
        at: new Date(start + i * 60_000),
        actor: 'robot',
        action: 'survey.publish',
        object: { type: 'survey', id: `s${i}` },
        ip: '10.0.0.9',
        details: { version: i + 1 },
      })),
    );
    await withBrowser('audit-paging', 1280, 800, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/app/audit?actor=robot`);
      await login(phone, admin);
      const rows = page.getByTestId('audit-table').locator('tbody tr');
      await page.getByRole('button', { name: 'Xem thêm' }).waitFor();
      expect(await page.getByLabel('Người thực hiện').inputValue()).toBe('robot');
      expect(await rows.count()).toBe(50);
      // Newest first, in Đà Nẵng time: 01:59 UTC is 08:59.
      expect(await rows.first().textContent()).toContain('08:59 05/01/2026');
      expect(await rows.first().textContent()).toContain('Công bố phiên bản');
      await page.getByRole('button', { name: 'Xem thêm' }).click();
      await page.getByText('Đã hiển thị hết.').waitFor();
      expect(await rows.count()).toBe(60);
      expect(await rows.last().textContent()).toContain('08:00 05/01/2026');
    });
  });

  it('When a username has failed too often, then the login page says how many minutes to wait', async () => {
    // Five recent failures of this username (the address's own count is left alone for other tests).
    const now = Date.now();
    await app.db.connection
      .collection('loginfailures')
      .insertMany(Array.from({ length: 5 }, (_, i) => ({ key: `user:${designer.username}`, at: new Date(now - 60_000 + i) })));
    await withBrowser('throttled', 360, 740, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/app/login`);
      await login(phone, designer);
      const error = page.getByTestId('login-error');
      await expect.poll(() => error.textContent()).toContain('Đăng nhập sai quá nhiều lần');
      expect(await error.textContent()).toMatch(/1[45] phút/);
      expect(await page.getByTestId('current-user').count()).toBe(0);
      expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
      await shot(phone, 'throttled-360');
    });
  });
});
