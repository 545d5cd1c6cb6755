// When the database is unreachable, health says so with 503 instead of pretending.
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
});
afterAll(async () => app?.close());

it('When the database connection is gone, then health answers 503 with db.ok false', async () => {
  expect((await fetch(`${app.url}/api/v1/health`)).status).toBe(200);
  await mongoose.disconnect();
  const res = await fetch(`${app.url}/api/v1/health`);
  expect(res.status).toBe(503);
  expect(await res.json()).toMatchObject({ db: { ok: false, engine: 'embedded' } });
});
