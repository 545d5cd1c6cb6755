// Response review: an analyst excludes a response from every result (with the reason, audited) or takes
// it back in, excludes several at once, or flags one for a second look without excluding it. An excluded
// response carries `excluded: {reason, by, at}` for exports; the campaign's ResultsState lists the
// excluded ids and bumps its revision so every instance's results cache follows at once.
import { recordAudit } from '../audit/service.ts';
import { assertRole } from '../auth/index.ts';
import type { CampaignDoc } from '../campaigns/model.ts';
import { findCampaign } from '../campaigns/service.ts';
import {
  BULK_EXCLUDE_MAX, ZBulkExclude, ZResponseFlag, ZResponseInclude, ZResponseReview, ZResponseUnflag,
  type TBulkExclude, type TResponseFlag, type TResponseReview,
} from '../contract/staff.ts';
import { BadRequestError, NotFoundError, parseOrThrow } from '../errors.ts';
import { SurveyResponse } from '../responses/model.ts';
import type { Actor } from '../surveys/service.ts';
import { ResultsState } from './model.ts';
import { ReviewFlag } from './review-model.ts';

const notFound = (slug: string, id: string) =>
  new NotFoundError('response.not_found', `Không tìm thấy phiếu "${id}" trong đợt khảo sát "${slug}".`);

/** Throws 404 unless every id is a response of the campaign (point lookups by _id, nothing changed). */
export async function assertResponses(campaign: CampaignDoc, ids: string[]): Promise<void> {
  const docs = await Promise.all(
    // By _id alone: the embedded database uses an index only when the query names exactly its keys.
    ids.map((id) => SurveyResponse.collection.findOne({ _id: id as never }, { projection: { campaign: 1 } })),
  );
  const missing = ids.find((id, i) => !docs[i] || String(docs[i]!.campaign) !== String(campaign._id));
  if (missing !== undefined) throw notFound(campaign.slug, missing);
}

async function findResponse(slug: string, id: string) {
  const campaign = await findCampaign(slug);
  await assertResponses(campaign, [id]);
  return campaign;
}

async function markExcluded(actor: Actor, campaign: CampaignDoc, ids: string[], reason: string, bulk: boolean) {
  const excluded = { reason, by: actor.staff.username, at: new Date() };
  await SurveyResponse.collection.bulkWrite(ids.map((id) => ({ updateOne: { filter: { _id: id as never }, update: { $set: { excluded } } } })));
  await ResultsState.updateOne({ campaign: campaign._id }, { $addToSet: { excluded: { $each: ids } }, $inc: { revision: 1 } }, { upsert: true });
  // One entry per response, so that a response's history is found by its id in the audit log.
  for (const id of ids)
    await recordAudit(actor.audit, 'response.exclude', { type: 'response', id, label: campaign.slug }, { campaign: campaign.slug, reason, ...(bulk ? { bulk: true } : {}) });
}

export async function excludeResponse(actor: Actor, slug: string, id: string, body: unknown): Promise<TResponseReview> {
  assertRole(actor.staff, 'analyst');
  const { reason } = parseOrThrow(ZResponseReview, body);
  const campaign = await findResponse(slug, id);
  await markExcluded(actor, campaign, [id], reason, false);
  return { id, excluded: true, reason };
}

export async function excludeResponses(actor: Actor, slug: string, body: unknown): Promise<TBulkExclude> {
  assertRole(actor.staff, 'analyst');
  const ids = (body as { ids?: unknown } | undefined)?.ids;
  if (Array.isArray(ids) && ids.length > BULK_EXCLUDE_MAX)
    throw new BadRequestError('review.too_many', `Mỗi lần loại tối đa ${BULK_EXCLUDE_MAX} phiếu (đã gửi ${ids.length}).`);
  const parsed = parseOrThrow(ZBulkExclude, body);
  const unique = [...new Set(parsed.ids)];
  const campaign = await findCampaign(slug);
  await assertResponses(campaign, unique);
  await markExcluded(actor, campaign, unique, parsed.reason, true);
  return { excluded: unique, reason: parsed.reason };
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

export async function flagResponse(actor: Actor, slug: string, id: string, body: unknown): Promise<TResponseFlag> {
  assertRole(actor.staff, 'analyst');
  const { reason } = parseOrThrow(ZResponseFlag, body);
  const campaign = await findResponse(slug, id);
  const flag = { reason, by: actor.staff.username, at: new Date() };
  await ReviewFlag.updateOne({ campaign: campaign._id, response: id }, { $set: flag }, { upsert: true });
  await recordAudit(actor.audit, 'response.flag', { type: 'response', id, label: slug }, { campaign: slug, reason });
  return { id, flagged: { ...flag, at: flag.at.toISOString() } };
}

export async function unflagResponse(actor: Actor, slug: string, id: string, body: unknown): Promise<TResponseFlag> {
  assertRole(actor.staff, 'analyst');
  const { reason } = parseOrThrow(ZResponseUnflag, body ?? {});
  const campaign = await findResponse(slug, id);
  const { deletedCount } = await ReviewFlag.deleteOne({ campaign: campaign._id, response: id });
  if (deletedCount) await recordAudit(actor.audit, 'response.unflag', { type: 'response', id, label: slug }, { campaign: slug, ...(reason ? { reason } : {}) });
  return { id, flagged: null };
}
