// The real app on port 0 over the bench's database, with one staff account signed in: what the HTTP
// benchmarks (progress, results, export) share.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../server/app.ts';
import type { TRole } from '../server/contract/staff.ts';
import { createLogger } from '../server/logger.ts';
import { createUserAccount } from '../server/users/service.ts';

export interface StaffApp {
  base: string;
  /** The `sid=…` cookie of the signed-in account. */
  cookie: string;
  close(): void;
}

export async function startStaffApp(role: TRole): Promise<StaffApp> {
  const username = `bench-${role}`;
  const password = 'bench-password-1';
  await createUserAccount({ actor: null, ip: 'bench' }, { username, password, roles: [role], districts: [] });
  const root = path.resolve(import.meta.dirname, '..');
  const app = createApp({ logger: createLogger('silent'), engine: 'embedded', clientDir: path.join(root, 'client/dist') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`bench login failed: ${login.status}`);
  return {
    base,
    cookie: login.headers.getSetCookie()[0].split(';')[0],
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
