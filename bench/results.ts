// The results API at 100,000 responses: the demo campaign filled with synthetic responses that answer a
// handful of its questions (inserted in batches as bench/progress.ts does), then topline and crosstab
// requests timed over the real app: the first (loads the cache), repeated ones, filtered ones, weighted
// ones, and the request after one more response arrived (incremental refresh). Targets: first a few
// seconds; repeated and filtered under 300 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { Campaign } from '../server/campaigns/model.ts';
import { cellKey } from '../server/campaigns/strata.ts';
import { countCompleted, rebuildCounts } from '../server/campaigns/tally.ts';
import { loadConfig } from '../server/config.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { createLogger } from '../server/logger.ts';
import { seedIfEmpty } from '../server/seed.ts';
import { localDay } from '../analysis/progress.ts';
import { generateResponses } from '../test/helpers/generate-responses.ts';
import { machineLine } from './_machine.ts';
import { startStaffApp } from './_staff-app.ts';

const N = Number(process.env.BENCH_RESPONSES ?? 100_000);
const REPEAT = 20;
const SLUG = 'giua-nhiem-ky-2023';
const root = path.resolve(import.meta.dirname, '..');
const config = loadConfig({ ...process.env, MONGODB_URI: undefined, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-')) });
const log = createLogger('warn');
const db = await connectDatabase(config, log);
await mongoose.connection.syncIndexes();
await seedIfEmpty({ surveysDir: path.join(root, 'surveys'), openDays: 90 }, log);
const campaign = (await Campaign.findOne({ slug: SLUG }).lean())!;
const variables = campaign.strata!.variables;
const cells = campaign.strata!.cells.map((c) => c.key as Record<string, string>);
const survey = JSON.parse(fs.readFileSync(path.join(root, 'surveys', SLUG, 'survey.json'), 'utf8'));

// A small deterministic generator, so that every run times the same data.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const CHANNELS = ['study_sessions', 'cell_meetings', 'mass_orgs', 'neighbourhood', 'tv_radio', 'print_press', 'online_press', 'social_media'];
function answers(key: Record<string, string>): Record<string, unknown> {
  const party = key.group === 'party-members' || rnd() < 0.2 ? 'yes' : 'no';
  const a: Record<string, unknown> = {
    ...key,
    gender: pick(['male', 'female']),
    age_group: pick([1, 2, 3, 4, 5]),
    party_member: party,
    awareness: Object.fromEntries(['nq13', 'nq22', 'nq_local', 'nq43', 'nq119'].map((r) => [r, 1 + Math.floor(rnd() * 5)])),
    info_channels: CHANNELS.filter(() => rnd() < 0.35),
    propaganda_rating: pick([1, 2, 3, 4, 4, 5, 5, 9]),
    life_change: pick([1, 2, 3, 3, 4, 4, 5]),
    safety_feeling: pick([1, 2, 3, 4, 5]),
  };
  if (party === 'yes') a.pm_study = pick([1, 2, 3]);
  return a;
}
const response = (key: Record<string, string>, receivedAt: Date) => ({
  _id: randomUUID(), campaign: campaign._id, version: 1, submissionId: randomUUID(), answers: answers(key),
  stratum: key, stratumKey: cellKey(key, variables), channel: 'phone', status: 'complete', receivedAt, flags: [],
});

console.log(machineLine());
let started = performance.now();
const responses = mongoose.connection.collection('responses');
for (let i = 0; i < N; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, N - i) }, (_, j) =>
    response(cells[(i + j) % cells.length], new Date(campaign.opensAt.getTime() + ((i + j) % 60) * 86_400_000)));
  await responses.insertMany(batch as never[], { ordered: false });
  if ((i / 1000) % 10 === 9) process.stdout.write(`\r${i + 1000} / ${N} responses inserted`);
}
console.log(`\n${N} responses inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
await rebuildCounts();

const staffApp = await startStaffApp('analyst');
const { base, cookie } = staffApp;

async function get(query: string): Promise<{ ms: number; n: number }> {
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/campaigns/${SLUG}/${query}`, { headers: { cookie } });
  const body = (await res.json()) as { n: number; detail?: string };
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${body.detail}`);
  return { ms, n: body.n };
}
async function time(label: string, query: string) {
  const first = await get(query);
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push((await get(query)).ms);
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  console.log(`${label.padEnd(46)} n=${String(first.n).padStart(6)}  first ${first.ms.toFixed(0).padStart(5)} ms  repeated p50 ${q(0.5)} ms, max ${q(1)} ms`);
  return first;
}

started = performance.now();
const full = await time('topline, unweighted (first loads the cache)', 'topline');
await time('topline, filter district:hai-chau', 'topline?filter=district:hai-chau');
await time('topline, filter gender:female;party_member:yes', 'topline?filter=gender:female;party_member:yes');
await time('topline, filter info_channels:social_media', 'topline?filter=info_channels:social_media');
await time('topline, weighted (raked to district margins)', 'topline?weighted=true');
await time('topline, weighted, filter group:residents', 'topline?weighted=true&filter=group:residents');
await time('crosstab life_change × district', 'crosstab?row=life_change&col=district');
await time('crosstab life_change × district, weighted', 'crosstab?row=life_change&col=district&weighted=true');

// One more response through this app's submission path: the next request must include it (appended to
// the cache in process, no database read). Then one stored and counted by another instance (inserted
// here directly): the next request reads what arrived since its last look.
const [valid] = await generateResponses(survey, 1, 7, 1);
const posted = await fetch(`${base}/api/v1/public/campaigns/${SLUG}/responses`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ submissionId: randomUUID(), answers: valid.answers }),
});
if (posted.status !== 201) throw new Error(`submission: ${posted.status} ${await posted.text()}`);
const after = await get('topline');
const again = await get('topline');
console.log(`topline after 1 new response via this app      n=${after.n} (was ${full.n}): ${after.ms.toFixed(0)} ms; the next one ${again.ms.toFixed(1)} ms`);
const key = cells[0];
await responses.insertOne(response(key, new Date()) as never);
countCompleted(campaign._id, cellKey(key, variables), localDay(new Date(), campaign.timezone ?? 'Asia/Ho_Chi_Minh'));
const elsewhere = await get('topline');
console.log(`topline after 1 stored by another instance      n=${elsewhere.n}: ${elsewhere.ms.toFixed(0)} ms (reads what arrived since the last look: ` +
  'a scan on the embedded database, which keeps no secondary index; an index range on MongoDB)');
console.log(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
console.log(machineLine());
if (full.n !== N || after.n !== N + 1 || elsewhere.n !== N + 2) {
  console.error(`expected ${N}, ${N + 1}, ${N + 2} responses, got ${full.n}, ${after.n}, ${elsewhere.n}`);
  process.exitCode = 1;
}
staffApp.close();
await db.close();
fs.rmSync(config.dataDir, { recursive: true, force: true });
