// The cockpit's progress endpoint at 100,000 responses: the demo campaign filled with synthetic
// responses (inserted in batches, then counters rebuilt once, as `npm run counts:rebuild` does), then
// GET /api/v1/campaigns/:slug/progress timed over the real app. Target: under 200 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { Campaign } from '../server/campaigns/model.ts';
import { cellKey } from '../server/campaigns/strata.ts';
import { rebuildCounts } from '../server/campaigns/tally.ts';
import { loadConfig } from '../server/config.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { createLogger } from '../server/logger.ts';
import { seedIfEmpty } from '../server/seed.ts';
import { machineLine } from './_machine.ts';
import { startStaffApp } from './_staff-app.ts';

const N = Number(process.env.BENCH_RESPONSES ?? 100_000);
const REQUESTS = 50;
const root = path.resolve(import.meta.dirname, '..');
const config = loadConfig({ ...process.env, MONGODB_URI: undefined, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-progress-')) });
const log = createLogger('warn');
const db = await connectDatabase(config, log);
await mongoose.connection.syncIndexes();
await seedIfEmpty({ surveysDir: path.join(root, 'surveys'), openDays: 90 }, log);
const campaign = (await Campaign.findOne({ slug: 'giua-nhiem-ky-2023' }).lean())!;
const variables = campaign.strata!.variables;
const cells = campaign.strata!.cells.map((c) => c.key as Record<string, string>);

console.log(machineLine());
let started = performance.now();
const answers = Object.fromEntries(Array.from({ length: 48 }, (_, k) => [`q${k}`, (k % 5) + 1]));
const responses = mongoose.connection.collection('responses');
for (let i = 0; i < N; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, N - i) }, (_, j) => {
    const key = cells[(i + j) % cells.length];
    const receivedAt = new Date(campaign.opensAt.getTime() + ((i + j) % 60) * 86_400_000);
    return {
      _id: randomUUID(), campaign: campaign._id, version: 1, submissionId: randomUUID(), answers: { ...answers, ...key },
      stratum: key, stratumKey: cellKey(key, variables), channel: 'phone', status: 'complete', receivedAt, flags: [],
    };
  });
  await responses.insertMany(batch as never[], { ordered: false });
  if ((i / 1000) % 10 === 9) process.stdout.write(`\r${i + 1000} / ${N} responses inserted`);
}
console.log(`\n${N} responses inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
started = performance.now();
const rebuilt = await rebuildCounts();
console.log(`counters rebuilt from the responses (counts:rebuild): ${rebuilt} cells in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const staffApp = await startStaffApp('fieldwork');
const { base, cookie } = staffApp;
const times: number[] = [];
let total = 0;
for (let i = 0; i < REQUESTS; i++) {
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/campaigns/giua-nhiem-ky-2023/progress`, { headers: { cookie } });
  const body = (await res.json()) as { total: { completed: number } };
  times.push(performance.now() - t);
  total = body.total.completed;
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
console.log(`GET progress at ${total} responses (${cells.length} cells), ${REQUESTS} requests: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms (target < 200 ms)`);
if (total !== N) {
  console.error(`progress counted ${total}, expected ${N}`);
  process.exitCode = 1;
}
staffApp.close();
await db.close();
fs.rmSync(config.dataDir, { recursive: true, force: true });
