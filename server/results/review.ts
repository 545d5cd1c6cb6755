// Response review: an analyst excludes a response from every result (with the reason, audited) or takes
// it back in. The response carries `excluded: {reason, by, at}` for exports; the campaign's ResultsState
// lists the excluded ids and bumps its revision so every instance's results cache follows at once.
import { recordAudit } from '../audit/service.ts';
import { assertRole } from '../auth/index.ts';
import { findCampaign } from '../campaigns/service.ts';
import { ZResponseInclude, ZResponseReview, type TResponseReview } from '../contract/staff.ts';
import { NotFoundError, parseOrThrow } from '../errors.ts';
import { SurveyResponse } from '../responses/model.ts';
import type { Actor } from '../surveys/service.ts';
import { ResultsState } from './model.ts';

async function findResponse(slug: string, id: string) {
  const campaign = await findCampaign(slug);
  // By _id alone: the embedded database uses an index only when the query names exactly its keys.
  const doc = await SurveyResponse.collection.findOne({ _id: id as never }, { projection: { campaign: 1 } });
  if (!doc || String(doc.campaign) !== String(campaign._id))
    throw new NotFoundError('response.not_found', `Không tìm thấy phiếu "${id}" trong đợt khảo sát "${slug}".`);
  return campaign;
}

export async function excludeResponse(actor: Actor, slug: string, id: string, body: unknown): Promise<TResponseReview> {
  assertRole(actor.staff, 'analyst');
  const { reason } = parseOrThrow(ZResponseReview, body);
  const campaign = await findResponse(slug, id);
  await SurveyResponse.collection.updateOne({ _id: id as never }, { $set: { excluded: { reason, by: actor.staff.username, at: new Date() } } });
  await ResultsState.updateOne({ campaign: campaign._id }, { $addToSet: { excluded: id }, $inc: { revision: 1 } }, { upsert: true });
  await recordAudit(actor.audit, 'response.exclude', { type: 'response', id, label: slug }, { campaign: slug, reason });
  return { id, excluded: true, reason };
}

export async function includeResponse(actor: Actor, slug: string, id: string, body: unknown): Promise<TResponseReview> {
  assertRole(actor.staff, 'analyst');
  const { reason } = parseOrThrow(ZResponseInclude, body ?? {});
  const campaign = await findResponse(slug, id);
  await SurveyResponse.collection.updateOne({ _id: id as never }, { $unset: { excluded: '' } });
  await ResultsState.updateOne({ campaign: campaign._id }, { $pull: { excluded: id }, $inc: { revision: 1 } }, { upsert: true });
  await recordAudit(actor.audit, 'response.include', { type: 'response', id, label: slug }, { campaign: slug, ...(reason ? { reason } : {}) });
  return { id, excluded: false, reason: reason ?? null };
}
