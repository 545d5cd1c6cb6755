// Tabulating a stream in parts (as worker threads do) and merging the parts gives the single-pass topline:
// counts exactly, estimates and SEs to rounding.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { responses, survey } from '../../../bench/analysis/generate.js';
import { Tabulation, TabulateOptions, TabulateResponse, tabulate } from '../../../analysis/tabulate.js';
import { mergeParts, snapshot } from '../../../analysis/partition.js';
import { fixtures } from './refdata.js';

/** Same shape; numbers equal to 1e-12 relative (1e-15 absolute near 0); listed ids and texts follow part order. */
function expectSame(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return expect(Number.isNaN(b), path).toBe(Number.isNaN(a));
    return expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15);
  }
  if (a && typeof a === 'object' && b && typeof b === 'object') {
    if (path.endsWith('.ids')) return;
    if (path.endsWith('.answers')) return expect((b as string[]).length, path).toBe((a as string[]).length);
    if (Array.isArray(a)) expect((b as unknown[]).length, path).toBe(a.length);
    else expect(Object.keys(b).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expectSame((a as any)[k], (b as any)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toEqual(a);
}

async function inParts(qn: Record<string, any>, rs: TabulateResponse[], opts: TabulateOptions, parts: number) {
  const snaps = [];
  for (let k = 0; k < parts; k++) {
    const tab = new Tabulation(qn, opts);
    for (let i = k; i < rs.length; i += parts) tab.add(rs[i]);
    snaps.push(structuredClone(snapshot(tab))); // what postMessage would deliver
  }
  return mergeParts(qn, snaps, opts);
}

describe('a stream tabulated in parts and merged equals one pass', () => {
  const pool = [...responses(800)];
  const rs = Array.from({ length: 2400 }, (_, i) => ({ ...pool[i % pool.length], id: String(i) }));
  const cases: [string, TabulateOptions][] = [
    ['clustered', { design: { clustered: true } }],
    ['stratified (element mode, fpc)', { design: { fpc: { 'hai-chau': 0.01 }, lonelyPsu: 'adjust' } }],
    ['unweighted', {}],
  ];
  for (const [name, opts] of cases) {
    it(`When the design is ${name}, then 3 merged parts give the single-pass topline`, async () => {
      expectSame(await tabulate(survey, rs, opts), await inParts(survey, rs, opts, 3));
    });
  }
  it('Numbers, text, ranking and unknown answer levels merge too (mini questionnaire)', async () => {
    const mini = JSON.parse(readFileSync(fixtures + 'analysis/mini-survey.json', 'utf8'));
    const base = [
      { district: 'hai-chau', channels: ['tv', 'press'], satisfaction: 5, trust: { police: 4, court: 4 }, priorities: ['jobs', 'health'], age: 30, member: true, years: 2 },
      { district: 'son-tra', channels: ['tv'], satisfaction: 1, why_unhappy: 'roads', priorities: ['roads', 'x'], age: 50.5, member: false },
      { district: 'lien-chieu', channels: ['radio'], satisfaction: 2, trust: { police: 3, court: 9 }, age: 41, member: true },
    ];
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, durationSec: 100 + i * 10, data: { ...base[i % 3], age: 20 + (i % 7) } }));
    expectSame(await tabulate(mini, many, {}), await inParts(mini, many, {}, 4));
  });
});
