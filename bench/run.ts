// `npm run bench`: runs every benchmark script in bench/ in turn; each prints its own figures and machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const scripts = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n### bench/${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, script)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${script} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
