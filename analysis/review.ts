// Review suggestions for analysts: which included responses look like speeders, straight-liners or
// duplicates, each with a reason in Vietnamese and English. Only suggestions: an analyst decides.
import { feedValue, fingerprint, isSpeeder, isStraightLined } from './quality.js';
import { readQuestionnaire, type QuestionInfo } from './questionnaire.js';

export type ReviewKind = 'speeder' | 'straightliner' | 'duplicate';
export const REVIEW_KINDS: readonly ReviewKind[] = ['speeder', 'straightliner', 'duplicate'];

export interface ReviewRow {
  id: string;
  durationSec?: number;
  /** When it arrived (ms): decides which copy of a duplicate is "the first"; ties go by id. */
  receivedAt?: number;
  answers: Record<string, unknown>;
  stratum: Record<string, string>;
}

export interface ReviewSuggestion {
  id: string;
  kinds: ReviewKind[];
  durationSec?: number;
  /** Matrices answered in one column on at least `minRows` rows. */
  straightLined?: string[];
  /** The first response with the same answers (the one kept). */
  duplicateOf?: string;
  reason: { vi: string; en: string };
}

export interface ReviewOptions {
  speederRatio?: number;
  straightLineMinRows?: number;
}

export interface ReviewSuggestions {
  medianDurationSec: number | null;
  /** Durations below this are suggested as speeders (ratio × median). */
  speederThresholdSec: number | null;
  counts: Record<ReviewKind, number>;
  /** In arrival order (then id). */
  suggestions: ReviewSuggestion[];
}

const byArrival = (a: ReviewRow, b: ReviewRow) =>
  (a.receivedAt ?? Infinity) - (b.receivedAt ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function medianOf(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const answered = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * Feeds one answer into the running fingerprint as if its object keys and multiple-choice ticks were
 * sorted, so the same answers match however they were sent. Walked in place: building canonical copies
 * of 10⁵ responses cost ten times more.
 */
function feedCanonical(v: unknown, unordered: boolean): void {
  if (Array.isArray(v)) {
    const items = unordered && v.every((x) => typeof x !== 'object' || x === null) ? [...v].sort() : v;
    feedValue(items.length);
    for (const x of items) feedCanonical(x, false);
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o).sort()) {
      feedValue(k);
      feedCanonical(o[k], false);
    }
  } else feedValue(v);
}

function answerKey(row: ReviewRow, questions: QuestionInfo[]): number | null {
  let any = false;
  fingerprint.start();
  for (let i = 0; i < questions.length; i++) {
    const v = row.answers[questions[i].name];
    if (!answered(v)) continue;
    fingerprint.mark(i);
    feedCanonical(v, questions[i].kind === 'multiple');
    any = true;
  }
  return any ? fingerprint.end() : null;
}

/** The substantive answers as comparable text: only for responses whose fingerprints collide. */
function canonicalText(row: ReviewRow, questions: QuestionInfo[]): string {
  const sortKeys = (v: unknown, unordered: boolean): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => sortKeys(x, false));
      return unordered ? items.map((x) => JSON.stringify(x)).sort() : items;
    }
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k], false)]));
    return v;
  };
  return JSON.stringify(questions.map((q) => (answered(row.answers[q.name]) ? sortKeys(row.answers[q.name], q.kind === 'multiple') : null)));
}

// A response's answers never change, so its fingerprint is kept with the row object (the results cache
// keeps the same objects across revisions): a new revision hashes only the responses that are new.
// Keyed also by the questionnaire, as one token per distinct list of questions.
const fingerprints = new WeakMap<ReviewRow, { questions: object; fp: number | null }>();
const questionnaireTokens = new Map<string, object>();

function questionnaireToken(questions: QuestionInfo[]): object {
  const sig = questions.map((q) => `${q.name}:${q.kind}`).join('|');
  let token = questionnaireTokens.get(sig);
  if (!token) {
    if (questionnaireTokens.size > 100) questionnaireTokens.clear();
    questionnaireTokens.set(sig, (token = {}));
  }
  return token;
}

/** Groups of responses with identical substantive answers, each in arrival order (first = kept). */
function duplicateGroups(rows: ReviewRow[], questions: QuestionInfo[]): ReviewRow[][] {
  const token = questionnaireToken(questions);
  // A 53-bit fingerprint per response first; exact comparison only inside colliding buckets.
  const buckets = new Map<number, ReviewRow[]>();
  for (const row of rows) {
    const hit = fingerprints.get(row);
    const fp = hit?.questions === token ? hit.fp : answerKey(row, questions);
    if (hit?.questions !== token) fingerprints.set(row, { questions: token, fp });
    if (fp === null) continue;
    const list = buckets.get(fp);
    if (list) list.push(row);
    else buckets.set(fp, [row]);
  }
  const groups: ReviewRow[][] = [];
  for (const list of buckets.values()) {
    if (list.length < 2) continue;
    const exact = new Map<string, ReviewRow[]>();
    for (const row of list) {
      const key = canonicalText(row, questions);
      const g = exact.get(key);
      if (g) g.push(row);
      else exact.set(key, [row]);
    }
    for (const g of exact.values()) if (g.length > 1) groups.push(g);
  }
  return groups;
}

const secs = (n: number) => String(Math.round(n));
const shortId = (id: string) => id.slice(0, 8);

/**
 * Suggestions over a campaign's included responses. Substantive questions: every question of the
 * questionnaire that takes an answer and can be shown (layout, expressions and never-shown ones aside).
 */
export function suggestReview(rows: ReviewRow[], survey: Record<string, unknown>, opts: ReviewOptions = {}): ReviewSuggestions {
  const ratio = opts.speederRatio ?? 0.3;
  const minRows = opts.straightLineMinRows ?? 4;
  const questionsVi = readQuestionnaire(survey, 'vi').filter((q) => q.kind !== 'other' && !q.neverShown);
  const titlesEn = new Map(readQuestionnaire(survey, 'en').map((q) => [q.name, q.title]));
  const matrices = questionsVi.filter((q) => q.kind === 'matrix');
  const ordered = [...rows].sort(byArrival);

  const median = medianOf(ordered.flatMap((r) => (isDuration(r.durationSec) ? [r.durationSec] : [])));
  const found = new Map<string, ReviewSuggestion>();
  const entry = (row: ReviewRow) => {
    let s = found.get(row.id);
    if (!s) {
      s = { id: row.id, kinds: [], reason: { vi: '', en: '' }, ...(isDuration(row.durationSec) ? { durationSec: row.durationSec } : {}) };
      found.set(row.id, s);
    }
    return s;
  };
  const reasons = new Map<string, { vi: string[]; en: string[] }>();
  const say = (id: string, vi: string, en: string) => {
    const r = reasons.get(id) ?? { vi: [], en: [] };
    r.vi.push(vi);
    r.en.push(en);
    reasons.set(id, r);
  };

  for (const row of ordered) {
    if (median !== null && isDuration(row.durationSec) && isSpeeder(row.durationSec, median, ratio)) {
      entry(row).kinds.push('speeder');
      const pct = String(Math.round(ratio * 100));
      say(row.id, `Trả lời quá nhanh: ${secs(row.durationSec)} giây, dưới ${pct}% trung vị ${secs(median)} giây`,
        `Too fast: ${secs(row.durationSec)} s, under ${pct}% of the median ${secs(median)} s`);
    }
    const straight = matrices.filter((q) => isStraightLined(row.answers[q.name], minRows));
    if (straight.length) {
      const s = entry(row);
      s.kinds.push('straightliner');
      s.straightLined = straight.map((q) => q.name);
      say(row.id, `Chọn cùng một cột ở mọi dòng của bảng: ${straight.map((q) => `“${q.title}”`).join(', ')}`,
        `Same column in every row of: ${straight.map((q) => `“${titlesEn.get(q.name) ?? q.name}”`).join(', ')}`);
    }
  }
  for (const group of duplicateGroups(ordered, questionsVi)) {
    const [first, ...copies] = group;
    for (const row of copies) {
      const s = entry(row);
      s.kinds.push('duplicate');
      s.duplicateOf = first.id;
      say(row.id, `Trùng mọi câu trả lời với phiếu ${shortId(first.id)}`, `Same answers as response ${shortId(first.id)}`);
    }
  }

  const rank = new Map(ordered.map((r, i) => [r.id, i]));
  const suggestions = [...found.values()].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const counts = { speeder: 0, straightliner: 0, duplicate: 0 };
  for (const s of suggestions) {
    for (const k of s.kinds) counts[k]++;
    const r = reasons.get(s.id)!;
    s.reason = { vi: `${r.vi.join('; ')}.`, en: `${r.en.join('; ')}.` };
  }
  return { medianDurationSec: median, speederThresholdSec: median === null ? null : ratio * median, counts, suggestions };
}

function isDuration(d: number | undefined): d is number {
  return typeof d === 'number' && Number.isFinite(d) && d >= 0;
}
