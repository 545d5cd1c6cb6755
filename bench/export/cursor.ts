// Which read of the responses the embedded database streams fastest (the export's cursor): the export's
// filter in the query, or only the campaign in the query and the rest checked in the app.
// Usage: cursor.ts N
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config.ts';
import { connectDatabase } from '../../server/db/connect.ts';
import { createLogger } from '../../server/logger.ts';
import { exportFilter } from '../../server/exports/repository.ts';
import { responses } from '../analysis/generate.ts';

const N = Number(process.argv[2] ?? 20_000);
const config = loadConfig({ ...process.env, MONGODB_URI: undefined, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cursor-')) });
const db = await connectDatabase(config, createLogger('warn'));
const coll = mongoose.connection.collection('responses');
await coll.createIndex({ campaign: 1, submissionId: 1 }, { unique: true });
const campaign = new mongoose.Types.ObjectId();
const pool = [...responses(Math.min(N, 5000))];
for (let i = 0; i < N; i += 1000)
  await coll.insertMany(Array.from({ length: Math.min(1000, N - i) }, (_, j) => ({
    _id: randomUUID() as never, campaign, version: 1, submissionId: randomUUID(), answers: pool[(i + j) % pool.length].data,
    channel: 'phone', status: 'complete', receivedAt: new Date(), flags: [],
  })));
for (const [name, filter, batchSize] of [
  ['export filter, batch 1000', exportFilter(campaign), 1000],
  ['campaign only, batch 1000', { campaign }, 1000],
  ['campaign only, batch 10000', { campaign }, 10000],
] as const) {
  const t = performance.now();
  let first = 0;
  let n = 0;
  for await (const _d of coll.find(filter as never, { batchSize })) if (!n++) first = performance.now() - t;
  console.log(`${name}: ${n} docs in ${((performance.now() - t) / 1000).toFixed(1)} s, first after ${(first / 1000).toFixed(1)} s`);
}
await db.close();
fs.rmSync(config.dataDir, { recursive: true, force: true });
