// Taking a respondent's submission: open campaign → valid answers → room in its cell → store once
// (the unique {campaign, submissionId} index) → count toward its stratum.
import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import type { WriteAck } from '../db/write-concern.ts';
import { ZSubmission, type TAnswerError, type TLocale, type TSubmission } from '../contract/public.ts';
import { assertOpen, findCampaignCached, findCampaignVersion } from '../campaigns/service.ts';
import { cellKey, stratumOf, type Stratum } from '../campaigns/strata.ts';
import { completedIn, countCompleted } from '../campaigns/tally.ts';
import type { CampaignDoc } from '../campaigns/model.ts';
import { BadRequestError, ConflictError, UnprocessableError } from '../errors.ts';
import { findForbiddenKeys } from './validator/index.ts';
import { SurveyResponse } from './model.ts';
import { noteStored } from '../results/cache.ts';
import { BatchWriter } from './batch-writer.ts';
import { claimInvitation, finishInvitation, invitationFor, releaseInvitation } from '../invitations/service.ts';
import { localDay } from '../../analysis/progress.ts';

export interface SubmitContext {
  userAgent?: string;
  acceptLanguage?: string;
  now?: Date;
  writeConcern?: WriteAck;
}

export interface SubmitResult {
  created: boolean;
  id: string;
  submissionId: string;
}

const HOUR = 3_600_000;
const roundToHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR) * HOUR);

function localeOf(body: unknown, acceptLanguage?: string): TLocale {
  const asked = (body as { locale?: unknown } | null)?.locale;
  if (asked === 'en' || asked === 'vi') return asked;
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}

function parseBody(body: unknown, locale: TLocale) {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new BadRequestError('request.invalid', 'Yêu cầu phải là một đối tượng JSON (Content-Type: application/json).');
  const forbidden = findForbiddenKeys(body);
  if (forbidden.length) {
    const message =
      locale === 'en'
        ? 'Keys may not start with "$", contain ".", or be __proto__, constructor or prototype.'
        : 'Tên trường không được bắt đầu bằng "$", chứa dấu "." hoặc là __proto__, constructor, prototype.';
    const errors: TAnswerError[] = forbidden.map((path: string) => ({ question: path, code: 'forbidden_key', message }));
    throw new UnprocessableError('response.forbidden_key', 'Dữ liệu chứa tên trường không được phép.', errors);
  }
  const parsed = ZSubmission.safeParse(body);
  if (!parsed.success)
    throw new BadRequestError('request.invalid', 'Yêu cầu không đúng định dạng.', {
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  return parsed.data;
}

async function findStored(campaign: CampaignDoc, submissionId: string): Promise<string | null> {
  const row = await SurveyResponse.findOne({ campaign: campaign._id, submissionId }, { _id: 1 }).lean();
  return row ? String(row._id) : null;
}

// One writer for each write concern (in practice one per app), so that concurrent submissions share a
// command and a commit. Straight to the driver: the document is built whole here, so mongoose's casting
// and copying of 50 answers would only cost time (about 0.5 ms of CPU per submission).
const writers = new Map<string, BatchWriter<ResponseDocument>>();
function writerFor(writeConcern: WriteAck | undefined): BatchWriter<ResponseDocument> {
  const key = JSON.stringify(writeConcern ?? {});
  let writer = writers.get(key);
  if (!writer) {
    const collection = () => SurveyResponse.collection as unknown as mongo.Collection<ResponseDocument>;
    writer = new BatchWriter((docs) => collection().insertMany(docs, { ordered: false, writeConcern }));
    writers.set(key, writer);
  }
  return writer;
}

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/**
 * A response to a full cell is refused when the campaign says so (counted fresh), otherwise stored with
 * the flag `over_quota` (counted as of up to a second ago, see completedIn): the flags it is stored with.
 */
async function quotaFlags(campaign: CampaignDoc, stratumKey: string, quota: number): Promise<string[]> {
  const refuse = campaign.whenFull === 'refuse';
  if ((await completedIn(campaign._id, stratumKey, refuse)) < quota) return [];
  if (refuse)
    throw new ConflictError(
      'quota.full',
      'Nhóm đối tượng của Ông/Bà đã đủ số phiếu cần thu. Trân trọng cảm ơn Ông/Bà đã quan tâm.',
    );
  return ['over_quota'];
}

function quotaOf(campaign: CampaignDoc, stratumKey: string): number | undefined {
  const variables = campaign.strata?.variables ?? [];
  return campaign.strata?.cells?.find((c) => cellKey(c.key, variables) === stratumKey)?.quota;
}

export async function submitResponse(slug: string, body: unknown, ctx: SubmitContext = {}): Promise<SubmitResult> {
  const now = ctx.now ?? new Date();
  const locale = localeOf(body, ctx.acceptLanguage);
  const sub = parseBody(body, locale);
  const campaign = await findCampaignCached(slug);
  const variables = campaign.strata?.variables ?? [];

  try {
    assertOpen(campaign, now);
    // An invitation fixes the respondent's cell: its values replace whatever the answers say.
    const invitation = await invitationFor(campaign, sub.token);
    if (invitation) sub.answers = { ...sub.answers, ...(invitation.stratum as Record<string, string>) };
    const stratum = stratumOf(sub.answers, variables);
    const quota = variables.length ? quotaOf(campaign, stratum.key) : undefined;
    const version = await findCampaignVersion(campaign);
    const errors = version.validator.validate(sub.answers, sub.locale ?? locale);
    if (errors.length)
      throw new UnprocessableError(
        'response.invalid_answers',
        locale === 'en' ? 'Some answers are not valid.' : 'Một số câu trả lời chưa hợp lệ.',
        errors,
      );
    const flags = quota === undefined ? [] : await quotaFlags(campaign, stratum.key, quota);

    // Used only now, with the answers known to be valid; given back if the response cannot be stored.
    const claimed = invitation && (await claimInvitation(campaign, sub.token!));
    const doc = responseDocument(campaign, version.number, sub, stratum, flags, { ...ctx, now, locale });
    if (claimed && campaign.anonymity === 'confidential') Object.assign(doc, { invitation: claimed.code });
    let id: string;
    try {
      await writerFor(ctx.writeConcern).insert(doc);
      id = doc._id;
    } catch (err) {
      if (claimed && !isDuplicateKey(err)) await releaseInvitation(claimed).catch(() => undefined);
      throw err;
    }
    countCompleted(campaign._id, stratum.key, localDay(now, campaign.timezone ?? 'Asia/Ho_Chi_Minh'));
    noteStored(campaign._id, doc); // the results cache takes it at once: no database read for it
    // The response is stored and acknowledged whatever happens to this bookkeeping.
    if (claimed) await finishInvitation(campaign, claimed, id).catch(() => undefined);
    return { created: true, id, submissionId: sub.submissionId };
  } catch (err) {
    // A retry of an acknowledged submission is answered as it was, even after the campaign closed or
    // its cell filled; and two racing copies of one submission are stored once (the unique index).
    if (isDuplicateKey(err) || err instanceof ConflictError) {
      const stored = await findStored(campaign, sub.submissionId);
      if (stored) return { created: false, id: stored, submissionId: sub.submissionId };
    }
    throw err;
  }
}

type ResponseDocument = ReturnType<typeof responseDocument>;

function responseDocument(
  campaign: CampaignDoc,
  version: number,
  sub: TSubmission,
  stratum: Stratum,
  flags: string[],
  ctx: SubmitContext & { now: Date; locale: TLocale },
) {
  const anonymous = campaign.anonymity === 'anonymous';
  const keep = (d: Date) => (anonymous ? roundToHour(d) : d);
  const startedAt = sub.startedAt ? new Date(sub.startedAt) : undefined;
  const completedAt = sub.completedAt ? new Date(sub.completedAt) : ctx.now;
  const durationSec =
    startedAt && completedAt >= startedAt ? Math.round((completedAt.getTime() - startedAt.getTime()) / 1000) : undefined;
  const doc = {
    _id: randomUUID(), // random, as in the schema: an ObjectId would carry the arrival time
    campaign: campaign._id,
    version,
    submissionId: sub.submissionId,
    answers: sub.answers,
    stratum: stratum.attributes,
    stratumKey: stratum.key,
    channel: /Mobi|Android|iPhone|iPad/i.test(ctx.userAgent ?? '') ? 'phone' : 'desktop',
    locale: sub.locale ?? ctx.locale,
    status: 'complete',
    startedAt: startedAt && keep(startedAt),
    completedAt: keep(completedAt),
    durationSec,
    receivedAt: keep(ctx.now),
    flags,
  };
  // As mongoose would store it: no field for what is not known.
  if (!doc.startedAt) delete doc.startedAt;
  if (doc.durationSec === undefined) delete doc.durationSec;
  return doc;
}
