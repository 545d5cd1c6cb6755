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

const levelOf = (r: CachedResponse, name: string): string | null => {
  const v = r.stratum[name] ?? r.answers[name];
  return v === undefined || v === null || v === '' || typeof v === 'object' ? null : String(v);
};

/** Each response's level of a (possibly crossed, `a:b`) margin variable; strata come from the stored cell. */
export function marginKeys(rows: CachedResponse[], name: string): (string | null)[] {
  const parts = name.split(':');
  if (parts.length === 1) return rows.map((r) => levelOf(r, name));
  return rows.map((r) => {
    const levels = parts.map((p) => levelOf(r, p));
    return levels.includes(null) ? null : levels.join(':');
  });
}

/**
 * The memo key of the weights made from the campaign's margins as read by this request: the margins are in
 * the key because a save changes them and the data revision separately (a request may see one but not yet
 * the other), and weights under the old margins must not stay cached under the new revision.
 */
export const weightsKey = (campaign: CampaignDoc) => `weights|${JSON.stringify(populationMargins(campaign))}`;

/** Lonely cells (one response) are centred on the grand mean, as R's survey.lonely.psu = "adjust". */
export const LONELY_PSU = 'adjust' as const;

export function computeWeighting(rows: CachedResponse[], campaign: CampaignDoc): Weighting {
  const strata = rows.map((r) => r.stratumKey || '-');
  try {
    let design = svyDesign({ n: rows.length, strata, lonelyPsu: LONELY_PSU });
    const margins = Object.entries(populationMargins(campaign));
    let iterations = 0, converged = true;
    if (margins.length && rows.length) {
      const r = rake(design, margins.map(([name, population]) => ({ name, keys: marginKeys(rows, name), population })));
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
