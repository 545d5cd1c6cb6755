// The analysis spec the CLI reads (data file, design, calibration, estimates) and the code that runs it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { svyDesign, designInfo, SurveyDesign } from './design.js';
import { Estimate, Proportions, svyBy, svyMean, svyProportions, svyTotal } from './estimates.js';
import { postStratify, rake } from './weights.js';
import { crosstab } from './crosstab.js';
import { describe } from './descriptive.js';

const Margins = z.record(z.string(), z.record(z.string(), z.number().nonnegative()));
const EstimateSpec = z.object({
  id: z.string(),
  mean: z.string().optional(),
  total: z.string().optional(),
  proportion: z.string().optional(),
  crosstab: z.tuple([z.string(), z.string()]).optional(),
  describe: z.string().optional(),
  by: z.string().optional(),
  suppressBelow: z.number().int().positive().optional(),
}).strict().refine((e) => ['mean', 'total', 'proportion', 'crosstab', 'describe'].filter((k) => k in e).length === 1, {
  message: 'each estimate needs exactly one of mean, total, proportion, crosstab, describe',
});
export const Spec = z.object({
  data: z.string(),
  design: z.object({
    weights: z.string().optional(), strata: z.string().optional(), ids: z.string().optional(), fpc: z.string().optional(),
    lonelyPsu: z.enum(['fail', 'remove', 'certainty', 'adjust', 'average']).optional(),
  }).strict().optional(),
  calibrate: z.object({
    method: z.enum(['poststratify', 'rake']).optional(), margins: Margins,
    epsilon: z.number().positive().optional(), maxIterations: z.number().int().positive().optional(),
  }).strict().optional(),
  estimates: z.array(EstimateSpec).default([]),
}).strict();
export type Spec = z.infer<typeof Spec>;

export class SpecError extends Error {}

type Row = Record<string, string>;
const isMissing = (s: string | undefined) => s === undefined || s === '' || s === 'NA';

class Columns {
  constructor(private rows: Row[], private names: string[]) {}
  private check(name: string) {
    if (!this.names.includes(name)) throw new SpecError(`unknown column '${name}' (columns: ${this.names.join(', ')})`);
  }
  numeric(name: string, purpose: string): Float64Array {
    this.check(name);
    return Float64Array.from(this.rows, (r, i) => {
      const s = r[name];
      if (isMissing(s)) return NaN;
      const x = Number(s);
      if (!Number.isFinite(x)) throw new SpecError(`column '${name}' must be numeric for ${purpose} (row ${i + 1}: '${s}')`);
      return x;
    });
  }
  /** Categorical keys; 'a:b' names a cross of columns whose values are joined with ':'. */
  categorical(name: string): (string | null)[] {
    const parts = name.split(':');
    parts.forEach((p) => this.check(p));
    return this.rows.map((r) => (parts.some((p) => isMissing(r[p])) ? null : parts.map((p) => r[p]).join(':')));
  }
}

function shape(e: Estimate) {
  return { estimate: e.estimate, se: e.se, ci: e.ci, df: e.df, deff: e.deff, nEff: e.nEff, n: e.n };
}
const shapeProps = (p: Proportions) => ({ levels: Object.fromEntries(Object.entries(p.levels).map(([k, v]) => [k, shape(v)])) });

export function loadSpec(path: string): { spec: Spec; dir: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SpecError(`cannot read spec ${path}: ${(e as Error).message}`);
  }
  const r = Spec.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SpecError(`invalid spec at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return { spec: r.data, dir: dirname(resolve(path)) };
}

export function runSpec(spec: Spec, dir: string) {
  let rows: Row[];
  try {
    rows = parse(readFileSync(resolve(dir, spec.data), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  } catch (e) {
    throw new SpecError(`cannot read data ${spec.data}: ${(e as Error).message}`);
  }
  const names = rows.length ? Object.keys(rows[0]) : [];
  const cols = new Columns(rows, names);
  const ds = spec.design ?? {};
  let design: SurveyDesign = svyDesign({
    n: rows.length,
    weights: ds.weights ? cols.numeric(ds.weights, 'weights') : undefined,
    strata: ds.strata ? cols.categorical(ds.strata) : undefined,
    ids: ds.ids ? cols.categorical(ds.ids) : undefined,
    fpc: ds.fpc ? cols.numeric(ds.fpc, 'fpc') : undefined,
    lonelyPsu: ds.lonelyPsu,
  });
  let calibration: Record<string, unknown> | undefined;
  if (spec.calibrate) {
    const c = spec.calibrate;
    const margins = Object.entries(c.margins).map(([name, population]) => ({ name, keys: cols.categorical(name), population }));
    if ((c.method ?? 'rake') === 'poststratify') {
      for (const m of margins) design = postStratify(design, m.keys, m.population, m.name);
      calibration = { method: 'poststratify' };
    } else {
      const r = rake(design, margins, { epsilon: c.epsilon, maxIterations: c.maxIterations });
      design = r.design;
      calibration = { method: 'rake', iterations: r.iterations, converged: r.converged };
    }
  }
  const estimates: Record<string, unknown> = {};
  for (const e of spec.estimates) {
    if (e.crosstab) {
      const x = crosstab(design, cols.categorical(e.crosstab[0]), cols.categorical(e.crosstab[1]), { suppressBelow: e.suppressBelow });
      estimates[e.id] = { table: x.table, pearson: x.pearson, raoScott: x.raoScott, chisq: x.chisq, cramersV: x.cramersV, n: x.n };
    } else if (e.describe) {
      const { missing: _missing, ...d } = describe(cols.numeric(e.describe, 'describe'));
      estimates[e.id] = d;
    } else {
      const stat = e.mean ? 'mean' : e.total ? 'total' : 'proportion';
      const variable = (e.mean ?? e.total ?? e.proportion) as string;
      const y = stat === 'proportion' ? cols.categorical(variable) : cols.numeric(variable, `a ${stat}`);
      if (e.by) {
        const groups = svyBy(design, y, cols.categorical(e.by), stat);
        estimates[e.id] = {
          groups: Object.fromEntries(Object.entries(groups).map(([g, v]) => [g, 'levels' in v ? shapeProps(v) : shape(v)])),
        };
      } else if (stat === 'proportion') estimates[e.id] = shapeProps(svyProportions(design, y as (string | null)[]));
      else if (stat === 'mean') estimates[e.id] = shape(svyMean(design, y as Float64Array));
      else estimates[e.id] = shape(svyTotal(design, y as Float64Array));
    }
  }
  return { design: designInfo(design), ...(calibration ? { calibration } : {}), estimates };
}
