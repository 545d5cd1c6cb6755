// The weights an export carries: the raking weights the results pages use (same cache, same
// computation, shared while the data are unchanged), by response id. No population margins, or margins
// the responses cannot be raked to yet (early in fieldwork a district may have no respondent): no weights.
// The data still download; the weights page says why there are none.
import type { CampaignDoc } from '../campaigns/model.ts';
import { AppError } from '../errors.ts';
import { campaignResponses, memoized } from '../results/cache.ts';
import { computeWeighting, populationMargins, weightsKey, type Weighting } from '../results/weighting.ts';

/** Response id → weight, or null when the campaign has no population margins or cannot be weighted yet. */
export async function exportWeights(campaign: CampaignDoc): Promise<Map<string, number> | null> {
  if (!Object.keys(populationMargins(campaign)).length) return null;
  const data = await campaignResponses(campaign);
  let weighting: Weighting;
  try {
    // The key the results service memoizes its weighting under: one computation serves both.
    weighting = await memoized<Weighting>(data, weightsKey(campaign), () => computeWeighting(data.rows, campaign));
  } catch (err) {
    if (err instanceof AppError && err.code === 'results.weighting_failed') return null;
    throw err;
  }
  const weights = weighting.design.weights;
  return new Map(data.rows.map((r, i) => [r.id, weights[i]]));
}
