// NIST StRD univariate data sets: certified mean, SD and lag-1 autocorrelation.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { meanVariance, lag1Autocorrelation, describe as summarise } from '../../../analysis/descriptive.js';
import { sampleStandardDeviation } from 'simple-statistics';
import { fixtures, readCsv } from './refdata.js';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const certified = readCsv('refdata/nist_strd/certified_values.csv');

describe('NIST StRD univariate summary statistics', () => {
  for (const row of certified) {
    const values = readFileSync(`${fixtures}refdata/nist_strd/${row.values_file}`, 'utf8')
      .split(/\s+/).filter(Boolean).map(Number);
    it(`${row.dataset} (${row.difficulty}): mean and SD agree with the certified values to 12+ digits`, () => {
      expect(values.length).toBe(Number(row.n));
      const mv = meanVariance(values);
      expect(relErr(mv.mean, Number(row.mean))).toBeLessThan(1e-12);
      expect(relErr(mv.sd, Number(row.sd_n_minus_1))).toBeLessThan(1e-12);
    });
    it(`${row.dataset}: lag-1 autocorrelation agrees with the certified value`, () => {
      expect(relErr(lag1Autocorrelation(values), Number(row.lag1_autocorrelation))).toBeLessThan(1e-9);
    });
  }

  it('When the data are NumAcc4, then a naive one-pass variance is visibly wrong but ours is not', () => {
    const values = readFileSync(`${fixtures}refdata/nist_strd/NumAcc4.values.txt`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    let s = 0, s2 = 0;
    for (const x of values) { s += x; s2 += x * x; }
    const naive = Math.sqrt((s2 - (s * s) / values.length) / (values.length - 1));
    // Negative variance (NaN) or far off: either way not 0.1 to three digits.
    expect(relErr(naive, 0.1) < 1e-3).toBe(false);
    // simple-statistics' two-pass SD stops at about 8 digits here (0.10000000056).
    expect(relErr(sampleStandardDeviation(values), 0.1)).toBeGreaterThan(1e-12);
    expect(relErr(meanVariance(values).sd, 0.1)).toBeLessThan(1e-12);
  });
});

describe('describe()', () => {
  it('When values are missing (NaN), then they are counted apart and quantiles follow R type 7', () => {
    const d = summarise([1, 2, NaN, 3, 4, 10]);
    expect(d).toMatchObject({ n: 5, missing: 1, min: 1, max: 10, median: 3, q1: 2, q3: 4, mean: 4 });
  });
});
