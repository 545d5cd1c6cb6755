// Weights for weighted results, as the analysis CLI makes them (analysis/spec.ts): a design stratified by
// the campaign's cells, raked to the campaign's population margins when it has some. Computed once per
// revision of the cached responses, over all included responses (a filter then selects a domain).
import { DesignError, rake, svyDesign, weightDiagnostics, type SurveyDesign } from '../../analysis/index.ts';
import type { CampaignDoc } from '../campaigns/model.ts';
import type { TResultsMeta } from '../contract/staff.ts';
import { UnprocessableError } from '../errors.ts';
import type { CachedResponse } from './cache.ts';

export interface Weighting {
  design: SurveyDesign;
  meta: NonNullable<TResultsMeta['weighting']>;
}

type Margins = Record<string, Record<string, number>>;

/** campaign.population.margins: {variable (or a:b for a cross): {level: population count}}. */
export function populationMargins(campaign: CampaignDoc): Margins {
  const margins = (campaign.population as { margins?: unknown } | undefined)?.margins;
  if (!margins || typeof margins !== 'object') return {};
  return margins as Margins;
}

/** A response's level of a (possibly crossed, `a:b`) margin variable; strata come from the stored cell. */
export function marginKey(r: CachedResponse, name: string): string | null {
  const parts = name.split(':').map((p) => {
    const v = r.stratum[p] ?? r.answers[p];
    return v === undefined || v === null || v === '' || typeof v === 'object' ? null : String(v);
  });
  return parts.includes(null) ? null : parts.join(':');
}

/** Lonely cells (one response) are centred on the grand mean, as R's survey.lonely.psu = "adjust". */
export const LONELY_PSU = 'adjust' as const;

export function computeWeighting(rows: CachedResponse[], campaign: CampaignDoc): Weighting {
  const strata = rows.map((r) => r.stratumKey || '-');
  try {
    let design = svyDesign({ n: rows.length, strata, lonelyPsu: LONELY_PSU });
    const margins = Object.entries(populationMargins(campaign));
    let iterations = 0, converged = true;
    if (margins.length && rows.length) {
      const r = rake(design, margins.map(([name, population]) => ({ name, keys: rows.map((x) => marginKey(x, name)), population })));
      design = r.design;
      iterations = r.iterations;
      converged = r.converged;
    }
    const d = weightDiagnostics(design.weights);
    return {
      design,
      meta: {
        method: margins.length ? 'rake' : 'none',
        margins: margins.map(([name]) => name),
        iterations, converged,
        strata: design.strataLabels.length,
        diagnostics: { n: d.n, sum: d.sum, min: d.min, max: d.max, mean: d.mean, cv: d.cv, kishDeff: d.kishDeff, kishEffectiveN: d.kishEffectiveN },
      },
    };
  } catch (err) {
    if (err instanceof DesignError)
      throw new UnprocessableError('results.weighting_failed', 'Không tính được trọng số từ số liệu dân số của đợt khảo sát.', [{ message: err.message }]);
    throw err;
  }
}
