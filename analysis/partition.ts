// Tabulating a stream in parts (e.g. one part per worker thread) and merging the parts: every estimate
// is built from per-PSU sums, and sums add across parts. `snapshot` turns a Tabulation into plain data
// (structured-clone safe, for postMessage); `absorb` adds such a snapshot into another Tabulation of the
// same questionnaire and options.
//
// What stays exact and what does not: counts (shown, answered, levels, flags, duplicates) are exact;
// shares, means and SEs agree with a single pass to rounding (sums are added in another order, ~1e-15
// relative); answer levels not in the questionnaire are listed in part order, as are the ids listed under
// quality flags; PSUs are numbered in part order (which only reorders terms of the variance sums).
import { Tabulation } from './tabulate.js';
import { Distribution, MatrixHandler, MultipleHandler, SingleHandler } from './topline.js';
import { NumberHandler, TextHandler } from './topline-other.js';
import type { Option } from './questionnaire.js';

/** Option lists of every Distribution of a tabulation, in construction order (the same in every part). */
function distributions(tab: Tabulation): Distribution[] {
  const out: Distribution[] = [];
  for (const tr of tab.tracks) {
    const h = tr.h;
    if (h instanceof SingleHandler || h instanceof MultipleHandler) out.push(h.dist);
    else if (h instanceof MatrixHandler) for (const r of h.rows) out.push(r.dist);
  }
  return out;
}

export function snapshot(tab: Tabulation) {
  tab.flush();
  const d = tab.design;
  return {
    n: tab.n,
    design: {
      n: d.n, strata: d.strataLabels, stratumCount: d.stratumCount, units: d.unitKeys(),
      columns: d.columns, stride: d.stride, S: d.S, Q: d.Q, P: d.P, cnt: d.cnt, mom: d.mom,
    },
    /** Per Distribution: each level's key, option and design-table column. */
    levels: distributions(tab).map((dist) => dist.opts.map((o) => ({ key: o.key, option: o, col: dist.set.global(dist.cols.get(o.key)!) }))),
    tracks: tab.tracks.map((tr) => [tr.shown, tr.notShown, tr.noAnswer, tr.answered, tr.wAnswered]),
    numbers: tab.tracks.map((tr) => tr.h).filter((h) => h instanceof NumberHandler).map((h) => ({
      values: [...h.values], approximate: h.approximate, sw: h.sw, swy: h.swy, swy2: h.swy2, shift: h.shift,
    })),
    texts: tab.tracks.map((tr) => tr.h).filter((h) => h instanceof TextHandler).map((h) => ({ answers: h.answers, count: h.count })),
    indices: tab.indices.map((ix) => ix.alphaAcc.state()),
    quality: tab.quality?.state() ?? null,
  };
}
export type TabulationSnapshot = ReturnType<typeof snapshot>;

/**
 * Adds a part into `tab`. Call it on fresh Tabulations only (or on one whose own responses are all in):
 * columns created while the questionnaire was read are the same in every part; columns for unknown
 * answer levels are matched by the level's key.
 */
export function absorb(tab: Tabulation, part: TabulationSnapshot, builtColumns: number) {
  tab.flush();
  const d = tab.design, pd = part.design;
  // Columns made while results were read (derived bases, means: see RatioSet) are derived again here: skipped (−1).
  const col = new Int32Array(pd.columns).fill(-1);
  for (let c = 0; c < Math.min(builtColumns, pd.columns); c++) col[c] = c;
  const dists = distributions(tab);
  part.levels.forEach((levels, i) => {
    for (const lv of levels) if (lv.col >= builtColumns) col[lv.col] = dists[i].set.global(dists[i].level(lv.key, lv.option as Option));
  });
  const unit = pd.units.map(([s, psu]) => d.register(s, psu));
  pd.strata.forEach((s, h) => { d.stratumCount[d.register(s, null)] += pd.stratumCount[h]; });
  d.n += pd.n;
  for (let u = 0; u < unit.length; u++) {
    const from = u * pd.stride, to = unit[u] * d.stride;
    for (let c = 0; c < pd.columns; c++) {
      if (col[c] < 0) continue;
      d.S[to + col[c]] += pd.S[from + c];
      if (d.element) {
        d.Q[to + col[c]] += pd.Q[from + c];
        d.P[to + col[c]] += pd.P[from + c];
      }
    }
  }
  for (let c = 0; c < pd.columns; c++) {
    if (col[c] < 0) continue;
    d.cnt[col[c]] += pd.cnt[c];
    d.mom[col[c]] += pd.mom[c];
  }
  tab.tracks.forEach((tr, t) => {
    const [shown, notShown, noAnswer, answered, w] = part.tracks[t];
    tr.shown += shown; tr.notShown += notShown; tr.noAnswer += noAnswer; tr.answered += answered; tr.wAnswered += w;
  });
  const numbers = tab.tracks.map((tr) => tr.h).filter((h) => h instanceof NumberHandler);
  numbers.forEach((h, i) => absorbNumber(h, part.numbers[i]));
  const texts = tab.tracks.map((tr) => tr.h).filter((h) => h instanceof TextHandler);
  texts.forEach((h, i) => {
    const o = part.texts[i];
    h.count += o.count;
    for (const a of o.answers) if (h.answers.length < h.maxAnswers) h.answers.push(a);
  });
  tab.indices.forEach((ix, i) => ix.alphaAcc.absorb(part.indices[i]));
  if (tab.quality && part.quality) tab.quality.absorb(part.quality);
  tab.n += part.n;
}

/** Σw·(y−shift) and Σw·(y−shift)² re-centred on this handler's shift before adding. */
function absorbNumber(h: NumberHandler, o: TabulationSnapshot['numbers'][number]) {
  for (const [y, w] of o.values) {
    if (h.values.has(y) || h.values.size < 10_000) h.values.set(y, (h.values.get(y) ?? 0) + w);
    else h.approximate = true;
  }
  h.approximate ||= o.approximate;
  if (Number.isNaN(o.shift)) return;
  if (Number.isNaN(h.shift)) h.shift = o.shift;
  const delta = o.shift - h.shift;
  h.swy2 += o.swy2 + 2 * delta * o.swy + delta * delta * o.sw;
  h.swy += o.swy + delta * o.sw;
  h.sw += o.sw;
}

/** Merges parts into one topline: a fresh Tabulation of the same questionnaire and options absorbs each. */
export function mergeParts(survey: Record<string, any>, parts: TabulationSnapshot[], opts: ConstructorParameters<typeof Tabulation>[1] = {}) {
  const tab = new Tabulation(survey, opts);
  const built = tab.design.columns;
  for (const p of parts) absorb(tab, p, built);
  return tab.result();
}
