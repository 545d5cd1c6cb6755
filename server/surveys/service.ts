// Questionnaire drafts: list, create (blank, from a template, imported), read, save. Designers and admins
// write; every staff role reads. Publishing and versions are in publish.ts.
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { recordAudit, type AuditContext } from '../audit/service.ts';
import { assertRole, type StaffUser } from '../auth/index.ts';
import type { TLocale } from '../contract/public.ts';
import type { TSurveyDetail, TSurveyItem, TTemplateItem } from '../contract/staff.ts';
import { ZDraftUpdate, ZSurveyCreate } from '../contract/staff.ts';
import { ConflictError, NotFoundError, parseOrThrow } from '../errors.ts';
import { Survey, type SurveyDoc } from './model.ts';
import { listTemplates, readTemplate } from './templates.ts';
import { hashSurveyJson } from './versions.ts';

/** Who is asking: the signed-in staff member, where from (for the audit) and the language of messages. */
export interface Actor {
  staff: StaffUser;
  audit: AuditContext;
  locale: TLocale;
}

export const WRITERS = ['designer', 'admin'] as const;

const BLANK = (title: string) => ({ title: { default: title }, pages: [{ name: 'page1', elements: [] }] });

function item(doc: SurveyDoc): TSurveyItem {
  return {
    id: String(doc._id),
    title: doc.title,
    latestVersion: doc.latestVersion,
    updatedAt: (doc as { updatedAt?: Date }).updatedAt?.toISOString() ?? new Date(0).toISOString(),
    unpublishedChanges: doc.latestVersion === 0 || doc.draftHash !== doc.publishedHash,
  };
}

export async function findSurvey(id: string): Promise<SurveyDoc> {
  const doc = mongoose.isValidObjectId(id) ? await Survey.findById(id).lean<SurveyDoc>() : null;
  if (!doc) throw new NotFoundError('survey.not_found', 'Không tìm thấy bảng câu hỏi này.');
  return doc;
}

export async function listSurveys(actor: Actor): Promise<{ items: TSurveyItem[] }> {
  assertRole(actor.staff, 'designer', 'fieldwork', 'analyst', 'viewer');
  const docs = await Survey.find({}, { draft: 0 }).sort({ updatedAt: -1 }).lean<SurveyDoc[]>();
  return { items: docs.map(item) };
}

export async function templates(actor: Actor, surveysDir: string): Promise<{ items: TTemplateItem[] }> {
  assertRole(actor.staff, 'designer', 'fieldwork', 'analyst', 'viewer');
  return { items: await listTemplates(surveysDir) };
}

export async function getSurvey(actor: Actor, id: string): Promise<TSurveyDetail> {
  assertRole(actor.staff, 'designer', 'fieldwork', 'analyst', 'viewer');
  const doc = await findSurvey(id);
  return { ...item(doc), draft: doc.draft, languages: doc.languages ?? [], revision: doc.revision ?? 0 };
}

export async function createSurvey(actor: Actor, body: unknown, surveysDir: string): Promise<{ id: string }> {
  assertRole(actor.staff, ...WRITERS);
  const input = parseOrThrow(ZSurveyCreate, body);
  let draft: Record<string, unknown>;
  let from: 'blank' | 'template' | 'import';
  if (input.template) {
    draft = await readTemplate(surveysDir, input.template);
    from = 'template';
  } else if (input.json) {
    draft = input.json;
    from = 'import';
  } else {
    draft = BLANK(input.title);
    from = 'blank';
  }
  const doc = await Survey.create({
    key: `${slugify(input.title)}-${randomBytes(3).toString('hex')}`,
    title: input.title,
    draft,
    draftHash: hashSurveyJson(draft),
    createdBy: actor.staff.username,
    updatedBy: actor.staff.username,
  });
  await recordAudit(actor.audit, 'survey.create', { type: 'survey', id: String(doc._id), label: input.title }, {
    from,
    ...(input.template ? { template: input.template } : {}),
  });
  return { id: String(doc._id) };
}

export async function saveDraft(
  actor: Actor,
  id: string,
  body: unknown,
): Promise<{ revision: number; updatedAt: string }> {
  assertRole(actor.staff, ...WRITERS);
  const input = parseOrThrow(ZDraftUpdate, body);
  const filter: Record<string, unknown> = { _id: (await findSurvey(id))._id };
  if (input.revision !== undefined) filter.revision = input.revision;
  const set: Record<string, unknown> = {
    draft: input.json,
    draftHash: hashSurveyJson(input.json),
    updatedBy: actor.staff.username,
  };
  // The name in the list is the one given at creation (or a new one given here), not the JSON's title.
  if (input.title) set.title = input.title;
  if (input.languages) set.languages = input.languages;
  const saved = await Survey.findOneAndUpdate(filter, { $set: set, $inc: { revision: 1 } }, { returnDocument: 'after' })
    .select({ revision: 1, updatedAt: 1, title: 1 })
    .lean<SurveyDoc & { updatedAt: Date }>();
  if (!saved)
    throw new ConflictError(
      'survey.draft_conflict',
      actor.locale === 'en'
        ? 'Someone else saved this draft in the meantime. Reload it to see their changes; your copy is kept.'
        : 'Bản nháp vừa được người khác lưu. Hãy tải lại để xem thay đổi của họ; bản của bạn vẫn được giữ.',
    );
  await recordAudit(actor.audit, 'survey.draft_update', { type: 'survey', id, label: saved.title }, {
    revision: saved.revision,
  });
  return { revision: saved.revision, updatedAt: saved.updatedAt.toISOString() };
}

function slugify(title: string): string {
  const ascii = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 40) || 'survey';
}
