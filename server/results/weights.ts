// Population margins for weighting (/api/v1/campaigns/:slug/weights): analysts and admins store them,
// viewers read them. Stored in campaign.population.margins; a save bumps the campaign's results revision,
// so the next weighted result on every instance is raked to the new margins.
import { recordAudit } from '../audit/service.ts';
import { assertRole } from '../auth/index.ts';
import { Campaign, type CampaignDoc } from '../campaigns/model.ts';
import { findCampaign, findCampaignVersion, titleText } from '../campaigns/service.ts';
import type { TLocale } from '../contract/public.ts';
import { ZWeightsQuery, ZWeightsUpdate, type TWeights } from '../contract/staff.ts';
import { parseOrThrow, UnprocessableError } from '../errors.ts';
import type { Actor } from '../surveys/service.ts';
import { campaignResponses } from './cache.ts';
import { ResultsState } from './model.ts';
import { weightsSummary } from './weights-view.ts';
import { checkMargins, marginVariables } from './weights-rules.ts';
import { populationMargins } from './weighting.ts';

async function variablesOf(campaign: CampaignDoc, lang: TLocale) {
  const survey = (await findCampaignVersion(campaign)).json as Record<string, unknown>;
  return marginVariables(survey, campaign.strata?.variables ?? [], lang);
}

const populationOf = (campaign: CampaignDoc): Record<string, unknown> => {
  const p = campaign.population;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
};

async function view(campaign: CampaignDoc, lang: TLocale): Promise<TWeights> {
  const variables = await variablesOf(campaign, lang);
  const margins = populationMargins(campaign);
  const source = populationOf(campaign).source;
  const summary = await weightsSummary(await campaignResponses(campaign), campaign, margins, variables, lang);
  return { slug: campaign.slug, lang, margins, source: typeof source === 'string' && source ? source : null, variables, ...summary };
}

export async function getWeights(actor: Actor, slug: string, query: unknown): Promise<TWeights> {
  assertRole(actor.staff, 'analyst', 'viewer');
  const { lang } = parseOrThrow(ZWeightsQuery, query);
  return view(await findCampaign(slug), lang);
}

export async function putWeights(actor: Actor, slug: string, body: unknown, query: unknown): Promise<TWeights> {
  assertRole(actor.staff, 'analyst');
  const { lang } = parseOrThrow(ZWeightsQuery, query);
  const input = parseOrThrow(ZWeightsUpdate, body);
  const campaign = await findCampaign(slug);
  const { margins, errors } = checkMargins(input.margins, await variablesOf(campaign, actor.locale), actor.locale);
  if (errors.length)
    throw new UnprocessableError(
      'weights.invalid',
      actor.locale === 'en' ? 'The population figures are not valid; nothing was saved.' : 'Số liệu dân số chưa hợp lệ; chưa lưu gì.',
      errors,
    );
  const previous = populationMargins(campaign);
  const population: Record<string, unknown> = { ...populationOf(campaign), margins };
  if (input.source !== undefined) {
    if (input.source) population.source = input.source;
    else delete population.source;
  }
  // Through the model, so this instance's campaign cache follows at once (campaignWrites).
  await Campaign.updateOne({ _id: campaign._id }, { $set: { population } });
  await ResultsState.updateOne({ campaign: campaign._id }, { $inc: { revision: 1 } }, { upsert: true });
  await recordAudit(actor.audit, 'campaign.weights', { type: 'campaign', id: slug, label: titleText(campaign.title) }, {
    // An empty object would vanish from the stored entry (mongoose minimizes): say "none" as null.
    margins: Object.keys(margins).length ? margins : null,
    previous: Object.keys(previous).length ? previous : null,
    ...(input.source !== undefined ? { source: input.source || null } : {}),
  });
  return view(await findCampaign(slug), lang);
}
