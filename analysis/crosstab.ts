// Weighted crosstabs with percentages, Pearson X², the Rao–Scott corrections of R's svychisq (second-order
// F, the default, and first-order "Chisq"), Cramér's V, standardized residuals and small-cell handling.
import { SurveyDesign, covarianceFromPsuTotals } from './design.js';
import { calibrationResiduals } from './residuals.js';
import { levelsOf } from './estimates.js';
import { chisqUpper, fUpper } from './tests/distributions.js';
import { Matrix, matMul, projectOut, solve, trace, transpose } from './linalg.js';

export interface CrosstabOptions {
  /** Hide cells (counts and percentages) with fewer than this many respondents. */
  suppressBelow?: number;
}

type Grid<T> = Record<string, Record<string, T>>;

export interface Crosstab {
  rows: string[];
  cols: string[];
  /** Respondents with both variables present. */
  n: number;
  /** Weighted counts (population scale when weights are); null where suppressed. */
  table: Grid<number | null>;
  counts: Grid<number>;
  rowPct: Grid<number | null>;
  colPct: Grid<number | null>;
  totalPct: Grid<number | null>;
  /** Expected counts and standardized residuals of the table rescaled to n (the table svychisq tests). */
  expected: Grid<number>;
  stdres: Grid<number>;
  expectedBelow5: { row: string; col: string; expected: number }[];
  suppressed: { row: string; col: string }[];
  pearson: { statistic: number; df: number; p: number };
  chisq: { statistic: number; df: number; p: number };
  raoScott: { F: number; ndf: number; ddf: number; p: number };
  cramersV: number;
}

function grid<T>(rows: string[], cols: string[], f: (i: number, j: number) => T): Grid<T> {
  const g: Grid<T> = {};
  rows.forEach((r, i) => {
    g[r] = {};
    cols.forEach((c, j) => (g[r][c] = f(i, j)));
  });
  return g;
}

export function crosstab(
  d: SurveyDesign, rowVar: ArrayLike<string | null>, colVar: ArrayLike<string | null>, opts: CrosstabOptions = {},
): Crosstab {
  const rows = levelsOf(rowVar);
  const cols = levelsOf(colVar);
  const R = rows.length, C = cols.length, K = R * C;
  if (R < 2 || C < 2) throw new Error('a crosstab needs at least two levels in each variable');
  const ri = new Map(rows.map((r, k) => [r, k]));
  const ci = new Map(cols.map((c, k) => [c, k]));
  // Cell index per row, rows vary fastest (R's interaction() order); -1 = incomplete.
  const cell = new Int32Array(d.n).fill(-1);
  const wt = new Float64Array(K);
  const cnt = new Float64Array(K);
  let W = 0, n = 0;
  for (let i = 0; i < d.n; i++) {
    const a = rowVar[i], b = colVar[i];
    if (a === null || a === '' || b === null || b === '') continue;
    const k = (ri.get(a) as number) + R * (ci.get(b) as number);
    cell[i] = k;
    wt[k] += d.weights[i];
    cnt[k]++;
    W += d.weights[i];
    n++;
  }
  const p = Array.from(wt, (x) => x / W);
  const V = cellCovariance(d, cell, p, W);

  // Pearson on the table rescaled to n, as svychisq does (svytable(..., Ntotal = n)).
  const O = p.map((x) => x * n);
  const rs = new Float64Array(R), cs = new Float64Array(C);
  for (let k = 0; k < K; k++) { rs[k % R] += O[k]; cs[Math.floor(k / R)] += O[k]; }
  const E = O.map((_, k) => (rs[k % R] * cs[Math.floor(k / R)]) / n);
  let X2 = 0;
  for (let k = 0; k < K; k++) if (E[k] > 0) X2 += (O[k] - E[k]) ** 2 / E[k];
  const df = (R - 1) * (C - 1);

  // Rao–Scott design-effect matrix Δ on the interaction contrasts (R's svychisq code path).
  const X1: Matrix = [], X12: Matrix = [];
  for (let k = 0; k < K; k++) {
    const r = k % R, c = Math.floor(k / R);
    const main = [1];
    for (let a = 1; a < R; a++) main.push(r === a ? 1 : 0);
    for (let b = 1; b < C; b++) main.push(c === b ? 1 : 0);
    X1.push(main);
    const inter: number[] = [];
    for (let b = 1; b < C; b++) for (let a = 1; a < R; a++) inter.push(r === a && c === b ? 1 : 0);
    X12.push(inter);
  }
  const Cm = projectOut(X1, X12);
  const iD = p.map((x) => (x === 0 ? 0 : 1 / x));
  const scaledC = Cm.map((row, k) => row.map((v) => v * iD[k]));
  const denom = matMul(transpose(Cm), scaledC).map((r) => r.map((v) => v / n));
  const numr = matMul(matMul(transpose(scaledC), V), scaledC);
  const Delta = solve(denom, numr);
  const trD = trace(Delta);
  const trD2 = trace(matMul(Delta, Delta));
  const d0 = (trD * trD) / trD2;
  const F = X2 / trD;

  const pct = (num: (i: number, j: number) => number, den: (i: number, j: number) => number) =>
    grid(rows, cols, (i, j) => (hidden(i, j) ? null : (100 * num(i, j)) / den(i, j)));
  const k = opts.suppressBelow ?? 0;
  const hidden = (i: number, j: number) => cnt[i + R * j] < k;
  const rowW = new Float64Array(R), colW = new Float64Array(C);
  for (let q = 0; q < K; q++) { rowW[q % R] += wt[q]; colW[Math.floor(q / R)] += wt[q]; }
  const expectedBelow5: Crosstab['expectedBelow5'] = [];
  const suppressed: Crosstab['suppressed'] = [];
  rows.forEach((r, i) => cols.forEach((c, j) => {
    if (E[i + R * j] < 5) expectedBelow5.push({ row: r, col: c, expected: E[i + R * j] });
    if (hidden(i, j)) suppressed.push({ row: r, col: c });
  }));
  return {
    rows, cols, n,
    table: grid(rows, cols, (i, j) => (hidden(i, j) ? null : wt[i + R * j])),
    counts: grid(rows, cols, (i, j) => cnt[i + R * j]),
    rowPct: pct((i, j) => wt[i + R * j], (i) => rowW[i]),
    colPct: pct((i, j) => wt[i + R * j], (_i, j) => colW[j]),
    totalPct: pct((i, j) => wt[i + R * j], () => W),
    expected: grid(rows, cols, (i, j) => E[i + R * j]),
    stdres: grid(rows, cols, (i, j) => {
      const q = i + R * j;
      return (O[q] - E[q]) / Math.sqrt(E[q] * (1 - rs[i] / n) * (1 - cs[j] / n));
    }),
    expectedBelow5, suppressed,
    pearson: { statistic: X2, df, p: chisqUpper(X2, df) },
    chisq: { statistic: X2, df, p: chisqUpper(X2 / (trD / df), df) },
    raoScott: { F, ndf: d0, ddf: d0 * d.df, p: fUpper(F, d0, d0 * d.df) },
    cramersV: Math.sqrt(X2 / (n * (Math.min(R, C) - 1))),
  };
}

/** Covariance of the estimated cell proportions (svymean of cell indicators) under the design. */
function cellCovariance(d: SurveyDesign, cell: Int32Array, p: number[], W: number): Matrix {
  const K = p.length;
  const P = d.psuStratum.length;
  const totals = Array.from({ length: K }, () => new Float64Array(P));
  if (!d.calibrations.length) {
    // Fast path: PSU totals of w(I − p)/W from per-PSU weighted cell counts, in one pass over the rows.
    const wPsu = new Float64Array(P);
    for (let i = 0; i < d.n; i++) {
      const k = cell[i];
      if (k < 0) continue;
      totals[k][d.psu[i]] += d.weights[i];
      wPsu[d.psu[i]] += d.weights[i];
    }
    for (let k = 0; k < K; k++) for (let q = 0; q < P; q++) totals[k][q] = (totals[k][q] - p[k] * wPsu[q]) / W;
  } else {
    const z = new Float64Array(d.n);
    for (let k = 0; k < K; k++) {
      z.fill(0);
      for (let i = 0; i < d.n; i++) if (cell[i] >= 0) z[i] = (d.weights[i] * ((cell[i] === k ? 1 : 0) - p[k])) / W;
      calibrationResiduals(d, z);
      for (let i = 0; i < d.n; i++) totals[k][d.psu[i]] += z[i];
    }
  }
  return covarianceFromPsuTotals(d, totals);
}
