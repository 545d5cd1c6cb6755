// Significance marks of the crosstab's cells, from the adjusted (standardised) residuals. Pure, for the tests.

/** |adjusted residual| at or past this marks a cell (two-sided 5 %). */
const Z_95 = 1.959964;

/** ▲ above / ▼ below what independence predicts, or nothing (suppressed or unremarkable cells). */
export function cellMark(stdres: number | null | undefined, shown: boolean): 'up' | 'down' | null {
  if (!shown || stdres === null || stdres === undefined || !Number.isFinite(stdres)) return null;
  return stdres >= Z_95 ? 'up' : stdres <= -Z_95 ? 'down' : null;
}
