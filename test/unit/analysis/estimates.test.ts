// Design-based estimates against R's survey package (example(api), the survey website examples, tests/deff.R).
import { describe, expect, it } from 'vitest';
import { svyDesign, DesignError, designInfo } from '../../../analysis/design.js';
import { svyMean, svyTotal, svyProportions, svyBy } from '../../../analysis/estimates.js';
import { readCsv, num, str, signif } from './refdata.js';

const strat = readCsv('refdata/survey_api/apistrat.csv');
const clus1 = readCsv('refdata/survey_api/apiclus1.csv');
const srs = readCsv('refdata/survey_api/apisrs.csv');
const dstrat = svyDesign({ n: strat.length, strata: str(strat, 'stype'), weights: num(strat, 'pw'), fpc: num(strat, 'fpc') });
const dclus1 = svyDesign({ n: clus1.length, ids: str(clus1, 'dnum'), weights: num(clus1, 'pw'), fpc: num(clus1, 'fpc') });

describe('stratified design: svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)', () => {
  it('svymean(~api00) = 662.29, SE 9.4089 (refdata README, full precision)', () => {
    const m = svyMean(dstrat, num(strat, 'api00'));
    expect(m.estimate).toBeCloseTo(662.2873631593205, 9);
    expect(m.se).toBeCloseTo(9.40894080278458, 9);
    expect(m.df).toBe(197);
  });
  it('svytotal(~enroll) = 3687178, SE 114642', () => {
    const t = svyTotal(dstrat, num(strat, 'enroll'));
    expect(Math.round(t.estimate)).toBe(3687178);
    expect(Math.round(t.se)).toBe(114642);
  });
});

describe('one-stage cluster design: svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)', () => {
  it('svymean(~api00) = 644.17, SE 23.542 (full precision in the README)', () => {
    const m = svyMean(dclus1, num(clus1, 'api00'));
    expect(m.estimate).toBeCloseTo(644.1693989071039, 9);
    expect(m.se).toBeCloseTo(23.542240693781036, 8);
    expect(designInfo(dclus1)).toEqual({ n: 183, strata: 1, psus: 15, df: 14 });
  });
  it('svytotal(~enroll) = 3404940, SE 932235', () => {
    const t = svyTotal(dclus1, num(clus1, 'enroll'));
    expect(Math.round(t.estimate)).toBe(3404940);
    expect(Math.round(t.se)).toBe(932235);
  });
  it('svymean(~api99+stype): api99 606.978142 SE 24.2250; stype proportions and SEs (survey website)', () => {
    const m = svyMean(dclus1, num(clus1, 'api99'));
    expect(m.estimate.toFixed(6)).toBe('606.978142');
    expect(m.se.toFixed(4)).toBe('24.2250');
    const p = svyProportions(dclus1, str(clus1, 'stype')).levels;
    expect([p.E.estimate, p.H.estimate, p.M.estimate].map((x) => x.toFixed(6))).toEqual(['0.786885', '0.076503', '0.136612']);
    expect([p.E.se, p.H.se, p.M.se].map((x) => x.toFixed(4))).toEqual(['0.0463', '0.0268', '0.0296']);
  });
  it('svytotal(~stype): 4873.97 (1333.32), 473.86 (158.70), 846.17 (167.55)', () => {
    const out = ['E', 'H', 'M'].map((l) => svyTotal(dclus1, Float64Array.from(clus1, (r) => (r.stype === l ? 1 : 0))));
    expect(out.map((e) => e.estimate.toFixed(2))).toEqual(['4873.97', '473.86', '846.17']);
    expect(out.map((e) => e.se.toFixed(2))).toEqual(['1333.32', '158.70', '167.55']);
  });
  it('svyby(~api99+api00, ~stype+sch.wide, dclus1, svymean): domains keep the full design', () => {
    const by = clus1.map((r) => `${r.stype}.${r['sch.wide']}`);
    const g99 = svyBy(dclus1, num(clus1, 'api99'), by, 'mean') as Record<string, { estimate: number; se: number }>;
    const g00 = svyBy(dclus1, num(clus1, 'api00'), by, 'mean') as Record<string, { estimate: number; se: number }>;
    const published: Record<string, number[]> = {
      'E.No': [601.6667, 596.3333, 47.27582, 43.4901], 'E.Yes': [608.3485, 653.6439, 21.52493, 20.3172],
      'H.No': [662.0, 659.3333, 29.23003, 27.00275], 'H.Yes': [577.6364, 607.4545, 46.50125, 43.70468],
      'M.No': [611.375, 606.375, 41.11886, 41.11686], 'M.Yes': [607.2941, 643.2353, 42.53046, 42.1285],
    };
    for (const [g, [m99, m00, se99, se00]] of Object.entries(published)) {
      expect(g99[g].estimate).toBeCloseTo(m99, 4);
      expect(g00[g].estimate).toBeCloseTo(m00, 4);
      expect(signif(g99[g].se, 7)).toBeCloseTo(se99, 5);
      expect(signif(g00[g].se, 7)).toBeCloseTo(se00, 5);
    }
  });
  it('svytotal(~enroll, subset(dclus1, sch.wide=="Yes" & comp.imp=="Yes")) = 2406420, SE 645444', () => {
    const domain = clus1.map((r) => r['sch.wide'] === 'Yes' && r['comp.imp'] === 'Yes');
    const t = svyTotal(dclus1, num(clus1, 'enroll'), { domain });
    expect(Math.round(t.estimate)).toBe(2406420);
    expect(Math.round(t.se)).toBe(645444);
  });
});

describe('simple random sample: svydesign(id=~1, fpc=~fpc, data=apisrs)', () => {
  it('svymean(~growth) = 31.9, SE 2.0905, 95% CI with t(199) 27.77764 – 36.02236', () => {
    const d = svyDesign({ n: srs.length, fpc: num(srs, 'fpc') });
    const m = svyMean(d, num(srs, 'growth'));
    expect(m.estimate).toBeCloseTo(31.9, 10);
    expect(m.se.toFixed(4)).toBe('2.0905');
    expect(m.ci.map((x) => x.toFixed(5))).toEqual(['27.77764', '36.02236']);
    expect(m.df).toBe(199);
  });
});

describe('design effects (R survey tests/deff.R, data from Takahiro Tsuchiya)', () => {
  const uriage = [15, 143, 21, 51, 337, 50, 274, 145, 15, 86];
  it('svymean(~uriage, SRS weights 100, deff=TRUE) = 113.700, SE 35.626, DEff 1.0101', () => {
    const d = svyDesign({ n: 10, weights: new Array(10).fill(100) });
    const m = svyMean(d, uriage);
    expect(m.estimate).toBeCloseTo(113.7, 10);
    expect(m.se.toFixed(3)).toBe('35.626');
    expect(m.deff.toFixed(4)).toBe('1.0101');
    expect(m.nEff).toBeCloseTo(10 / m.deff, 10);
    const t = svyTotal(d, uriage);
    expect([Math.round(t.estimate), Math.round(t.se), t.deff.toFixed(4)]).toEqual([113700, 35626, '1.0101']);
  });
});

describe('design construction', () => {
  it('When a stratum has a single PSU, then the design is refused with a clear message unless an option allows it', () => {
    const strata = ['a', 'a', 'b'];
    expect(() => svyDesign({ n: 3, strata, ids: [1, 2, 3] })).toThrow(DesignError);
    expect(() => svyDesign({ n: 3, strata, ids: [1, 2, 3] })).toThrow(/stratum 'b' has only one PSU/);
    const d = svyDesign({ n: 3, strata, ids: [1, 2, 3], lonelyPsu: 'remove' });
    expect(d.df).toBe(1);
  });
  it('When fpc < 1 it is a sampling fraction, and gives the same SE as the equivalent population size', () => {
    const y = num(srs, 'growth');
    const a = svyMean(svyDesign({ n: srs.length, fpc: num(srs, 'fpc') }), y);
    const b = svyMean(svyDesign({ n: srs.length, fpc: new Array(srs.length).fill(200 / 6194) }), y);
    expect(b.se).toBeCloseTo(a.se, 12);
  });
  it('When ids repeat across strata, then they are nested (nest=TRUE): each stratum keeps its own PSUs', () => {
    const d = svyDesign({ n: 4, strata: ['a', 'a', 'b', 'b'], ids: [1, 2, 1, 2] });
    expect(designInfo(d)).toMatchObject({ psus: 4, strata: 2, df: 2 });
  });
});
