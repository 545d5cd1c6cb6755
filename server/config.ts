// The only reader of process.env: the app's settings, parsed and checked once.
import path from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z.string().url().optional(),
  DATA_DIR: z.string().default('data'),
  /** Where the embedded database's Maven build is cached (outside git). */
  DB_CACHE_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** Days the demo campaign stays open when seeded into a fresh database. */
  DEMO_OPEN_DAYS: z.coerce.number().int().min(1).default(90),
  /** A staff session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
});

export interface Config {
  port: number;
  host: string;
  mongodbUri?: string;
  dataDir: string;
  dbCacheDir: string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  production: boolean;
  demoOpenDays: number;
  sessionIdleMinutes: number;
  /** Project root (where package.json is). */
  rootDir: string;
}

const rootDir = path.resolve(import.meta.dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const home = env.HOME ?? rootDir;
  return {
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(rootDir, e.DATA_DIR),
    dbCacheDir: path.resolve(e.DB_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'danang-survey')),
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    demoOpenDays: e.DEMO_OPEN_DAYS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    rootDir,
  };
}
