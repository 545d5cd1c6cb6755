// Per-question tallies for the survey-aware topline: one handler per analysis kind, each fed one answer at
// a time and holding only per-PSU sums (plus capped lists for text and numeric quantiles).
import { Key, Option, QuestionInfo, valueKey } from './questionnaire.js';
import { RatioSet, StreamDesign, StreamEstimate } from './stream.js';
import { CodedFingerprint, mixH1, mixH2 } from './quality.js';
import { BATCH, Batch, TrackCounts } from './batch.js';
import { StringSlots } from './string-slots.js';
import type { IndexAccumulator } from './indices.js';

type Layout = ReturnType<StreamDesign['layout']>;
export interface LevelResult extends StreamEstimate { value: unknown; label: string }

/** Distribution over a fixed list of options (unknown answers get a level of their own). */
export class Distribution {
  set: RatioSet;
  cols = new Map<Key, number>();
  opts: Option[] = [];
  /**
   * `levelsOnly`: each respondent is counted in exactly one level (set.addLevel), and the base is the sum of
   * the levels, derived when results are read (`derive`). Otherwise (multiple choice) the caller adds the base.
   */
  constructor(design: StreamDesign, options: Option[], readonly levelsOnly = false) {
    this.set = new RatioSet(design, levelsOnly);
    for (const o of options) this.level(o.key, o);
  }
  /** The level columns, in order. */
  levelColumns(): number[] {
    return this.opts.map((o) => this.cols.get(o.key) as number);
  }
  /** Sets the base to the sum of the levels (levelsOnly); call before reading results. */
  derive() {
    if (!this.levelsOnly) return;
    const ls = this.levelColumns();
    this.set.derive(-1, ls, ls.map(() => 1));
  }
  private small = new Int32Array(64).fill(-1);
  /** Strings already met, by slot (a Map lookup only on a miss: see string-slots.ts). */
  private strs = new StringSlots();
  /** Column of an answer value; small integer codes and known strings skip the Map. */
  col(v: unknown): number {
    if (typeof v === 'number' && v >= 0 && v < 64 && (v | 0) === v) {
      const c = this.small[v];
      return c >= 0 ? c : (this.small[v] = this.level(v));
    }
    if (typeof v === 'string') {
      const known = this.strs.get(v);
      if (known >= 0) return known;
      const c = this.level(v);
      this.strs.set(v, c);
      return c;
    }
    return this.level(valueKey(v));
  }
  level(key: Key, o?: Option): number {
    let c = this.cols.get(key);
    if (c === undefined) {
      c = this.set.column();
      this.cols.set(key, c);
      this.opts.push(o ?? { value: key, key, label: String(key) });
    }
    return c;
  }
  result(layout: Layout): LevelResult[] {
    return this.opts.map((o) => ({ value: o.value, label: o.label, ...this.set.estimate(this.cols.get(o.key) as number, layout, true) }));
  }
}

/** Scale summary for ordered numeric options: mean and top-2-box share. */
class Scale {
  /** Numerators of the mean and the top-2-box in the distribution's set: made when first derived (see RatioSet). */
  meanCol = -1;
  topCol = -1;
  readonly numeric: boolean;
  /** Smallest value in the top two boxes of the scale. */
  topFrom = Infinity;
  constructor(private dist: Distribution, options: Option[]) {
    this.numeric = options.length > 1 && options.every((o) => typeof o.value === 'number');
    if (!this.numeric) return;
    const sorted = [...options].sort((a, b) => (b.value as number) - (a.value as number));
    this.topFrom = sorted[1].value as number;
  }
  /**
   * The mean (y = the answer, for numeric answers) and the top-2-box (y = 1 from topFrom up) from the level
   * columns: every numeric answer is a level whose key is its value (see RatioSet.derive).
   */
  derive() {
    if (!this.numeric) return;
    const dist = this.dist, ls = dist.levelColumns(), keys = dist.opts.map((o) => o.key);
    if (this.meanCol < 0) {
      this.meanCol = dist.set.column();
      this.topCol = dist.set.column();
    }
    const numeric = ls.filter((_, k) => typeof keys[k] === 'number');
    const values = keys.filter((x): x is number => typeof x === 'number');
    dist.set.derive(this.meanCol, numeric, values);
    const top = numeric.filter((_, k) => values[k] >= this.topFrom);
    dist.set.derive(this.topCol, top, top.map(() => 1));
  }
  result(layout: Layout) {
    if (!this.numeric) return {};
    return { mean: this.dist.set.estimate(this.meanCol, layout, false), top2: this.dist.set.estimate(this.topCol, layout, true) };
  }
}

/**
 * What a matrix handler leaves for the rest of the pass, so that indices, straight-lining and the
 * duplicate fingerprint need not read the answer object again (reads of wide answer objects dominate).
 */
export interface RowScratch {
  /** Rows of the matrix. */
  rows: number;
  /** Numeric answer of response j (slot of the batch) to row i at [j·rows + i], NaN when unanswered or not numeric. */
  values: Float64Array;
  /** 1 when response j's values are set (the matrix was shown and answered with an object). */
  present: Uint8Array;
  /** Rows response j answered. */
  answered: Int32Array;
}

/** Handler kinds: tabulate's loop switches on them so that each call site sees one class (inlined). */
export const SINGLE = 0, MULTIPLE = 1, MATRIX = 2, RANKING = 3, NUMBER = 4, TEXT = 5;

export interface Handler {
  readonly kind: number;
  /** Set when duplicates are checked: the handler mixes the codes of each answer it tallies. */
  fp?: CodedFingerprint | null;
  scratch?: RowScratch;
  /** Answer present (non-empty)? */
  answered(v: unknown): boolean;
  add(v: unknown, unit: number, w: number): void;
  result(layout: Layout): Record<string, unknown>;
}

/** Adds a batch's counts of one question to its track (the column loops keep them in locals). */
export function settle(tr: TrackCounts, shown: number, notShown: number, noAnswer: number, answered: number, wAnswered: number) {
  tr.shown += shown;
  tr.notShown += notShown;
  tr.noAnswer += noAnswer;
  tr.answered += answered;
  tr.wAnswered = wAnswered;
}

export function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') {
    for (const _k in v as object) return true; // any own key: no Object.keys allocation per answer
    return false;
  }
  return true;
}

export class SingleHandler implements Handler {
  readonly kind = SINGLE;
  fp: CodedFingerprint | null = null;
  readonly dist: Distribution;
  private scale: Scale | null;
  constructor(q: QuestionInfo, design: StreamDesign) {
    this.dist = new Distribution(design, q.choices, true);
    this.scale = q.kind === 'rating' ? new Scale(this.dist, q.choices) : null;
  }
  answered(v: unknown) {
    return v !== undefined && v !== null && v !== '';
  }
  add(v: unknown, unit: number, w: number) {
    const col = this.dist.col(v);
    if (this.fp) this.fp.mix(col);
    this.dist.set.addLevel(unit, col, w);
  }
  /** Question t's answers in batch b (see batch.ts). */
  column(b: Batch, t: number, tr: TrackCounts) {
    const base = t * BATCH, { vals, hidden, units, ws, size } = b, always = tr.always, fp = this.fp, code = tr.code;
    let shown = 0, notShown = 0, noAnswer = 0, answered = 0, wA = tr.wAnswered;
    for (let j = 0; j < size; j++) {
      if (!always && hidden[base + j] === 1) { notShown++; continue; }
      shown++;
      const v = vals[base + j];
      if (v === undefined || v === null || v === '') { noAnswer++; continue; }
      answered++;
      const w = ws[j];
      wA += w;
      const col = this.dist.col(v);
      if (fp !== null) fp.mixAnswer(j, code, col);
      this.dist.set.addLevel(units[j], col, w);
    }
    settle(tr, shown, notShown, noAnswer, answered, wA);
  }
  result(layout: Layout) {
    this.dist.derive();
    this.scale?.derive();
    return { levels: this.dist.result(layout), ...(this.scale?.result(layout) ?? {}) };
  }
}

export class MultipleHandler implements Handler {
  readonly kind = MULTIPLE;
  fp: CodedFingerprint | null = null;
  readonly dist: Distribution;
  /**
   * Items of each response's array answer in the batch, copied when the answers are read (reader.ts
   * ArrayRead): slot j's at j·cap, their number in len[j] (−1: longer than cap, −2: not an array).
   */
  readonly cap: number;
  readonly items: unknown[];
  readonly len = new Int32Array(BATCH);
  constructor(q: QuestionInfo, design: StreamDesign) {
    this.dist = new Distribution(design, q.choices);
    this.cap = Math.max(8, q.choices.length + 2);
    this.items = new Array(BATCH * this.cap).fill(undefined);
  }
  answered(v: unknown) {
    return nonEmpty(v);
  }
  add(v: unknown, unit: number, w: number) {
    const dist = this.dist, fp = this.fp;
    dist.set.addBase(unit, w);
    if (!Array.isArray(v)) {
      const col = dist.col(v);
      if (fp) { fp.mix(-1); fp.mix(col); }
      dist.set.add(unit, col, w, 1);
      return;
    }
    // The fingerprint's state for this response (slot fp.j), in locals while the options are mixed in.
    const j = fp ? fp.j : 0;
    let h1 = fp ? mixH1(fp.h1[j], v.length) : 0, h2 = fp ? mixH2(fp.h2[j], v.length) : 0;
    for (let i = 0; i < v.length; i++) {
      const col = dist.col(v[i]);
      if (fp) { h1 = mixH1(h1, col); h2 = mixH2(h2, col); }
      dist.set.add(unit, col, w, 1);
    }
    if (fp) { fp.h1[j] = h1; fp.h2[j] = h2; }
  }
  /**
   * The array answer of slot j, already copied to `items` (n of them): the same additions as add(); `code`
   * (≥ 0) is mixed into the fingerprint first, with the items.
   */
  private addItems(unit: number, ws: Float64Array, j: number, n: number, code: number) {
    const dist = this.dist, fp = this.fp, items = this.items, at = j * this.cap, w = ws[j];
    dist.set.addBase(unit, w);
    let h1 = fp ? fp.h1[j] : 0, h2 = fp ? fp.h2[j] : 0;
    if (fp && code >= 0) { h1 = mixH1(h1, code); h2 = mixH2(h2, code); }
    if (fp) { h1 = mixH1(h1, n); h2 = mixH2(h2, n); }
    for (let i = 0; i < n; i++) {
      const col = dist.col(items[at + i]);
      if (fp) { h1 = mixH1(h1, col); h2 = mixH2(h2, col); }
      dist.set.add(unit, col, w, 1);
    }
    if (fp) { fp.h1[j] = h1; fp.h2[j] = h2; }
  }
  /** Question t's answers in batch b (see batch.ts). */
  column(b: Batch, t: number, tr: TrackCounts) {
    const base = t * BATCH, { vals, hidden, units, ws, size } = b, always = tr.always, fp = this.fp, code = tr.code;
    const len = this.len;
    let shown = 0, notShown = 0, noAnswer = 0, answered = 0, wA = tr.wAnswered;
    for (let j = 0; j < size; j++) {
      if (!always && hidden[base + j] === 1) { notShown++; continue; }
      shown++;
      // Arrays were copied with the top-level answers (len ≥ 0): the answer itself is not touched again.
      const n = len[j];
      const v = n >= 0 ? null : vals[base + j];
      if (n >= 0 ? n === 0 : !nonEmpty(v)) { noAnswer++; continue; }
      answered++;
      const w = ws[j];
      wA += w;
      // Copied items: the question's code is mixed into the fingerprint with them, in addItems' locals.
      if (n >= 0) this.addItems(units[j], ws, j, n, fp !== null ? code : -1);
      else {
        if (fp !== null) { fp.j = j; fp.mix(code); }
        this.add(v, units[j], w);
      }
    }
    settle(tr, shown, notShown, noAnswer, answered, wA);
  }
  result(layout: Layout) {
    const dist = this.dist;
    const levels = dist.result(layout);
    const totals = dist.opts.map((o) => dist.set.total(dist.cols.get(o.key) as number));
    const all = totals.reduce((a, b) => a + b, 0);
    // % of respondents (can sum past 100) and % of mentions (sums to 100).
    return { levels: levels.map((l, k) => ({ ...l, shareOfMentions: all > 0 ? totals[k] / all : NaN })) };
  }
}

/**
 * Reader of a matrix answer's rows into an array (`out[at + i]`), compiled once per matrix: `a["row"]` with a
 * literal key is a monomorphic property load, ~2× faster here than `a[name]` looked up by name at one shared
 * site (many matrices, many shapes). Names are embedded as JSON string literals, so any name is safe.
 */
function rowReader(names: string[]): (a: Record<string, unknown>, out: unknown[], at: number) => void {
  try {
    const body = names.map((n, i) => `out[at + ${i}] = a[${JSON.stringify(n)}];`).join('\n');
    return new Function('a', 'out', 'at', body) as (a: Record<string, unknown>, out: unknown[], at: number) => void;
  } catch {
    return (a, out, at) => { for (let i = 0; i < names.length; i++) out[at + i] = a[names[i]]; }; // no code generation allowed
  }
}

interface MatrixRow { row: Option; dist: Distribution; scale: Scale }

export class MatrixHandler implements Handler {
  readonly kind = MATRIX;
  fp: CodedFingerprint | null = null;
  readonly scratch: RowScratch;
  readonly rows: MatrixRow[];
  readonly rowNames: string[];
  /**
   * Row values of each response of the batch (slot j at j·rows), read with the top-level answers when the
   * answer is an object (reader.ts NestedRead); the per-answer methods use slot 0.
   */
  readonly cells: unknown[];
  /** 1 when the answer in slot j is an object (then its rows are in `cells`). */
  readonly isObject = new Uint8Array(BATCH);
  private read: (a: Record<string, unknown>, out: unknown[], at: number) => void;
  /** Rows whose name is not inherited from Object.prototype: a value found there proves an own key. */
  private plain: boolean[];
  /** The answer object slot 0 was read from (answered() reads it; add() reuses it). */
  private readFrom: unknown = undefined;
  constructor(q: QuestionInfo, private design: StreamDesign) {
    this.rows = q.rows.map((r) => {
      const dist = new Distribution(design, q.columns, true);
      return { row: r, dist, scale: new Scale(dist, q.columns) };
    });
    const R = this.rows.length;
    this.scratch = { rows: R, values: new Float64Array(BATCH * R), present: new Uint8Array(BATCH), answered: new Int32Array(BATCH) };
    this.cells = new Array(BATCH * R).fill(undefined);
    const names = (this.rowNames = q.rows.map((r) => String(r.value)));
    this.read = rowReader(names);
    this.plain = names.map((n) => !(n in Object.prototype));
    this.lev = new Int32Array(R * 64).fill(-1);
    this.levG = new Int32Array(R * 64);
  }
  /**
   * The flat plan of the rows: per row and small integer answer code (row·64 + code), the level's column
   * in the row's RatioSet (-1 until first met) and in the design table.
   */
  private lev: Int32Array;
  private levG: Int32Array;
  /**
   * The index over this matrix's rows that the tally scores (attachIndex): its score table by row·64 + code,
   * the complete answers counted by the same key for its alpha (folded into it after each batch), and each
   * slot's sum of scores (read by addScore).
   */
  private ix: IndexAccumulator | null = null;
  private ixTable: Float64Array = new Float64Array(0);
  private ixCounts: Float64Array = new Float64Array(0);
  private ixSums = new Float64Array(BATCH);
  /** One complete answer's item scores, for alpha when one of them is off the table (settleIndex). */
  private ixItems: Float64Array = new Float64Array(0);
  /**
   * Scores `ix` here when its items are this matrix's rows in order (the default indices). Why: the index
   * read every row back from the scratch area after the batch and added each item of a complete answer to
   * Cronbach's alpha's sums; here each row's score is added while its answer is at hand, and a complete
   * answer's items are only counted by code (AlphaAccumulator.fold): with the 8 default indices the pass
   * took 3–5% less CPU (the same records fed in turn to both, in one process).
   * The index's score sums get the same terms in the same order; alpha's item sums are grouped by code
   * (equal to rounding). Returns whether it attached.
   */
  attachIndex(ix: IndexAccumulator, question: string): boolean {
    if (this.ix !== null || !ix.itemsAreRows(question, this.rowNames)) return false;
    this.ix = ix;
    this.ixTable = ix.scores;
    this.ixCounts = new Float64Array(this.rows.length * 64);
    this.ixItems = new Float64Array(this.rows.length);
    ix.alphaAcc.center(50); // the middle of the 0–100 scale
    ix.scoredByMatrix = true;
    return true;
  }
  /** Moves the counted complete answers into the index's alpha (after each batch). */
  foldIndex() {
    if (this.ix !== null) this.ix.alphaAcc.fold(this.ixCounts, this.ixTable);
  }
  /**
   * The index's part of slot j's tally: its rows' small integer codes were counted; an answer that is not
   * complete (or has a score off the table) is uncounted and, when complete, added item by item.
   */
  private settleIndex(unit: number, ws: Float64Array, j: number, scored: number, offTable: boolean) {
    const ix = this.ix as IndexAccumulator, R = this.rows.length, vals = this.scratch.values, at = j * R;
    const sum = this.ixSums[j]; // passed in an array: a double argument to a call that is not inlined is boxed
    ix.addScore(unit, ws, j, this.ixSums, scored);
    if (scored === R && !offTable) {
      ix.alphaAcc.addTotal(sum - 50 * R);
      return;
    }
    const counts = this.ixCounts;
    for (let i = 0; i < R; i++) {
      const x = vals[at + i];
      if (x >= 0 && x < 64 && (x | 0) === x) counts[i * 64 + x]--;
    }
    if (scored < R) return;
    const buf = this.ixItems; // complete, with a score off the table: every row is a number here
    for (let i = 0; i < R; i++) buf[i] = ix.score(i, vals[at + i]);
    ix.alphaAcc.add(buf);
  }
  /** Does slot j hold a row value (an own key of the answer)? */
  private hasRows(j: number) {
    const R = this.rows.length, cells = this.cells, plain = this.plain;
    for (let i = 0, at = j * R; i < R; i++) if (cells[at + i] !== undefined && plain[i]) return true;
    return false;
  }
  /** Non-empty answer; a row's value settles it without nonEmpty's for-in over the object. */
  answered(v: unknown) {
    if (!v || typeof v !== 'object') return nonEmpty(v);
    this.read(v as Record<string, unknown>, this.cells, 0);
    this.readFrom = v;
    return this.hasRows(0) || nonEmpty(v);
  }
  add(v: unknown, unit: number, w: number) {
    if (!v || typeof v !== 'object') return;
    if (this.readFrom !== v) this.read(v as Record<string, unknown>, this.cells, 0);
    this.readFrom = undefined;
    this.one[0] = w;
    this.tally(unit, this.one, 0, -1);
  }
  /** The weight of add()'s answer, for tally(). */
  private one = new Float64Array(1);
  /**
   * Adds the answer whose rows are in slot j of `cells`, with weight ws[j]; its numeric row values go to slot j
   * of the scratch area. (Weights are passed as an array and index: a double argument to a call that is not
   * inlined is boxed, an allocation per answer.)
   */
  private tally(unit: number, ws: Float64Array, j: number, code: number) {
    const { rows, cells, scratch, fp, design: d, lev, levG, ix, ixTable, ixCounts } = this;
    const vals = scratch.values, at = j * rows.length, w = ws[j];
    // The attached index: the sum of the rows' scores, how many, and whether any score was off the table.
    let isum = 0, iscored = 0, offTable = false;
    // The fingerprint's state for this response, in locals while the question's code (when ≥ 0) and the rows are mixed in.
    let h1 = fp ? fp.h1[j] : 0, h2 = fp ? fp.h2[j] : 0;
    if (fp && code >= 0) { h1 = mixH1(h1, code); h2 = mixH2(h2, code); }
    let answered = 0;
    let S = d.S, row = unit * d.stride, cnt = d.cnt, mom = d.mom;
    const element = d.element;
    // The questionnaire's rows, in order (not the answer's keys): no allocation per response.
    for (let i = 0; i < rows.length; i++) {
      const cv = cells[at + i];
      if (cv === undefined || cv === null || cv === '') {
        if (fp) { const c = cv === '' ? -2 : -1; h1 = mixH1(h1, c); h2 = mixH2(h2, c); }
        vals[at + i] = NaN;
        continue;
      }
      answered++;
      // Fast path: a small integer code already seen in this row. The same additions, in the same order,
      // as dist.col → set.addLevel below, on the design table's columns directly. (The row's base, mean
      // and top-2-box are derived from its levels when results are read: Distribution/Scale.derive.)
      const small = typeof cv === 'number' && cv >= 0 && cv < 64 && (cv | 0) === cv;
      const k = small ? i * 64 + cv : 0;
      if (small && lev[k] >= 0 && !element) {
        vals[at + i] = cv;
        if (ix !== null) { isum += ixTable[k]; ixCounts[k]++; iscored++; }
        if (fp) { h1 = mixH1(h1, lev[k]); h2 = mixH2(h2, lev[k]); }
        const g = levG[k];
        S[row + g] += w;
        mom[g] += w;
        cnt[g]++;
        continue;
      }
      const r = rows[i];
      const x = typeof cv === 'number' ? cv : NaN;
      vals[at + i] = x;
      if (ix !== null && x === x) { // a number (not NaN): scored, as the index reads the scratch area
        if (small) { isum += ixTable[k]; ixCounts[k]++; }
        else { isum += ix.score(i, x); offTable = true; }
        iscored++;
      }
      const col = r.dist.col(cv);
      if (fp) { h1 = mixH1(h1, col); h2 = mixH2(h2, col); }
      r.dist.set.addLevel(unit, col, w);
      if (small) {
        lev[k] = col;
        levG[k] = r.dist.set.global(col);
      }
      // A new level may have grown the design table: reload it.
      S = d.S;
      row = unit * d.stride;
      cnt = d.cnt;
      mom = d.mom;
    }
    if (fp) { fp.h1[j] = h1; fp.h2[j] = h2; }
    scratch.answered[j] = answered;
    scratch.present[j] = 1;
    if (ix !== null) {
      this.ixSums[j] = isum;
      this.settleIndex(unit, ws, j, iscored, offTable);
    }
  }
  /** Question t's answers in batch b (see batch.ts). */
  column(b: Batch, t: number, tr: TrackCounts) {
    const base = t * BATCH, { vals, hidden, units, ws, size } = b, always = tr.always, fp = this.fp, code = tr.code;
    const present = this.scratch.present, isObject = this.isObject;
    let shown = 0, notShown = 0, noAnswer = 0, answered = 0, wA = tr.wAnswered;
    for (let j = 0; j < size; j++) {
      present[j] = 0;
      if (!always && hidden[base + j] === 1) { notShown++; continue; }
      shown++;
      const v = vals[base + j];
      // The rows of an object answer are already in slot j (read with the top-level answers): the
      // answer object itself is not touched again.
      const obj = isObject[j] === 1;
      if (!(obj ? this.hasRows(j) || nonEmpty(v) : nonEmpty(v))) { noAnswer++; continue; }
      answered++;
      const w = ws[j];
      wA += w;
      if (obj) this.tally(units[j], ws, j, fp !== null ? code : -1);
      else if (fp !== null) { fp.j = j; fp.mix(code); }
    }
    settle(tr, shown, notShown, noAnswer, answered, wA);
  }
  result(layout: Layout) {
    for (const r of this.rows) {
      r.dist.derive();
      r.scale.derive();
    }
    return {
      rows: this.rows.map((r) => ({
        value: r.row.value, label: r.row.label, answered: r.dist.set.baseN,
        levels: r.dist.result(layout), ...r.scale.result(layout),
      })),
    };
  }
}
