// Raking residuals through the margins' cross tables (analysis/residuals.ts) against R's ten sweeps row by
// row, which they replace: the SEs after rake() must not move by more than rounding.
import { describe, expect, it } from 'vitest';
import { calibrationResiduals, rakeResiduals, rakeSweeps, type RakeMargin } from '../../../analysis/residuals.js';
import { svyDesign } from '../../../analysis/design.js';
import { rake } from '../../../analysis/weights.js';
import { seededRandom as rng } from '../../helpers/generate-responses.js';

function margin(n: number, r: () => number, groups: (i: number) => number, zeroShare: number): RakeMargin {
  return {
    group: Int32Array.from({ length: n }, (_, i) => groups(i)),
    weights: Float64Array.from({ length: n }, () => (r() < zeroShare ? 0 : 0.2 + 3 * r())),
  };
}

const maxAbsDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('raking residuals', () => {
  const n = 3000, r = rng(11);
  // Three margins of 7, 2 and 6 groups (group 4 of the last has no rows), some rows weighted 0.
  const margins = [
    margin(n, r, () => Math.floor(r() * 7), 0.02),
    margin(n, r, () => (r() < 0.45 ? 0 : 1), 0),
    margin(n, r, () => { const g = Math.floor(r() * 5); return g === 4 ? 5 : g; }, 0.05),
  ];
  const columns = () => Array.from({ length: 3 }, (_, k) => Float64Array.from({ length: n }, () => (r() - 0.3) * 1e-3 * (k + 1)));

  it('When the residuals are taken through the cross tables, then they equal the ten sweeps row by row to rounding', () => {
    const zs = columns();
    const start = zs.map((z) => Float64Array.from(z));
    const ref = zs.map((z) => Float64Array.from(z));
    for (const x of ref) rakeSweeps(x, margins);
    for (const x of zs) rakeResiduals(x, margins);
    const scale = Math.max(...ref.map((x) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
    for (let k = 0; k < zs.length; k++) {
      expect(maxAbsDiff(zs[k], ref[k])).toBeLessThan(1e-12 * scale);
      // The sweeps did something: the residuals are not the values they started from.
      expect(maxAbsDiff(ref[k], start[k])).toBeGreaterThan(1e-2 * scale);
    }
  });

  it('When a margin has too many groups for the cross tables, then the sweeps row by row are used', () => {
    const wide = [...margins.slice(0, 2), margin(n, r, (i) => i % 2500, 0)];
    const zs = columns();
    const ref = zs.map((z) => Float64Array.from(z));
    for (const x of ref) rakeSweeps(x, wide);
    for (const x of zs) rakeResiduals(x, wide);
    for (let k = 0; k < zs.length; k++) expect(maxAbsDiff(zs[k], ref[k])).toBe(0);
  });

  it('When one sample is raked twice to different totals, then each design gets residuals from its own margins', () => {
    const m = 4000, rr = rng(5);
    const a = Array.from({ length: m }, () => (rr() < 0.4 ? 'x' : 'y'));
    const b = Array.from({ length: m }, () => String(Math.floor(rr() * 3)));
    const d = svyDesign({ n: m, weights: Float64Array.from({ length: m }, () => 1 + rr()), ids: Array.from({ length: m }, (_, i) => String(i % 40)) });
    const raking = (pa: Record<string, number>) => rake(d, [
      { name: 'a', keys: a, population: pa },
      { name: 'b', keys: b, population: { 0: 2000, 1: 3000, 2: 3000 } },
    ]).design;
    const z0 = Float64Array.from({ length: m }, () => rr() - 0.5);
    const results = [raking({ x: 3000, y: 5000 }), raking({ x: 5000, y: 3000 })].map((design) => {
      const c = design.calibrations[0];
      if (c.kind !== 'rake') throw new Error('expected a raking');
      const ref = Float64Array.from(z0);
      rakeSweeps(ref, c.margins);
      for (let k = 0; k < 2; k++) { // the second time from the tables made the first time
        const z = Float64Array.from(z0);
        calibrationResiduals(design, z);
        expect(maxAbsDiff(z, ref)).toBeLessThan(1e-12);
      }
      return ref;
    });
    expect(maxAbsDiff(results[0], results[1])).toBeGreaterThan(1e-3);
  });
});
