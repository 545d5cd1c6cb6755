// Composite indices from Likert items, rescaled to 0–100, and Cronbach's alpha for their consistency.
import { QuestionInfo } from './questionnaire.js';
import { RatioSet, StreamDesign, StreamEstimate } from './stream.js';

export interface IndexItem {
  question: string;
  /** Matrix row value; absent for a rating question. */
  row?: string;
  min: number;
  max: number;
  reverse?: boolean;
}

export interface IndexSpec {
  name: string;
  items: IndexItem[];
  /** Share of items a respondent must answer to get an index score (default 0.5). */
  minAnswered?: number;
}

/** Cronbach's alpha from item variances and the variance of their sum: k/(k−1)·(1 − Σσ²ᵢ/σ²ₜ). */
export function cronbachAlpha(items: number[][]): number {
  const k = items.length;
  const n = items[0].length;
  const acc = new AlphaAccumulator(k);
  for (let i = 0; i < n; i++) acc.add(items.map((it) => it[i]));
  return acc.alpha();
}

/**
 * Streaming sums for alpha (complete cases): per item Σd and Σd², and the same for the row total, where
 * d = x − shift (the first row, for numerical safety). Alpha needs only the item variances and the variance
 * of the total, so no k×k cross-products: O(k) a row.
 */
export class AlphaAccumulator {
  n = 0;
  private s: Float64Array;
  private q: Float64Array;
  /** Σ and Σ² of the row total's deviation (Σ of the items' deviations). */
  private sT = 0;
  private qT = 0;
  private shift: Float64Array | null = null;
  constructor(private k: number) {
    this.s = new Float64Array(k);
    this.q = new Float64Array(k);
  }
  add(x: ArrayLike<number>) {
    if (!this.shift) this.shift = Float64Array.from(x);
    const k = this.k, sh = this.shift, s = this.s, q = this.q;
    this.n++;
    let t = 0;
    for (let a = 0; a < k; a++) {
      const d = x[a] - sh[a];
      s[a] += d;
      q[a] += d * d;
      t += d;
    }
    this.sT += t;
    this.qT += t * t;
  }
  /** Centres every item on c (before any row): rows can then be counted instead of added (addTotal, fold). */
  center(c: number) {
    if (!this.shift) this.shift = new Float64Array(this.k).fill(c);
  }
  /**
   * A complete row whose items are counted by answer code elsewhere (see fold): only its total's deviation
   * t = Σ (xᵢ − shiftᵢ) is added here. Needs center() first.
   */
  addTotal(t: number) {
    this.n++;
    this.sT += t;
    this.qT += t * t;
  }
  /**
   * Moves counted rows into the item sums: counts[a·64 + v] complete rows had item a = table[a·64 + v]; the
   * counts are then zeroed. Why: per item, Σd and Σd² are Σ count·d and Σ count·d² over its few codes, so a
   * counted row costs one increment an item instead of a subtraction, two additions and a multiplication
   * (the sums are grouped by code, so they agree with add() to rounding).
   */
  fold(counts: Float64Array, table: Float64Array) {
    const sh = this.shift as Float64Array, s = this.s, q = this.q;
    for (let a = 0; a < this.k; a++) {
      for (let v = 0, at = a * 64; v < 64; v++, at++) {
        const c = counts[at];
        if (c === 0) continue;
        const d = table[at] - sh[a];
        s[a] += c * d;
        q[a] += c * d * d;
        counts[at] = 0;
      }
    }
  }
  /** Sums for merging passes over parts of a stream. */
  state() {
    return { n: this.n, s: this.s, q: this.q, sT: this.sT, qT: this.qT, shift: this.shift };
  }

  /** Adds another pass's sums, re-centred on this pass's shift (Σ(x−a) = Σ(x−b) + n(b−a), likewise for squares). */
  absorb(o: ReturnType<AlphaAccumulator['state']>) {
    if (o.n === 0 || !o.shift) return;
    if (!this.shift) this.shift = Float64Array.from(o.shift);
    const k = this.k;
    let dT = 0;
    for (let a = 0; a < k; a++) {
      const d = o.shift[a] - this.shift[a];
      dT += d;
      this.q[a] += o.q[a] + 2 * d * o.s[a] + o.n * d * d;
      this.s[a] += o.s[a] + o.n * d;
    }
    this.qT += o.qT + 2 * dT * o.sT + o.n * dT * dT;
    this.sT += o.sT + o.n * dT;
    this.n += o.n;
  }

  alpha(): number {
    const { n, k } = this;
    if (n < 2 || k < 2) return NaN;
    const variance = (s: number, q: number) => (q - (s * s) / n) / (n - 1);
    let sumVar = 0;
    for (let a = 0; a < k; a++) sumVar += variance(this.s[a], this.q[a]);
    return (k / (k - 1)) * (1 - sumVar / variance(this.sT, this.qT));
  }
}

/** By default every matrix with numeric columns is one index over its rows. */
export function defaultIndices(questions: QuestionInfo[]): IndexSpec[] {
  const out: IndexSpec[] = [];
  for (const q of questions) {
    if (q.kind !== 'matrix' || q.rows.length < 2) continue;
    const vals = q.columns.map((c) => c.value);
    if (vals.length < 2 || !vals.every((v) => typeof v === 'number')) continue;
    const min = Math.min(...(vals as number[])), max = Math.max(...(vals as number[]));
    out.push({ name: `${q.name}_index`, items: q.rows.map((r) => ({ question: q.name, row: String(r.value), min, max })) });
  }
  return out;
}

export interface ItemSource {
  /** A matrix's row values for the batch (topline.ts RowScratch). */
  scratch: { rows: number; values: Float64Array; present: Uint8Array } | null;
  row: number;
  read: (() => number) | null;
}

export interface IndexResult {
  name: string;
  items: number;
  score: StreamEstimate;
  alpha: number;
  completeCases: number;
}

/** Accumulates one index: respondent score = mean of answered rescaled items, if enough are answered. */
export class IndexAccumulator {
  private set: RatioSet;
  private col: number;
  readonly alphaAcc: AlphaAccumulator;
  private buf: Float64Array;
  /** Per item: min, max − min, reversed? (the items' fields, read once). */
  private mins: Float64Array;
  private ranges: Float64Array;
  private reversed: Uint8Array;
  private minShare: number;
  constructor(readonly spec: IndexSpec, design: StreamDesign) {
    this.set = new RatioSet(design);
    this.col = this.set.column();
    this.alphaAcc = new AlphaAccumulator(spec.items.length);
    this.buf = new Float64Array(spec.items.length);
    this.mins = Float64Array.from(spec.items, (it) => it.min);
    this.ranges = Float64Array.from(spec.items, (it) => it.max - it.min);
    this.reversed = Uint8Array.from(spec.items, (it) => (it.reverse ? 1 : 0));
    this.minShare = spec.minAnswered ?? 0.5;
    // The score of each small integer answer to each item, by the same expression as add().
    this.scores = new Float64Array(spec.items.length * 64);
    for (let j = 0; j < spec.items.length; j++) {
      for (let v = 0; v < 64; v++) {
        this.scores[j * 64 + v] = this.score(j, v);
      }
    }
  }
  /** Item j's score for each small integer answer v at [j·64 + v] (read by a matrix tally that scores this index). */
  readonly scores: Float64Array;
  /** When every item is a row of one matrix: its scratch area and each item's row (set on first use). */
  private plan: { scratch: NonNullable<ItemSource['scratch']>; rows: Int32Array } | null | undefined = undefined;
  /**
   * Where each item's value comes from in the current response (set by the caller; NaN when unanswered):
   * a matrix row the pass has already read (in the batch's scratch area), or a reader.
   */
  sources: ItemSource[] = [];

  /** Item j's answer v on the 0–100 scale (reversed items counted down): the one expression every path uses. */
  score(j: number, v: number): number {
    const s = ((v - this.mins[j]) / this.ranges[j]) * 100;
    return this.reversed[j] === 1 ? 100 - s : s;
  }

  /** Reader for data objects, for callers that do not supply getters. */
  static itemValue(data: Record<string, unknown>, it: IndexItem): number {
    const q = data[it.question];
    const v = it.row === undefined ? q : q && typeof q === 'object' ? (q as Record<string, unknown>)[it.row] : undefined;
    return typeof v === 'number' ? v : NaN;
  }

  /** One response: slot `slot` of the batch (its weight ws[slot], its matrix row values in the scratch areas). */
  add(unit: number, ws: Float64Array, slot: number) {
    const w = ws[slot];
    let sum = 0, answered = 0;
    const { sources, buf } = this;
    const k = buf.length;
    for (let j = 0; j < k; j++) {
      const src = sources[j];
      const sc = src.scratch;
      const v = sc !== null ? (sc.present[slot] === 1 ? sc.values[slot * sc.rows + src.row] : NaN) : src.read!();
      if (Number.isNaN(v)) { buf[j] = NaN; continue; }
      const s = this.score(j, v);
      buf[j] = s;
      sum += s;
      answered++;
    }
    if (answered === k) this.alphaAcc.add(buf);
    if (answered > 0 && answered >= this.minShare * k) {
      this.set.addBase(unit, w);
      this.set.add(unit, this.col, w, sum / answered);
    }
  }
  private onePlan() {
    if (this.plan === undefined) {
      const sc = this.sources[0]?.scratch ?? null;
      this.plan = sc !== null && this.sources.every((src) => src.scratch === sc) ? { scratch: sc, rows: Int32Array.from(this.sources, (src) => src.row) } : null;
    }
    return this.plan;
  }
  /**
   * Set when the items are the rows of one matrix, every row once and in order (the default indices): that
   * matrix's tally then scores each answer as it reads it (MatrixHandler.attachIndex), and the pass skips
   * add() and column() for this index.
   */
  scoredByMatrix = false;
  /** Are the items the rows `rows` of matrix `question`, every row once and in order? */
  itemsAreRows(question: string, rows: string[]): boolean {
    const its = this.spec.items;
    return its.length === rows.length && its.every((it, j) => it.question === question && it.row === rows[j]);
  }
  /**
   * One response scored by its matrix's tally: `answered` items whose scores sum to sums[slot]. The additions
   * add() and column() make to the index's own sums, in the same order (Cronbach's alpha is the tally's: see
   * MatrixHandler.attachIndex).
   */
  addScore(unit: number, ws: Float64Array, slot: number, sums: Float64Array, answered: number) {
    if (answered > 0 && answered >= this.minShare * this.buf.length) {
      const w = ws[slot];
      this.set.addBase(unit, w);
      this.set.add(unit, this.col, w, sums[slot] / answered);
    }
  }
  /** Are all items rows of one matrix (then column() applies)? */
  get fromOneMatrix(): boolean {
    return this.onePlan() !== null;
  }
  /**
   * The responses of a batch (slots 0…size−1). When every item is a row of one matrix (the default indices),
   * item values come straight from its scratch area and small integer answers score by table: the same
   * values and sums, in the same order, as add() for each slot.
   */
  column(units: Int32Array, ws: Float64Array, size: number) {
    const plan = this.onePlan();
    if (plan === null) throw new Error('IndexAccumulator.column: items are not all rows of one matrix (use add)');
    const { buf, scores, set, col, alphaAcc } = this;
    const { values, present, rows: R } = plan.scratch, rowOf = plan.rows;
    const k = buf.length, need = this.minShare * k;
    for (let slot = 0; slot < size; slot++) {
      if (present[slot] !== 1) continue; // no item answered: nothing to add
      let sum = 0, answered = 0;
      const at = slot * R;
      for (let j = 0; j < k; j++) {
        const v = values[at + rowOf[j]];
        if (Number.isNaN(v)) { buf[j] = NaN; continue; }
        const s = v >= 0 && v < 64 && (v | 0) === v ? scores[j * 64 + v] : this.score(j, v);
        buf[j] = s;
        sum += s;
        answered++;
      }
      if (answered === k) alphaAcc.add(buf);
      if (answered > 0 && answered >= need) {
        const w = ws[slot];
        set.addBase(units[slot], w);
        set.add(units[slot], col, w, sum / answered);
      }
    }
  }
  result(layout: ReturnType<StreamDesign['layout']>): IndexResult {
    return {
      name: this.spec.name, items: this.spec.items.length,
      score: this.set.estimate(this.col, layout, false), alpha: this.alphaAcc.alpha(), completeCases: this.alphaAcc.n,
    };
  }
}
