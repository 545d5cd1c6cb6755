// Design-based estimates: means, totals, proportions of each level, and the same by domain (R's svymean,
// svytotal, svyby), each with SE, 95% CI (t on the design's df), design effect and effective sample size.
import { SurveyDesign, varianceOf } from './design.js';
import { criticalValue } from './tests/distributions.js';
import { wilsonInterval } from './tests/wilson.js';

export interface Estimate {
  estimate: number;
  se: number;
  ci: [number, number];
  df: number;
  /** Design effect as R's deff = TRUE (variance over SRS-without-replacement variance of the same size). */
  deff: number;
  /** Sample size over the design effect. */
  nEff: number;
  /** Respondents that entered the estimate. */
  n: number;
  /** Sum of their weights. */
  weightSum: number;
}

export interface EstimateOptions {
  /** Restrict to a domain (subpopulation) while keeping the full design, as svyby / subset() do. */
  domain?: ArrayLike<boolean | number>;
  level?: number;
}

function inDomain(opts: EstimateOptions | undefined, i: number): boolean {
  return !opts?.domain || Boolean(opts.domain[i]);
}

/** Weighted mean, sum of weights, weighted population variance (svyvar) and count over usable rows. */
function moments(d: SurveyDesign, y: ArrayLike<number>, opts?: EstimateOptions) {
  let W = 0;
  let Wy = 0;
  let n = 0;
  for (let i = 0; i < d.n; i++) {
    const yi = y[i];
    if (Number.isNaN(yi) || !inDomain(opts, i) || d.weights[i] === 0) continue;
    W += d.weights[i];
    Wy += d.weights[i] * yi;
    n++;
  }
  const mean = Wy / W;
  let ss = 0;
  for (let i = 0; i < d.n; i++) {
    const yi = y[i];
    if (Number.isNaN(yi) || !inDomain(opts, i) || d.weights[i] === 0) continue;
    ss += d.weights[i] * (yi - mean) * (yi - mean);
  }
  // R's svyvar: weighted variance with an n/(n − 1) correction.
  const svyvar = n > 1 ? (ss / W) * (n / (n - 1)) : NaN;
  return { W, mean, n, svyvar };
}

/** SRS variance of a mean of the same size, as R's deff: without replacement when weights are population-scaled. */
function srsVarianceOfMean(svyvar: number, W: number, n: number): number {
  return W > n ? (svyvar * (W - n)) / (W * n) : svyvar / n;
}

export function finishEstimate(
  d: SurveyDesign, estimate: number, variance: number, vsrs: number, n: number, W: number, level = 0.95,
): Estimate {
  const se = Math.sqrt(Math.max(variance, 0));
  const q = criticalValue(level, d.df > 0 ? d.df : undefined);
  const deff = variance / vsrs;
  return {
    estimate, se, ci: [estimate - q * se, estimate + q * se], df: d.df, deff,
    nEff: n / deff, n, weightSum: W,
  };
}

/** svymean(~y, design): NaN in y is missing and leaves the estimate (as na.rm = TRUE). */
export function svyMean(d: SurveyDesign, y: ArrayLike<number>, opts?: EstimateOptions): Estimate {
  const m = moments(d, y, opts);
  const z = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const yi = y[i];
    if (!Number.isNaN(yi) && inDomain(opts, i)) z[i] = (d.weights[i] * (yi - m.mean)) / m.W;
  }
  const v = varianceOf(d, z);
  return finishEstimate(d, m.mean, v, srsVarianceOfMean(m.svyvar, m.W, m.n), m.n, m.W, opts?.level);
}

/** svytotal(~y, design). */
export function svyTotal(d: SurveyDesign, y: ArrayLike<number>, opts?: EstimateOptions): Estimate {
  const m = moments(d, y, opts);
  const z = new Float64Array(d.n);
  let total = 0;
  for (let i = 0; i < d.n; i++) {
    const yi = y[i];
    if (!Number.isNaN(yi) && inDomain(opts, i)) {
      z[i] = d.weights[i] * yi;
      total += z[i];
    }
  }
  const v = varianceOf(d, z);
  const vsrs = srsVarianceOfMean(m.svyvar, m.W, m.n) * m.W * m.W;
  return finishEstimate(d, total, v, vsrs, m.n, m.W, opts?.level);
}

/** Sorted distinct non-missing levels (R's factor() order for strings). */
export function levelsOf(x: ArrayLike<string | null>): string[] {
  const s = new Set<string>();
  for (let i = 0; i < x.length; i++) if (x[i] !== null && x[i] !== '') s.add(x[i] as string);
  return [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface Proportions {
  levels: Record<string, Estimate>;
  ciMethod: 'wilson' | 't';
}

/** Proportion in each level of a categorical variable: svymean(~factor, design). Missing = null or ''. */
export function svyProportions(d: SurveyDesign, x: ArrayLike<string | null>, opts?: EstimateOptions): Proportions {
  const out: Record<string, Estimate> = {};
  for (const lev of levelsOf(x)) {
    const y = new Float64Array(d.n);
    for (let i = 0; i < d.n; i++) y[i] = x[i] === null || x[i] === '' ? NaN : x[i] === lev ? 1 : 0;
    const e = svyMean(d, y, opts);
    if (d.simple) {
      // Without a design, pollsters expect the Wilson score interval for a proportion.
      e.ci = wilsonInterval(Math.round(e.estimate * e.n), e.n, opts?.level);
    }
    out[lev] = e;
  }
  return { levels: out, ciMethod: d.simple ? 'wilson' : 't' };
}

export type ByStatistic = 'mean' | 'total' | 'proportion';

/** svyby(~y, ~by, design, FUN): each group is a domain of the full design. */
export function svyBy(
  d: SurveyDesign, y: ArrayLike<number> | ArrayLike<string | null>, by: ArrayLike<string | null>,
  stat: ByStatistic, level?: number,
): Record<string, Estimate | Proportions> {
  const groups: Record<string, Estimate | Proportions> = {};
  for (const g of levelsOf(by)) {
    const domain = new Uint8Array(d.n);
    for (let i = 0; i < d.n; i++) domain[i] = by[i] === g ? 1 : 0;
    const opts = { domain, level };
    if (stat === 'proportion') groups[g] = svyProportions(d, y as ArrayLike<string | null>, opts);
    else if (stat === 'mean') groups[g] = svyMean(d, y as ArrayLike<number>, opts);
    else groups[g] = svyTotal(d, y as ArrayLike<number>, opts);
  }
  return groups;
}
