// Staff accounts and signed-in HTTP clients for integration tests. createStaff calls the service directly
// (the test process shares mongoose with startTestApp); loginAs signs in over HTTP like the staff pages.
import type { TRole } from '../../server/contract/staff.ts';
import { createUserAccount } from '../../server/users/service.ts';

export const DEFAULT_PASSWORD = 'mat-khau-thu-nghiem-1';

export async function createStaff(
  username: string,
  roles: TRole[],
  opts: { password?: string; districts?: string[]; displayName?: string } = {},
): Promise<{ username: string; password: string }> {
  const password = opts.password ?? DEFAULT_PASSWORD;
  await createUserAccount(
    { actor: null, ip: 'test' },
    { username, password, roles, districts: opts.districts ?? [], displayName: opts.displayName },
  );
  return { username, password };
}

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the reply is JSON (problem+json included), the text otherwise, null when empty. */
  body: any;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  const json = /[/+]json\b/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, body: text ? (json ? JSON.parse(text) : text) : null };
}

/** fetch against the app with the Origin a same-origin browser page would send, and JSON bodies. */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      origin: baseUrl,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return reply(res);
}

export interface StaffClient {
  username: string;
  /** The `sid=…` pair this client sends. */
  cookie: string;
  get(path: string): Promise<Reply>;
  post(path: string, body?: unknown): Promise<Reply>;
  put(path: string, body?: unknown): Promise<Reply>;
  patch(path: string, body?: unknown): Promise<Reply>;
  del(path: string, body?: unknown): Promise<Reply>;
  /** Any request with this client's cookie and exactly the headers given (no Origin added). */
  fetchRaw(path: string, init?: RequestInit): Promise<Response>;
}

/** Signs in over HTTP (throws unless 200) and returns a client that sends the session cookie. */
export async function loginAs(baseUrl: string, username: string, password: string): Promise<StaffClient> {
  const res = await request(baseUrl, 'POST', '/api/v1/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='));
  if (!setCookie) throw new Error('login set no sid cookie');
  const cookie = setCookie.split(';')[0];
  const call = (method: string) => (path: string, body?: unknown) =>
    request(baseUrl, method, path, body, { cookie });
  return {
    username,
    cookie,
    get: (path) => call('GET')(path),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    del: call('DELETE'),
    fetchRaw: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }),
  };
}
