// Validation of a draft, and publishing it as the next immutable version. A draft with problems is never
// published; a published version is never changed, so every collected answer stays interpretable.
import { recordAudit } from '../audit/service.ts';
import { assertRole } from '../auth/index.ts';
import type { TChangeSummary, TSurveyProblem, TValidation, TVersionItem } from '../contract/staff.ts';
import { AppError, ConflictError, NotFoundError } from '../errors.ts';
import { checkQuestionnaire, summarizeChanges } from './checks/index.ts';
import { Survey, SurveyVersion, type SurveyDoc, type SurveyVersionDoc } from './model.ts';
import { findSurvey, WRITERS, type Actor } from './service.ts';
import { hashSurveyJson } from './versions.ts';

const READERS = ['designer', 'fieldwork', 'analyst', 'viewer'] as const;

async function latestVersion(survey: SurveyDoc): Promise<SurveyVersionDoc | null> {
  return SurveyVersion.findOne({ survey: survey._id }).sort({ number: -1 }).lean<SurveyVersionDoc>();
}

function problemsOf(survey: SurveyDoc, previous: SurveyVersionDoc | null, actor: Actor): TSurveyProblem[] {
  return checkQuestionnaire(survey.draft, {
    languages: survey.languages?.length ? survey.languages : undefined,
    previous: previous?.json,
    locale: actor.locale,
  });
}

export async function validateDraft(actor: Actor, id: string): Promise<TValidation> {
  assertRole(actor.staff, ...WRITERS);
  const survey = await findSurvey(id);
  const problems = problemsOf(survey, await latestVersion(survey), actor);
  return { ok: problems.length === 0, problems };
}

export async function draftChanges(actor: Actor, id: string): Promise<TChangeSummary> {
  assertRole(actor.staff, ...READERS);
  const survey = await findSurvey(id);
  const previous = await latestVersion(survey);
  return summarizeChanges(previous?.json, survey.draft, previous?.number ?? 0);
}

export async function publishDraft(actor: Actor, id: string): Promise<{ version: number; hash: string }> {
  assertRole(actor.staff, ...WRITERS);
  const survey = await findSurvey(id);
  const previous = await latestVersion(survey);
  const problems = problemsOf(survey, previous, actor);
  if (problems.length)
    throw new AppError(
      422,
      'survey.invalid',
      'Unprocessable Content',
      actor.locale === 'en'
        ? `The draft has ${problems.length} problem(s); fix them before publishing.`
        : `Bản nháp còn ${problems.length} lỗi; hãy sửa trước khi phát hành.`,
      { problems },
    );
  const hash = hashSurveyJson(survey.draft);
  if (previous && previous.hash === hash)
    throw new ConflictError(
      'survey.nothing_to_publish',
      actor.locale === 'en'
        ? `The draft is the same as version ${previous.number}.`
        : `Bản nháp giống hệt phiên bản ${previous.number}, không có gì mới để phát hành.`,
    );
  const number = (previous?.number ?? 0) + 1;
  try {
    // The unique {survey, number} index makes two racing publishers produce one version, not two.
    await SurveyVersion.create({
      survey: survey._id,
      number,
      json: survey.draft,
      hash,
      publishedAt: new Date(),
      publishedBy: actor.staff.username,
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    throw new ConflictError('survey.publish_conflict', 'Một phiên bản khác vừa được phát hành; hãy tải lại.');
  }
  await Survey.updateOne({ _id: survey._id }, { $max: { latestVersion: number }, $set: { publishedHash: hash } });
  await recordAudit(actor.audit, 'survey.publish', { type: 'survey', id, label: survey.title }, { version: number, hash });
  return { version: number, hash };
}

export async function listVersions(actor: Actor, id: string): Promise<{ items: TVersionItem[] }> {
  assertRole(actor.staff, ...READERS);
  const survey = await findSurvey(id);
  const docs = await SurveyVersion.find({ survey: survey._id }, { json: 0 }).sort({ number: -1 }).lean<SurveyVersionDoc[]>();
  return {
    items: docs.map((v) => ({
      number: v.number,
      hash: v.hash,
      publishedAt: v.publishedAt.toISOString(),
      ...(v.publishedBy ? { publishedBy: v.publishedBy } : {}),
    })),
  };
}

export async function getVersion(
  actor: Actor,
  id: string,
  number: number,
): Promise<TVersionItem & { json: Record<string, unknown> }> {
  assertRole(actor.staff, ...READERS);
  const survey = await findSurvey(id);
  const v = Number.isInteger(number)
    ? await SurveyVersion.findOne({ survey: survey._id, number }).lean<SurveyVersionDoc>()
    : null;
  if (!v) throw new NotFoundError('survey.version_not_found', `Không có phiên bản ${number} của bảng câu hỏi này.`);
  return { number: v.number, hash: v.hash, publishedAt: v.publishedAt.toISOString(), json: v.json };
}

/** The SurveyJS JSON of the draft or of one version, as a file; exporting is recorded. */
export async function exportJson(
  actor: Actor,
  id: string,
  version?: number,
): Promise<{ filename: string; json: Record<string, unknown> }> {
  assertRole(actor.staff, ...READERS);
  const survey = await findSurvey(id);
  const json = version === undefined ? survey.draft : (await getVersion(actor, id, version)).json;
  const suffix = version === undefined ? 'draft' : `v${version}`;
  await recordAudit(actor.audit, 'survey.export', { type: 'survey', id, label: survey.title }, { version: suffix });
  return { filename: `${survey.key}-${suffix}.json`, json };
}
