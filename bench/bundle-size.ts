// Prints what a phone downloads for the respondent page (/s/:slug) and for the staff entry (/app/*):
// JavaScript raw, gzip and brotli, split into what loads at once and what is imported later. Builds
// nothing: it reads client/dist, so run `npm run build:client` first. Target: respondent JS ≤ 450 kB gzip.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { machineLine } from './_machine';

const dist = path.resolve(import.meta.dirname, '../client/dist');
const TARGET_GZIP_KB = 450;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const sizeCache = new Map<string, Size>();
function sizeOf(file: string): Size {
  let size = sizeCache.get(file);
  if (!size) {
    const bytes = fs.readFileSync(path.join(dist, file));
    size = {
      raw: bytes.length,
      // Level 6 is what compression middleware and most servers send.
      gzip: zlib.gzipSync(bytes, { level: 6 }).length,
      // The build writes x.js.br for the server to send as is; measure that file when it exists.
      brotli: fs.existsSync(path.join(dist, `${file}.br`))
        ? fs.statSync(path.join(dist, `${file}.br`)).size
        : zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    sizeCache.set(file, size);
  }
  return size;
}

/** Files named by an HTML entry: its module script, module preloads and stylesheets. */
function htmlRefs(html: string): string[] {
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

/** Static imports (`from "./x.js"`, `import "./x.js"`) and dynamic ones (`import("./x.js")`, Vite's preload list). */
function jsRefs(file: string): { statics: string[]; dynamics: string[] } {
  const code = fs.readFileSync(path.join(dist, file), 'utf8');
  const dir = path.posix.dirname(file);
  const local = (name: string) => path.posix.join(dir, name);
  const statics = [...code.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => local(m[1]));
  const dynamics = [
    ...[...code.matchAll(/import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g)].map((m) => local(m[1])),
    ...[...code.matchAll(/"(assets\/[\w.-]+\.(?:js|css))"/g)].map((m) => m[1]),
  ];
  return { statics, dynamics };
}

function entry(htmlFile: string) {
  const html = fs.readFileSync(path.join(dist, htmlFile), 'utf8');
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string, isLazy: boolean) => {
    if (initial.has(file) || (isLazy && lazy.has(file))) return;
    if (!fs.existsSync(path.join(dist, file))) return;
    (isLazy ? lazy : initial).add(file);
    if (!isLazy) lazy.delete(file);
    if (!file.endsWith('.js')) return;
    const { statics, dynamics } = jsRefs(file);
    statics.forEach((f) => visit(f, isLazy));
    dynamics.forEach((f) => visit(f, true));
  };
  htmlRefs(html).forEach((f) => visit(f, false));
  return { initial: [...initial], lazy: [...lazy].filter((f) => !initial.has(f)) };
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
function total(files: string[]): Size {
  return files.map(sizeOf).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}
const line = (label: string, s: Size) =>
  `  ${label.padEnd(40)} ${kB(s.raw).padStart(11)} raw ${kB(s.gzip).padStart(10)} gzip ${kB(s.brotli).padStart(10)} brotli`;

if (!fs.existsSync(path.join(dist, 'respondent.html'))) {
  console.error('client/dist is missing or incomplete: run `npm run build:client` first.');
  process.exit(1);
}

console.log(machineLine());
let respondentGzip = 0;
for (const [name, html] of [
  ['respondent page /s/:slug', 'respondent.html'],
  ['staff entry /app/*', 'app.html'],
] as const) {
  const { initial, lazy } = entry(html);
  const js = (files: string[]) => files.filter((f) => f.endsWith('.js'));
  const css = (files: string[]) => files.filter((f) => f.endsWith('.css'));
  const allJs = total([...js(initial), ...js(lazy)]);
  console.log(`\n${name} (${html})`);
  for (const f of [...js(initial), ...js(lazy)]) console.log(line(`${lazy.includes(f) ? 'lazy' : 'initial'} ${path.basename(f)}`, sizeOf(f)));
  console.log(line('JS loaded at once', total(js(initial))));
  console.log(line('JS in all', allJs));
  console.log(line('CSS in all', total([...css(initial), ...css(lazy)])));
  if (html === 'respondent.html') respondentGzip = allJs.gzip;
}

const ok = respondentGzip <= TARGET_GZIP_KB * 1000;
console.log(`\nrespondent JS: ${kB(respondentGzip)} gzip; target ≤ ${TARGET_GZIP_KB} kB: ${ok ? 'met' : 'NOT MET'}`);
