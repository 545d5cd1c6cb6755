// Signing in and out, sessions, throttling and CSRF, checked over HTTP against the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, sessionKey } from '../../server/auth/sessions.ts';
import { LoginFailure } from '../../server/auth/throttle.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
let n = 0;
/** Each failing test signs in from its own address, so one test's failures never throttle another's. */
const newAddress = () => `203.0.113.${++n}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const loginFrom = (ip: string, username: string, password: string, headers: Record<string, string> = {}) =>
  request(app.url, 'POST', '/api/v1/auth/login', { username, password }, { ...from(ip), ...headers });
const tokenOf = (client: StaffClient) => client.cookie.slice('sid='.length);

beforeAll(async () => {
  app = await startTestApp({ seed: false });
  await createStaff('lan.nguyen', ['fieldwork'], { districts: ['hai-chau', 'son-tra'], displayName: 'Nguyễn Thị Lan' });
  await createStaff('minh', ['analyst']);
  await createStaff('khoa', ['viewer']);
  await createStaff('disabled.user', ['viewer']);
  const admin = await createStaff('boss', ['admin']);
  const client = await loginAs(app.url, admin.username, admin.password);
  expect((await client.patch('/api/v1/users/disabled.user', { disabled: true })).status).toBe(200);
});
afterAll(async () => app?.close());

describe('signing in', () => {
  it('When the password is right, then the user gets their profile and an httpOnly, SameSite=Strict session cookie', async () => {
    const res = await loginFrom(newAddress(), 'lan.nguyen', 'mat-khau-thu-nghiem-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', roles: ['fieldwork'], districts: ['hai-chau', 'son-tra'] },
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
    expect(cookie).toMatch(/^sid=[\w-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('When the request came over https (through the proxy), then the cookie is Secure', async () => {
    const httpsOrigin = app.url.replace('http:', 'https:');
    const res = await loginFrom(newAddress(), 'minh', 'mat-khau-thu-nghiem-1', {
      'x-forwarded-proto': 'https',
      origin: httpsOrigin,
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('sid='))).toMatch(/; Secure/i);
  });

  it('When the username is given in capitals with spaces, then it still signs in', async () => {
    expect((await loginFrom(newAddress(), '  MINH ', 'mat-khau-thu-nghiem-1')).status).toBe(200);
  });

  it('When the username, the password or the account is wrong, then the same 401 says nothing about which', async () => {
    const ip = newAddress();
    const unknown = await loginFrom(ip, 'khong-co-ai', 'mat-khau-thu-nghiem-1');
    const wrong = await loginFrom(ip, 'minh', 'sai-mat-khau-roi');
    const disabled = await loginFrom(ip, 'disabled.user', 'mat-khau-thu-nghiem-1');
    for (const res of [unknown, wrong, disabled]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(unknown.body).toEqual(wrong.body);
    expect(disabled.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({ status: 401, code: 'auth.invalid_credentials', detail: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
  });

  it('When the username does not exist, then the reply takes about as long as for a wrong password', async () => {
    const time = async (username: string) => {
      const started = performance.now();
      await loginFrom(newAddress(), username, 'sai-mat-khau-roi');
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('khoa'));
      unknown.push(await time(`ai-do-${i}`));
    }
    // scrypt dominates (tens of ms); without the dummy check an unknown name answers in a few ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('who am I, and signing out', () => {
  it('When signed in, then /auth/me gives the user; without a valid session, 401 auth.required', async () => {
    const client = await loginAs(app.url, 'khoa', 'mat-khau-thu-nghiem-1');
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: { username: 'khoa', roles: ['viewer'], districts: [] } });

    const anonymous = await request(app.url, 'GET', '/api/v1/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ code: 'auth.required' });
    const forged = await request(app.url, 'GET', '/api/v1/auth/me', undefined, { cookie: `sid=${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
  });

  it('When the user signs out, then the session is deleted, the cookie cleared and the old cookie refused', async () => {
    const client = await loginAs(app.url, 'khoa', 'mat-khau-thu-nghiem-1');
    const out = await client.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('sid='))).toMatch(/^sid=;.*Expires=Thu, 01 Jan 1970/);
    expect(await Session.findById(sessionKey(tokenOf(client))).lean()).toBeNull();
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('idle expiry', () => {
  it('When a session has been idle past its limit, then it is refused and deleted', async () => {
    const client = await loginAs(app.url, 'khoa', 'mat-khau-thu-nghiem-1');
    const key = sessionKey(tokenOf(client));
    const stored = await Session.findById(key).lean();
    // The default limit is 120 minutes from the last request.
    expect(stored!.expiresAt.getTime() - stored!.lastSeenAt.getTime()).toBe(120 * 60_000);
    const past = (min: number) => new Date(Date.now() - min * 60_000);
    await Session.updateOne({ _id: key }, { $set: { createdAt: past(125), lastSeenAt: past(121), expiresAt: past(1) } });
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    expect(await Session.findById(key).lean()).toBeNull();
  });

  it('When the user keeps working, then each request (at most one write a minute) pushes the expiry back', async () => {
    const client = await loginAs(app.url, 'khoa', 'mat-khau-thu-nghiem-1');
    const key = sessionKey(tokenOf(client));
    const first = await Session.findById(key).lean();
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    // Within the minute: nothing written.
    expect((await Session.findById(key).lean())!.lastSeenAt).toEqual(first!.lastSeenAt);

    // Idle 119 minutes: one minute left; a request now gives it the full 120 minutes again.
    const soon = new Date(Date.now() + 60_000);
    await Session.updateOne({ _id: key }, { $set: { lastSeenAt: new Date(Date.now() - 119 * 60_000), expiresAt: soon } });
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    const slid = await Session.findById(key).lean();
    expect(slid!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 119 * 60_000);
  });
});

describe('throttling failed logins', () => {
  it('When one username failed 5 times in 15 minutes, then the 6th try is refused with 429 and Retry-After, even with the right password', async () => {
    await createStaff('thu.ha', ['designer']);
    for (let i = 0; i < 5; i++) expect((await loginFrom(newAddress(), 'thu.ha', 'sai-mat-khau-roi')).status).toBe(401);
    const refused = await loginFrom(newAddress(), 'thu.ha', 'mat-khau-thu-nghiem-1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'auth.throttled', detail: expect.stringMatching(/thử lại sau/) });
    expect(refused.headers.getSetCookie()).toEqual([]);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);

    // Ten minutes later the oldest failure leaves the window in about five minutes.
    for (const f of await LoginFailure.find({ key: 'user:thu.ha' }).lean())
      await LoginFailure.updateOne({ _id: f._id }, { $set: { at: new Date(f.at.getTime() - 600_000) } });
    const later = await loginFrom(newAddress(), 'thu.ha', 'mat-khau-thu-nghiem-1');
    expect(later.status).toBe(429);
    expect(Number(later.headers.get('retry-after'))).toBeGreaterThan(280);
    expect(Number(later.headers.get('retry-after'))).toBeLessThanOrEqual(300);

    // Past the 15 minutes: the right password works again.
    await LoginFailure.updateMany({ key: 'user:thu.ha' }, { $set: { at: new Date(Date.now() - 16 * 60_000) } });
    expect((await loginFrom(newAddress(), 'thu.ha', 'mat-khau-thu-nghiem-1')).status).toBe(200);
  });

  it('When one address failed 5 times with different usernames, then it is refused, while other addresses still sign in', async () => {
    const ip = newAddress();
    for (let i = 0; i < 5; i++) expect((await loginFrom(ip, `doan-ten-${i}`, 'sai-mat-khau-roi')).status).toBe(401);
    const refused = await loginFrom(ip, 'minh', 'mat-khau-thu-nghiem-1');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('auth.throttled');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(880);
    expect((await loginFrom(newAddress(), 'minh', 'mat-khau-thu-nghiem-1')).status).toBe(200);
  });

  it('When someone signs in successfully from an address, then its earlier failures still count', async () => {
    const ip = newAddress();
    for (let i = 0; i < 4; i++) expect((await loginFrom(ip, `khach-${i}`, 'sai-mat-khau-roi')).status).toBe(401);
    expect((await loginFrom(ip, 'minh', 'mat-khau-thu-nghiem-1')).status).toBe(200);
    expect((await loginFrom(ip, 'khach-9', 'sai-mat-khau-roi')).status).toBe(401);
    expect((await loginFrom(ip, 'minh', 'mat-khau-thu-nghiem-1')).status).toBe(429);
  });
});

describe('cross-site request forgery', () => {
  let client: StaffClient;
  beforeAll(async () => {
    client = await loginAs(app.url, 'boss', 'mat-khau-thu-nghiem-1');
  });
  const newUser = (username: string) =>
    JSON.stringify({ username, password: 'mat-khau-rat-dai-1', roles: ['viewer'] });
  const post = (username: string, headers: Record<string, string>) =>
    client.fetchRaw('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: newUser(username) });

  it.each([
    ['no Origin and no Referer', {}],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a foreign Referer and no Origin', { referer: 'https://evil.example/page' }],
    ['Origin "null"', { origin: 'null' }],
    ['the right host on another scheme', { origin: 'https://127.0.0.1' }],
  ])('When a state-changing request carries %s, then it is refused with 403 and nothing changes', async (_what, headers) => {
    const username = `csrf-${++n}`;
    const res = await post(username, headers);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'csrf.origin_mismatch' });
    expect((await client.get('/api/v1/users')).body.items.map((u: { username: string }) => u.username)).not.toContain(username);
  });

  it('When the Origin, or without it the Referer, is the app itself, then the request goes through', async () => {
    expect((await post('csrf-origin-ok', { origin: app.url })).status).toBe(201);
    expect((await post('csrf-referer-ok', { referer: `${app.url}/app/users` })).status).toBe(201);
  });

  it('When signing in from another site, then it is refused too', async () => {
    const res = await request(app.url, 'POST', '/api/v1/auth/login', { username: 'minh', password: 'mat-khau-thu-nghiem-1' }, {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('When a body is not sent as JSON, then it is refused with 415 (an HTML form cannot send JSON)', async () => {
    const res = await post('csrf-form', { origin: app.url, 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'request.unsupported_media_type' });
  });

  it('When a respondent submits from anywhere without Origin, then the public API does not ask for one', async () => {
    const res = await fetch(`${app.url}/api/v1/public/campaigns/khong-co/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    // Past the guard: the submission's own check answers (no campaign id in the body), not 403.
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'request.invalid' });
  });
});

describe('secrets at rest', () => {
  it('When accounts and sessions are stored, then neither passwords nor session tokens are in the database in clear', async () => {
    const password = 'mot-mat-khau-rat-rieng-tu';
    await createStaff('bi.mat', ['viewer'], { password });
    await loginFrom(newAddress(), 'bi.mat', 'mot-mat-khau-sai-rieng-tu');
    const client = await loginAs(app.url, 'bi.mat', password);
    const db = app.db.connection.db!;
    const user = await db.collection('users').findOne({ username: 'bi.mat' });
    expect(user!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/=]{44}$/);
    const dump = JSON.stringify(
      await Promise.all(['users', 'sessions', 'loginfailures', 'auditevents'].map((c) => db.collection(c).find().toArray())),
    );
    expect(dump).not.toContain(password);
    expect(dump).not.toContain('mot-mat-khau-sai-rieng-tu');
    expect(dump).not.toContain(tokenOf(client));
    expect(await db.collection('sessions').findOne({ _id: sessionKey(tokenOf(client)) as never })).toMatchObject({
      ip: '127.0.0.1',
      userAgent: expect.any(String),
    });
  });
});
