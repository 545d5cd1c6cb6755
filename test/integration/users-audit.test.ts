// The admin's users API, the audit log and the `user:create` command, over HTTP against the real app.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ROLES, type TRole } from '../../server/contract/staff.ts';
import { User } from '../../server/users/model.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
let admin: StaffClient;
const PW = 'mat-khau-thu-nghiem-1';

beforeAll(async () => {
  app = await startTestApp({ seed: false });
  await createStaff('boss', ['admin']);
  admin = await loginAs(app.url, 'boss', PW);
});
afterAll(async () => app?.close());

describe('who may use the users and audit API', () => {
  const others = ROLES.filter((r) => r !== 'admin');
  const clients = new Map<TRole, StaffClient>();
  beforeAll(async () => {
    for (const role of others) {
      await createStaff(`role-${role}`, [role]);
      clients.set(role, await loginAs(app.url, `role-${role}`, PW));
    }
  });

  it('When an admin asks, then users and audit answer 200', async () => {
    expect((await admin.get('/api/v1/users')).status).toBe(200);
    expect((await admin.get('/api/v1/audit')).status).toBe(200);
  });

  it.each(others)('When a %s asks, then every users and audit route answers 403 auth.forbidden', async (role) => {
    const client = clients.get(role)!;
    const replies = [
      await client.get('/api/v1/users'),
      await client.post('/api/v1/users', { username: `by-${role}`, password: 'mat-khau-rat-dai-1', roles: ['admin'] }),
      await client.patch(`/api/v1/users/role-${role}`, { roles: ['admin'] }),
      await client.get('/api/v1/audit'),
    ];
    for (const res of replies) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'auth.forbidden' });
    }
    expect(await User.findOne({ username: `by-${role}` }).lean()).toBeNull();
    expect((await User.findOne({ username: `role-${role}` }).lean())!.roles).toEqual([role]);
  });

  it('When nobody is signed in, then they answer 401 auth.required', async () => {
    for (const [method, path] of [['GET', '/api/v1/users'], ['POST', '/api/v1/users'], ['PATCH', '/api/v1/users/boss'], ['GET', '/api/v1/audit']]) {
      const res = await request(app.url, method, path, method === 'GET' ? undefined : {});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.required');
    }
  });
});

describe('managing accounts', () => {
  it('When an admin creates a user, then it is listed and can sign in with its roles and districts', async () => {
    const res = await admin.post('/api/v1/users', {
      username: 'Tuan.Le',
      password: 'mat-khau-cua-tuan',
      displayName: 'Lê Văn Tuấn',
      roles: ['fieldwork'],
      districts: ['lien-chieu'],
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      username: 'tuan.le',
      displayName: 'Lê Văn Tuấn',
      roles: ['fieldwork'],
      districts: ['lien-chieu'],
      disabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const list = await admin.get('/api/v1/users');
    expect(list.body.items).toContainEqual(expect.objectContaining({ username: 'tuan.le', disabled: false }));
    expect(list.body.items.every((u: object) => !('passwordHash' in u) && !('password' in u))).toBe(true);
    const tuan = await loginAs(app.url, 'tuan.le', 'mat-khau-cua-tuan');
    expect((await tuan.get('/api/v1/auth/me')).body.user.districts).toEqual(['lien-chieu']);
    const after = (await admin.get('/api/v1/users')).body.items.find((u: { username: string }) => u.username === 'tuan.le');
    expect(Date.parse(after.lastLoginAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('When the username is taken, then 409 user.exists and the first account is untouched', async () => {
    const res = await admin.post('/api/v1/users', { username: 'boss', password: 'mat-khau-khac-han', roles: ['viewer'] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('user.exists');
    expect((await User.findOne({ username: 'boss' }).lean())!.roles).toEqual(['admin']);
  });

  it.each([
    ['a short password', { username: 'ngan', password: 'ngan', roles: ['viewer'] }, 'password'],
    ['an unknown role', { username: 'la-vai', password: 'mat-khau-rat-dai-1', roles: ['root'] }, 'roles.0'],
    ['a field a client may not set', { username: 'la-hai', password: 'mat-khau-rat-dai-1', roles: ['viewer'], disabled: false }, ''],
    ['a bad username', { username: 'a b', password: 'mat-khau-rat-dai-1', roles: ['viewer'] }, 'username'],
  ])('When the body has %s, then 422 lists the issue and nothing is created', async (_what, body, path) => {
    const res = await admin.post('/api/v1/users', body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toContainEqual({ path, message: expect.any(String) });
    expect(await User.findOne({ username: String(body.username).toLowerCase() }).lean()).toBeNull();
  });

  it('When roles change, then the signed-in user has the new roles on the next request', async () => {
    await createStaff('doi.vai', ['viewer']);
    const client = await loginAs(app.url, 'doi.vai', PW);
    const res = await admin.patch('/api/v1/users/doi.vai', { roles: ['analyst', 'designer'], displayName: 'Đổi Vai' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ roles: ['analyst', 'designer'], displayName: 'Đổi Vai' });
    expect((await client.get('/api/v1/auth/me')).body.user.roles).toEqual(['analyst', 'designer']);
  });

  it('When the password is changed, then the old sessions end and only the new password signs in', async () => {
    await createStaff('doi.mk', ['viewer']);
    const client = await loginAs(app.url, 'doi.mk', PW);
    expect((await admin.patch('/api/v1/users/doi.mk', { password: 'mat-khau-moi-hoan-toan' })).status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    await expect(loginAs(app.url, 'doi.mk', PW)).rejects.toThrow(/401/);
    expect((await (await loginAs(app.url, 'doi.mk', 'mat-khau-moi-hoan-toan')).get('/api/v1/auth/me')).status).toBe(200);
  });

  it('When a user is disabled, then their sessions end and they cannot sign in until enabled again', async () => {
    await createStaff('tam.nghi', ['analyst']);
    const client = await loginAs(app.url, 'tam.nghi', PW);
    const res = await admin.patch('/api/v1/users/tam.nghi', { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.user.disabled).toBe(true);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
    await expect(loginAs(app.url, 'tam.nghi', PW)).rejects.toThrow(/401/);
    expect((await admin.patch('/api/v1/users/tam.nghi', { disabled: false })).status).toBe(200);
    expect((await (await loginAs(app.url, 'tam.nghi', PW)).get('/api/v1/auth/me')).status).toBe(200);
  });

  it('When the user does not exist, then 404 user.not_found; when the patch is bad, 422 and nothing changes', async () => {
    const missing = await admin.patch('/api/v1/users/khong-co-ai', { disabled: true });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('user.not_found');
    const bad = await admin.patch('/api/v1/users/boss', { roles: [], username: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['roles']));
    expect((await User.findOne({ username: 'boss' }).lean())!.roles).toEqual(['admin']);
  });

  it('When the last active admin would lose the role or be disabled, then 409 user.last_admin', async () => {
    for (const patch of [{ roles: ['viewer'] }, { disabled: true }]) {
      const res = await admin.patch('/api/v1/users/boss', patch);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('user.last_admin');
    }
    expect(await User.findOne({ username: 'boss' }).lean()).toMatchObject({ roles: ['admin'], disabled: false });
    // With a second admin, either of them may step down.
    expect((await admin.post('/api/v1/users', { username: 'pho.boss', password: 'mat-khau-rat-dai-1', roles: ['admin'] })).status).toBe(201);
    expect((await admin.patch('/api/v1/users/pho.boss', { disabled: true })).status).toBe(200);
    expect((await admin.patch('/api/v1/users/boss', { roles: ['viewer'] })).status).toBe(409);
  });
});

describe('the audit log', () => {
  beforeAll(async () => {
    await createStaff('nhat.ky', ['viewer']);
    const client = await loginAs(app.url, 'nhat.ky', PW);
    await client.post('/api/v1/auth/logout');
    await request(app.url, 'POST', '/api/v1/auth/login', { username: 'nhat.ky', password: 'sai-mat-khau-roi' }, {
      'x-forwarded-for': '198.51.100.7',
    });
    await admin.patch('/api/v1/users/nhat.ky', { password: 'mat-khau-moi-cua-nhat', roles: ['analyst'] });
  });
  const audit = async (query: string) => {
    const res = await admin.get(`/api/v1/audit${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: any[]; next?: string };
  };

  it('When people sign in, fail, sign out and accounts change, then each is recorded with who, what and where', async () => {
    const { items } = await audit('?objectId=nhat.ky');
    expect(items.map((e) => e.action)).toEqual(['user.update', 'auth.login_failed', 'auth.logout', 'auth.login', 'user.create']);
    const [update, failed, logout, login] = items;
    expect(update).toMatchObject({ actor: 'boss', ip: '127.0.0.1', object: { type: 'user', id: 'nhat.ky' } });
    expect(update.details).toEqual({ roles: ['analyst'], passwordChanged: true });
    expect(JSON.stringify(items)).not.toContain('mat-khau');
    expect(failed).toMatchObject({ actor: null, ip: '198.51.100.7', details: { username: 'nhat.ky' } });
    expect(logout).toMatchObject({ actor: 'nhat.ky', object: { type: 'user', id: 'nhat.ky' } });
    expect(login).toMatchObject({ actor: 'nhat.ky', ip: '127.0.0.1' });
    expect(Date.parse(login.at)).toBeLessThanOrEqual(Date.parse(logout.at));
  });

  it('When filtered by actor, action (exact or prefix*) or object type, then only matching entries come, newest first', async () => {
    const byBoss = await audit('?actor=boss');
    expect(byBoss.items.length).toBeGreaterThan(3);
    expect(byBoss.items.every((e) => e.actor === 'boss')).toBe(true);
    const userActions = await audit('?action=user.*');
    expect(new Set(userActions.items.map((e) => e.action))).toEqual(new Set(['user.create', 'user.update']));
    const creates = await audit('?action=user.create&objectType=user');
    expect(creates.items.length).toBeGreaterThan(0);
    expect(creates.items.every((e) => e.action === 'user.create')).toBe(true);
    expect((await audit('?action=user')).items).toEqual([]);
    expect((await audit('?objectType=survey')).items).toEqual([]);
    const times = userActions.items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('When filtered by time, then only entries in [from, to] come', async () => {
    const all = (await audit('?limit=500')).items;
    const middle = all[Math.floor(all.length / 2)].at;
    const from = (await audit(`?from=${encodeURIComponent(middle)}&limit=500`)).items;
    const to = (await audit(`?to=${encodeURIComponent(middle)}&limit=500`)).items;
    expect(from.length).toBeGreaterThan(0);
    expect(from.every((e) => e.at >= middle)).toBe(true);
    expect(to.every((e) => e.at <= middle)).toBe(true);
    expect(from.length + to.length).toBeGreaterThanOrEqual(all.length);
    expect((await audit(`?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).items).toEqual([]);
  });

  it('When paging with limit and the next cursor, then every entry comes exactly once, in order', async () => {
    const all = (await audit('?limit=500')).items.map((e) => e.id);
    const seen: string[] = [];
    let query = '?limit=3';
    for (;;) {
      const page = await audit(query);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      if (!page.next) break;
      query = `?limit=3&before=${page.next}`;
    }
    expect(seen).toEqual(all);
  });

  it('When the query is bad, then 422 (limit over 500, a date that is not ISO) or 400 (a forged cursor)', async () => {
    expect((await admin.get('/api/v1/audit?limit=501')).status).toBe(422);
    expect((await admin.get('/api/v1/audit?from=hom-qua')).status).toBe(422);
    expect((await admin.get('/api/v1/audit?before=xyz')).body.code).toBe('audit.bad_cursor');
  });
});

describe('npm run user:create', () => {
  const mongoUri = () => {
    const url = new URL(inject('mongoUri'));
    url.pathname = `/${app.dbName}`;
    return url.toString();
  };
  const run = (args: string[], stdin: string, env: NodeJS.ProcessEnv = { MONGODB_URI: mongoUri() }) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'user:create', '--', ...args], {
        cwd: rootDir,
        env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('When given a username, roles and a piped password, then it creates an account that signs in', async () => {
    const res = await run(['--username', 'Chi.Huy', '--role', 'admin', '--roles', 'analyst', '--districts', 'hai-chau,thanh-khe', '--display-name', 'Chỉ Huy'], 'mat-khau-tu-dong-lenh\n');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(res.stdout).toContain('chi.huy');
    expect(res.stdout + res.stderr).not.toContain('mat-khau-tu-dong-lenh');
    const me = await (await loginAs(app.url, 'chi.huy', 'mat-khau-tu-dong-lenh')).get('/api/v1/auth/me');
    expect(me.body.user).toEqual({ username: 'chi.huy', displayName: 'Chỉ Huy', roles: ['admin', 'analyst'], districts: ['hai-chau', 'thanh-khe'] });
  });

  it('When the user exists, the input is bad or no password comes, then it explains and exits 1', async () => {
    const [exists, badRole, noRole, shortPw] = await Promise.all([
      run(['--username', 'chi.huy', '--role', 'viewer'], 'mat-khau-khac-nua\n'),
      run(['--username', 'ai-do', '--role', 'root'], 'mat-khau-rat-dai-1\n'),
      run(['--username', 'ai-do'], 'mat-khau-rat-dai-1\n'),
      run(['--username', 'ai-do', '--role', 'viewer'], 'ngan\n'),
    ]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/đã được dùng/);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/roles/);
    expect(noRole.code).toBe(1);
    expect(noRole.stderr).toMatch(/--role/);
    expect(shortPw.code).toBe(1);
    expect(shortPw.stderr).toMatch(/password/);
    expect(await User.findOne({ username: 'ai-do' }).lean()).toBeNull();
  });

  it('When run with --update, then it resets the password and roles of an existing account', async () => {
    const res = await run(['--username', 'chi.huy', '--update', '--role', 'viewer'], 'mat-khau-sau-khi-dat-lai\n');
    expect(res.code).toBe(0);
    await expect(loginAs(app.url, 'chi.huy', 'mat-khau-tu-dong-lenh')).rejects.toThrow(/401/);
    const me = await (await loginAs(app.url, 'chi.huy', 'mat-khau-sau-khi-dat-lai')).get('/api/v1/auth/me');
    expect(me.body.user.roles).toEqual(['viewer']);
    const missing = await run(['--username', 'khong-co-ai', '--update'], 'mat-khau-rat-dai-1\n');
    expect(missing.code).toBe(1);
  });

  /** The launcher of this run's embedded database: the process whose pid file names our port. */
  function runningLauncher(): { pid: number; port: number } | null {
    const port = Number(new URL(inject('mongoUri')).port);
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (!args.some((a) => a.endsWith('EmbeddedMongo'))) continue;
        const dbFile = args.filter(Boolean).at(-1)!;
        const info = JSON.parse(fs.readFileSync(path.join(path.dirname(dbFile), 'embedded-db.json'), 'utf8'));
        if (info.port === port) return { pid: Number(pid), port };
      } catch {
        // gone, or not ours
      }
    }
    return null;
  }

  it.skipIf(!!process.env.MONGODB_URI || !fs.existsSync('/proc/self'))(
    'When `npm start` already runs the embedded database of DATA_DIR, then it uses that one instead of starting another',
    async () => {
      const launcher = runningLauncher();
      expect(launcher).not.toBeNull();
      // A DATA_DIR whose pid file says a live launcher serves it, as `npm start` leaves it while running.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-cli-'));
      fs.writeFileSync(path.join(dataDir, 'embedded-db.json'), JSON.stringify({ ...launcher, owner: process.pid }));
      const shared = app.db.connection.useDb('danang-survey', { useCache: false }).collection('users');
      try {
        const res = await run(['--username', 'qua-may-dang-chay', '--role', 'viewer'], 'mat-khau-rat-dai-1\n', {
          MONGODB_URI: undefined,
          DATA_DIR: dataDir,
        });
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
        expect(await shared.findOne({ username: 'qua-may-dang-chay' })).toMatchObject({ roles: ['viewer'] });
        expect(fs.readdirSync(dataDir)).toEqual(['embedded-db.json']); // no database of its own
      } finally {
        await shared.deleteOne({ username: 'qua-may-dang-chay' });
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
