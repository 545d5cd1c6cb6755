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

/** Streaming sums of items and their cross-products (complete cases), shifted for numerical safety. */
export class AlphaAccumulator {
  n = 0;
  private s: Float64Array;
  private ss: Float64Array;
  private shift: Float64Array | null = null;
  constructor(private k: number) {
    this.s = new Float64Array(k);
    this.ss = new Float64Array(k * k);
    this.dx = new Float64Array(k);
  }
  /** x − shift of the current row (each deviation computed once, not once per product). */
  private dx: Float64Array;
  add(x: ArrayLike<number>) {
    if (!this.shift) this.shift = Float64Array.from(x);
    const k = this.k, sh = this.shift, s = this.s, ss = this.ss, dx = this.dx;
    this.n++;
    for (let a = 0; a < k; a++) dx[a] = x[a] - sh[a];
    for (let a = 0; a < k; a++) {
      const da = dx[a];
      s[a] += da;
      const row = a * k;
      for (let b = a; b < k; b++) ss[row + b] += da * dx[b];
    }
  }
  /** Sums for merging passes over parts of a stream. */
  state() {
    return { n: this.n, s: this.s, ss: this.ss, shift: this.shift };
  }

  /** Adds another pass's sums, re-centred on this pass's shift (Σ(x−a) = Σ(x−b) + n(b−a), likewise for products). */
  absorb(o: ReturnType<AlphaAccumulator['state']>) {
    if (o.n === 0 || !o.shift) return;
    if (!this.shift) this.shift = Float64Array.from(o.shift);
    const k = this.k, d = Float64Array.from(o.shift, (x, a) => x - this.shift![a]);
    for (let a = 0; a < k; a++) {
      this.s[a] += o.s[a] + o.n * d[a];
      for (let b = a; b < k; b++) this.ss[a * k + b] += o.ss[a * k + b] + d[a] * o.s[b] + d[b] * o.s[a] + o.n * d[a] * d[b];
    }
    this.n += o.n;
  }

  alpha(): number {
    const { n, k } = this;
    if (n < 2 || k < 2) return NaN;
    const cov = (a: number, b: number) => {
      const [i, j] = a <= b ? [a, b] : [b, a];
      return (this.ss[i * k + j] - (this.s[i] * this.s[j]) / n) / (n - 1);
    };
    let sumVar = 0, total = 0;
    for (let a = 0; a < k; a++) {
      sumVar += cov(a, a);
      for (let b = 0; b < k; b++) total += cov(a, b);
    }
    return (k / (k - 1)) * (1 - sumVar / total);
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
  scratch: { values: Float64Array; stamp: number } | null;
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
  }
  /**
   * Where each item's value comes from in the current response (set by the caller; NaN when unanswered):
   * a matrix row the pass has already read (values stamped with the response number), or a reader.
   */
  sources: ItemSource[] = [];

  /** Reader for data objects, for callers that do not supply getters. */
  static itemValue(data: Record<string, unknown>, it: IndexItem): number {
    const q = data[it.question];
    const v = it.row === undefined ? q : q && typeof q === 'object' ? (q as Record<string, unknown>)[it.row] : undefined;
    return typeof v === 'number' ? v : NaN;
  }

  /** One response (`now` = its number, to tell this response's row values from stale ones). */
  add(unit: number, w: number, now: number) {
    let sum = 0, answered = 0;
    const { sources, buf, mins, ranges, reversed } = this;
    const k = buf.length;
    for (let j = 0; j < k; j++) {
      const src = sources[j];
      const sc = src.scratch;
      const v = sc !== null ? (sc.stamp === now ? sc.values[src.row] : NaN) : src.read!();
      if (Number.isNaN(v)) { buf[j] = NaN; continue; }
      let s = ((v - mins[j]) / ranges[j]) * 100;
      if (reversed[j] === 1) s = 100 - s;
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
  result(layout: ReturnType<StreamDesign['layout']>): IndexResult {
    return {
      name: this.spec.name, items: this.spec.items.length,
      score: this.set.estimate(this.col, layout, false), alpha: this.alphaAcc.alpha(), completeCases: this.alphaAcc.n,
    };
  }
}
