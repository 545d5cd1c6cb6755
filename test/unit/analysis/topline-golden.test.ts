// The optimised tabulation pass (flat per-PSU table, answer cache, memoised conditions, compiled matrix
// readers) must give the topline of the straightforward one, to the last bit. The golden digests were
// computed by the engine before the optimisation (same generator, same responses), one per question.
// One deliberate exception: the `indices` digests were re-pinned when Cronbach's alpha moved from k×k
// cross-products to per-item and row-total sums (O(k) a row); the alphas then differed from the pinned
// engine's by at most 3.2e-16 relative (1–2 ulp), every score, SE and count was identical.
// A second one: the single-choice and matrix digests of the weighted modes (clustered, element) were
// re-pinned when their bases, means and top-2-boxes came to be derived from the level sums instead of
// being added answer by answer (RatioSet.derive). Against the previous engine, on these 6,000 responses:
// every count identical, estimates within 3.6e-14 relative, SEs 4.4e-14, deffs 2.5e-13 (the same sums
// grouped by level); unweighted sums are exact either way, so the simple mode's digests did not move.
// fast-paths.test.ts checks the derived columns against adding answer by answer.
// A third one: the `indices` digests again, when an index over one matrix's rows came to be scored by the
// matrix's tally, its complete answers counted by code for Cronbach's alpha (AlphaAccumulator.fold): every
// score, SE, count and complete-case number identical, the alphas within 1.75e-16 relative (1 ulp) of the
// previous engine's, every other digest unchanged. fast-paths.test.ts checks the tally's index against the
// index read item by item.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { responses, survey } from '../../../bench/analysis/generate.js';
import { tabulate } from '../../../analysis/tabulate.js';

const golden = JSON.parse(readFileSync(new URL('./topline-golden.json', import.meta.url), 'utf8'));
/** JSON with non-finite numbers and −0 spelled out, so that the digest sees every bit that matters. */
const exact = (o: unknown) => JSON.stringify(o, (_k, v) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `#${Object.is(v, -0) ? '-0' : v}` : v));
const digest = (o: unknown) => createHash('sha256').update(exact(o)).digest('hex').slice(0, 16);
const modes: Record<string, object> = {
  clustered: { design: { clustered: true } },
  element: { design: { fpc: { 'hai-chau': 0.01 }, lonelyPsu: 'adjust' }, locale: 'en' },
  simple: { maxTextAnswers: 5 },
};

describe('the optimised topline equals the pre-optimisation engine bit for bit (6,000 demo responses)', () => {
  const pool = [...responses(1500)];
  for (const [mode, opts] of Object.entries(modes)) {
    it(`When the design is ${mode}, then every question, index, quality flag and the design summary match`, async () => {
      const recs = Array.from({ length: 6000 }, (_, i) => ({ ...pool[i % pool.length], id: String(i) }));
      const t = await tabulate(survey, recs, opts);
      const d: Record<string, string> = { n: String(t.n), design: digest(t.design), quality: digest(t.quality), indices: digest(t.indices) };
      for (const q of t.questions) d[q.name] = digest(q);
      expect(d).toEqual(golden[mode]);
    });
  }
});

describe('matrix answers read through the compiled row reader', () => {
  const qn = { pages: [{ elements: [{ type: 'matrix', name: 'm', columns: [1, 2, 3], rows: ['a', 'b c', 'x-1'] }] }] };
  it('When a matrix answer has only keys that are not rows, then it is answered but tallies nothing', async () => {
    const t = await tabulate(qn, [{ data: { m: { zzz: 1 } } }, { data: { m: {} } }], { quality: false });
    const m = t.questions[0] as any;
    expect(m).toMatchObject({ answered: 1, noAnswer: 1 });
    expect(m.rows.map((r: any) => r.answered)).toEqual([0, 0, 0]);
  });
  it('Row names that are not identifiers read correctly', async () => {
    const t = await tabulate(qn, [{ data: { m: { 'x-1': 2, 'b c': 3 } } }, { data: { m: { a: 1 } } }], { quality: false });
    const m = t.questions[0] as any;
    expect(m).toMatchObject({ answered: 2 });
    expect(m.rows.map((r: any) => r.answered)).toEqual([1, 1, 1]);
    expect(m.rows[2].mean.estimate).toBe(2);
  });
  it('When a row is named like an Object.prototype member, then an empty answer is still "no answer"', async () => {
    const proto = { pages: [{ elements: [{ type: 'matrix', name: 'm', columns: [1, 2], rows: ['constructor'] }] }] };
    const t = await tabulate(proto, [{ data: { m: {} } }, { data: { m: { constructor: 1 } } }], { quality: false });
    expect(t.questions[0]).toMatchObject({ answered: 1, noAnswer: 1 });
  });
});
