// One phase of bench/export.ts in its own process (so its peak memory is its own); prints one JSON line.
//   csv|xlsx|sav N POOL   the export writers fed N synthetic demo responses from an in-process object stream
//   generate N POOL   the same stream alone (what feeding costs, to subtract)
// The demo generator costs ~100 µs a response, more than the export: like bench/analysis.ts, POOL
// distinct responses are generated first (not timed) and the stream cycles through them with new ids.
import { Readable } from 'node:stream';
import { ExportLayout, type ExportRecord } from '../../server/exports/layout.ts';
import { streamRows } from '../../server/exports/service.ts';
import { responses, survey } from '../analysis/generate.ts';
import { CountingSink, memorySampler } from './measure.ts';

const [what, nArg, poolArg] = process.argv.slice(2);
const N = Number(nArg);
const POOL = Math.min(N, Number(poolArg ?? 20_000));
const poolStarted = performance.now();
const pool = [...responses(POOL)];
const poolSeconds = (performance.now() - poolStarted) / 1000;

/** The demo generator as an object stream of stored-response records. */
function source(n: number, onRow: (i: number) => void): AsyncIterable<ExportRecord> {
  const quarter = Math.ceil(n / 4);
  const gen = function* () {
    for (let i = 0; i < n; i++) {
      if ((i + 1) % quarter === 0) onRow(i + 1);
      const r = pool[i % POOL];
      yield { id: String(i), answers: r.data, weight: r.weight, version: 1, channel: 'phone', locale: 'vi', durationSec: Math.round(r.durationSec ?? 0), flags: [] } as ExportRecord;
    }
  };
  return Readable.from(gen(), { objectMode: true, highWaterMark: 256 });
}

const mem = memorySampler();
mem.mark(0); // before streaming: imports and the pool
const started = performance.now();
const cpu = process.cpuUsage();
let rows = 0;
let bytes = 0;
if (what === 'generate') {
  for await (const _r of source(N, (i) => mem.mark(i))) rows++;
} else if (what === 'csv' || what === 'xlsx' || what === 'sav') {
  const layout = new ExportLayout(survey, { locale: 'vi', weight: true });
  const sink = new CountingSink();
  rows = await streamRows(what, layout, source(N, (i) => mem.mark(i)), sink, { labels: 'codes', locale: 'vi' });
  if (what !== 'xlsx') sink.end();
  await new Promise((r) => (sink.writableFinished ? r(null) : sink.once('finish', r)));
  bytes = sink.bytes;
} else throw new Error(`unknown phase ${what}`);
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const m = mem.stop();
const cpuSeconds = (used.user + used.system) / 1e6;
console.log(JSON.stringify({ what, rows, bytes, seconds, cpuSeconds, pool: POOL, poolSeconds, peakMb: m.peakMb, marks: m.marks }));
