// Benchmark of the exports (issue 7): the export pipeline fed 1,000,000 synthetic responses to the demo
// questionnaire from an in-process stream, as CSV (goal: under 30 s, memory flat and under 300 MB), as
// xlsx and as SPSS .sav (bench/export-sav-readback.ts reads the .sav back); then end to end over HTTP
// from the embedded database at 100,000 responses. Each phase runs in its own process so its peak
// memory (RSS sampled every 50 ms) is its own.
// Env: BENCH_EXPORT_N (default 1000000), BENCH_EXPORT_XLSX_N (default BENCH_EXPORT_N),
// BENCH_EXPORT_HTTP_N (default 100000), BENCH_EXPORT_HTTP_FORMATS (default csv,xlsx),
// BENCH_EXPORT_PHASES (default generate,csv,xlsx,sav,http), BENCH_POOL (distinct generated responses the
// stream cycles, default 5000: the pool is the benchmark's stand-in for a database cursor, and a larger one
// only adds its own memory to the figure — 20,000 put the process at ~260 MB before any export).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { machineLine } from './_machine.ts';

const N = Number(process.env.BENCH_EXPORT_N ?? 1_000_000);
const XLSX_N = Number(process.env.BENCH_EXPORT_XLSX_N ?? N);
const HTTP_N = Number(process.env.BENCH_EXPORT_HTTP_N ?? 100_000);
const HTTP_FORMATS = process.env.BENCH_EXPORT_HTTP_FORMATS ?? 'csv,xlsx';
const PHASES = (process.env.BENCH_EXPORT_PHASES ?? 'generate,csv,xlsx,sav,http').split(',');
const POOL = Number(process.env.BENCH_POOL ?? 5_000);
const here = fileURLToPath(new URL('./export/', import.meta.url));
const root = fileURLToPath(new URL('../', import.meta.url));
const load = () => `load average ${os.loadavg()[0].toFixed(1)}`;
const int = (x: number) => x.toLocaleString('en-US');

function run(script: string, ...args: string[]): any {
  const r = spawnSync(process.execPath, ['--import', 'tsx', here + script, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
}

console.log('# export benchmark');
console.log(`${machineLine()} (at start)`);
let failed = false;
for (const phase of PHASES) {
  if (phase === 'http') {
    const r = run('http.ts', String(HTTP_N), HTTP_FORMATS);
    console.log(`HTTP, embedded database: ${int(r.n)} demo responses inserted in ${r.fillSeconds.toFixed(1)} s (not part of the export)`);
    for (const x of r.results)
      console.log(
        `  GET export?format=${x.format}: ${x.seconds.toFixed(1)} s (first byte ${(x.firstByteMs / 1000).toFixed(2)} s), ` +
          `${(x.bytes / 2 ** 20).toFixed(1)} MiB${x.rows === null ? '' : `, ${int(x.rows)} rows`}, app process peak RSS ${x.peakMb.toFixed(0)} MB · ${load()}`,
      );
    if (r.results.some((x: any) => x.rows !== null && x.rows !== r.n)) failed = true;
    continue;
  }
  const n = phase === 'xlsx' ? XLSX_N : N;
  const r = run('phase.ts', phase, String(n), String(POOL));
  const rate = r.rows / r.seconds;
  const flat = r.marks.map((m: any) => `${int(m.at)}: ${m.rssMb}`).join(', ');
  const what = phase === 'generate' ? 'the response stream alone (feeding cost)' : `${phase.toUpperCase()} export`;
  console.log(
    `${what}: ${int(r.rows)} rows in ${r.seconds.toFixed(1)} s (${int(Math.round(rate))} rows/s, CPU ${r.cpuSeconds.toFixed(1)} s)` +
      (r.bytes ? `, ${(r.bytes / 2 ** 20).toFixed(0)} MiB` : '') +
      `; peak RSS ${r.peakMb.toFixed(0)} MB; RSS (MB) by rows ${flat} · ${load()}`,
  );
  if (phase === 'csv') {
    const ok = r.seconds < 30 && r.peakMb < 300;
    console.log(`  goal CSV < 30 s and < 300 MB at ${int(n)} rows: ${ok ? 'met' : 'NOT met'} (pool of ${int(r.pool)} generated in ${r.poolSeconds.toFixed(1)} s, not timed)`);
    if (!ok && n >= 1_000_000) failed = true;
  }
}
console.log(`${machineLine()} (at end)`);
process.exitCode = failed ? 1 : 0;
