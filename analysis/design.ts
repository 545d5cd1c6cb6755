// Survey designs with the semantics of R's svydesign(ids, strata, weights, fpc, nest = TRUE), and the
// first-stage Taylor-linearisation variance that every estimate in this module is built on.
import { calibrationResiduals, type RakeMargin } from './residuals.js';

export type LonelyPsu = 'fail' | 'remove' | 'certainty' | 'adjust' | 'average';

export class DesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesignError';
  }
}

export interface DesignInput {
  n: number;
  weights?: ArrayLike<number>;
  strata?: ArrayLike<string | number | null>;
  ids?: ArrayLike<string | number | null>;
  /** ≥ 1: stratum population size in PSUs; < 1: sampling fraction. Must be constant within a stratum. */
  fpc?: ArrayLike<number>;
  /** What to do with a stratum that has a single PSU. Default 'fail', as R. */
  lonelyPsu?: LonelyPsu;
}

/** A calibration step, kept so that variances use residuals from the calibration groups, as R does. */
export type Calibration =
  | { kind: 'poststratify'; group: Int32Array; oldWeights: Float64Array; weights: Float64Array }
  | { kind: 'rake'; margins: RakeMargin[] };

export interface SurveyDesign {
  n: number;
  weights: Float64Array;
  /** PSU index of each row (0..psus-1); PSUs are nested in strata. */
  psu: Int32Array;
  /** Stratum index of each PSU. */
  psuStratum: Int32Array;
  strataLabels: string[];
  /** Number of PSUs in each stratum, and (1 − sampling fraction) for each stratum. */
  psuCount: Int32Array;
  fpcScale: Float64Array;
  lonelyPsu: LonelyPsu;
  df: number;
  /** True when no weights, strata, ids or fpc were given: plain unweighted data (Wilson intervals apply). */
  simple: boolean;
  calibrations: Calibration[];
}

function label(v: string | number | null | undefined, what: string, row: number): string {
  if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v)))
    throw new DesignError(`${what} is missing in row ${row + 1}; design variables must not be missing`);
  return String(v);
}

/** Build a design. Throws DesignError with a one-line message on inconsistent input. */
export function svyDesign(input: DesignInput): SurveyDesign {
  const { n } = input;
  const lonelyPsu = input.lonelyPsu ?? 'fail';
  const simple = !input.weights && !input.strata && !input.ids && !input.fpc;
  const strataIndex = new Map<string, number>();
  const strataLabels: string[] = [];
  const rowStratum = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = input.strata ? label(input.strata[i], 'stratum', i) : '1';
    let k = strataIndex.get(s);
    if (k === undefined) {
      k = strataLabels.length;
      strataIndex.set(s, k);
      strataLabels.push(s);
    }
    rowStratum[i] = k;
  }
  // nest = TRUE: a PSU is identified by (stratum, id); without ids every row is its own PSU.
  const psuIndex = new Map<string, number>();
  const psu = new Int32Array(n);
  const psuStratumList: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!input.ids) {
      psu[i] = i;
      psuStratumList.push(rowStratum[i]);
      continue;
    }
    const key = rowStratum[i] + '\u0000' + label(input.ids[i], 'cluster id', i);
    let k = psuIndex.get(key);
    if (k === undefined) {
      k = psuStratumList.length;
      psuIndex.set(key, k);
      psuStratumList.push(rowStratum[i]);
    }
    psu[i] = k;
  }
  const psuStratum = Int32Array.from(psuStratumList);
  const H = strataLabels.length;
  const psuCount = new Int32Array(H);
  for (const h of psuStratum) psuCount[h]++;

  const fpcScale = new Float64Array(H).fill(1);
  const popPsus = new Float64Array(H).fill(NaN);
  if (input.fpc) {
    const seen = new Float64Array(H).fill(NaN);
    for (let i = 0; i < n; i++) {
      const f = input.fpc[i];
      if (!Number.isFinite(f) || f <= 0) throw new DesignError(`fpc must be a positive number (row ${i + 1})`);
      const h = rowStratum[i];
      if (Number.isNaN(seen[h])) seen[h] = f;
      else if (seen[h] !== f)
        throw new DesignError(`fpc is not constant within stratum '${strataLabels[h]}'`);
    }
    for (let h = 0; h < H; h++) {
      const f = seen[h];
      popPsus[h] = f >= 1 ? f : psuCount[h] / f;
      if (popPsus[h] < psuCount[h] - 1e-9)
        throw new DesignError(`fpc in stratum '${strataLabels[h]}' is smaller than the number of sampled PSUs`);
      fpcScale[h] = 1 - psuCount[h] / popPsus[h];
    }
  }

  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (input.weights) {
      const w = input.weights[i];
      if (!Number.isFinite(w) || w < 0) throw new DesignError(`weight must be a non-negative number (row ${i + 1})`);
      weights[i] = w;
    } else if (input.fpc) {
      const h = rowStratum[i];
      weights[i] = popPsus[h] / psuCount[h];
    } else weights[i] = 1;
  }

  if (lonelyPsu === 'fail') {
    for (let h = 0; h < H; h++)
      if (psuCount[h] === 1)
        throw new DesignError(
          `stratum '${strataLabels[h]}' has only one PSU; set lonelyPsu to 'adjust', 'average', 'certainty' or 'remove'`,
        );
  }
  return {
    n, weights, psu, psuStratum, strataLabels, psuCount, fpcScale, lonelyPsu,
    df: psuStratum.length - H, simple, calibrations: [],
  };
}

/** Summary the CLI prints: rows, strata, PSUs, degrees of freedom. */
export function designInfo(d: SurveyDesign) {
  return { n: d.n, strata: d.strataLabels.length, psus: d.psuStratum.length, df: d.df };
}

/** A copy of the design with new weights (and one more calibration step recorded). */
export function withWeights(d: SurveyDesign, weights: Float64Array, step: Calibration): SurveyDesign {
  return { ...d, weights, calibrations: [...d.calibrations, step] };
}

/** Sum influence values within PSUs (after calibration residuals). */
export function psuTotals(d: SurveyDesign, z: Float64Array): Float64Array {
  if (d.calibrations.length) calibrationResiduals(d, z);
  const t = new Float64Array(d.psuStratum.length);
  for (let i = 0; i < z.length; i++) t[d.psu[i]] += z[i];
  return t;
}

/**
 * Covariance matrix of estimated totals from PSU totals (one Float64Array per variable): the
 * with-replacement / fpc-corrected between-PSU variance summed over strata, R's "ultimate cluster"
 * estimator.
 */
export function covarianceFromPsuTotals(
  layout: Pick<SurveyDesign, 'psuStratum' | 'psuCount' | 'fpcScale' | 'lonelyPsu' | 'strataLabels'>,
  totals: Float64Array[],
): number[][] {
  const k = totals.length;
  const H = layout.psuCount.length;
  const P = layout.psuStratum.length;
  const means = totals.map(() => new Float64Array(H));
  for (let j = 0; j < k; j++) for (let p = 0; p < P; p++) means[j][layout.psuStratum[p]] += totals[j][p];
  for (let j = 0; j < k; j++) for (let h = 0; h < H; h++) means[j][h] /= layout.psuCount[h] || 1;
  // Grand mean of PSU totals: the centre for lonely PSUs under 'adjust'.
  const grand = totals.map((t) => t.reduce((a, b) => a + b, 0) / P);
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const perStratum = Array.from({ length: H }, () => Array.from({ length: k }, () => new Float64Array(k)));
  const dev = new Float64Array(k);
  for (let p = 0; p < P; p++) {
    const h = layout.psuStratum[p];
    const lonely = layout.psuCount[h] === 1;
    if (lonely && layout.lonelyPsu !== 'adjust') continue;
    for (let j = 0; j < k; j++) dev[j] = totals[j][p] - (lonely ? grand[j] : means[j][h]);
    const m = perStratum[h];
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) m[a][b] += dev[a] * dev[b];
  }
  let okStrata = 0;
  for (let h = 0; h < H; h++) {
    const nh = layout.psuCount[h];
    if (nh === 1 && layout.lonelyPsu !== 'adjust') continue;
    okStrata++;
    const scale = (nh > 1 ? nh / (nh - 1) : 1) * layout.fpcScale[h];
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cov[a][b] += perStratum[h][a][b] * scale;
  }
  // 'average': lonely strata get the average variance of the others (R's survey.lonely.psu = "average").
  if (layout.lonelyPsu === 'average' && okStrata > 0 && okStrata < H)
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cov[a][b] *= H / okStrata;
  return cov;
}

/** Variance of the estimated total whose influence values are z (z is modified in place). */
export function varianceOf(d: SurveyDesign, z: Float64Array): number {
  return covarianceFromPsuTotals(d, [psuTotals(d, z)])[0][0];
}
