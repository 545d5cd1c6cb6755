// Calibration residuals: after postStratify or rake, variances use the influence values' residuals from
// the calibration groups, as R's svyrecvar does, so that SEs include what calibration gains.
import type { SurveyDesign } from './design.js';

/** A margin of a raking: each row's group, and the weights after that margin's step (R's "psw"). */
export interface RakeMargin {
  group: Int32Array;
  weights: Float64Array;
}

/**
 * Replace influence values z (= weight × linearised variable) by their residuals from the calibration
 * groups, as R's svyrecvar does for postStratify (weighted by pre-calibration weights) and for rake (ten
 * sweeps of unweighted group means over the margins).
 */
export function calibrationResiduals(d: SurveyDesign, z: Float64Array): void {
  for (const c of d.calibrations) {
    if (c.kind === 'rake') {
      rakeResiduals(z, c.margins);
      continue;
    }
    const G = maxGroup(c.group) + 1;
    const num = new Float64Array(G);
    const den = new Float64Array(G);
    for (let i = 0; i < z.length; i++) {
      const psw = c.weights[i] === 0 && c.oldWeights[i] === 0 ? 1 : c.weights[i];
      num[c.group[i]] += (z[i] * c.oldWeights[i]) / psw;
      den[c.group[i]] += c.oldWeights[i];
    }
    for (let i = 0; i < z.length; i++) {
      const g = c.group[i];
      if (den[g] > 0) z[i] -= (num[g] / den[g]) * c.weights[i];
    }
  }
}

/** Cross tables larger than this (cells over all pairs of margins) go through the sweeps row by row. */
const MAX_CROSS_CELLS = 4_000_000;

/**
 * R's raking residuals: ten sweeps over the margins of x ← x − w_m · ave(x / w_m, margin m) (a row with
 * w_m = 0 adds nothing to its group's sum and is left as it is; the average is over all the group's rows).
 * Every step subtracts w_m times a per-group constant, so after any number of steps
 *   x = x₀ − Σ_m w_m · C_m[group_m],
 * and the sum a step needs, Σ over group g of margin a of x / w_a, is
 *   Σ_g x₀ / w_a − Σ_b Σ_h C_b[h] · T_ab[g][h],   T_ab[g][h] = Σ over rows in g of a and h of b of w_b / w_a.
 * So the 30 steps run on the small tables C and T (T made once per raking), and a variable costs two
 * passes over the rows per margin instead of twenty. Same values as the sweeps row by row (`rakeSweeps`)
 * up to rounding; those are kept for margins whose cross tables would be too large.
 */
export function rakeResiduals(x: Float64Array, margins: RakeMargin[]): void {
  const t = crossTables(margins);
  if (t === null) return rakeSweeps(x, margins);
  const { G, cnt, T } = t, M = margins.length;
  const S0 = G.map((g, a) => groupSums(new Float64Array(g), x, margins[a].group, margins[a].weights));
  const C = G.map((g) => new Float64Array(g));
  const mean = new Float64Array(Math.max(...G));
  for (let sweep = 0; sweep < 10; sweep++) {
    for (let a = 0; a < M; a++) {
      for (let g = 0; g < G[a]; g++) {
        let s = S0[a][g];
        for (let b = 0; b < M; b++) {
          const Tab = T[a][b], Cb = C[b], Gb = G[b];
          for (let h = 0; h < Gb; h++) s -= Cb[h] * Tab[g * Gb + h];
        }
        mean[g] = cnt[a][g] > 0 ? s / cnt[a][g] : 0; // a group no row is in: nothing to subtract
      }
      for (let g = 0; g < G[a]; g++) C[a][g] += mean[g];
    }
  }
  for (let a = 0; a < M; a++) subtractGroupConstants(x, margins[a].group, margins[a].weights, C[a]);
}

interface CrossTables { G: number[]; cnt: Float64Array[]; T: Float64Array[][] }

/** Per raking (a calibrated design keeps its margins): groups, group sizes, cross tables; null when too large. */
const tablesOf = new WeakMap<RakeMargin[], CrossTables | null>();
function crossTables(margins: RakeMargin[]): CrossTables | null {
  const known = tablesOf.get(margins);
  if (known !== undefined) return known;
  const M = margins.length;
  const G = margins.map((m) => maxGroup(m.group) + 1);
  let cells = 0;
  for (let a = 0; a < M; a++) for (let b = 0; b < M; b++) cells += G[a] * G[b];
  let t: CrossTables | null = null;
  if (cells <= MAX_CROSS_CELLS) {
    const cnt = G.map((g) => new Float64Array(g));
    const T = margins.map((_, a) => margins.map((_, b) => new Float64Array(G[a] * G[b])));
    for (let a = 0; a < M; a++) {
      const ga = margins[a].group, wa = margins[a].weights, ca = cnt[a];
      for (let i = 0; i < ga.length; i++) ca[ga[i]]++;
      for (let b = 0; b < M; b++) crossTable(T[a][b], ga, wa, margins[b].group, margins[b].weights, G[b]);
    }
    t = { G, cnt, T };
  }
  tablesOf.set(margins, t);
  return t;
}

/** T[g·Gb + h] = Σ w_b / w_a over the rows in group g of a and h of b (rows with w_a = 0 left out). */
function crossTable(T: Float64Array, ga: Int32Array, wa: Float64Array, gb: Int32Array, wb: Float64Array, Gb: number) {
  for (let i = 0; i < ga.length; i++) if (wa[i] !== 0) T[ga[i] * Gb + gb[i]] += wb[i] / wa[i];
}

/** S[g] += x / w over the rows in group g (rows with w = 0 add nothing); returns S. */
function groupSums(S: Float64Array, x: Float64Array, group: Int32Array, w: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) if (w[i] !== 0) S[group[i]] += x[i] / w[i];
  return S;
}

/** x −= w · C[group]. */
function subtractGroupConstants(x: Float64Array, group: Int32Array, w: Float64Array, C: Float64Array) {
  for (let i = 0; i < x.length; i++) x[i] -= w[i] * C[group[i]];
}

/** The ten sweeps row by row, as R writes them. */
export function rakeSweeps(x: Float64Array, margins: RakeMargin[]): void {
  const plan = margins.map((m) => {
    const cnt = new Float64Array(maxGroup(m.group) + 1);
    for (let i = 0; i < x.length; i++) cnt[m.group[i]]++;
    return { ...m, cnt, mean: new Float64Array(cnt.length) };
  });
  for (let sweep = 0; sweep < 10; sweep++) {
    for (const { group, weights, cnt, mean } of plan) {
      mean.fill(0);
      groupSums(mean, x, group, weights);
      for (let g = 0; g < mean.length; g++) mean[g] /= cnt[g];
      subtractGroupConstants(x, group, weights, mean);
    }
  }
}

function maxGroup(g: Int32Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) if (g[i] > m) m = g[i];
  return m;
}
