// Staff side of campaigns: open one on a published version, list them, pause, resume, close early or
// extend. `fieldwork` and `admin` write; every staff role reads. A fieldwork user limited to some districts
// works inside campaigns (invitations, progress of their cells) but cannot change a whole campaign.
import mongoose from 'mongoose';
import { recordAudit } from '../audit/service.ts';
import { assertRole, type StaffUser } from '../auth/index.ts';
import { ZCampaignCreate, ZCampaignUpdate, type TCampaignItem } from '../contract/staff.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow, UnprocessableError } from '../errors.ts';
import { valueLists } from '../surveys/checks/choices.ts';
import { listElements } from '../surveys/checks/walk.ts';
import { Survey, SurveyVersion, type SurveyVersionDoc } from '../surveys/model.ts';
import type { Actor } from '../surveys/service.ts';
import { Campaign, type CampaignDoc } from './model.ts';
import { findCampaign, titleText } from './service.ts';
import { effectiveStatus } from './status.ts';
import { cellKey } from './strata.ts';

const READERS = ['fieldwork', 'designer', 'analyst', 'viewer'] as const;

export function toCampaignItem(c: CampaignDoc, now = new Date()): TCampaignItem {
  return {
    slug: c.slug,
    title: titleText(c.title),
    surveyId: String(c.survey),
    version: c.versionNumber,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    timezone: c.timezone,
    setting: c.status as TCampaignItem['setting'],
    status: effectiveStatus(c, now),
    access: c.access as TCampaignItem['access'],
    anonymity: c.anonymity as TCampaignItem['anonymity'],
    whenFull: c.whenFull as TCampaignItem['whenFull'],
    strata: {
      variables: c.strata?.variables ?? [],
      cells: (c.strata?.cells ?? []).map((cell) => ({ key: cell.key as Record<string, string>, quota: cell.quota })),
    },
  };
}

/** Whole-campaign changes need a fieldwork user with no district limit (or an admin). */
function assertCampaignWide(staff: StaffUser): void {
  assertRole(staff, 'fieldwork');
  if (!staff.roles.includes('admin') && staff.districts.length)
    throw new ForbiddenError('campaign.district_scoped', 'Tài khoản chỉ được giao một số quận, huyện nên không thể thay đổi cả đợt khảo sát.');
}

const invalid = (errors: { path: string; message: string }[]) =>
  new UnprocessableError('campaign.invalid', 'Thông tin đợt khảo sát chưa hợp lệ.', errors);

/** Strata variables must be choice questions of the version; each cell names one value of each, once. */
function checkStrata(json: Record<string, unknown>, strata: { variables: string[]; cells: { key: Record<string, string> }[] }) {
  const errors: { path: string; message: string }[] = [];
  const allowed = new Map<string, Set<string>>();
  const questions = new Map(listElements(json).filter((e) => e.kind === 'question').map((e) => [e.node.name, e]));
  strata.variables.forEach((v, i) => {
    const q = questions.get(v);
    const choices = q ? valueLists(q.node, q.path).find((l) => l.kind === 'choices') : undefined;
    if (!choices) errors.push({ path: `strata.variables.${i}`, message: `"${v}" không phải câu hỏi lựa chọn của phiên bản này.` });
    else allowed.set(v, new Set(choices.items.map((c) => String(c.value))));
  });
  const seen = new Set<string>();
  strata.cells.forEach((cell, i) => {
    const names = Object.keys(cell.key);
    if (names.length !== strata.variables.length || strata.variables.some((v) => !(v in cell.key)))
      errors.push({ path: `strata.cells.${i}.key`, message: `Ô phải có đúng các biến ${strata.variables.join(', ')}.` });
    for (const [v, value] of Object.entries(cell.key))
      if (allowed.get(v) && !allowed.get(v)!.has(value))
        errors.push({ path: `strata.cells.${i}.key.${v}`, message: `"${value}" không phải lựa chọn của câu "${v}".` });
    const key = cellKey(cell.key, strata.variables);
    if (seen.has(key)) errors.push({ path: `strata.cells.${i}`, message: 'Ô này bị khai báo hai lần.' });
    seen.add(key);
  });
  return errors;
}

function checkWindow(opensAt: Date, closesAt: Date, path = 'closesAt') {
  return closesAt > opensAt ? [] : [{ path, message: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.' }];
}

export async function createCampaign(actor: Actor, body: unknown): Promise<TCampaignItem> {
  assertCampaignWide(actor.staff);
  const input = parseOrThrow(ZCampaignCreate, body);
  const survey = mongoose.isValidObjectId(input.surveyId) ? await Survey.findById(input.surveyId).lean() : null;
  const version = survey
    ? await SurveyVersion.findOne({ survey: survey._id, number: input.version }).lean<SurveyVersionDoc>()
    : null;
  if (!survey || !version)
    throw invalid([{ path: 'version', message: 'Chỉ mở đợt khảo sát trên một phiên bản đã phát hành của bảng câu hỏi.' }]);
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  const errors = [...checkWindow(opensAt, closesAt), ...checkStrata(version.json, input.strata)];
  if (errors.length) throw invalid(errors);
  let doc: CampaignDoc;
  try {
    const created = await Campaign.create({
      ...input,
      title: input.title ?? survey.title,
      survey: survey._id,
      version: version._id,
      versionNumber: version.number,
      opensAt,
      closesAt,
    });
    doc = created.toObject() as CampaignDoc;
  } catch (err) {
    if ((err as { code?: number }).code === 11000)
      throw new ConflictError('campaign.slug_taken', `Địa chỉ "${input.slug}" đã được dùng cho một đợt khảo sát khác.`);
    throw err;
  }
  await recordAudit(actor.audit, 'campaign.create', { type: 'campaign', id: doc.slug, label: titleText(doc.title) }, {
    surveyId: input.surveyId,
    version: version.number,
  });
  return toCampaignItem(doc);
}

export async function listCampaigns(actor: Actor): Promise<{ items: TCampaignItem[] }> {
  assertRole(actor.staff, ...READERS);
  const docs = await Campaign.find({}, { population: 0 }).sort({ opensAt: -1 }).lean<CampaignDoc[]>();
  return { items: docs.map((d) => toCampaignItem(d)) };
}

export async function getCampaign(actor: Actor, slug: string): Promise<TCampaignItem> {
  assertRole(actor.staff, ...READERS);
  return toCampaignItem(await findCampaign(slug));
}

export async function updateCampaign(actor: Actor, slug: string, body: unknown): Promise<TCampaignItem> {
  assertCampaignWide(actor.staff);
  const input = parseOrThrow(ZCampaignUpdate, body);
  const current = await findCampaign(slug);
  const set: Record<string, unknown> = {};
  if (input.status) set.status = input.status;
  if (input.title) set.title = input.title;
  if (input.opensAt) set.opensAt = new Date(input.opensAt);
  if (input.closesAt) set.closesAt = new Date(input.closesAt);
  const errors = checkWindow((set.opensAt as Date) ?? current.opensAt, (set.closesAt as Date) ?? current.closesAt);
  if (errors.length) throw invalid(errors);
  const updated = await Campaign.findOneAndUpdate({ _id: current._id }, { $set: set }, { returnDocument: 'after' }).lean<CampaignDoc>();
  if (!updated) throw new NotFoundError('campaign.not_found', `Không tìm thấy đợt khảo sát "${slug}".`);
  const changed = Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, { from: (current as Record<string, unknown>)[k] instanceof Date ? ((current as Record<string, unknown>)[k] as Date).toISOString() : (current as Record<string, unknown>)[k], to: v }]),
  );
  await recordAudit(actor.audit, 'campaign.update', { type: 'campaign', id: slug, label: titleText(updated.title) }, changed);
  return toCampaignItem(updated);
}
