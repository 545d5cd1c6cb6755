// Per-question tallies for the kinds without a fixed option list to count: ranking (mean rank, % first),
// numbers (weighted mean, SD, quantiles from a capped value table) and text (count, capped answers).
import { Key, Option, QuestionInfo, valueKey } from './questionnaire.js';
import { RatioSet, StreamDesign } from './stream.js';
import type { CodedFingerprint } from './quality.js';
import { StringSlots } from './string-slots.js';
import {
  Handler, MatrixHandler, MultipleHandler, SingleHandler, nonEmpty, NUMBER, RANKING, TEXT,
} from './topline.js';

type Layout = ReturnType<StreamDesign['layout']>;

export class RankingHandler implements Handler {
  readonly kind = RANKING;
  fp: CodedFingerprint | null = null;
  private set: RatioSet;
  private items: { c: Option; rank: number; first: number }[];
  private byKey: Map<Key, { c: Option; rank: number; first: number }>;
  constructor(q: QuestionInfo, design: StreamDesign) {
    const set = (this.set = new RatioSet(design));
    this.items = q.choices.map((c) => ({ c, rank: set.column(), first: set.column() }));
    this.byKey = new Map(this.items.map((it) => [it.c.key, it]));
  }
  answered(v: unknown) {
    return Array.isArray(v) && v.length > 0;
  }
  /** Items already met as strings, by slot (see string-slots.ts): index into `items`. */
  private slots = new StringSlots();
  private item(x: unknown) {
    if (typeof x !== 'string') return this.byKey.get(valueKey(x));
    const i = this.slots.get(x);
    if (i >= 0) return this.items[i];
    const it = this.byKey.get(x);
    if (it) this.slots.set(x, this.items.indexOf(it));
    return it;
  }
  add(v: unknown, unit: number, w: number) {
    this.set.addBase(unit, w);
    const list = v as unknown[], fp = this.fp;
    if (fp) fp.mix(list.length);
    for (let pos = 0; pos < list.length; pos++) {
      const it = this.item(list[pos]);
      if (fp) {
        if (it) fp.mix(it.rank);
        else fp.raw(list[pos]);
      }
      if (!it) continue;
      this.set.add(unit, it.rank, w, pos + 1);
      if (pos === 0) this.set.add(unit, it.first, w, 1);
    }
  }
  result(layout: Layout) {
    return {
      items: this.items.map((it) => ({
        value: it.c.value, label: it.c.label,
        meanRank: this.set.estimate(it.rank, layout, false), first: this.set.estimate(it.first, layout, true),
      })),
    };
  }
}

export class NumberHandler implements Handler {
  readonly kind = NUMBER;
  readonly set: RatioSet;
  readonly col: number;
  /** Distinct values → weight, for weighted quantiles; past the cap quantiles are marked approximate. */
  values = new Map<number, number>();
  approximate = false;
  /** Σw, Σw·d, Σw·d² of d = y − shift (the first value), for the SD. */
  sw = 0;
  swy = 0;
  swy2 = 0;
  shift = NaN;
  constructor(design: StreamDesign) {
    this.set = new RatioSet(design);
    this.col = this.set.column();
  }
  answered(v: unknown) {
    return v !== '' && v !== null && v !== undefined && Number.isFinite(Number(v));
  }
  add(v: unknown, unit: number, w: number) {
    const y = Number(v);
    this.set.addBase(unit, w);
    this.set.add(unit, this.col, w, y);
    if (Number.isNaN(this.shift)) this.shift = y;
    const d = y - this.shift;
    this.sw += w; this.swy += w * d; this.swy2 += w * d * d;
    const values = this.values;
    if (values.has(y) || values.size < 10_000) values.set(y, (values.get(y) ?? 0) + w);
    else this.approximate = true;
  }
  result(layout: Layout) {
    const sorted = [...this.values.entries()].sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((a, [, w]) => a + w, 0);
    const q = (p: number) => {
      let c = 0;
      for (const [v, w] of sorted) if ((c += w) >= p * total - 1e-9 * total) return v;
      return NaN;
    };
    const m = this.swy / this.sw;
    return {
      mean: this.set.estimate(this.col, layout, false), sd: Math.sqrt(Math.max(this.swy2 / this.sw - m * m, 0)),
      min: sorted[0]?.[0] ?? NaN, q1: q(0.25), median: q(0.5), q3: q(0.75), max: sorted.at(-1)?.[0] ?? NaN,
      quantilesApproximate: this.approximate,
    };
  }
}

export class TextHandler implements Handler {
  readonly kind = TEXT;
  answers: string[] = [];
  count = 0;
  constructor(readonly maxAnswers: number) {}
  answered(v: unknown) {
    if (typeof v !== 'string') return nonEmpty(v);
    // A first character that is printable ASCII and not a space is never trimmed: no trim() (a new string) needed.
    const c = v.length > 0 ? v.charCodeAt(0) : 0;
    return (c > 32 && c < 127) || v.trim() !== '';
  }
  add(v: unknown) {
    this.count++;
    if (this.answers.length < this.maxAnswers) this.answers.push(typeof v === 'string' ? v : JSON.stringify(v));
  }
  result() {
    return { count: this.count, answers: this.answers, truncated: this.count > this.answers.length };
  }
}

export function handlerFor(q: QuestionInfo, design: StreamDesign, maxText: number): Handler {
  switch (q.kind) {
    case 'single': case 'rating': return new SingleHandler(q, design);
    case 'multiple': return new MultipleHandler(q, design);
    case 'matrix': return new MatrixHandler(q, design);
    case 'ranking': return new RankingHandler(q, design);
    case 'number': return new NumberHandler(design);
    default: return new TextHandler(maxText);
  }
}
