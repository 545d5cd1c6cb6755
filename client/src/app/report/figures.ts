// The report's figures, as pure functions of what the API returns: fieldwork per district and per group,
// the margin of error from the effective sample size, the questionnaire's sections, and each question's
// key figures (top answer, share positive per matrix row, item ranked first most often).
import { localize } from '../../../../analysis/questionnaire';
import type { Locale } from '../i18n';

export interface Estimate {
  estimate: number;
  ci: [number, number];
  n: number;
}
interface Level extends Estimate {
  value: unknown;
  label: string;
}
/** The fields of a topline question (analysis/ tabulate) the report reads. */
export interface ReportQuestion {
  name: string;
  kind: string;
  title: string;
  answered: number;
  levels?: Level[];
  rows?: { value: unknown; label: string; answered: number; levels: Level[]; mean?: Estimate; top2?: Estimate }[];
  items?: { value: unknown; label: string; first?: Estimate; meanRank?: Estimate }[];
  mean?: Estimate;
}

const Z95 = 1.959963984540054;

/**
 * Half-width of the 95% interval, in percentage points, of a proportion p estimated from `effectiveN`
 * respondents (simple random sampling of that size): the usual "± x points" of a poll. NaN without data.
 */
export function marginOfError(effectiveN: number, p = 0.5): number {
  if (!(effectiveN > 0) || p < 0 || p > 1) return NaN;
  return 100 * Z95 * Math.sqrt((p * (1 - p)) / effectiveN);
}

/** Half the width of an estimate's 95% interval, in percentage points. */
export const halfWidth = (e: Estimate) => (100 * (e.ci[1] - e.ci[0])) / 2;

// ---- Fieldwork -----------------------------------------------------------------------------------

export interface Cell {
  key: Record<string, string>;
  labels: Record<string, string>;
  quota: number;
  completed: number;
}
export interface FieldworkRow {
  value: string;
  label: string;
  quota: number;
  completed: number;
  /** completed / quota in %, NaN without a quota. */
  pctOfQuota: number;
}

/** Cells summed by one strata variable, in the order the campaign lists them; `label` names a value. */
export function fieldworkBy(cells: Cell[], variable: string, label?: (value: string) => string | undefined): FieldworkRow[] {
  const rows = new Map<string, FieldworkRow>();
  for (const c of cells) {
    const value = c.key[variable];
    if (value === undefined) continue;
    let row = rows.get(value);
    if (!row) {
      row = { value, label: label?.(value) ?? c.labels[variable] ?? value, quota: 0, completed: 0, pctOfQuota: NaN };
      rows.set(value, row);
    }
    row.quota += c.quota;
    row.completed += c.completed;
  }
  return [...rows.values()].map((r) => ({ ...r, pctOfQuota: r.quota > 0 ? (100 * r.completed) / r.quota : NaN }));
}

/** Invitation batches → the response rate of invited respondents; null when nobody was invited. */
export function responseRate(batches: { total: number; used: number; revoked: number }[]): { issued: number; used: number; pct: number } | null {
  const issued = batches.reduce((s, b) => s + b.total - b.revoked, 0);
  const used = batches.reduce((s, b) => s + b.used, 0);
  return issued > 0 ? { issued, used, pct: (100 * used) / issued } : null;
}

// ---- Sections of the questionnaire ---------------------------------------------------------------

export interface Section {
  name: string;
  title: string;
  /** Question names in questionnaire order (inside panels too). */
  questions: string[];
}

const LAYOUT = new Set(['html', 'image', 'expression', 'signaturepad', 'file']);

/** The questionnaire's pages as report sections, titled in the report's language. */
export function sectionsOf(json: Record<string, unknown>, locale: Locale): Section[] {
  const pages = (Array.isArray(json.pages) ? json.pages : [{ name: 'page1', elements: json.elements ?? [] }]) as Record<string, unknown>[];
  const names = (elements: unknown): string[] =>
    (Array.isArray(elements) ? elements : []).flatMap((e: Record<string, unknown>) =>
      e.type === 'panel' ? names(e.elements) : LAYOUT.has(String(e.type)) || typeof e.name !== 'string' ? [] : [e.name],
    );
  return pages.map((p, i) => {
    const name = typeof p.name === 'string' ? p.name : `page${i + 1}`;
    return { name, title: localize(p.title, locale, name), questions: names(p.elements) };
  });
}

// ---- Key figures ---------------------------------------------------------------------------------

export interface Figure {
  /** What the figure is about: an answer, a matrix row, a ranked item. */
  label: string;
  /** Share in %. */
  pct: number;
  /** ± in percentage points (weighted estimates only). */
  moe?: number;
  /** Respondents behind it. */
  n: number;
}

export type KeyFigures =
  | { kind: 'top'; top: Figure[]; mean?: { value: number; moe?: number } }
  | { kind: 'rows'; measure: 'positive' | 'top'; rows: Figure[] }
  | { kind: 'rank'; first: Figure }
  | { kind: 'count'; answered: number }
  | { kind: 'none' };

const EPS = 1e-9;
const figure = (label: string, e: Estimate, weighted: boolean): Figure => ({
  label,
  pct: 100 * e.estimate,
  n: e.n,
  ...(weighted ? { moe: halfWidth(e) } : {}),
});

/** The answers with the largest share (several when tied); none when nobody answered. */
function topLevels(levels: Level[], weighted: boolean): Figure[] {
  const best = Math.max(...levels.map((l) => l.estimate));
  if (!(best > 0)) return [];
  return levels.filter((l) => l.estimate >= best - EPS).map((l) => figure(l.label, l, weighted));
}

/**
 * What a reader should take from a question: for choices the top answer and its share (with the mean for a
 * rating scale); for a matrix with a numeric scale the share in its top two boxes per row (agree, good,
 * satisfied), otherwise each row's top answer; for a ranking the item most often put first; for free text
 * how many answered.
 */
export function keyFigures(q: ReportQuestion, weighted: boolean): KeyFigures {
  if (q.kind === 'matrix' && q.rows?.length) {
    if (q.rows.every((r) => r.top2)) return { kind: 'rows', measure: 'positive', rows: q.rows.map((r) => figure(r.label, r.top2!, weighted)) };
    return {
      kind: 'rows',
      measure: 'top',
      rows: q.rows.flatMap((r) => topLevels(r.levels, weighted).slice(0, 1).map((f) => ({ ...f, label: `${r.label}: ${f.label}` }))),
    };
  }
  if (q.kind === 'ranking' && q.items?.length) {
    const ranked = q.items.filter((i) => i.first);
    if (!ranked.length || !(q.answered > 0)) return { kind: 'none' };
    const best = ranked.reduce((a, b) => (b.first!.estimate > a.first!.estimate ? b : a));
    return { kind: 'rank', first: figure(best.label, best.first!, weighted) };
  }
  if (q.levels?.length) {
    const top = topLevels(q.levels, weighted);
    if (!top.length) return { kind: 'none' };
    const mean = q.kind === 'rating' && q.mean && Number.isFinite(q.mean.estimate)
      ? { value: q.mean.estimate, ...(weighted ? { moe: (q.mean.ci[1] - q.mean.ci[0]) / 2 } : {}) }
      : undefined;
    return { kind: 'top', top, ...(mean ? { mean } : {}) };
  }
  if (q.kind === 'text' || q.kind === 'number' || q.kind === 'multipletext') return { kind: 'count', answered: q.answered };
  return { kind: 'none' };
}
