// The weights an export carries: the raking weights the results pages use, by response id. No population
// margins, or margins the responses cannot be raked to yet (early in fieldwork a district may have no
// respondent): no weights; the data still download and the weights page says why there are none.
//
// Where this instance's results cache holds the campaign, its weights are shared (same computation). If
// not, one pass reads only what raking needs (strata and the margin variables), so that an export never
// loads every answer into memory: the data themselves then stream from their own cursor.
import type { CampaignDoc } from '../campaigns/model.ts';
import { AppError } from '../errors.ts';
import { SurveyResponse } from '../responses/model.ts';
import { campaignResponses, isCached, memoized, type CachedResponse } from '../results/cache.ts';
import { computeWeighting, populationMargins, weightsKey, type Weighting } from '../results/weighting.ts';
import { exportFilter } from './repository.ts';

/** Response id → weight, or null when the campaign has no population margins or cannot be weighted yet. */
export async function exportWeights(campaign: CampaignDoc): Promise<Map<string, number> | null> {
  const margins = populationMargins(campaign);
  if (!Object.keys(margins).length) return null;
  let rows: CachedResponse[];
  let weighting: Weighting;
  try {
    if (isCached(campaign)) {
      const data = await campaignResponses(campaign);
      rows = data.rows;
      // The key the results service memoizes its weighting under: one computation serves both.
      weighting = await memoized<Weighting>(data, weightsKey(campaign), () => computeWeighting(data.rows, campaign));
    } else {
      rows = await rakingFields(campaign, Object.keys(margins));
      weighting = computeWeighting(rows, campaign);
    }
  } catch (err) {
    if (err instanceof AppError && err.code === 'results.weighting_failed') return null;
    throw err;
  }
  const weights = weighting.design.weights;
  return new Map(rows.map((r, i) => [r.id, weights[i]]));
}

/** The included responses with only their strata and the answers the margins name (`a:b` crosses too). */
async function rakingFields(campaign: CampaignDoc, margins: string[]): Promise<CachedResponse[]> {
  const variables = [...new Set(margins.flatMap((m) => m.split(':')))];
  const projection = Object.fromEntries([['stratum', 1], ['stratumKey', 1], ...variables.map((v) => [`answers.${v}`, 1])]);
  const rows: CachedResponse[] = [];
  const cursor = SurveyResponse.collection.find(exportFilter(campaign._id), { projection, batchSize: 2000 });
  for await (const d of cursor)
    rows.push({ id: String(d._id), stratumKey: (d.stratumKey as string) ?? '', stratum: (d.stratum as Record<string, string>) ?? {}, answers: (d.answers as Record<string, unknown>) ?? {} });
  return rows;
}
