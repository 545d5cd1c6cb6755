// Taking a respondent's submission: open campaign → valid answers → room in its cell → store once
// (the unique {campaign, submissionId} index) → count toward its stratum.
import type { WriteAck } from '../db/write-concern.ts';
import { ZSubmission, type TAnswerError, type TLocale, type TSubmission } from '../contract/public.ts';
import { assertOpen, findCampaign, findCampaignVersion } from '../campaigns/service.ts';
import { cellKey, stratumOf, type Stratum } from '../campaigns/strata.ts';
import { completedIn, countCompleted } from '../campaigns/tally.ts';
import type { CampaignDoc } from '../campaigns/model.ts';
import { BadRequestError, ConflictError, UnprocessableError } from '../errors.ts';
import { findForbiddenKeys } from './validator/index.ts';
import { SurveyResponse } from './model.ts';

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

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/** Refuses a cell that is full when the campaign says so; otherwise full cells are flagged after the count. */
async function assertRoomInCell(campaign: CampaignDoc, stratumKey: string, quota: number): Promise<void> {
  if (campaign.whenFull === 'refuse' && (await completedIn(campaign._id, stratumKey, true)) >= quota)
    throw new ConflictError(
      'quota.full',
      'Nhóm đối tượng của Ông/Bà đã đủ số phiếu cần thu. Trân trọng cảm ơn Ông/Bà đã quan tâm.',
    );
}

function quotaOf(campaign: CampaignDoc, stratumKey: string): number | undefined {
  const variables = campaign.strata?.variables ?? [];
  return campaign.strata?.cells?.find((c) => cellKey(c.key, variables) === stratumKey)?.quota;
}

async function flagIfOverQuota(campaign: CampaignDoc, stratumKey: string, quota: number, id: string): Promise<void> {
  if ((await completedIn(campaign._id, stratumKey)) > quota)
    await SurveyResponse.updateOne({ _id: id }, { $addToSet: { flags: 'over_quota' } });
}

export async function submitResponse(slug: string, body: unknown, ctx: SubmitContext = {}): Promise<SubmitResult> {
  const now = ctx.now ?? new Date();
  const locale = localeOf(body, ctx.acceptLanguage);
  const sub = parseBody(body, locale);
  const campaign = await findCampaign(slug);
  const variables = campaign.strata?.variables ?? [];
  const stratum = stratumOf(sub.answers, variables);
  const quota = variables.length ? quotaOf(campaign, stratum.key) : undefined;

  try {
    assertOpen(campaign, now);
    const version = await findCampaignVersion(campaign);
    const errors = version.validator.validate(sub.answers, sub.locale ?? locale);
    if (errors.length)
      throw new UnprocessableError(
        'response.invalid_answers',
        locale === 'en' ? 'Some answers are not valid.' : 'Một số câu trả lời chưa hợp lệ.',
        errors,
      );
    if (quota !== undefined) await assertRoomInCell(campaign, stratum.key, quota);

    const doc = responseDocument(campaign, version.number, sub, stratum, { ...ctx, now, locale });
    const id = String((await new SurveyResponse(doc).save({ ...ctx.writeConcern }))._id);
    if (variables.length) {
      countCompleted(campaign._id, stratum.key);
      // The response is stored: a failure to flag it must not turn its acknowledgement into an error.
      if (quota !== undefined) await flagIfOverQuota(campaign, stratum.key, quota, id).catch(() => undefined);
    }
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

function responseDocument(
  campaign: CampaignDoc,
  version: number,
  sub: TSubmission,
  stratum: Stratum,
  ctx: SubmitContext & { now: Date; locale: TLocale },
) {
  const anonymous = campaign.anonymity === 'anonymous';
  const keep = (d: Date) => (anonymous ? roundToHour(d) : d);
  const startedAt = sub.startedAt ? new Date(sub.startedAt) : undefined;
  const completedAt = sub.completedAt ? new Date(sub.completedAt) : ctx.now;
  const durationSec =
    startedAt && completedAt >= startedAt ? Math.round((completedAt.getTime() - startedAt.getTime()) / 1000) : undefined;
  return {
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
    flags: [],
  };
}
