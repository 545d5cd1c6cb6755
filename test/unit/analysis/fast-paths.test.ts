// The shortcuts of the tabulation pass against the straightforward code they replace, on random data:
// compiled answer reads vs data[name], the string scan vs the Map of levels, the flat fingerprint set vs a
// Set, the flat duration histogram vs a Map, the trim-free text check vs trim(), the matrix fast path vs the
// per-row methods.
import { describe, expect, it } from 'vitest';
import { compileReader } from '../../../analysis/reader.js';
import { Distribution, MatrixHandler } from '../../../analysis/topline.js';
import { TextHandler } from '../../../analysis/topline-other.js';
import { StreamDesign } from '../../../analysis/stream.js';
import { valueKey } from '../../../analysis/questionnaire.js';
import { BinCounts, FingerprintSet } from '../../../analysis/quality.js';
import { IndexAccumulator } from '../../../analysis/indices.js';
import { Tabulation } from '../../../analysis/tabulate.js';
import { criticalValue, normalQuantile } from '../../../analysis/tests/distributions.js';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { readQuestionnaire } from '../../../analysis/questionnaire.js';

/** mulberry32: reproducible random numbers. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fast paths equal the straightforward code', () => {
  it('The compiled reader returns data[name] for every name, odd names included', () => {
    const names = ['a', 'b c', '1', '__proto__', 'constructor', 'x"y', "it's", 'toString', 'đơn_vị', 'missing'];
    const read = compileReader(names);
    const r = rng(1);
    for (let k = 0; k < 50; k++) {
      const data: Record<string, unknown> = {};
      for (const n of names) if (n !== '__proto__' && r() < 0.6) data[n] = r() < 0.5 ? Math.floor(r() * 10) : { v: r() };
      const out: unknown[] = new Array(names.length);
      read(data, out);
      expect(out).toEqual(names.map((n) => data[n]));
      names.forEach((n, i) => expect(out[i] === data[n], n).toBe(true));
    }
  });

  it('Distribution.col gives the Map lookup column for any mix of values, in the same order of new levels', () => {
    const r = rng(2);
    const pool: unknown[] = ['a', 'b', 'c', '', ' a', 'a ', 1, 2, 63, 64, -1, 0, -0, 2.5, NaN, true, false, null, ['x'], { y: 1 }, '1', 'ä'];
    for (let s = 0; s < 40; s++) pool.push('s' + s); // more strings than the scan keeps
    const options = [{ value: 'a', key: 'a', label: 'a' }, { value: 1, key: 1, label: '1' }];
    const fast = new Distribution(new StreamDesign({}, true), options);
    const slow = new Distribution(new StreamDesign({}, true), options);
    for (let k = 0; k < 5000; k++) {
      const v = pool[Math.floor(r() * pool.length)];
      // A fresh copy of a string (not the same object) must find the same level.
      const vv = typeof v === 'string' && r() < 0.5 ? [...v].join('') : v;
      expect(fast.col(vv)).toBe(slow.level(valueKey(vv)));
    }
    expect(fast.opts.map((o) => o.key)).toEqual(slow.opts.map((o) => o.key));
  });

  it('The compiled reader with a stride writes slot j of each question\'s column', () => {
    const names = ['a', 'b', 'c'];
    const read = compileReader(names, 4);
    const out: unknown[] = new Array(12).fill('-');
    read({ a: 1, c: 'x' }, out, 2);
    read({ b: 2 }, out, 0);
    expect(out).toEqual([undefined, '-', 1, '-', 2, '-', undefined, '-', undefined, '-', 'x', '-']);
  });

  it('BinCounts counts what a Map of bins counts, sorted by bin, in range or not', () => {
    const r = rng(9);
    const counts = new BinCounts(), map = new Map<number, number>();
    for (let k = 0; k < 20_000; k++) {
      // Mostly ordinary durations (0.1 s bins), some negative, past the flat range, or huge.
      const u = r();
      const b = u < 0.9 ? Math.round(r() * 9000) : u < 0.94 ? -Math.round(r() * 50) : u < 0.98 ? 65_530 + Math.round(r() * 20) : Math.round(r() * 1e9);
      const c = 1 + Math.floor(r() * 3);
      counts.add(b, c);
      map.set(b, (map.get(b) ?? 0) + c);
    }
    const sorted = [...map].sort((x, y) => x[0] - y[0]);
    expect(counts.entries()).toEqual(sorted);
    // The bin where the running count reaches a share of the total (the speeder median) is the entries' scan.
    const total = sorted.reduce((a, [, c]) => a + c, 0);
    for (const share of [0, 0.001, 0.02, 0.03, 0.25, 0.5, 0.9, 0.95, 0.97, 0.99, 1, 1.01]) {
      let c = 0, scan = NaN;
      for (const [b, n] of sorted) if ((c += n) >= share * total) { scan = b; break; }
      expect(counts.firstReaching(share * total), String(share)).toBe(scan);
    }
  });

  it('An index over one matrix adds a batch by table what add() adds slot by slot, bit for bit', () => {
    const r = rng(11);
    const R = 5, size = 100;
    const scratch = { rows: R, values: new Float64Array(size * R), present: new Uint8Array(size), answered: new Int32Array(size) };
    // Answers: codes in and out of the scale, fractions, unanswered (NaN); some responses without the matrix.
    const pool = [1, 2, 3, 4, 5, 0, 7, 63, 64, 2.5, -1, NaN];
    for (let i = 0; i < size * R; i++) scratch.values[i] = pool[Math.floor(r() * pool.length)];
    for (let j = 0; j < size; j++) scratch.present[j] = r() < 0.9 ? 1 : 0;
    const spec = { name: 'ix', minAnswered: 0.6, items: [3, 0, 4, 1].map((row, i) => ({ question: 'm', row: String(row), min: 1, max: 5, reverse: i % 2 === 1 })) };
    const units = Int32Array.from({ length: size }, (_, j) => j % 7), ws = Float64Array.from({ length: size }, () => 0.5 + r() * 2);
    const d1 = new StreamDesign({ clustered: true }, false), d2 = new StreamDesign({ clustered: true }, false);
    for (let u = 0; u < 7; u++) { d1.locate('s', String(u)); d2.locate('s', String(u)); }
    const byBatch = new IndexAccumulator(spec, d1), bySlot = new IndexAccumulator(spec, d2);
    for (const ix of [byBatch, bySlot]) ix.sources = [3, 0, 4, 1].map((row) => ({ scratch, row, read: null }));
    expect(byBatch.fromOneMatrix).toBe(true);
    byBatch.column(units, ws, size);
    for (let j = 0; j < size; j++) bySlot.add(units[j], ws, j);
    for (const [a, b] of [[d1.S, d2.S], [d1.cnt, d2.cnt], [d1.mom, d2.mom]]) expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(byBatch.alphaAcc.state()).toEqual(bySlot.alphaAcc.state());
    expect(byBatch.alphaAcc.n).toBeGreaterThan(10);
  });

  it('criticalValue, remembered per level and df, gives R\'s qt / qnorm and the uncached quantile on every call', () => {
    // R (printed digits): qt(0.975, 49) 2.009575, qt(0.975, 10) 2.228139, qt(0.95, 5) 2.015048, qnorm(0.975) 1.959964.
    const cases: [number, number | undefined, number][] = [
      [0.95, 49, 2.009575], [0.95, 10, 2.228139], [0.9, 5, 2.015048], [0.95, undefined, 1.959964], [0.95, Infinity, 1.959964],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [level, df, r] of cases) {
        const q = criticalValue(level, df);
        expect(q).toBeCloseTo(r, 6);
        const p = 1 - (1 - level) / 2;
        expect(q).toBe(df === undefined || !Number.isFinite(df) ? normalQuantile(p, 0, 1) : tQuantile(p, df));
      }
    }
  });

  it('FingerprintSet answers as a Set<number>, and lists in insertion order', () => {
    const r = rng(3);
    const set = new Set<number>(), fs = new FingerprintSet();
    let wrong = 0;
    for (let k = 0; k < 200_000; k++) {
      const fp = r() < 0.3 ? k % 1000 : Math.floor(r() * 2 ** 32) * 2 ** 21 + Math.floor(r() * 2 ** 21);
      const had = set.has(fp);
      if (fs.has(fp) !== had || fs.add(fp) === had) wrong++;
      set.add(fp);
    }
    expect(wrong).toBe(0);
    expect(fs.size).toBe(set.size);
    expect(fs.values()).toEqual([...set]);
  });

  it('TextHandler.answered is trim() !== "" for any string', () => {
    const h = new TextHandler(1);
    const chars = [' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', '\u3000', 'a', 'Z', '~', '\u007f', 'đ', '0', '!'];
    const r = rng(4);
    for (let k = 0; k < 3000; k++) {
      let s = '';
      const len = Math.floor(r() * 4);
      for (let i = 0; i < len; i++) s += chars[Math.floor(r() * chars.length)];
      expect(h.answered(s), JSON.stringify(s)).toBe(s.trim() !== '');
    }
  });

  it('Matrices: the handler (fast path for small integer codes) adds what the per-row methods add, bit for bit', () => {
    const qn = { pages: [{ elements: [{ type: 'matrix', name: 'm', columns: [1, 2, 3, 4, 5], rows: ['a', 'b', 'c', 'd'] }] }] };
    const q = readQuestionnaire(qn)[0];
    const names = ['a', 'b', 'c', 'd'];
    const r = rng(5);
    const d1 = new StreamDesign({ clustered: true }, false), d2 = new StreamDesign({ clustered: true }, false);
    const h = new MatrixHandler(q, d1);
    const byHand = new MatrixHandler(q, d2); // only its rows' Distribution / Scale methods are called
    // Known codes, unknown small and large codes, fractions, strings, empties; new levels grow the table.
    const values: unknown[] = [1, 2, 3, 4, 5, 5, 4, 7, 0, 63, 64, 70, 2.5, -1, 'x', 'y', '', null, undefined];
    for (let k = 0; k < 20_000; k++) {
      const u1 = d1.locate(String(k % 3), String(k % 40)), u2 = d2.locate(String(k % 3), String(k % 40));
      const w = 0.5 + r() * 3;
      const ans: Record<string, unknown> = {};
      for (const row of names) { const v = values[Math.floor(r() * values.length)]; if (v !== undefined) ans[row] = v; }
      if (h.answered(ans)) h.add(ans, u1, w);
      byHand.rows.forEach((row, i) => {
        const cv = ans[names[i]];
        if (cv === undefined || cv === null || cv === '') return;
        row.dist.set.addLevel(u2, row.dist.col(cv), w);
      });
    }
    expect(d1.columns).toBe(d2.columns);
    expect(d1.stride).toBe(d2.stride);
    for (const [a, b] of [[d1.S, d2.S], [d1.cnt, d2.cnt], [d1.mom, d2.mom]]) expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });

  for (const clustered of [true, false]) {
    it(`Base, mean and top-2-box derived from the levels equal adding them answer by answer (${clustered ? 'clustered' : 'element'} mode)`, () => {
      const qn = { pages: [{ elements: [{ type: 'matrix', name: 'm', columns: [1, 2, 3, 4, 5], rows: ['a', 'b', 'c'] }] }] };
      const q = readQuestionnaire(qn)[0];
      const rowNames = ['a', 'b', 'c'];
      const r = rng(11);
      const d = new StreamDesign({ clustered }, false);
      const h = new MatrixHandler(q, d);
      // What the derived columns must hold, added answer by answer: per row and column kind (base, mean,
      // top-2-box), per unit Σ w·y (S), Σ w²·y² (Q), Σ w²·y (P), and overall Σ w·y² (mom) and the count.
      const kinds = ['base', 'mean', 'top'] as const;
      const want = new Map<string, { S: number[]; Q: number[]; P: number[]; mom: number; cnt: number }>();
      const at = (i: number, kind: string) => {
        const key = `${i} ${kind}`;
        if (!want.has(key)) want.set(key, { S: [], Q: [], P: [], mom: 0, cnt: 0 });
        return want.get(key)!;
      };
      const put = (i: number, kind: string, u: number, w: number, y: number) => {
        const e = at(i, kind);
        e.S[u] = (e.S[u] ?? 0) + w * y;
        e.Q[u] = (e.Q[u] ?? 0) + w * w * y * y;
        e.P[u] = (e.P[u] ?? 0) + w * w * y;
        e.mom += w * y * y;
        e.cnt++;
      };
      // Known and unknown codes, fractions, negatives, zero, strings (in the base, not in the mean), an infinity.
      const values: unknown[] = [1, 2, 3, 4, 5, 5, 4, 0, 7, 2.5, -1, 1e6, 'x', '3', Infinity, '', null, undefined];
      for (let k = 0; k < 20_000; k++) {
        const u = d.locate(String(k % 3), String(k % 40));
        const w = 0.5 + r() * 3;
        const ans: Record<string, unknown> = {};
        for (const row of rowNames) { const v = values[Math.floor(r() * values.length)]; if (v !== undefined) ans[row] = v; }
        if (h.answered(ans)) h.add(ans, u, w);
        rowNames.forEach((row, i) => {
          const cv = ans[row];
          if (cv === undefined || cv === null || cv === '') return;
          put(i, 'base', u, w, 1);
          if (typeof cv === 'number') {
            put(i, 'mean', u, w, cv);
            if (cv >= 4) put(i, 'top', u, w, 1);
          }
        });
      }
      h.rows.forEach((row) => { row.dist.derive(); row.scale.derive(); });
      const close = (x: number, y: number) => (Number.isFinite(y) ? Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)) : Object.is(x, y));
      let checked = 0;
      h.rows.forEach((row, i) => {
        const cols = { base: row.dist.set.xc, mean: row.dist.set.global(row.scale.meanCol), top: row.dist.set.global(row.scale.topCol) };
        for (const kind of kinds) {
          const c = cols[kind], e = at(i, kind);
          expect(d.cnt[c], `${i} ${kind} count`).toBe(e.cnt);
          expect(close(d.mom[c], e.mom), `${i} ${kind} mom ${d.mom[c]} ${e.mom}`).toBe(true);
          for (let u = 0; u < d.units; u++) {
            const tables: [Float64Array, number[]][] = clustered ? [[d.S, e.S]] : [[d.S, e.S], [d.Q, e.Q], ...(kind === 'base' ? [] : [[d.P, e.P] as [Float64Array, number[]]])];
            for (const [A, B] of tables) {
              expect(close(A[u * d.stride + c], B[u] ?? 0), `row ${i} ${kind} unit ${u}: ${A[u * d.stride + c]} vs ${B[u]}`).toBe(true);
              checked++;
            }
          }
        }
      });
      expect(checked).toBeGreaterThanOrEqual(clustered ? 9 * 40 : 9 * 3 * 2);
    });
  }
});

describe('an index scored by its matrix tally (MatrixHandler.attachIndex)', () => {
  const qn = { pages: [{ elements: [{ type: 'matrix', name: 'm', columns: [1, 2, 3, 4, 5], rows: ['r1', 'r2', 'r3', 'r4', 'r5'] }] }] };
  const rows = ['r1', 'r2', 'r3', 'r4', 'r5'];
  const item = (row: string) => ({ question: 'm', row, min: 1, max: 5, reverse: row === 'r2' });
  // The same items: in row order (scored by the tally), and in another order (read back item by item).
  const specs = [
    { name: 'tally', minAnswered: 0.6, items: rows.map(item) },
    { name: 'items', minAnswered: 0.6, items: [...rows].reverse().map(item) },
  ];
  const r = rng(21);
  // Mostly complete answers on the scale; some cells off it (2.5, 0, 7, 64), not numbers, empty or missing;
  // some answers not objects, some responses without the matrix.
  const cells = [1, 2, 3, 4, 5, 2.5, 0, 7, 64, 'x', null, ''];
  const data = Array.from({ length: 3000 }, () => {
    const u = r();
    if (u < 0.05) return {};
    if (u < 0.07) return { m: 'oops' };
    const ans: Record<string, unknown> = {};
    for (const row of rows) {
      const v = r();
      if (v < 0.9) ans[row] = 1 + Math.floor(r() * 5);
      else if (v < 0.97) ans[row] = cells[Math.floor(r() * cells.length)];
    }
    return { m: ans };
  });
  const designs: Record<string, object> = { clustered: { clustered: true }, element: { fpc: { s1: 0.01 } } };
  for (const [mode, design] of Object.entries(designs)) {
    it(`When the design is ${mode}, then its score, SE, complete cases and alpha are those of the index read item by item`, () => {
      const tab = new Tabulation(qn, { design, indices: specs, quality: false });
      data.forEach((d, i) => tab.add({ data: d, weight: 0.5 + (i % 7) / 3, stratum: `s${i % 3}`, psu: `p${i % 11}` }));
      const [tally, items] = tab.result().indices;
      expect(tab.indices.map((ix) => ix.scoredByMatrix)).toEqual([true, false]);
      expect(tally.completeCases).toBe(items.completeCases);
      expect(tally.completeCases).toBeGreaterThan(1000);
      expect(tally.completeCases).toBeLessThan(2800);
      expect(tally.score.n).toBe(items.score.n);
      for (const k of ['estimate', 'se', 'deff'] as const) expect(tally.score[k]).toBeCloseTo(items.score[k], 12);
      expect(tally.alpha).toBeCloseTo(items.alpha, 12);
      expect(tally.alpha).toBeGreaterThan(-1);
    });
  }
});
