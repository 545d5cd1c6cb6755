// Small dense linear algebra for the Rao–Scott correction (matrices of a few dozen rows at most).

export type Matrix = number[][];

export function matMul(a: Matrix, b: Matrix): Matrix {
  const n = a.length, m = b[0].length, k = b.length;
  const out = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++)
    for (let l = 0; l < k; l++) {
      const x = a[i][l];
      if (x === 0) continue;
      for (let j = 0; j < m; j++) out[i][j] += x * b[l][j];
    }
  return out;
}

export function transpose(a: Matrix): Matrix {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

/** Solve A X = B by Gaussian elimination with partial pivoting (A square, B with any number of columns). */
export function solve(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const A = a.map((r) => r.slice());
  const B = b.map((r) => r.slice());
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    if (A[p][c] === 0) throw new Error('singular matrix');
    [A[c], A[p]] = [A[p], A[c]];
    [B[c], B[p]] = [B[p], B[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      if (f === 0) continue;
      for (let j = c; j < n; j++) A[r][j] -= f * A[c][j];
      for (let j = 0; j < B[0].length; j++) B[r][j] -= f * B[c][j];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let j = 0; j < B[0].length; j++) {
      let s = B[c][j];
      for (let k = c + 1; k < n; k++) s -= A[c][k] * B[k][j];
      B[c][j] = s / A[c][c];
    }
  }
  return B;
}

/** Residuals of the columns of Y after least-squares projection on the columns of X (R's qr.resid). */
export function projectOut(X: Matrix, Y: Matrix): Matrix {
  const Xt = transpose(X);
  const coef = solve(matMul(Xt, X), matMul(Xt, Y));
  const fit = matMul(X, coef);
  return Y.map((row, i) => row.map((v, j) => v - fit[i][j]));
}

export function trace(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i][i];
  return s;
}
