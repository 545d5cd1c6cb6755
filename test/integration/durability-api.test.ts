// Every submission the app acknowledged survives a kill -9 of the embedded database: the app on port 0
// takes a burst of submissions, the database is killed right after the last 201, started again on the
// same files, and every response is there (and a retry of each is answered with its original id).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';
import { createLogger } from '../../server/logger.ts';
import { SurveyResponse } from '../../server/responses/model.ts';
import { seedIfEmpty } from '../../server/seed.ts';
import { rootDir } from '../helpers/app.ts';

const quiet = { info() {}, warn() {}, error() {} };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-durability-api-'));
const config = { ...loadConfig(), dataDir };
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const answers = (i: number) => ({
  district: i % 2 ? 'hai-chau' : 'hoa-vang',
  party_member: 'no',
  channels: ['tv'],
  awareness: { xiii: 1 + (i % 3), nq43: 2 },
  overall: i % 11,
});

it('When the database is killed with SIGKILL right after a burst of acknowledged submissions, then every one is found after a restart', async () => {
  const first = await startEmbeddedDatabase(config, quiet);
  await mongoose.connect(first.uri, { dbName: 'durability_api', maxPoolSize: 20 });
  await mongoose.connection.syncIndexes();
  const logger = createLogger('silent');
  await seedIfEmpty({ surveysDir: path.join(rootDir, 'test/fixtures/surveys'), openDays: 90 }, logger);
  const server = createApp({ logger, engine: 'embedded', clientDir: dataDir }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/public/campaigns/mini/responses`;

  const acknowledged = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < 300) {
        const submissionId = randomUUID();
        const i = next++;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ submissionId, answers: answers(i) }),
        });
        if (res.status === 201) acknowledged.set(submissionId, (await res.json()).id);
      }
    }),
  );
  process.kill(first.pid, 'SIGKILL');
  expect(acknowledged.size).toBe(300);
  server.closeAllConnections();
  server.close();
  await mongoose.disconnect().catch(() => undefined);
  await first.stop().catch(() => undefined);

  const second = await startEmbeddedDatabase(config, quiet);
  try {
    await mongoose.connect(second.uri, { dbName: 'durability_api' });
    const stored = await SurveyResponse.find({}, { _id: 1, submissionId: 1 }).lean();
    expect(stored).toHaveLength(300);
    expect(new Map(stored.map((r) => [r.submissionId, String(r._id)]))).toEqual(acknowledged);
  } finally {
    await mongoose.disconnect();
    await second.stop();
  }
});
