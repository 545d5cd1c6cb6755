// Debian's Chromium (apt-get install -y chromium) driven by playwright-core, never a downloaded browser.
// Each test gets a fresh profile, so localStorage (the respondent's saved draft) starts empty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested, to prove nothing leaves our origin. */
  requests: string[];
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** A phone-sized browser (390×844 unless told) with a fresh profile. */
export async function openPhone(width = 390, height = 844): Promise<Phone> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`apt-get install -y chromium\``);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width, height },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    requests,
    problems,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Before a browser test: the built page it opens must exist (the test drives what `npm run build:client`
 * made, not the sources), and the folder its screenshots go to.
 */
export function prepareBrowserTest(page: 'app.html' | 'respondent.html', shotsDir: string): void {
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../../client/dist', page))) {
    throw new Error('client/dist is missing: run `npm run build:client` (npm run test:e2e does it for you)');
  }
  fs.mkdirSync(shotsDir, { recursive: true });
}
