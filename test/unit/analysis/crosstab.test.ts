// Crosstabs: R's svychisq example on apiclus1 and chisq.test on Agresti's party × gender table.
import { describe, expect, it } from 'vitest';
import { svyDesign } from '../../../analysis/design.js';
import { crosstab } from '../../../analysis/crosstab.js';
import { svyProportions } from '../../../analysis/estimates.js';
import { wilsonInterval } from '../../../analysis/tests/wilson.js';
import { readCsv, num, str } from './refdata.js';

describe('svychisq(~sch.wide+stype, dclus1) (r-survey.r-forge.r-project.org/survey/example-chisq.html)', () => {
  const c = readCsv('refdata/survey_api/apiclus1.csv');
  const d = svyDesign({ n: c.length, ids: str(c, 'dnum'), weights: num(c, 'pw'), fpc: num(c, 'fpc') });
  const x = crosstab(d, str(c, 'sch.wide'), str(c, 'stype'));
  it('svytable gives the weighted counts No: 406.1640 101.5410 270.7760, Yes: 4467.8035 372.3170 575.3989', () => {
    expect(['E', 'H', 'M'].map((s) => (x.table.No[s] as number).toFixed(4))).toEqual(['406.1640', '101.5410', '270.7760']);
    expect(['E', 'H', 'M'].map((s) => (x.table.Yes[s] as number).toFixed(4))).toEqual(['4467.8035', '372.3170', '575.3989']);
  });
  it('Rao–Scott second order (default): F = 5.1934, ndf = 1.495, ddf = 20.925, p = 0.02175', () => {
    expect(x.raoScott.F.toFixed(4)).toBe('5.1934');
    expect(x.raoScott.ndf.toFixed(3)).toBe('1.495');
    expect(x.raoScott.ddf.toFixed(3)).toBe('20.925');
    expect(x.raoScott.p.toFixed(5)).toBe('0.02175');
  });
  it('first order (statistic="Chisq"): X-squared = 11.9409, df = 2, p = 0.005553', () => {
    expect(x.chisq.statistic.toFixed(4)).toBe('11.9409');
    expect(x.chisq.df).toBe(2);
    expect(x.chisq.p.toFixed(6)).toBe('0.005553');
    // The naive Pearson p on the same statistic overstates significance: the design effect matters.
    expect(x.pearson.p).toBeLessThan(x.chisq.p);
  });
});

describe("chisq.test on Agresti's party identification by gender (R ?chisq.test)", () => {
  const t = readCsv('refdata/classic/agresti_party_gender.csv');
  const gender: string[] = [], party: string[] = [];
  for (const row of t) for (const p of ['Democrat', 'Independent', 'Republican'])
    for (let k = 0; k < Number(row[p]); k++) { gender.push(row.gender); party.push(p); }
  const d = svyDesign({ n: gender.length });
  const x = crosstab(d, gender, party);
  it('X² = 30.070149095754672, df = 2, p = 2.954e-07, Cramér\'s V = 0.1044358', () => {
    expect(x.pearson.statistic).toBeCloseTo(30.070149095754672, 9);
    expect(x.pearson.df).toBe(2);
    expect(Number(x.pearson.p.toPrecision(4))).toBe(2.954e-7);
    expect(x.cramersV.toFixed(7)).toBe('0.1044358');
  });
  it('expected counts for F are 703.6714 319.6453 533.6834', () => {
    expect(['Democrat', 'Independent', 'Republican'].map((p) => x.expected.F[p].toFixed(4))).toEqual(['703.6714', '319.6453', '533.6834']);
  });
  it('When unweighted, then percentages are plain shares and standardized residuals square-sum near X²', () => {
    expect(x.rowPct.F.Democrat).toBeCloseTo((100 * 762) / 1557, 10);
    expect(x.colPct.M.Republican).toBeCloseTo((100 * 477) / 945, 10);
    expect(x.expectedBelow5).toEqual([]);
    // For a 2-row table, |stdres| is equal in both rows of a column.
    expect(Math.abs(x.stdres.F.Democrat)).toBeCloseTo(Math.abs(x.stdres.M.Democrat), 10);
  });
  it('When small cells are suppressed, then their counts and percentages are hidden', () => {
    const y = crosstab(d, gender, party, { suppressBelow: 300 });
    expect(y.table.M.Independent).toBeNull();
    expect(y.rowPct.M.Independent).toBeNull();
    expect(y.table.F.Independent).toBe(327);
    expect(y.suppressed).toEqual([{ row: 'M', col: 'Independent' }]);
  });
});

describe('Wilson score interval', () => {
  it('52 of 100 gives 0.4231658 – 0.6153545 (refdata README; R prop.test(52, 100, correct = FALSE))', () => {
    expect(wilsonInterval(52, 100).map((v) => v.toFixed(7))).toEqual(['0.4231658', '0.6153545']);
  });
  it('When there is no design, then proportions use the Wilson interval', () => {
    const x = [...new Array(52).fill('yes'), ...new Array(48).fill('no')];
    const p = svyProportions(svyDesign({ n: 100 }), x);
    expect(p.ciMethod).toBe('wilson');
    expect(p.levels.yes.ci.map((v) => v.toFixed(7))).toEqual(['0.4231658', '0.6153545']);
  });
});
