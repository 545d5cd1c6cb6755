// The SPSS export read back by an independent reader: pyreadstat (ReadStat) from PyPI, in a Python venv
// under bench/out/.venv (git-ignored; made on the first run). Two phases:
//   check  BENCH_SAV_CHECK_N synthetic responses to the demo questionnaire (default 20,000), with
//          Vietnamese free text, some longer than its column: every value, variable label, value label,
//          measurement level, missing code and the weight variable compared with the layout/codebook.
//   scale  BENCH_SAV_N responses (default 1,000,000) written to a file: write time, peak memory and file
//          size; then read back in chunks by pyreadstat: rows and the weight total, time, peak memory.
// BENCH_SAV_PHASES (default check,scale). Prints OK or the differences; exit code 1 on a difference.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { ExportLayout, type ExportRecord } from '../server/exports/layout.ts';
import { savColumns } from '../server/exports/sav-columns.ts';
import type { SavStats } from '../server/exports/sav.ts';
import { streamRows } from '../server/exports/service.ts';
import { machineLine } from './_machine.ts';
import { responses, survey } from './analysis/generate.ts';
import { memorySampler } from './export/measure.ts';

const CHECK_N = Number(process.env.BENCH_SAV_CHECK_N ?? 20_000);
const N = Number(process.env.BENCH_SAV_N ?? 1_000_000);
const PHASES = (process.env.BENCH_SAV_PHASES ?? 'check,scale').split(',');
const POOL = 20_000;
const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'bench/out');
const venv = path.join(out, '.venv');
const python = path.join(venv, 'bin/python');
const reader = path.join(root, 'bench/export/sav_readback.py');
const int = (x: number) => x.toLocaleString('en-US');

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-8).join('\n')}`);
  return r.stdout;
}

function ensureVenv(): void {
  if (existsSync(python) && spawnSync(python, ['-c', 'import pyreadstat']).status === 0) return;
  console.log('creating the Python venv with pyreadstat (first run only)…');
  mkdirSync(out, { recursive: true });
  run('python3', ['-m', 'venv', venv]);
  run(path.join(venv, 'bin/pip'), ['install', '--quiet', 'pyreadstat==1.3.7', 'pandas==3.1.1']);
}

// Vietnamese free text of every length: short, near a column's width, and far longer than it.
const PHRASE = 'Đề nghị thành phố đẩy nhanh tiến độ các dự án trọng điểm, công khai minh bạch, lắng nghe ý kiến Nhân dân; ';
const texts = ['Cần công khai tiến độ dự án', 'Tăng cường đối thoại với dân', PHRASE.repeat(3), PHRASE.repeat(9), PHRASE.repeat(40), 'Chống ngập úng "đô thị", ngõ hẻm\nxuống cấp'];
const others = ['Qua Zalo của tổ dân phố', 'Ý kiến khác: ' + 'ngắn gọn '.repeat(40)];

function records(n: number, pool: ReturnType<typeof poolOf>, onRow?: (i: number) => void): AsyncIterable<ExportRecord> {
  const quarter = Math.max(1, Math.ceil(n / 4));
  const gen = function* () {
    for (let i = 0; i < n; i++) {
      if (onRow && (i + 1) % quarter === 0) onRow(i + 1);
      const r = pool[i % pool.length];
      const answers = { ...r.data };
      if (i % 3 === 0) answers.proposals = texts[i % texts.length];
      if (i % 5 === 0) answers.good_models = texts[(i + 2) % texts.length];
      if (i % 7 === 0 && Array.isArray(answers.info_channels)) answers['info_channels-Comment'] = others[i % 2];
      yield {
        id: `r${i}`, answers, weight: r.weight, version: 1, channel: i % 4 ? 'phone' : 'desktop', locale: i % 9 ? 'vi' : 'en',
        completedAt: new Date(Date.UTC(2023, 3, 1) + i * 37_123).toISOString(), durationSec: Math.round(r.durationSec ?? 0),
        flags: i % 11 ? [] : ['over_quota'],
      } as ExportRecord;
    }
  };
  return Readable.from(gen(), { objectMode: true, highWaterMark: 256 });
}
const poolOf = (n: number) => [...responses(n)];

async function writeFile(file: string, layout: ExportLayout, source: AsyncIterable<ExportRecord>, stats: SavStats): Promise<number> {
  const sink = createWriteStream(file, { highWaterMark: 64 * 1024 });
  const rows = await streamRows('sav', layout, source, sink, { labels: 'codes', locale: 'vi', title: 'Sơ kết giữa nhiệm kỳ 2023 (dữ liệu tổng hợp)', savStats: stats });
  sink.end();
  await once(sink, 'finish');
  return rows;
}

console.log('# SPSS export read back with pyreadstat');
console.log(`${machineLine()} (at start)`);
ensureVenv();
console.log(`reader: pyreadstat ${run(python, ['-c', 'import pyreadstat; print(pyreadstat.__version__)']).trim()}`);
const layout = new ExportLayout(survey, { locale: 'vi', weight: true });
const poolStarted = performance.now();
const pool = poolOf(POOL);
console.log(`pool of ${int(POOL)} synthetic responses generated in ${((performance.now() - poolStarted) / 1000).toFixed(1)} s (not timed below)`);
let failed = false;

if (PHASES.includes('check')) {
  const file = path.join(out, 'sav-check.sav');
  const expected = path.join(out, 'sav-check.ndjson');
  const dictionary = path.join(out, 'sav-check.json');
  const stats = { truncatedValues: 0, truncatedValueLabels: 0 };
  const lines: string[] = [];
  const reused = new Array(layout.variables.length);
  for await (const r of records(CHECK_N, pool)) lines.push(JSON.stringify(layout.row(r, reused)));
  writeFileSync(expected, lines.join('\n') + '\n');
  const rows = await writeFile(file, layout, records(CHECK_N, pool), stats);
  const columns = savColumns(layout);
  writeFileSync(dictionary, JSON.stringify({
    weight: 'weight',
    variables: columns.map((c) => ({ ...c.variable, kind: c.kind, width: c.width })),
  }));
  const r = JSON.parse(run(python, [reader, 'check', file, expected, dictionary]).trim().split('\n').at(-1)!);
  console.log(
    `check: ${int(rows)} rows × ${r.variables} variables written; pyreadstat read ${int(r.rows)} rows in ${r.readSeconds.toFixed(1)} s, ` +
      `compared ${int(r.values)} values and every label, level, missing code and the weight variable: ${r.ok ? 'OK' : `${r.differences} DIFFERENCES`}`,
  );
  console.log(`  texts cut to their column width: ${int(stats.truncatedValues)} by the writer, ${int(r.truncatedSeen)} expected by the reader's rule; value labels cut to 120 bytes: ${stats.truncatedValueLabels}`);
  if (!r.ok) for (const d of r.first) console.log(`  ${d.what}: got ${d.got}, want ${d.want}`);
  if (!r.ok || stats.truncatedValues !== r.truncatedSeen) failed = true;
}

if (PHASES.includes('scale')) {
  const file = path.join(out, 'sav-scale.sav');
  const stats = { truncatedValues: 0, truncatedValueLabels: 0 };
  const mem = memorySampler();
  mem.mark(0);
  let weightSum = 0;
  const weighed = async function* (src: AsyncIterable<ExportRecord>) {
    for await (const r of src) {
      weightSum += r.weight ?? 0;
      yield r;
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rows = await writeFile(file, layout, weighed(records(N, pool, (i) => mem.mark(i))), stats);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const m = mem.stop();
  const size = statSync(file).size;
  console.log(
    `scale: ${int(rows)} rows written in ${seconds.toFixed(1)} s (${int(Math.round(rows / seconds))} rows/s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s), ` +
      `${(size / 2 ** 20).toFixed(0)} MiB (${Math.round(size / rows)} bytes/row); peak RSS ${m.peakMb.toFixed(0)} MB (incl. the pool); ` +
      `RSS (MB) by rows ${m.marks.map((x) => `${int(x.at)}: ${x.rssMb}`).join(', ')} · load ${os.loadavg()[0].toFixed(1)}`,
  );
  const r = JSON.parse(run(python, [reader, 'scale', file, String(rows), String(weightSum)]).trim().split('\n').at(-1)!);
  console.log(
    `  pyreadstat read it in chunks of 100,000 in ${r.readSeconds.toFixed(1)} s, peak RSS ${r.peakMb.toFixed(0)} MB: ${int(r.rows)} rows, ` +
      `weight variable ${r.weight}, weight total ${r.weightSum.toFixed(3)} (written ${weightSum.toFixed(3)}): ${r.ok ? 'OK' : 'DIFFERENT'}`,
  );
  if (!r.ok) failed = true;
}
console.log(`${machineLine()} (at end)`);
process.exitCode = failed ? 1 : 0;
