// The pages people open: the respondent page at /s/:slug, the staff pages at /app/, compressed assets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-dist-'));
const js = 'console.log("xin chào");'.repeat(50);

beforeAll(async () => {
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'respondent.html'), '<html lang="vi">respondent</html>');
  fs.writeFileSync(path.join(clientDir, 'app.html'), '<html lang="vi">staff</html>');
  fs.writeFileSync(path.join(clientDir, 'assets/page-abc.js'), js);
  fs.writeFileSync(path.join(clientDir, 'assets/page-abc.js.br'), zlib.brotliCompressSync(js));
  fs.writeFileSync(path.join(clientDir, 'assets/page-abc.js.gz'), zlib.gzipSync(js));
  app = await startTestApp({ seed: false, clientDir });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

it('serves the respondent page for any campaign link and the staff page under /app/', async () => {
  const respondent = await fetch(`${app.url}/s/giua-nhiem-ky-2023`);
  expect(respondent.status).toBe(200);
  expect(await respondent.text()).toContain('respondent');
  expect(respondent.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await (await fetch(`${app.url}/app/campaigns/x`)).text()).toContain('staff');
});

it('sends the brotli copy of a script to a browser that accepts it, the plain file to one that does not', async () => {
  const br = await fetch(`${app.url}/assets/page-abc.js`, { headers: { 'accept-encoding': 'br' } });
  expect(br.headers.get('content-encoding')).toBe('br');
  expect(br.headers.get('content-type')).toMatch(/javascript/);
  expect(await br.text()).toBe(js); // fetch decodes it: the content is the script itself
  expect(br.headers.get('cache-control')).toContain('immutable');
  const plain = await fetch(`${app.url}/assets/page-abc.js`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers.get('content-encoding')).toBeNull();
  expect(await plain.text()).toBe(js);
});

it('leads / to the demo survey', async () => {
  const res = await fetch(`${app.url}/`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/s/giua-nhiem-ky-2023');
});
