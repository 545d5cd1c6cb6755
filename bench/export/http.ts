// End to end: the demo campaign on the embedded database filled with N synthetic demo responses, then
// GET /api/v1/campaigns/:slug/export timed over the real app as an analyst would download it.
// Prints one JSON line. Usage: http.ts N FORMATS (e.g. 100000 csv,xlsx)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { Campaign } from '../../server/campaigns/model.ts';
import { loadConfig } from '../../server/config.ts';
import { connectDatabase } from '../../server/db/connect.ts';
import { createLogger } from '../../server/logger.ts';
import { seedIfEmpty } from '../../server/seed.ts';
import { responses } from '../analysis/generate.ts';
import { memorySampler } from './measure.ts';
import { startStaffApp } from '../_staff-app.ts';

const N = Number(process.argv[2] ?? 100_000);
const FORMATS = (process.argv[3] ?? 'csv').split(',');
const SLUG = 'giua-nhiem-ky-2023';
const root = path.resolve(import.meta.dirname, '../..');
const config = loadConfig({ ...process.env, MONGODB_URI: undefined, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-')) });
const log = createLogger('warn');
const db = await connectDatabase(config, log);
await mongoose.connection.syncIndexes();
await seedIfEmpty({ surveysDir: path.join(root, 'surveys'), openDays: 90 }, log);
const campaign = (await Campaign.findOne({ slug: SLUG }).lean())!;

let t = performance.now();
const pool = [...responses(Math.min(N, 5000))];
const coll = mongoose.connection.collection('responses');
for (let i = 0; i < N; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, N - i) }, (_, j) => {
    const r = pool[(i + j) % pool.length];
    const stratum = { district: r.data.district as string, group: r.data.group as string };
    return {
      _id: randomUUID(), campaign: campaign._id, version: 1, submissionId: randomUUID(), answers: r.data, stratum,
      stratumKey: `${stratum.district}|${stratum.group}`, channel: 'phone', locale: 'vi', status: 'complete',
      completedAt: new Date(), durationSec: Math.round(r.durationSec ?? 0), receivedAt: new Date(), flags: [],
    };
  });
  await coll.insertMany(batch as never[], { ordered: false });
}
const fillSeconds = (performance.now() - t) / 1000;

const staffApp = await startStaffApp('analyst');
const { base, cookie } = staffApp;

const results = [];
for (const format of FORMATS) {
  const mem = memorySampler();
  t = performance.now();
  const res = await fetch(`${base}/api/v1/campaigns/${SLUG}/export?format=${format}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  let firstByte = 0;
  let bytes = 0;
  let newlines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!firstByte) firstByte = performance.now() - t;
    bytes += chunk.length;
    if (format !== 'xlsx') for (let k = 0; k < chunk.length; k++) if (chunk[k] === 10) newlines++;
  }
  const seconds = (performance.now() - t) / 1000;
  const m = mem.stop();
  results.push({ format, seconds, firstByteMs: firstByte, bytes, rows: format === 'csv' ? newlines - 1 : format === 'ndjson' ? newlines : null, peakMb: m.peakMb });
}
staffApp.close();
await db.close();
fs.rmSync(config.dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ n: N, fillSeconds, results }));
