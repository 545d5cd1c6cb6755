// Weighting: post-stratification and raking to population counts (R's postStratify and rake), trimming,
// and weight diagnostics. Calibrated designs remember their groups so SEs use calibration residuals.
import { DesignError, SurveyDesign, withWeights } from './design.js';

export class CalibrationError extends DesignError {}

type Keys = ArrayLike<string | null>;

/** Group index per row from the keys, checked against the population table. */
function groupRows(keys: Keys, population: Record<string, number>, name: string) {
  const levels = Object.keys(population);
  const index = new Map(levels.map((l, k) => [l, k]));
  const group = new Int32Array(keys.length);
  const present = new Uint8Array(levels.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === null || key === '')
      throw new CalibrationError(`calibration variable '${name}' is missing in row ${i + 1}`);
    const k = index.get(key);
    if (k === undefined)
      throw new CalibrationError(`margins for '${name}' have no population count for level '${key}' found in the sample`);
    group[i] = k;
    present[k] = 1;
  }
  levels.forEach((l, k) => {
    if (!present[k] && population[l] > 0)
      throw new CalibrationError(`level '${l}' of '${name}' has a population count but no respondents in the sample`);
  });
  return { group, levels };
}

function poststratifyWeights(w: Float64Array, group: Int32Array, pop: number[]): Float64Array {
  const est = new Float64Array(pop.length);
  for (let i = 0; i < w.length; i++) est[group[i]] += w[i];
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = est[group[i]] > 0 ? (w[i] * pop[group[i]]) / est[group[i]] : 0;
  return out;
}

/** postStratify(design, ~keys, population): weights scaled so each group sums to its population count. */
export function postStratify(
  d: SurveyDesign, keys: Keys, population: Record<string, number>, name = 'post-strata',
): SurveyDesign {
  const { group, levels } = groupRows(keys, population, name);
  const weights = poststratifyWeights(d.weights, group, levels.map((l) => population[l]));
  return withWeights(d, weights, { kind: 'poststratify', group, oldWeights: d.weights, weights });
}

export interface RakeMargin {
  name: string;
  keys: Keys;
  population: Record<string, number>;
}

export interface RakeOptions {
  /** As R: < 1 is relative to the sum of weights, ≥ 1 an absolute change in the joint table. Default 1. */
  epsilon?: number;
  /** R's control$maxit. Default 10. */
  maxIterations?: number;
}

export interface RakeResult {
  design: SurveyDesign;
  iterations: number;
  converged: boolean;
}

/** rake(design, margins): iterative proportional fitting with R's convergence rule on the joint table. */
export function rake(d: SurveyDesign, margins: RakeMargin[], opts: RakeOptions = {}): RakeResult {
  const maxit = opts.maxIterations ?? 10;
  const eps0 = opts.epsilon ?? 1;
  const total = d.weights.reduce((a, b) => a + b, 0);
  const epsilon = eps0 < 1 ? eps0 * total : eps0;
  const groups = margins.map((m) => groupRows(m.keys, m.population, m.name));
  const pops = margins.map((m, j) => groups[j].levels.map((l) => m.population[l]));
  // Joint cell of all margin variables, for the convergence check (R compares svytable(~all vars)).
  const jointMap = new Map<string, number>();
  const joint = new Int32Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const key = groups.map((g) => g.group[i]).join(',');
    let k = jointMap.get(key);
    if (k === undefined) jointMap.set(key, (k = jointMap.size));
    joint[i] = k;
  }
  const table = (w: Float64Array) => {
    const t = new Float64Array(jointMap.size);
    for (let i = 0; i < w.length; i++) t[joint[i]] += w[i];
    return t;
  };
  let w = d.weights;
  let old = table(w);
  let stepWeights: Float64Array[] = [];
  let iter = 0;
  let converged = false;
  while (iter < maxit) {
    stepWeights = [];
    for (let j = 0; j < margins.length; j++) {
      w = poststratifyWeights(w, groups[j].group, pops[j]);
      stepWeights.push(w);
    }
    const now = table(w);
    let delta = 0;
    for (let k = 0; k < now.length; k++) delta = Math.max(delta, Math.abs(now[k] - old[k]));
    if (delta < epsilon) {
      converged = true;
      break;
    }
    old = now;
    iter++;
  }
  const design = withWeights(d, w, {
    kind: 'rake',
    margins: groups.map((g, j) => ({ group: g.group, weights: stepWeights[j] })),
  });
  return { design, iterations: converged ? iter + 1 : iter, converged };
}

export interface TrimOptions {
  lower?: number;
  upper?: number;
  maxIterations?: number;
}

/**
 * Trim weights to [lower, upper], spreading the trimmed amount over the untrimmed weights so the total
 * is unchanged (as survey::trimWeights). Returns new weights; variances then treat them as given.
 */
export function trimWeights(weights: ArrayLike<number>, opts: TrimOptions): Float64Array {
  const lower = opts.lower ?? 0;
  const upper = opts.upper ?? Infinity;
  const w = Float64Array.from(weights);
  const total = w.reduce((a, b) => a + b, 0);
  for (let it = 0; it < (opts.maxIterations ?? 50); it++) {
    let excess = 0;
    let freeSum = 0;
    for (let i = 0; i < w.length; i++) {
      if (w[i] > upper) { excess += w[i] - upper; w[i] = upper; }
      else if (w[i] < lower) { excess -= lower - w[i]; w[i] = lower; }
    }
    for (let i = 0; i < w.length; i++) if (w[i] < upper && w[i] > lower) freeSum += w[i];
    if (Math.abs(excess) <= 1e-12 * total || freeSum === 0) break;
    for (let i = 0; i < w.length; i++) if (w[i] < upper && w[i] > lower) w[i] *= 1 + excess / freeSum;
  }
  return w;
}

export interface WeightDiagnostics {
  n: number;
  sum: number;
  min: number;
  max: number;
  mean: number;
  /** Coefficient of variation of the weights (population SD / mean). */
  cv: number;
  /** Kish's design effect due to unequal weights: 1 + cv² = n Σw² / (Σw)². */
  kishDeff: number;
  kishEffectiveN: number;
}

export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  let n = 0, s = 0, s2 = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w > 0)) continue;
    n++; s += w; s2 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const mean = s / n;
  const kishDeff = (n * s2) / (s * s);
  return { n, sum: s, min, max, mean, cv: Math.sqrt(Math.max(kishDeff - 1, 0)), kishDeff, kishEffectiveN: n / kishDeff };
}
