// Prints what one submission costs to validate with the compiled validator and with the survey-core
// Model recipe (the reference), on the same 2,000 generated responses. Target: at least 20× faster.
// Usage: npx tsx bench/validator.ts [survey.json] [count]
import { existsSync, readFileSync } from 'node:fs';
import { compileValidator } from '../server/responses/validator/index';
import { createReference } from '../server/responses/validator/reference';
import { generateResponses } from '../test/helpers/generate-responses';
import { machineLine } from './_machine.ts';

const DEMO = 'surveys/giua-nhiem-ky-2023/survey.json';
const file = process.argv[2] ?? (existsSync(DEMO) ? DEMO : 'test/fixtures/validator/kitchen-sink.json');
const count = Number(process.argv[3] ?? 2_000);

const json = JSON.parse(readFileSync(file, 'utf8'));
const responses = (await generateResponses(json, count, 7)).map((r) => r.answers);

let start = performance.now();
const compiled = compileValidator(json);
const compileMs = performance.now() - start;

// Warm up the JIT on both sides before timing.
for (const a of responses.slice(0, 200)) compiled.validate(a, 'vi');
const reference = createReference(json);
for (const a of responses.slice(0, 20)) reference.check(a);

const PASSES = 10;
let rejected = 0;
start = performance.now();
for (let p = 0; p < PASSES; p++) for (const a of responses) rejected += compiled.validate(a, 'vi').length > 0 ? 1 : 0;
const compiledUs = ((performance.now() - start) * 1000) / (PASSES * responses.length);

// Time only the checks, not the pauses that let survey-core's garbage be collected.
let referenceMs = 0;
for (let i = 0; i < responses.length; i++) {
  const t = performance.now();
  reference.check(responses[i]);
  referenceMs += performance.now() - t;
  if (i % 25 === 24) await new Promise((r) => setImmediate(r));
}
const referenceUs = (referenceMs * 1000) / responses.length;

console.log(machineLine());
console.log(`questionnaire ${file} · ${responses.length} generated responses (${Math.round(rejected / PASSES)} rejected)`);
console.log(`compile      ${compileMs.toFixed(1)} ms once per published version`);
console.log(`compiled     ${compiledUs.toFixed(1)} µs per response (${Math.round(1e6 / compiledUs)} responses/s on one core)`);
console.log(`survey-core  ${referenceUs.toFixed(1)} µs per response (Model recipe, one Model reused)`);
console.log(`speed-up     ${(referenceUs / compiledUs).toFixed(0)}× (target ≥ 20×)`);
