// Post-stratification and raking against R's survey package (tests/api.R, tests/rakecheck.R, tests/kalton.R).
import { describe, expect, it } from 'vitest';
import { svyDesign } from '../../../analysis/design.js';
import { svyMean, svyTotal } from '../../../analysis/estimates.js';
import { postStratify, rake, trimWeights, weightDiagnostics, CalibrationError } from '../../../analysis/weights.js';
import { readCsv, num, str, rPrintedSE } from './refdata.js';

const clus1 = readCsv('refdata/survey_api/apiclus1.csv');
const dclus1 = svyDesign({ n: clus1.length, ids: str(clus1, 'dnum'), weights: num(clus1, 'pw'), fpc: num(clus1, 'fpc') });
const popTypes = { E: 4421, H: 755, M: 1018 };
const popSchwide = { No: 1072, Yes: 5122 };

describe('postStratify(dclus1, ~stype, pop.types) (R tests/api.Rout.save)', () => {
  const ps = postStratify(dclus1, str(clus1, 'stype'), popTypes, 'stype');
  it('svymean(~api00) = 642.31, SE 23.921', () => {
    const m = svyMean(ps, num(clus1, 'api00'));
    expect(m.estimate.toFixed(2)).toBe('642.31');
    expect(rPrintedSE(m.se)).toBe('23.921');
  });
  it('svytotal(~enroll) = 3680893, SE 406293: post-stratification cuts the SE of a total by more than half', () => {
    const t = svyTotal(ps, num(clus1, 'enroll'));
    expect(Math.round(t.estimate)).toBe(3680893);
    expect(Math.round(t.se)).toBe(406293);
  });
  it('When post-stratified, then the weights reproduce the population counts exactly', () => {
    const sums: Record<string, number> = {};
    clus1.forEach((r, i) => (sums[r.stype] = (sums[r.stype] ?? 0) + ps.weights[i]));
    for (const [k, v] of Object.entries(popTypes)) expect(sums[k]).toBeCloseTo(v, 8);
  });
});

describe('rake(dclus1, list(~stype, ~sch.wide), ...) (R tests/rakecheck.Rout.save)', () => {
  const margins = [
    { name: 'stype', keys: str(clus1, 'stype'), population: popTypes },
    { name: 'sch.wide', keys: str(clus1, 'sch.wide'), population: popSchwide },
  ];
  const r = rake(dclus1, margins);
  it('svymean(~api00) = 641.23, SE 23.704', () => {
    const m = svyMean(r.design, num(clus1, 'api00'));
    expect(r.converged).toBe(true);
    expect(m.estimate.toFixed(2)).toBe('641.23');
    expect(rPrintedSE(m.se)).toBe('23.704');
  });
  it('svytotal(~enroll) = 3647300, SE 400603', () => {
    const t = svyTotal(r.design, num(clus1, 'enroll'));
    expect(Math.round(t.estimate / 100) * 100).toBe(3647300);
    expect(Math.round(t.se)).toBe(400603);
  });
  it('When margins miss a level present in the sample, then calibration stops with a clear error', () => {
    expect(() => rake(dclus1, [{ ...margins[0], population: { E: 4421, H: 755 } }])).toThrow(CalibrationError);
    expect(() => rake(dclus1, [{ ...margins[0], population: { E: 4421, H: 755 } }])).toThrow(/level 'M'/);
  });
});

describe('Kalton & Flores-Cervantes (2003) weighting example (R tests/kalton.Rout.save)', () => {
  const cells = readCsv('refdata/kalton/kalton_cells.csv');
  const a: string[] = [], b: string[] = [];
  for (const c of cells) for (let k = 0; k < Number(c.sample_n); k++) { a.push(c.a); b.push(c.b); }
  const d = svyDesign({ n: a.length, ids: a.map((_, i) => i) });
  const cellRatio = (w: Float64Array) => {
    const sums: Record<string, number> = {};
    a.forEach((x, i) => (sums[`${x},${b[i]}`] = (sums[`${x},${b[i]}`] ?? 0) + w[i]));
    return cells.map((c) => (sums[`${c.a},${c.b}`] / Number(c.sample_n)).toFixed(2));
  };
  it('Table A: post-stratification to the a×b cells gives weights N/n per cell', () => {
    const pop = Object.fromEntries(cells.map((c) => [`${c.a}:${c.b}`, Number(c.population_N)]));
    const ps = postStratify(d, a.map((x, i) => `${x}:${b[i]}`), pop);
    // R prints by b column: 4.00 1.20 1.70 1.83 | 1.00 1.07 1.20 1.65 | 1.38 1.10 4.00 1.79
    expect(cellRatio(ps.weights)).toEqual(['4.00', '1.20', '1.70', '1.83', '1.00', '1.07', '1.20', '1.65', '1.38', '1.10', '4.00', '1.79']);
  });
  it('Table B: raking to the a and b margins (epsilon = 0.0001)', () => {
    const popA: Record<string, number> = {}, popB: Record<string, number> = {};
    for (const c of cells) {
      popA[c.a] = (popA[c.a] ?? 0) + Number(c.population_N);
      popB[c.b] = (popB[c.b] ?? 0) + Number(c.population_N);
    }
    const r = rake(d, [{ name: 'a', keys: a, population: popA }, { name: 'b', keys: b, population: popB }], { epsilon: 0.0001 });
    expect(cellRatio(r.design.weights)).toEqual(['1.81', '1.08', '2.20', '1.83', '1.45', '0.87', '1.76', '1.47', '2.02', '1.21', '2.45', '2.04']);
  });
});

describe('weight trimming and diagnostics', () => {
  it('When weights are trimmed, then none exceeds the bound and the total is kept', () => {
    const w = [1, 1, 1, 1, 10];
    const t = trimWeights(w, { upper: 4 });
    expect(Math.max(...t)).toBeLessThanOrEqual(4 + 1e-12);
    expect(t.reduce((x, y) => x + y, 0)).toBeCloseTo(14, 10);
  });
  it("Kish's design effect is n Σw²/(Σw)²: 1 for equal weights, 1 + CV² otherwise", () => {
    expect(weightDiagnostics([2, 2, 2, 2]).kishDeff).toBe(1);
    const diag = weightDiagnostics([1, 3]);
    expect(diag.kishDeff).toBeCloseTo(1.25, 12);
    expect(diag.cv).toBeCloseTo(0.5, 12);
    expect(diag.kishEffectiveN).toBeCloseTo(1.6, 12);
    expect([diag.min, diag.max]).toEqual([1, 3]);
  });
});
