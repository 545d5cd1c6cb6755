// Starts the real app on port 0 against a fresh database of its own on the run's embedded database
// (see global-setup.ts), seeded with the demo questionnaire and campaign.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedIfEmpty } from '../../server/seed.ts';

export const rootDir = path.resolve(import.meta.dirname, '../..');

export interface TestApp {
  url: string;
  dbName: string;
  db: typeof mongoose;
  close(): Promise<void>;
}

export async function connectTestDatabase(): Promise<string> {
  const base = inject('mongoUri');
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  await mongoose.connect(base, { dbName, serverSelectionTimeoutMS: 10_000 });
  await mongoose.connection.syncIndexes();
  return dbName;
}

export async function startTestApp(
  opts: { seed?: boolean; now?: Date; surveysDir?: string; clientDir?: string } = {},
): Promise<TestApp> {
  const dbName = await connectTestDatabase();
  const logger = createLogger(process.env.TEST_LOG ?? 'silent');
  if (opts.seed !== false)
    await seedIfEmpty(
      { surveysDir: opts.surveysDir ?? path.join(rootDir, 'surveys'), openDays: 90, now: opts.now },
      logger,
    );
  const app = createApp({
    logger,
    engine: 'embedded',
    clientDir: opts.clientDir ?? path.join(rootDir, 'client', 'dist'),
    homeSlug: 'giua-nhiem-ky-2023',
    surveysDir: opts.surveysDir ?? path.join(rootDir, 'surveys'),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dbName,
    db: mongoose,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}
