// `npm start` builds the pages only when client/dist is missing or older than the client's sources,
// so a restart takes seconds rather than a full Vite build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = import.meta.dirname;
const stamp = path.join(root, 'dist', '.built');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const sources = ['src', 'respondent.html', 'app.html', 'vite.config.ts', '../package-lock.json', '../server/contract']
  .map((p) => path.join(root, p))
  .filter((p) => fs.existsSync(p));
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (built >= Math.max(...sources.map(newest))) process.exit(0);

console.log('Building the pages (client/dist)…');
const r = spawnSync('npm', ['run', '--silent', 'build:client'], { stdio: 'inherit', cwd: path.join(root, '..') });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(stamp, new Date().toISOString());
