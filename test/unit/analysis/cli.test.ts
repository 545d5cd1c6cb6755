// The analyze command on R's reference designs: same numbers as the unit tests; errors are one clear line.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, rPrintedSE } from './refdata.js';

const root = new URL('../../../', import.meta.url).pathname;
function analyze(specPath: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'analysis/cli.ts'), specPath], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout ? JSON.parse(r.stdout || 'null') : null, err: r.stderr.trim() };
}
function tempSpec(spec: object) {
  const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
  const p = join(dir, 'spec.json');
  writeFileSync(p, JSON.stringify({ ...spec, data: join(fixtures, 'analysis', (spec as any).data) }));
  return p;
}

describe('npm run analyze -- SPEC.json', () => {
  it('apistrat: design summary, mean 662.29 (9.4089), total 3687178 (114642)', () => {
    const r = analyze(fixtures + 'analysis/apistrat.spec.json');
    expect(r.code).toBe(0);
    expect(r.out.design).toEqual({ n: 200, strata: 3, psus: 200, df: 197 });
    expect(r.out.estimates.m.estimate).toBeCloseTo(662.2873631593205, 9);
    expect(r.out.estimates.m.se).toBeCloseTo(9.40894080278458, 9);
    expect(Math.round(r.out.estimates.t.se)).toBe(114642);
    expect(Object.keys(r.out.estimates.m)).toEqual(expect.arrayContaining(['estimate', 'se', 'ci', 'df', 'deff']));
  });
  it('apiclus1: proportions, svyby domains and svychisq in one document', () => {
    const { code, out } = analyze(fixtures + 'analysis/apiclus1.spec.json');
    expect(code).toBe(0);
    expect(out.estimates.m.se).toBeCloseTo(23.542240693781036, 8);
    expect(out.estimates.p.levels.H.se.toFixed(4)).toBe('0.0268');
    expect(out.estimates.d.groups.E.estimate.toFixed(4)).toBe('607.7917');
    expect(out.estimates.x.raoScott.F.toFixed(4)).toBe('5.1934');
    expect(out.estimates.x.raoScott.p.toFixed(5)).toBe('0.02175');
    expect(out.estimates.x.chisq.p.toFixed(6)).toBe('0.005553');
    expect(out.estimates.x.table.Yes.E.toFixed(4)).toBe('4467.8035');
  });
  it('raking and post-stratification follow R (641.23 / 23.704 and 642.31 / 23.921)', () => {
    const rk = analyze(fixtures + 'analysis/apiclus1-rake.spec.json').out;
    expect([rk.estimates.m.estimate.toFixed(2), rPrintedSE(rk.estimates.m.se)]).toEqual(['641.23', '23.704']);
    expect(Math.round(rk.estimates.t.se)).toBe(400603);
    const ps = analyze(fixtures + 'analysis/apiclus1-poststratify.spec.json').out;
    expect([ps.estimates.m.estimate.toFixed(2), rPrintedSE(ps.estimates.m.se)]).toEqual(['642.31', '23.921']);
    expect(Math.round(ps.estimates.t.se)).toBe(406293);
  });
  it('apisrs: t(199) interval 27.77764 – 36.02236 and a description', () => {
    const { out } = analyze(fixtures + 'analysis/apisrs.spec.json');
    expect(out.estimates.g.ci.map((x: number) => x.toFixed(5))).toEqual(['27.77764', '36.02236']);
    expect(out.estimates.s).toMatchObject({ n: 200 });
    expect(Object.keys(out.estimates.s).sort()).toEqual(['max', 'mean', 'median', 'min', 'n', 'q1', 'q3', 'sd', 'variance']);
  });
  it('without a design: chisq.test on the party table (X² 30.07, p 2.954e-07)', () => {
    const { out } = analyze(fixtures + 'analysis/party.spec.json');
    expect(out.estimates.x.pearson.statistic).toBeCloseTo(30.070149095754672, 9);
    expect(Number(out.estimates.x.pearson.p.toPrecision(4))).toBe(2.954e-7);
    expect(out.design).toEqual({ n: 2757, strata: 1, psus: 2757, df: 2756 });
  });
});

describe('analyze errors: exit code 1 and one clear line', () => {
  const cases: [string, object, RegExp][] = [
    ['a lonely PSU', { data: 'lonely.csv', design: { strata: 's', ids: 'id' }, estimates: [{ id: 'm', mean: 'y' }] }, /stratum 'b' has only one PSU/],
    ['an unknown column', { data: 'lonely.csv', estimates: [{ id: 'm', mean: 'nope' }] }, /unknown column 'nope'/],
    ['text in a mean', { data: 'lonely.csv', estimates: [{ id: 'm', mean: 'label' }] }, /column 'label' must be numeric/],
    ['margins that miss a sampled level', { data: 'lonely.csv', calibrate: { method: 'rake', margins: { s: { a: 10 } } }, estimates: [] }, /no population count for level 'b'/],
    ['a malformed spec', { data: 'lonely.csv', estimates: [{ id: 'm', mean: 'y', total: 'y' }] }, /exactly one of/],
  ];
  for (const [what, spec, message] of cases) {
    it(`When the spec has ${what}, then analyze fails with a message`, () => {
      const r = analyze(tempSpec(spec));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(1);
    });
  }
  it('When the lonely PSU is allowed (lonelyPsu: "remove"), then the analysis runs', () => {
    const r = analyze(tempSpec({ data: 'lonely.csv', design: { strata: 's', ids: 'id', lonelyPsu: 'remove' }, estimates: [{ id: 'm', mean: 'y' }] }));
    expect(r.code).toBe(0);
    expect(r.out.estimates.m.estimate).toBeCloseTo(2, 12);
  });
});
