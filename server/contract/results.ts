// Wire contract of the analysis side of the staff API (/api/v1/campaigns/:slug/topline, /crosstab,
// /weights, /review, /responses, /export, /codebook), shared by the server and the staff pages.
// Re-exported by staff.ts, so either may be imported.
import { z } from 'zod';

/**
 * Results (/api/v1/campaigns/:slug/topline and /crosstab). `filter` is `var:v1,v2;var2:v3`: values of one
 * variable are alternatives (OR), variables all hold (AND); variables are the campaign's strata and any
 * single or multiple choice, rating or boolean question (a multiple choice matches when any value is ticked).
 */
export interface TResultsFilter {
  [variable: string]: string[];
}

export interface TResultsMeta {
  slug: string;
  lang: 'vi' | 'en';
  weighted: boolean;
  filter: TResultsFilter;
  /** Responses behind the figures (complete, not excluded, matching the filter) and in the campaign. */
  n: number;
  total: number;
  /** With weighted=true: how the weights were made (raking to campaign.population.margins) and their spread. */
  weighting?: {
    method: 'rake' | 'none';
    margins: string[];
    iterations: number;
    converged: boolean;
    strata: number;
    diagnostics: { n: number; sum: number; min: number; max: number; mean: number; cv: number; kishDeff: number; kishEffectiveN: number };
  };
}

/** GET …/topline: analysis/'s Topline (questions with counts, shares, and SEs and CIs when weighted). */
export interface TTopline extends TResultsMeta {
  topline: {
    n: number;
    locale: 'vi' | 'en';
    design: { weighted: boolean; strata: number; psus: number; df: number };
    questions: ({ name: string; type: string; kind: string; title: string; shown: number; notShown: number; noAnswer: number; answered: number; weightedAnswered: number } & Record<string, unknown>)[];
    indices: Record<string, unknown>[];
  };
}

type Cells<T> = Record<string, Record<string, T>>;

/** GET …/crosstab: cells with fewer than 5 respondents are null (counts, estimates, percentages). */
export interface TCrosstab extends TResultsMeta {
  row: { name: string; title: string; levels: { value: string; label: string }[] };
  col: { name: string; title: string; levels: { value: string; label: string }[] };
  crosstab: {
    rows: string[];
    cols: string[];
    n: number;
    suppressBelow: number;
    counts: Cells<number | null>;
    table: Cells<number | null>;
    colPct: Cells<number | null>;
    rowPct: Cells<number | null>;
    totalPct: Cells<number | null>;
    stdres: Cells<number | null>;
    suppressed: { row: string; col: string }[];
    expectedBelow5: number;
    pearson: { statistic: number; df: number; p: number };
    raoScott: { F: number; ndf: number; ddf: number; p: number };
    chisq: { statistic: number; df: number; p: number };
    cramersV: number;
  };
}

/** POST …/responses/:id/exclude {reason} and …/include {reason?}. */
export const ZResponseReview = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const ZResponseInclude = z.object({ reason: z.string().trim().max(500).optional() }).strict();
export interface TResponseReview {
  id: string;
  excluded: boolean;
  reason: string | null;
}

/** GET /api/v1/campaigns/:slug/export (analyst, admin): a streamed download, audited as `export.download`. */
export const ZExportQuery = z.object({
  format: z.enum(['csv', 'ndjson', 'xlsx', 'sav']).default('csv'),
  /** `codes`: answer values as stored; `text`: every code with a value label replaced by its label. */
  labels: z.enum(['codes', 'text']).default('codes'),
  /** Language of the labels (and of the xlsx codebook sheet). */
  lang: z.enum(['vi', 'en']).default('vi'),
  /** `true`: also the responses an analyst excluded, with the reason in an `excluded` column. */
  includeExcluded: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export type TExportQuery = z.input<typeof ZExportQuery>;

/** GET /api/v1/campaigns/:slug/codebook (analyst, admin): variables, question texts, types, values and labels. */
export const ZCodebookQuery = z.object({
  format: z.enum(['md', 'xlsx']).default('md'),
  lang: z.enum(['vi', 'en']).default('vi'),
});
export type TCodebookQuery = z.input<typeof ZCodebookQuery>;

// ---- Weights (/api/v1/campaigns/:slug/weights) ------------------------------------------------------

/** Population counts per margin: `{variable (or a:b for a cross): {level: count}}`. */
export type TMargins = Record<string, Record<string, number>>;

export const ZWeightsQuery = z.object({ lang: z.enum(['vi', 'en']).default('vi') }).strict();

/** PUT …/weights (analyst, admin): the margins replace the stored ones; `{}` removes weighting. */
export const ZWeightsUpdate = z
  .object({
    // Counts are checked by the service, so that a bad one is named with its variable and level.
    margins: z.record(z.string().min(1).max(200), z.record(z.string().min(1).max(200), z.unknown())),
    /** Where the figures come from (office, table, year); an empty text removes it. */
    source: z.string().trim().max(500).optional(),
  })
  .strict();
export type TWeightsUpdate = z.input<typeof ZWeightsUpdate>;

/** A variable a margin can use: a stratum or a single-choice question every respondent answers. */
export interface TMarginVariable {
  name: string;
  title: string;
  stratum: boolean;
  levels: { value: string; label: string }[];
}

/** One level of a margin: population, sample and weighted shares in percent (0–100). */
export interface TMarginLevel {
  value: string;
  label: string;
  population: number | null;
  populationPct: number | null;
  sample: number;
  samplePct: number;
  /** Null when no weights could be made. */
  weightedPct: number | null;
}

export interface TMarginComparison {
  name: string;
  title: string;
  populationTotal: number;
  /** Respondents with no value for the variable (raking cannot place them). */
  missing: number;
  levels: TMarginLevel[];
}

/** Why the weights cannot be made, level by level where it can say. */
export interface TWeightProblem {
  margin: string;
  level: string | null;
  message: string;
}

/** GET …/weights (analyst, admin, viewer), and the reply of PUT. */
export interface TWeights {
  slug: string;
  lang: 'vi' | 'en';
  margins: TMargins;
  source: string | null;
  variables: TMarginVariable[];
  /** Included responses (complete, not excluded). */
  total: number;
  /** As TResultsMeta.weighting; null when the weights could not be made. */
  weighting: NonNullable<TResultsMeta['weighting']> | null;
  histogram: { from: number; to: number; count: number }[];
  /** Set when the weights cannot be made (`results.weighting_failed`); `detail` is the engine's reason. */
  failure: { code: string; message: string; detail: string | null } | null;
  problems: TWeightProblem[];
  comparison: TMarginComparison[];
}

// ---- Response review queue (/api/v1/campaigns/:slug/review, …/responses/…) ------------------------

export const REVIEW_KIND_VALUES = ['speeder', 'straightliner', 'duplicate'] as const;
export type TReviewKind = (typeof REVIEW_KIND_VALUES)[number];

/** GET …/review: `kind` narrows suggested or flagged responses (excluded ones carry no suggestion). */
export const ZReviewQuery = z
  .object({
    kind: z.enum(REVIEW_KIND_VALUES).optional(),
    status: z.enum(['suggested', 'excluded', 'flagged']).default('suggested'),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    lang: z.enum(['vi', 'en']).default('vi'),
  })
  .strict();
export type TReviewQuery = z.input<typeof ZReviewQuery>;

/** POST …/responses/:id/flag {reason}: a second look wanted, the response stays in the results. */
export const ZResponseFlag = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const ZResponseUnflag = z.object({ reason: z.string().trim().max(500).optional() }).strict();
/** POST …/responses/exclude {ids, reason}: at most this many ids at once. */
export const BULK_EXCLUDE_MAX = 500;
export const ZBulkExclude = z
  .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(BULK_EXCLUDE_MAX), reason: z.string().trim().min(3).max(500) })
  .strict();

/** Who marked a response, why and when. */
export interface TReviewMark {
  reason: string;
  by: string;
  at: string;
}

export interface TReviewItem {
  id: string;
  /** Stratum values in words (e.g. {district: "Hải Châu"}). */
  stratum: Record<string, string>;
  durationSec: number | null;
  /** What analysis/ suggests (empty for excluded responses and flagged ones it does not suggest). */
  kinds: TReviewKind[];
  suggestion: { vi: string; en: string } | null;
  straightLined?: string[];
  duplicateOf?: string;
  flagged: TReviewMark | null;
  excluded: TReviewMark | null;
}

export interface TReviewList {
  slug: string;
  status: 'suggested' | 'excluded' | 'flagged';
  kind: TReviewKind | null;
  /** Responses in the results now (complete, not excluded). */
  included: number;
  medianDurationSec: number | null;
  speederThresholdSec: number | null;
  counts: Record<TReviewKind, number> & { suggested: number; flagged: number; excluded: number };
  /** Items matching status and kind, before paging. */
  total: number;
  offset: number;
  limit: number;
  items: TReviewItem[];
}

/** GET …/responses/:id (analyst, admin): one response as the reviewer reads it; never the invitation code. */
export interface TResponseDetail {
  id: string;
  status: 'complete' | 'partial';
  channel: string;
  locale: string;
  receivedAt: string | null;
  durationSec: number | null;
  stratum: Record<string, string>;
  /** Quality flags stored with the response at submission (e.g. over_quota). */
  flags: string[];
  kinds: TReviewKind[];
  suggestion: { vi: string; en: string } | null;
  flagged: TReviewMark | null;
  excluded: TReviewMark | null;
  /** Answered questions in questionnaire order; `text` is the answer in words. */
  answers: { name: string; title: string; kind: string; text: string }[];
}

export interface TBulkExclude {
  excluded: string[];
  reason: string;
}

export interface TResponseFlag {
  id: string;
  flagged: TReviewMark | null;
}
