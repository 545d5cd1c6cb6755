// Survey-aware tabulation: a SurveyJS questionnaire and an async stream of responses in, a weighted
// topline for every question (with SEs under the design), composite indices and quality flags out.
import { Locale, QuestionInfo, readQuestionnaire } from './questionnaire.js';
import { ResponseReader } from './reader.js';
import { StreamDesign, StreamDesignOptions } from './stream.js';
import { Handler, MatrixHandler, MultipleHandler, SingleHandler, settle, MATRIX, MULTIPLE, RANKING, SINGLE } from './topline.js';
import { BATCH, Batch, TrackCounts } from './batch.js';
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

export interface Track extends TrackCounts {
  q: QuestionInfo;
  h: Handler;
  kind: number;
}

/**
 * The state of one pass: built from the questionnaire, fed response by response, finished into a Topline.
 * (A class so that a pass over part of the stream can be snapshotted and merged: `partition.ts`.)
 * Responses are read as they are added (design unit, answers, skip logic) and tallied a batch at a time
 * (`flush`, see batch.ts); `result()` and `partition.ts` flush first. Added records must not change
 * until then.
 */
export class Tabulation {
  readonly locale: Locale;
  readonly questions: QuestionInfo[];
  readonly design: StreamDesign;
  readonly tracks: Track[];
  readonly indices: IndexAccumulator[];
  readonly quality: QualityTracker | null;
  readonly weighted: boolean;
  /** Responses tallied (flushed). */
  n = 0;
  /** Adds one response (the hot path). */
  readonly add: (r: TabulateResponse) => void;
  /** Tallies the responses added since the last flush. */
  readonly flush: () => void;
  /** Lets go of the last batch's answers (the batch areas hold references to them until overwritten). */
  private readonly release: () => void;

  constructor(survey: Record<string, any>, opts: TabulateOptions = {}) {
    const locale = (this.locale = opts.locale ?? 'vi');
    const questions = (this.questions = readQuestionnaire(survey, locale));
    const design = (this.design = new StreamDesign(opts.design ?? {}, !opts.design));
    const handlers = questions.map((q) => handlerFor(q, design, opts.maxTextAnswers ?? 100));
    // Matrix rows and multiple-choice items are read with the top-level answers, into the handlers' batch areas.
    const nested = handlers.flatMap((h, t) => (h instanceof MatrixHandler ? [{ t, names: h.rowNames, out: h.cells, isObject: h.isObject }] : []));
    const arrays = handlers.flatMap((h, t) => (h instanceof MultipleHandler ? [{ t, cap: h.cap, out: h.items, len: h.len }] : []));
    const reader = new ResponseReader(questions, nested, arrays);
    const tracks: Track[] = (this.tracks = questions.map((q, t) => {
      const h = handlers[t];
      return { q, h, kind: h.kind, always: reader.always[t], code: t + 0x200000, shown: 0, notShown: 0, noAnswer: 0, answered: 0, wAnswered: 0 };
    }));
    const conditional = Int32Array.from(tracks.keys()).filter((t) => !reader.always[t]);
    const matrixHandlers = handlers.filter((h) => h instanceof MatrixHandler);
    const indices = (this.indices = (opts.indices ?? defaultIndices(questions)).map((s) => new IndexAccumulator(s, design)));
    const quality = (this.quality = opts.quality === false ? null : new QualityTracker(opts.quality || {}));
    // Matrices leave their row values in a scratch area: indices, straight-lining and the duplicate
    // fingerprint read them there instead of walking the answer objects again.
    const matrices = tracks.map((tr, t) => ({ t, name: tr.q.name, scratch: tr.h.scratch!, numeric: tr.q.columns.every((c) => typeof c.value === 'number') }))
      .filter((m) => m.scratch);
    const fp = quality ? new CodedFingerprint(BATCH) : null;
    for (const tr of tracks) if ('fp' in tr.h) tr.h.fp = fp;
    const b: Batch = { size: 0, vals: reader.vals, hidden: new Uint8Array(tracks.length * BATCH), units: new Int32Array(BATCH), ws: new Float64Array(BATCH) };
    const recs: TabulateResponse[] = new Array(BATCH).fill(undefined);
    /** Duration of response j of the batch (NaN: none). */
    const durs = new Float64Array(BATCH);
    let current: Record<string, unknown> = {};
    const byName = new Map(tracks.map((tr) => [tr.q.name, tr]));
    for (const ix of indices) {
      // An index over one matrix's rows, in order, is scored by that matrix's tally (MatrixHandler.attachIndex).
      const tr = byName.get(ix.spec.items[0]?.question ?? '');
      if (tr?.h instanceof MatrixHandler && tr.h.attachIndex(ix, tr.q.name)) continue;
      ix.sources = ix.spec.items.map((it) => {
        const sc = byName.get(it.question)?.h.scratch;
        const row = sc && it.row !== undefined ? byName.get(it.question)!.q.rows.findIndex((r) => String(r.value) === it.row) : -1;
        if (sc && row >= 0) return { scratch: sc, row, read: null };
        return { scratch: null, row, read: () => IndexAccumulator.itemValue(current, it) };
      });
    }
    /** Per matrix m and response j of the batch: straight-lined (1) or not; names; fingerprints. */
    const straight = new Uint8Array(matrices.length * BATCH);
    const matrixNames = matrices.map((m) => m.name);
    const fps = new Float64Array(BATCH);
    const idOf = (j: number) => recs[j].id ?? String(this.n + j);
    const minRows = quality?.minRows ?? 4;
    const weighted = (this.weighted = Boolean(opts.design));

    this.release = () => {
      reader.vals.fill(undefined);
      for (const h of handlers) {
        if (h instanceof MatrixHandler) h.cells.fill(undefined);
        else if (h instanceof MultipleHandler) h.items.fill(undefined);
      }
    };

    this.add = (r: TabulateResponse) => {
      const j = b.size;
      b.ws[j] = weighted ? (r.weight ?? 1) : 1;
      b.units[j] = weighted ? design.locate(r.stratum, r.psu) : design.locate(undefined, undefined);
      // Read now, with the answers: a duration is a boxed number somewhere in the record's memory, and
      // fetching it alone in the quality loop, after the batch, was a cache miss with nothing to overlap.
      const d = r.durationSec;
      durs[j] = typeof d === 'number' ? d : NaN;
      reader.start(r.data, j);
      if (fp) fp.start(j);
      recs[j] = r;
      if (++b.size === BATCH) this.flush();
    };

    // Question by question over the batch; the switch gives each handler call site one class (inlined).
    const dataOf = (j: number) => recs[j].data;
    this.flush = () => {
      const size = b.size;
      if (size === 0) return;
      reader.hide(b.hidden, conditional, size, dataOf);
      for (let t = 0; t < tracks.length; t++) {
        const tr = tracks[t];
        switch (tr.kind) {
          case SINGLE: (tr.h as SingleHandler).column(b, t, tr); break;
          case MATRIX: (tr.h as MatrixHandler).column(b, t, tr); break;
          case MULTIPLE: (tr.h as MultipleHandler).column(b, t, tr); break;
          default: otherColumn(b, t, tr, fp);
        }
      }
      const { units, ws } = b;
      for (let i = 0; i < indices.length; i++) {
        const ix = indices[i];
        if (ix.scoredByMatrix) continue;
        if (ix.fromOneMatrix) ix.column(units, ws, size);
        else {
          for (let j = 0; j < size; j++) {
            current = recs[j].data; // for items read from the answers
            ix.add(units[j], ws, j);
          }
        }
      }
      if (quality) {
        // Straight-lining, matrix by matrix over the batch: straight[m·BATCH + j] = 1 when response j gave
        // one column to every row it answered (at least minRows of them).
        for (let mi = 0; mi < matrices.length; mi++) {
          const m = matrices[mi], sc = m.scratch, at = mi * BATCH, R = sc.rows;
          for (let j = 0; j < size; j++) {
            let same = false;
            if (sc.present[j] === 1) {
              if (!m.numeric) same = isStraightLined(b.vals[m.t * BATCH + j], minRows);
              else if (sc.answered[j] >= minRows) {
                let first = NaN;
                same = true;
                for (let i = 0, k = j * R; i < R && same; i++) {
                  const x = sc.values[k + i];
                  if (Number.isNaN(x)) continue;
                  if (Number.isNaN(first)) first = x;
                  else if (x !== first) same = false;
                }
              }
            }
            straight[at + j] = same ? 1 : 0;
          }
        }
        for (let j = 0; j < size; j++) fps[j] = fp!.end(j);
        quality.addBatch(size, idOf, fps, durs, straight, BATCH, matrixNames);
      }
      for (const h of matrixHandlers) h.foldIndex();
      this.n += size;
      b.size = 0;
      recs.fill(undefined as unknown as TabulateResponse, 0, size); // let the batch's records go
    };
  }

  /** Estimates and summaries of everything added so far. */
  result(): Topline {
    this.flush();
    this.release();
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

/** Kinds without a column loop of their own (ranking, numbers, text): the handler's per-answer methods. */
function otherColumn(b: Batch, t: number, tr: Track, fp: CodedFingerprint | null) {
  const base = t * BATCH, { vals, hidden, units, ws, size } = b, h = tr.h, always = tr.always, ranking = tr.kind === RANKING;
  let shown = 0, notShown = 0, noAnswer = 0, answered = 0, wA = tr.wAnswered;
  for (let j = 0; j < size; j++) {
    if (!always && hidden[base + j] === 1) { notShown++; continue; }
    shown++;
    const v = vals[base + j];
    if (!(ranking ? (h as RankingHandler).answered(v) : h.answered(v))) { noAnswer++; continue; }
    answered++;
    const w = ws[j];
    wA += w;
    if (fp) {
      fp.j = j;
      fp.mix(tr.code);
      if (!ranking) fp.raw(v); // ranking mixes its item codes as it tallies
    }
    if (ranking) (h as RankingHandler).add(v, units[j], w);
    else h.add(v, units[j], w);
  }
  settle(tr, shown, notShown, noAnswer, answered, wA);
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
