// Survey-aware tabulation: a SurveyJS questionnaire and an async stream of responses in, a weighted
// topline for every question (with SEs under the design), composite indices and quality flags out.
import { Locale, QuestionInfo, readQuestionnaire } from './questionnaire.js';
import { ResponseReader } from './reader.js';
import { StreamDesign, StreamDesignOptions } from './stream.js';
import { Handler, MatrixHandler, MultipleHandler, SingleHandler, MATRIX, MULTIPLE, RANKING, SINGLE } from './topline.js';
import { handlerFor, RankingHandler } from './topline-other.js';
import { IndexAccumulator, IndexResult, IndexSpec, defaultIndices } from './indices.js';
import { CodedFingerprint, QualityOptions, QualitySummary, QualityTracker, isStraightLined } from './quality.js';

export interface TabulateResponse {
  id?: string;
  data: Record<string, unknown>;
  weight?: number;
  stratum?: string;
  psu?: string;
  durationSec?: number;
}

export interface TabulateOptions {
  locale?: Locale;
  /** Present = a weighted design: responses carry weight, stratum and (if clustered) psu. */
  design?: StreamDesignOptions;
  maxTextAnswers?: number;
  indices?: IndexSpec[];
  quality?: QualityOptions | false;
}

export interface QuestionTopline {
  name: string;
  type: string;
  kind: string;
  title: string;
  /** Respondents the question was shown to, not shown (skip logic), shown but unanswered, answered. */
  shown: number;
  notShown: number;
  noAnswer: number;
  answered: number;
  weightedAnswered: number;
  [k: string]: unknown;
}

export interface Topline {
  n: number;
  locale: Locale;
  design: { weighted: boolean; strata: number; psus: number; df: number };
  questions: QuestionTopline[];
  indices: IndexResult[];
  quality: QualitySummary | null;
}

export interface Track {
  q: QuestionInfo;
  h: Handler;
  kind: number;
  shown: number;
  notShown: number;
  noAnswer: number;
  answered: number;
  wAnswered: number;
}

/**
 * The state of one pass: built from the questionnaire, fed response by response, finished into a Topline.
 * (A class so that a pass over part of the stream can be snapshotted and merged: `partition.ts`.)
 */
export class Tabulation {
  readonly locale: Locale;
  readonly questions: QuestionInfo[];
  readonly design: StreamDesign;
  readonly tracks: Track[];
  readonly indices: IndexAccumulator[];
  readonly quality: QualityTracker | null;
  readonly weighted: boolean;
  n = 0;
  /** Adds one response (the hot path). */
  readonly add: (r: TabulateResponse) => void;

  constructor(survey: Record<string, any>, opts: TabulateOptions = {}) {
    const locale = (this.locale = opts.locale ?? 'vi');
    const questions = (this.questions = readQuestionnaire(survey, locale));
    const design = (this.design = new StreamDesign(opts.design ?? {}, !opts.design));
    const tracks: Track[] = (this.tracks = questions.map((q) => {
      const h = handlerFor(q, design, opts.maxTextAnswers ?? 100);
      return { q, h, kind: h.kind, shown: 0, notShown: 0, noAnswer: 0, answered: 0, wAnswered: 0 };
    }));
    const reader = new ResponseReader(questions);
    const always = reader.always;
    const indices = (this.indices = (opts.indices ?? defaultIndices(questions)).map((s) => new IndexAccumulator(s, design)));
    const quality = (this.quality = opts.quality === false ? null : new QualityTracker(opts.quality || {}));
    // Matrices leave their row values in a scratch area: indices, straight-lining and the duplicate
    // fingerprint read them there instead of walking the answer objects again.
    const matrices = tracks.map((tr, t) => ({ t, name: tr.q.name, scratch: tr.h.scratch, numeric: tr.q.columns.every((c) => typeof c.value === 'number') }))
      .filter((m) => m.scratch);
    const fp = quality ? new CodedFingerprint() : null;
    for (const tr of tracks) if ('fp' in tr.h) tr.h.fp = fp;
    let current: Record<string, unknown> = {};
    const byName = new Map(tracks.map((tr) => [tr.q.name, tr]));
    for (const ix of indices) {
      ix.sources = ix.spec.items.map((it) => {
        const sc = byName.get(it.question)?.h.scratch;
        const row = sc && it.row !== undefined ? byName.get(it.question)!.q.rows.findIndex((r) => String(r.value) === it.row) : -1;
        if (sc && row >= 0) return { scratch: sc, row, read: null };
        return { scratch: null, row, read: () => IndexAccumulator.itemValue(current, it) };
      });
    }
    const straight: string[] = [];
    const minRows = quality?.minRows ?? 4;
    const weighted = (this.weighted = Boolean(opts.design));

    // ~10⁶ responses × 50 questions. The switches give each handler call site one class, so V8 inlines
    // them; a shared `h.add(…)` site would see six and stay a slow megamorphic call.
    this.add = (r: TabulateResponse) => {
      const w = weighted ? (r.weight ?? 1) : 1;
      const unit = weighted ? design.locate(r.stratum, r.psu) : design.locate(undefined, undefined);
      const data = r.data;
      current = data;
      reader.start(data);
      if (fp) fp.start();
      for (let t = 0; t < tracks.length; t++) {
        const tr = tracks[t];
        if (!always[t] && !reader.shown(t)) { tr.notShown++; continue; }
        tr.shown++;
        const v = reader.value(t);
        const h = tr.h;
        let ok: boolean;
        switch (tr.kind) {
          case SINGLE: ok = (h as SingleHandler).answered(v); break;
          case MATRIX: ok = (h as MatrixHandler).answered(v); break;
          case MULTIPLE: ok = (h as MultipleHandler).answered(v); break;
          case RANKING: ok = (h as RankingHandler).answered(v); break;
          default: ok = h.answered(v);
        }
        if (!ok) { tr.noAnswer++; continue; }
        tr.answered++;
        tr.wAnswered += w;
        if (fp) {
          fp.mix(t + 0x200000);
          if (tr.kind > RANKING) fp.raw(v); // handlers with option codes mix them as they tally
        }
        switch (tr.kind) {
          case SINGLE: (h as SingleHandler).add(v, unit, w); break;
          case MATRIX: (h as MatrixHandler).add(v, unit, w); break;
          case MULTIPLE: (h as MultipleHandler).add(v, unit, w); break;
          case RANKING: (h as RankingHandler).add(v, unit, w); break;
          default: h.add(v, unit, w);
        }
      }
      for (let i = 0; i < indices.length; i++) indices[i].add(unit, w, design.n);
      if (quality) {
        straight.length = 0;
        for (const m of matrices) {
          const sc = m.scratch!;
          if (sc.stamp !== design.n) continue;
          if (!m.numeric) {
            if (isStraightLined(reader.value(m.t), minRows)) straight.push(m.name);
            continue;
          }
          if (sc.answered < minRows) continue;
          let first = NaN, same = true;
          for (let i = 0; i < sc.values.length && same; i++) {
            const x = sc.values[i];
            if (Number.isNaN(x)) continue;
            if (Number.isNaN(first)) first = x;
            else if (x !== first) same = false;
          }
          if (same) straight.push(m.name);
        }
        quality.add(r.id ?? String(this.n), fp!.end(), straight, r.durationSec);
      }
      this.n++;
    };
  }

  /** Estimates and summaries of everything added so far. */
  result(): Topline {
    const { design, weighted, n } = this;
    const layout = design.layout();
    return {
      n, locale: this.locale,
      design: { weighted, strata: design.strataLabels.length, psus: design.opts.clustered ? design.units : n, df: design.df },
      questions: this.tracks.map((tr) => ({
        name: tr.q.name, type: tr.q.type, kind: tr.q.kind, title: tr.q.title,
        shown: tr.shown, notShown: tr.notShown, noAnswer: tr.noAnswer, answered: tr.answered, weightedAnswered: tr.wAnswered,
        ...tr.h.result(layout),
      })),
      indices: this.indices.map((ix) => ix.result(layout)),
      quality: this.quality?.summary() ?? null,
    };
  }
}

/** Single pass over the responses (records or arrays of records); memory bounded by PSUs, not responses. */
export async function tabulate(
  survey: Record<string, any>,
  responses: AsyncIterable<TabulateResponse | TabulateResponse[]> | Iterable<TabulateResponse | TabulateResponse[]>,
  opts: TabulateOptions = {},
): Promise<Topline> {
  const tab = new Tabulation(survey, opts);
  const one = tab.add;
  for await (const item of responses as AsyncIterable<TabulateResponse | TabulateResponse[]>) {
    if (Array.isArray(item)) for (const r of item) one(r);
    else one(item);
  }
  return tab.result();
}
