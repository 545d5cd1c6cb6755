// Taking a respondent's submission: open campaign → already stored? → valid answers → quota → store once
// → count toward its stratum.
import type { WriteAck } from '../db/write-concern.ts';
import { ZSubmission, type TAnswerError, type TLocale } from '../contract/public.ts';
import { assertOpen, findCampaign, findCampaignVersion } from '../campaigns/service.ts';
import { cellKey, completedIn, countCompleted, stratumOf } from '../campaigns/strata.ts';
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

export async function submitResponse(slug: string, body: unknown, ctx: SubmitContext = {}): Promise<SubmitResult> {
  const now = ctx.now ?? new Date();
  const locale = localeOf(body, ctx.acceptLanguage);
  const sub = parseBody(body, locale);
  const campaign = await findCampaign(slug);

  // A retry of an acknowledged submission is answered as it was, even after the campaign closed.
  const stored = await findStored(campaign, sub.submissionId);
  if (stored) return { created: false, id: stored, submissionId: sub.submissionId };

  assertOpen(campaign, now);
  const version = await findCampaignVersion(campaign);
  const errors = version.validator.validate(sub.answers, sub.locale ?? locale);
  if (errors.length)
    throw new UnprocessableError(
      'response.invalid_answers',
      locale === 'en' ? 'Some answers are not valid.' : 'Một số câu trả lời chưa hợp lệ.',
      errors,
    );

  const variables = campaign.strata?.variables ?? [];
  const stratum = stratumOf(sub.answers, variables);
  const flags: string[] = [];
  const cell = campaign.strata?.cells?.find((c) => cellKey(c.key, variables) === stratum.key);
  if (variables.length && cell && (await completedIn(campaign._id, stratum.key)) >= cell.quota) {
    if (campaign.whenFull === 'refuse')
      throw new ConflictError(
        'quota.full',
        'Nhóm đối tượng của Ông/Bà đã đủ số phiếu cần thu. Trân trọng cảm ơn Ông/Bà đã quan tâm.',
      );
    flags.push('over_quota');
  }

  const anonymous = campaign.anonymity === 'anonymous';
  const startedAt = sub.startedAt ? new Date(sub.startedAt) : undefined;
  const completedAt = sub.completedAt ? new Date(sub.completedAt) : now;
  const durationSec =
    startedAt && completedAt >= startedAt ? Math.round((completedAt.getTime() - startedAt.getTime()) / 1000) : undefined;
  const doc = {
    campaign: campaign._id,
    version: version.number,
    submissionId: sub.submissionId,
    answers: sub.answers,
    stratum: stratum.attributes,
    stratumKey: stratum.key,
    channel: /Mobi|Android|iPhone|iPad/i.test(ctx.userAgent ?? '') ? 'phone' : 'desktop',
    locale: sub.locale ?? locale,
    status: 'complete',
    startedAt: startedAt && (anonymous ? roundToHour(startedAt) : startedAt),
    completedAt: anonymous ? roundToHour(completedAt) : completedAt,
    durationSec,
    receivedAt: anonymous ? roundToHour(now) : now,
    flags,
  };
  let id: string;
  try {
    const created = await new SurveyResponse(doc).save({ ...ctx.writeConcern });
    id = String(created._id);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Lost a race with the same submissionId: the other request stored it.
    const winner = await findStored(campaign, sub.submissionId);
    if (!winner) throw err;
    return { created: false, id: winner, submissionId: sub.submissionId };
  }
  if (variables.length) await countCompleted(campaign._id, stratum.key);
  return { created: true, id, submissionId: sub.submissionId };
}
