// The review queue for analysts: what analysis/ suggests (speeders, straight-liners, duplicates) among the
// included responses, what is flagged and what is excluded, and one response as a reviewer reads it.
// Suggestions come from the results cache, computed once per revision: no request rescans the responses.
import { readQuestionnaire, suggestReview, type QuestionInfo, type ReviewSuggestion, type ReviewSuggestions } from '../../analysis/index.ts';
import { assertRole } from '../auth/index.ts';
import type { CampaignDoc } from '../campaigns/model.ts';
import { findCampaign, findCampaignVersion } from '../campaigns/service.ts';
import { ZReviewQuery, type TResponseDetail, type TReviewItem, type TReviewList, type TReviewMark } from '../contract/staff.ts';
import { BadRequestError, NotFoundError, parseOrThrow } from '../errors.ts';
import { SurveyResponse } from '../responses/model.ts';
import type { Actor } from '../surveys/service.ts';
import { campaignResponses, memoized, type CachedResponse, type ResultsData } from './cache.ts';
import { answerText } from './review-text.ts';
import { ReviewFlag } from './review-model.ts';

interface Suggested {
  result: ReviewSuggestions;
  byId: Map<string, { suggestion: ReviewSuggestion; row: CachedResponse }>;
}

function suggestionsOf(data: ResultsData, survey: Record<string, unknown>): Promise<Suggested> {
  return memoized(data, 'review', () => {
    const result = suggestReview(data.rows, survey);
    const rows = new Map(data.rows.map((r) => [r.id, r]));
    const byId = new Map(result.suggestions.map((s) => [s.id, { suggestion: s, row: rows.get(s.id)! }]));
    return { result, byId };
  });
}

const mark = (m: { reason?: unknown; by?: unknown; at?: unknown } | null | undefined): TReviewMark | null =>
  m && typeof m === 'object' ? { reason: String(m.reason ?? ''), by: String(m.by ?? ''), at: m.at instanceof Date ? m.at.toISOString() : String(m.at ?? '') } : null;

/** Stratum values in words: each stratum variable's choice label in the questionnaire. */
function stratumLabeller(questions: QuestionInfo[], variables: string[]) {
  const labels = new Map(variables.map((v) => [v, new Map((questions.find((q) => q.name === v)?.choices ?? []).map((c) => [String(c.value), c.label]))]));
  return (stratum: Record<string, unknown> | undefined): Record<string, string> =>
    Object.fromEntries(variables.flatMap((v) => (stratum?.[v] === undefined ? [] : [[v, labels.get(v)?.get(String(stratum[v])) ?? String(stratum[v])]])));
}

async function context(slug: string, lang: 'vi' | 'en') {
  const campaign = await findCampaign(slug);
  const survey = (await findCampaignVersion(campaign)).json as Record<string, unknown>;
  const questions = readQuestionnaire(survey, lang);
  return { campaign, survey, questions, label: stratumLabeller(questions, campaign.strata?.variables ?? []) };
}

async function campaignFlags(campaign: CampaignDoc) {
  const flags = await ReviewFlag.find({ campaign: campaign._id }, { response: 1, reason: 1, by: 1, at: 1 }).lean();
  return new Map(flags.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.response < b.response ? -1 : 1)).map((f) => [f.response, mark(f)!]));
}

/** Responses not held in the cache's included rows, read one by one by _id (the page only). */
async function readItems(ids: string[], label: ReturnType<typeof stratumLabeller>) {
  const docs = await Promise.all(
    ids.map((id) => SurveyResponse.collection.findOne({ _id: id as never }, { projection: { stratum: 1, durationSec: 1, excluded: 1 } })),
  );
  return new Map(docs.flatMap((d) => (d ? [[String(d._id), { stratum: label(d.stratum), durationSec: d.durationSec ?? null, excluded: mark(d.excluded) }]] : [])));
}

export async function reviewQueue(actor: Actor, slug: string, query: unknown): Promise<TReviewList> {
  // Individual responses: analysts and admins only.
  assertRole(actor.staff, 'analyst');
  const q = parseOrThrow(ZReviewQuery, query);
  if (q.kind && q.status === 'excluded')
    throw new BadRequestError('review.bad_query', 'Phiếu đã loại không còn gợi ý theo loại: bỏ tham số kind khi xem danh sách đã loại.');
  const c = await context(slug, q.lang);
  const data = await campaignResponses(c.campaign);
  const [{ result, byId }, flags] = await Promise.all([suggestionsOf(data, c.survey), campaignFlags(c.campaign)]);
  const excludedIds = new Set(data.excluded);
  const flaggedIds = [...flags.keys()].filter((id) => !excludedIds.has(id));

  let ids: string[];
  if (q.status === 'excluded') ids = [...data.excluded].reverse(); // newest first
  else if (q.status === 'flagged') ids = flaggedIds;
  else ids = result.suggestions.map((s) => s.id);
  if (q.kind) ids = ids.filter((id) => byId.get(id)?.suggestion.kinds.includes(q.kind!));
  const page = ids.slice(q.offset, q.offset + q.limit);
  const stored = await readItems(page.filter((id) => !byId.has(id)), c.label);

  const items = page.flatMap((id): TReviewItem[] => {
    const s = byId.get(id);
    const d = stored.get(id);
    if (!s && !d) return []; // deleted since it was listed
    return [{
      id,
      stratum: s ? c.label(s.row.stratum) : d!.stratum,
      durationSec: s ? (s.row.durationSec ?? null) : d!.durationSec,
      kinds: s?.suggestion.kinds ?? [],
      suggestion: s?.suggestion.reason ?? null,
      ...(s?.suggestion.straightLined ? { straightLined: s.suggestion.straightLined } : {}),
      ...(s?.suggestion.duplicateOf ? { duplicateOf: s.suggestion.duplicateOf } : {}),
      flagged: flags.get(id) ?? null,
      excluded: d?.excluded ?? null,
    }];
  });
  return {
    slug: c.campaign.slug, status: q.status, kind: q.kind ?? null, included: data.rows.length,
    medianDurationSec: result.medianDurationSec, speederThresholdSec: result.speederThresholdSec,
    counts: { ...result.counts, suggested: result.suggestions.length, flagged: flaggedIds.length, excluded: data.excluded.length },
    total: ids.length, offset: q.offset, limit: q.limit, items,
  };
}

export async function responseDetail(actor: Actor, slug: string, id: string, query: unknown): Promise<TResponseDetail> {
  assertRole(actor.staff, 'analyst');
  const { lang } = parseOrThrow(ZReviewQuery.pick({ lang: true }), query);
  const c = await context(slug, lang);
  // Never the invitation code nor the submission id: only what a reviewer reads.
  const doc = await SurveyResponse.collection.findOne(
    { _id: id as never },
    { projection: { campaign: 1, answers: 1, stratum: 1, status: 1, channel: 1, locale: 1, receivedAt: 1, durationSec: 1, flags: 1, excluded: 1 } },
  );
  if (!doc || String(doc.campaign) !== String(c.campaign._id))
    throw new NotFoundError('response.not_found', `Không tìm thấy phiếu "${id}" trong đợt khảo sát "${slug}".`);
  const data = await campaignResponses(c.campaign);
  const [{ byId }, flag] = await Promise.all([suggestionsOf(data, c.survey), ReviewFlag.findOne({ campaign: c.campaign._id, response: id }).lean()]);
  const s = byId.get(id)?.suggestion;
  const answers = (doc.answers ?? {}) as Record<string, unknown>;
  return {
    id,
    status: doc.status === 'partial' ? 'partial' : 'complete',
    channel: String(doc.channel ?? ''),
    locale: String(doc.locale ?? ''),
    receivedAt: doc.receivedAt instanceof Date ? doc.receivedAt.toISOString() : null,
    durationSec: typeof doc.durationSec === 'number' ? doc.durationSec : null,
    stratum: c.label(doc.stratum),
    flags: Array.isArray(doc.flags) ? doc.flags.map(String) : [],
    kinds: s?.kinds ?? [],
    suggestion: s?.reason ?? null,
    flagged: mark(flag),
    excluded: mark(doc.excluded),
    answers: c.questions.flatMap((q) => {
      const text = answerText(q, answers[q.name], answers[`${q.name}-Comment`], lang);
      return text === null ? [] : [{ name: q.name, title: q.title, kind: q.kind, text }];
    }),
  };
}
