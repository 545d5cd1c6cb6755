// The embedded database alone: the operations a submission makes, 20 concurrent clients, so a slow
// submission benchmark can be read as database or app time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Campaign, StratumCount } from '../server/campaigns/model.ts';
import { loadConfig } from '../server/config.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { createLogger } from '../server/logger.ts';
import { SurveyResponse } from '../server/responses/model.ts';
import { machineLine } from './_machine.ts';

const CLIENTS = 20;
const config = loadConfig({ ...process.env, MONGODB_URI: undefined, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-')) });
const db = await connectDatabase(config, createLogger('warn'));
await mongoose.connection.syncIndexes();
const campaign = new mongoose.Types.ObjectId();
const answers = Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`q${k}`, (k % 5) + 1]));

async function rate(name: string, n: number, op: (i: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < n) await op(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(42)} ${(n / seconds).toFixed(0).padStart(6)}/s`);
}

console.log(machineLine());
console.log(`embedded database, ${CLIENTS} concurrent clients, load average ${os.loadavg()[0].toFixed(1)}`);
await rate('insert a 50-answer response', 2000, (i) =>
  new SurveyResponse({ campaign, version: 1, submissionId: `s${i}`, answers, channel: 'phone', receivedAt: new Date() }).save(),
);
await rate('count it in its cell (findOneAndUpdate $inc)', 2000, (i) =>
  StratumCount.findOneAndUpdate({ campaign, key: `k${i % 35}` }, { $inc: { completed: 1 } }, { upsert: true }).lean(),
);
await rate('find a campaign by slug', 3000, () => Campaign.findOne({ slug: 'x' }).lean());
await rate('find a response by submissionId', 3000, (i) =>
  SurveyResponse.findOne({ campaign, submissionId: `s${i % 2000}` }, { _id: 1 }).lean(),
);
await db.close();
fs.rmSync(config.dataDir, { recursive: true, force: true });
