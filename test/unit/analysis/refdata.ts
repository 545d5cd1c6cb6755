// Loads the public reference data sets copied into test/fixtures/refdata (R's api data, NIST StRD …).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export type Table = Record<string, string>[];

export function readCsv(rel: string): Table {
  return parse(readFileSync(fixtures + rel, 'utf8'), { columns: true, skip_empty_lines: true });
}

export const num = (t: Table, col: string) => Float64Array.from(t, (r) => (r[col] === 'NA' || r[col] === '' ? NaN : Number(r[col])));
export const str = (t: Table, col: string) => t.map((r) => (r[col] === 'NA' || r[col] === '' ? null : r[col]));

/** Round to the digits R printed, for comparisons "to the published digits". */
export const signif = (x: number, digits: number) => Number(x.toPrecision(digits));

/**
 * How print.svystat shows an SE: printCoefmat treats the SE column as a test statistic, so R prints
 * format(round(se, 4), digits = 5) — a double rounding (23.920486 prints as 23.921).
 */
export const rPrintedSE = (se: number) => (Math.round(se * 1e4) / 1e4).toPrecision(5);
