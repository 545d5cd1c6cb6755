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

/** Quantile used for a two-sided interval at `level`: t with `df`, or the normal when df is infinite or absent. */
export function criticalValue(level: number, df?: number): number {
  const p = 1 - (1 - level) / 2;
  return df === undefined || !Number.isFinite(df) ? normalQuantile(p, 0, 1) : tQuantile(p, df);
}

export { normalQuantile };
