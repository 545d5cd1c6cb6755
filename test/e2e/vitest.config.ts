import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// Browser tests: the real app on port 0 against the embedded database (started once by the integration
// globalSetup), driven with Debian's Chromium through playwright-core. `npm run test:e2e` builds the
// client first; the tests refuse to run on a missing client/dist.
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // One browser and one app at a time: two shared cores, and the app uses the global mongoose connection.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
