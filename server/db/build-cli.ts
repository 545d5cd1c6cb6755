// `npm run db:build`: builds the embedded database's launcher ahead of time (CI, Docker images), so the
// first `npm start` or test run does not wait for Maven.
import { loadConfig } from '../config.ts';
import { ensureEmbeddedBuilt } from './embedded.ts';

const log = { info: console.log, warn: console.warn, error: console.error };

try {
  const dir = await ensureEmbeddedBuilt(loadConfig(), log);
  console.log(`The embedded database is built: ${dir}`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
