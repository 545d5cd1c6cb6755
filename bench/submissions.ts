// Valid submissions per second through the whole app (HTTP → validation → embedded database), 20
// connections for 10 s after a 3 s warm-up, each request a new respondent with answers generated for the demo questionnaire.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type autocannon from 'autocannon';
import mongoose from 'mongoose';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { submissionWriteConcern } from '../server/db/write-concern.ts';
import { createLogger } from '../server/logger.ts';
import { SurveyResponse } from '../server/responses/model.ts';
import { seedIfEmpty } from '../server/seed.ts';
import { flushCounts } from '../server/campaigns/tally.ts';
import { generateResponses } from '../test/helpers/generate-responses.ts';
import { machineLine } from './_machine.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);

const config = loadConfig({ ...process.env, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-')) });
delete (config as { mongodbUri?: string }).mongodbUri; // always the embedded database
const log = createLogger('warn');
const step = (m: string) => console.error(`… ${m}`);
step('starting the embedded database');
const db = await connectDatabase(config, log);
await mongoose.connection.syncIndexes();
const surveysDir = path.join(config.rootDir, 'surveys');
await seedIfEmpty({ surveysDir, openDays: 90 }, log);
const survey = JSON.parse(fs.readFileSync(path.join(surveysDir, 'giua-nhiem-ky-2023/survey.json'), 'utf8'));
step('generating 300 valid responses to the demo questionnaire');
const answers = (await generateResponses(survey, 300, 20230630, 1)).map((r) => r.answers);

const app = createApp({
  logger: createLogger('silent'),
  engine: db.engine,
  clientDir: path.join(config.rootDir, 'client/dist'),
  writeConcern: submissionWriteConcern(db.engine),
});
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const { port } = server.address() as AddressInfo;

// CPU seconds of this process (the server) and of the database's JVM, so that a figure taken on a busy
// shared machine can also be read as work per submission, which other users' load changes much less.
const javaPid = (JSON.parse(fs.readFileSync(path.join(config.dataDir, 'embedded-db.json'), 'utf8')) as { pid: number }).pid;
const javaCpu = () => {
  try {
    const fields = fs.readFileSync(`/proc/${javaPid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return NaN; // no /proc (macOS)
  }
};
const serverCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** One run of the load generator (its own process): `seconds` of submissions over CONNECTIONS connections. */
async function send(seconds: number) {
  const load = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '_submissions-load.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  load.stdin.end(
    JSON.stringify({
      url: `http://127.0.0.1:${port}/api/v1/public/campaigns/giua-nhiem-ky-2023/responses`,
      seconds,
      connections: CONNECTIONS,
      answers,
    }),
  );
  let output = '';
  load.stdout.on('data', (d) => (output += d));
  await once(load, 'exit');
  return JSON.parse(output) as autocannon.Result & { generatorCpu: number };
}
// A warm-up first, not counted: a server runs for weeks, and the first seconds of a fresh process
// (the JIT compilers of Node and of the database's JVM at work) say nothing about its throughput.
let warm = { '2xx': 0 };
if (WARMUP > 0) {
  step(`warming up for ${WARMUP} s (not counted)`);
  warm = await send(WARMUP);
}
step(`sending for ${SECONDS} s over ${CONNECTIONS} connections (load generator in its own process)`);
const cpuBefore = [serverCpu(), javaCpu()];
const result = await send(SECONDS);
const cpu = [serverCpu() - cpuBefore[0], javaCpu() - cpuBefore[1]];

const stored = await SurveyResponse.estimatedDocumentCount();
console.log(machineLine());
console.log(`embedded database, ${CONNECTIONS} connections, ${SECONDS} s after a ${WARMUP} s warm-up (BENCH_WARMUP), ${answers.length} distinct answer sets`);
console.log(
  `submissions: ${result.requests.average.toFixed(0)}/s average · latency p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms · max ${result.latency.max} ms`,
);
const perSubmission = (seconds: number) => ((1000 * seconds) / Math.max(1, result['2xx'])).toFixed(2);
console.log(
  `CPU per submission: server ${perSubmission(cpu[0])} ms · database ${perSubmission(cpu[1])} ms · load generator ${perSubmission(result.generatorCpu)} ms`,
);
console.log(`2xx: ${result['2xx']} (+ ${warm['2xx']} in the warm-up) · non-2xx: ${result.non2xx} · errors: ${result.errors} · stored: ${stored}`);
console.log(`target: ≥ 400/s with p99 < 150 ms on two cores`);
server.close();
await flushCounts();
await db.close();
// The database file after all of it (H2 appends a chunk per commit and reclaims old ones on its own).
const fileBytes = fs.readdirSync(config.dataDir).reduce((n, f) => n + fs.statSync(path.join(config.dataDir, f)).size, 0);
console.log(`database file: ${(fileBytes / 2 ** 20).toFixed(1)} MB for ${stored} responses (${(fileBytes / 1024 / Math.max(1, stored)).toFixed(1)} KB each)`);
fs.rmSync(config.dataDir, { recursive: true, force: true });
process.exit(0);
