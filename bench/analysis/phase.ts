// One benchmark phase in its own process, so its peak memory (maxRSS) is its own. Prints one JSON line.
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { absorb, TabulationSnapshot } from '../../analysis/partition.js';
import { responses, survey, toplineOptions } from './generate.js';
import { Tabulation, tabulate, TabulateResponse } from '../../analysis/tabulate.js';
import { svyDesign } from '../../analysis/design.js';
import { rake } from '../../analysis/weights.js';
import { svyProportions } from '../../analysis/estimates.js';
import { crosstab } from '../../analysis/crosstab.js';
import { readQuestionnaire } from '../../analysis/questionnaire.js';
import { sampleColumns } from './columns.js';

const [phase, nArg, poolArg] = process.argv.slice(2);
const n = Number(nArg);
const rssMB = () => process.memoryUsage().rss / 2 ** 20;
const peakMB = () => process.resourceUsage().maxRSS / 1024;
const out = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
/** CPU seconds of this process since `from`: under a shared, loaded machine, wall time alone misleads. */
const cpuMs = (from: NodeJS.CpuUsage) => { const c = process.cpuUsage(from); return (c.user + c.system) / 1000; };

if (phase === 'topline' && Number(process.env.BENCH_WORKERS ?? 1) > 1) {
  // The stream partitioned across worker threads, each with its own copy of the pool (built before the
  // clock starts); timed: from 'go' to the merged topline, snapshots' transfer and the merge included.
  const workers = Number(process.env.BENCH_WORKERS);
  // A worker's entry file is not passed through tsx's hooks (Node 20): register them, then import it.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./topline-worker.ts', import.meta.url).href)}); })`;
  // The workers claim the stream's records a batch at a time from this shared counter (topline-worker.ts).
  const next = new SharedArrayBuffer(4);
  const ws = Array.from({ length: workers }, () => new Worker(boot, { eval: true, workerData: { n, pool: Number(poolArg), next } }));
  await Promise.all(ws.map((w) => new Promise((ok) => w.once('message', ok))));
  const load = os.loadavg()[0];
  const t0 = performance.now();
  const c0 = process.cpuUsage(); // the process: all threads
  // Each part is added in as it arrives (analysis/partition.ts absorb, what mergeParts does), so the first
  // is merged while the other worker finishes.
  const merged = new Tabulation(survey, toplineOptions());
  const built = merged.design.columns;
  await Promise.all(ws.map((w) => new Promise<void>((ok) => {
    w.once('message', (part: TabulationSnapshot) => { absorb(merged, part, built); ok(); });
    w.postMessage('go');
  })));
  const top = merged.result();
  const ms = performance.now() - t0;
  const cpu = cpuMs(c0);
  await Promise.all(ws.map((w) => w.terminate()));
  const q = top.questions.find((x) => x.name === 'propaganda_rating') as any;
  out({ phase, n, workers, quality: top.quality !== null, ms, cpuMs: cpu, load: [load, os.loadavg()[0]], pool: Number(poolArg), baselineRssMB: rssMB(), peakRssMB: peakMB(),
    questions: top.questions.length, indices: top.indices.length, design: top.design,
    sample: { question: 'propaganda_rating', level: q.levels[3].value, estimate: q.levels[3].estimate, se: q.levels[3].se } });
} else if (phase === 'topline') {
  // The stream cycles a pool of distinct generated responses: generating realistic answers costs more than
  // tabulating them, and would swamp the figure being measured. Each record gets its own id.
  const g0 = performance.now(), gc0 = process.cpuUsage();
  const pool = [...responses(Number(poolArg))];
  const generation = { ms: performance.now() - g0, cpuMs: cpuMs(gc0) }; // not in the topline's clock
  const baseline = rssMB();
  // Records per yield: BENCH_BATCH (default 1000, as a database cursor hands over a batch; 1 = one per yield).
  const batch = Math.max(1, Number(process.env.BENCH_BATCH ?? 1000));
  async function* stream(): AsyncGenerator<TabulateResponse | TabulateResponse[]> {
    if (batch === 1) {
      for (let i = 0; i < n; i++) {
        const p = pool[i % pool.length];
        yield { id: String(i), data: p.data, weight: p.weight, stratum: p.stratum, psu: p.psu, durationSec: p.durationSec };
      }
      return;
    }
    for (let i = 0; i < n; ) {
      const part: TabulateResponse[] = new Array(Math.min(batch, n - i));
      for (let j = 0; j < part.length; j++, i++) {
        const p = pool[i % pool.length];
        part[j] = { id: String(i), data: p.data, weight: p.weight, stratum: p.stratum, psu: p.psu, durationSec: p.durationSec };
      }
      yield part;
    }
  }
  // Timed: tabulate() consuming the async stream (batches of `batch` records, each record a new object with its
  // own id, built inside the clock), i.e. the whole single pass and the final estimates. Not timed: generating
  // the pool, writing the file below.
  const load = os.loadavg()[0];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const top = await tabulate(survey, stream(), toplineOptions());
  const ms = performance.now() - t0;
  const cpu = cpuMs(c0);
  const loadEnd = os.loadavg()[0];
  const q = top.questions.find((x) => x.name === 'propaganda_rating') as any;
  // Shares and SEs of every single-choice level and matrix cell, for the peer to compare against.
  const flat: Record<string, Record<string, [number, number]>> = {};
  const levels = (ls: any[]): Record<string, [number, number]> =>
    Object.fromEntries(ls.filter((l) => l.n > 0).map((l) => [String(l.value), [l.estimate, l.se] as [number, number]]));
  for (const x of top.questions as any[]) {
    if (x.kind === 'single' || x.kind === 'rating') flat[x.name] = levels(x.levels);
    if (x.kind === 'matrix') for (const r of x.rows) flat[`${x.name}.${r.value}`] = levels(r.levels);
  }
  mkdirSync(new URL('../out/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../out/analysis-node-topline.json', import.meta.url), JSON.stringify(flat));
  out({ phase, n, batch, quality: top.quality !== null, generation, ms, cpuMs: cpu, load: [load, loadEnd], pool: pool.length, baselineRssMB: baseline, peakRssMB: peakMB(), questions: top.questions.length, indices: top.indices.length,
    design: top.design, sample: { question: 'propaganda_rating', level: q.levels[3].value, estimate: q.levels[3].estimate, se: q.levels[3].se } });
} else if (phase === 'export') {
  // The pool as CSV for the Python peer (categorical answers only: single choice and matrix rows).
  const pool = [...responses(Number(poolArg))];
  const qs = readQuestionnaire(survey, 'vi');
  const cols: { name: string; get: (d: Record<string, any>) => unknown }[] = [];
  for (const q of qs) {
    if (q.kind === 'single' || q.kind === 'rating') cols.push({ name: q.name, get: (d) => d[q.name] });
    if (q.kind === 'matrix') for (const r of q.rows) cols.push({ name: `${q.name}.${r.value}`, get: (d) => d[q.name]?.[String(r.value)] });
  }
  const lines = ['weight,stratum,psu,' + cols.map((c) => c.name).join(',')];
  for (const p of pool) lines.push([p.weight, p.stratum, p.psu, ...cols.map((c) => { const v = c.get(p.data); return v === undefined ? '' : String(v); })].join(','));
  mkdirSync(new URL('../out/', import.meta.url), { recursive: true });
  const file = new URL('../out/analysis-pool.csv', import.meta.url).pathname;
  writeFileSync(file, lines.join('\n') + '\n');
  out({ phase, file, rows: pool.length, columns: cols.length });
} else if (phase === 'rake' || phase === 'crosstab') {
  const s = sampleColumns(n);
  const design = svyDesign({ n, weights: s.weight, strata: s.district, ids: s.ward });
  const baseline = rssMB();
  if (phase === 'rake') {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = rake(design, [
      { name: 'district', keys: s.district, population: s.margins.district },
      { name: 'gender', keys: s.gender, population: s.margins.gender },
      { name: 'age', keys: s.age, population: s.margins.age },
    ], { epsilon: 1e-8, maxIterations: 50 });
    const msRake = performance.now() - t0;
    const cpuRake = cpuMs(c0);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const p = svyProportions(r.design, s.rating).levels['5'];
    const msSE = performance.now() - t1;
    out({ phase, n, msRake, cpuMsRake: cpuRake, cpuMsProportionsAfterRake: cpuMs(c1), iterations: r.iterations, converged: r.converged, msProportionsAfterRake: msSE,
      baselineRssMB: baseline, peakRssMB: peakMB(), sample: { estimate: p.estimate, se: p.se, deff: p.deff } });
  } else {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const x = crosstab(design, s.group, s.rating);
    const ms = performance.now() - t0;
    out({ phase, n, ms, cpuMs: cpuMs(c0), baselineRssMB: baseline, peakRssMB: peakMB(), raoScott: x.raoScott, pearson: x.pearson.statistic });
  }
} else {
  process.stderr.write(`unknown phase ${phase}\n`);
  process.exitCode = 2;
}
