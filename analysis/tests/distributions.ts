// Distribution functions for p-values and quantiles, from stdlib-js (accurate in the tails, unlike tables).
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import fCdf from '@stdlib/stats-base-dists-f-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Upper-tail probability P(X² > x) for a chi-square with `df` degrees of freedom. */
export function chisqUpper(x: number, df: number): number {
  return x <= 0 ? 1 : 1 - chisqCdf(x, df);
}

/** Upper-tail probability P(F > x) for an F(ndf, ddf) distribution (ndf may be fractional, as Rao–Scott needs). */
export function fUpper(x: number, ndf: number, ddf: number): number {
  return x <= 0 ? 1 : 1 - fCdf(x, ndf, ddf);
}

/** Two-sided p-value of a t statistic. */
export function tTwoSided(t: number, df: number): number {
  return 2 * (1 - tCdf(Math.abs(t), df));
}

/** Critical values already computed, by level and df (a topline asks for the same one ~1,000 times). */
const critical = new Map<string, number>();

/**
 * Quantile used for a two-sided interval at `level`: t with `df`, or the normal when df is infinite or
 * absent. Remembered per (level, df): the t quantile is found by iteration (~20 µs a call).
 */
export function criticalValue(level: number, df?: number): number {
  const normal = df === undefined || !Number.isFinite(df);
  const key = normal ? `${level}|normal` : `${level}|${df}`;
  let q = critical.get(key);
  if (q === undefined) {
    const p = 1 - (1 - level) / 2;
    q = normal ? normalQuantile(p, 0, 1) : tQuantile(p, df as number);
    if (critical.size < 10_000) critical.set(key, q);
  }
  return q;
}

export { normalQuantile };
