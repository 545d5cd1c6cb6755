// Issuing, listing and revoking invitations (staff), and claiming one on submission (respondents).
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import { assertRole, type StaffUser } from '../auth/index.ts';
import { StratumCount, type CampaignDoc } from '../campaigns/model.ts';
import { findCampaign } from '../campaigns/service.ts';
import { cellKey } from '../campaigns/strata.ts';
import { ConflictError, ForbiddenError, parseOrThrow, UnprocessableError } from '../errors.ts';
import type { Actor } from '../surveys/service.ts';
import { Invitation, type InvitationDoc } from './model.ts';

const ZCreate = z
  .object({ count: z.number().int().min(1).max(5000), stratum: z.record(z.string(), z.string()).default({}) })
  .strict();
const ZRevoke = z.object({ codes: z.array(z.string().max(20)).min(1).max(5000) }).strict();

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 144 random bits, URL-safe: 24 characters. */
const newToken = () => randomBytes(18).toString('base64url');
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newBatch = () => Array.from(randomBytes(4), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

/** A fieldwork user limited to some districts may only work in cells of those districts. */
function assertCellAllowed(staff: StaffUser, stratum: Record<string, string>): void {
  if (staff.roles.includes('admin') || !staff.districts.length) return;
  if (!stratum.district || !staff.districts.includes(stratum.district))
    throw new ForbiddenError('campaign.district_scoped', 'Tài khoản không được giao quận, huyện của ô này.');
}

function cellOf(campaign: CampaignDoc, stratum: Record<string, string>): string {
  const variables = campaign.strata?.variables ?? [];
  const key = cellKey(stratum, variables);
  const known = !variables.length || (campaign.strata?.cells ?? []).some((c) => cellKey(c.key, variables) === key);
  if (Object.keys(stratum).length !== variables.length || !known)
    throw new UnprocessableError('invitation.unknown_stratum', 'Ô (tầng) này không có trong thiết kế của đợt khảo sát.', [
      { path: 'stratum', message: `Cần đúng các biến: ${variables.join(', ') || '(không có)'}` },
    ]);
  return key;
}

export async function createInvitations(
  actor: Actor,
  slug: string,
  body: unknown,
  origin: string,
): Promise<{ batch: string; invitations: { token: string; url: string; code: string }[] }> {
  assertRole(actor.staff, 'fieldwork');
  const input = parseOrThrow(ZCreate, body);
  const campaign = await findCampaign(slug);
  if (campaign.access === 'public')
    throw new ConflictError('campaign.public_only', 'Đợt khảo sát này chỉ dùng đường dẫn công khai, không phát hành phiếu mời.');
  assertCellAllowed(actor.staff, input.stratum);
  const stratumKey = cellOf(campaign, input.stratum);
  const batch = newBatch();
  const now = new Date();
  const invitations = Array.from({ length: input.count }, (_, i) => ({
    token: newToken(),
    code: `${batch}-${String(i + 1).padStart(String(input.count).length, '0')}`,
  }));
  await Invitation.insertMany(
    invitations.map((inv) => ({
      _id: hashToken(inv.token),
      campaign: campaign._id,
      code: inv.code,
      batch,
      stratum: input.stratum,
      stratumKey,
      createdAt: now,
      createdBy: actor.staff.username,
    })),
  );
  await recordAudit(actor.audit, 'invitation.create', { type: 'campaign', id: slug }, { batch, count: input.count, stratum: input.stratum });
  return {
    batch,
    invitations: invitations.map((inv) => ({ ...inv, url: `${origin}/s/${encodeURIComponent(slug)}?t=${inv.token}` })),
  };
}

export interface TInvitationSummary {
  batch: string;
  stratum: Record<string, string>;
  createdAt: string;
  createdBy?: string;
  total: number;
  used: number;
  revoked: number;
}

/** Batches with how many were used and revoked; never a token. */
export async function listInvitations(actor: Actor, slug: string): Promise<{ items: TInvitationSummary[] }> {
  assertRole(actor.staff, 'fieldwork', 'analyst', 'viewer');
  const campaign = await findCampaign(slug);
  const rows = await Invitation.aggregate<{ _id: string; stratum: Record<string, string>; createdAt: Date; createdBy?: string; total: number; used: number; revoked: number }>([
    { $match: { campaign: campaign._id } },
    {
      $group: {
        _id: '$batch',
        stratum: { $first: '$stratum' },
        createdAt: { $first: '$createdAt' },
        createdBy: { $first: '$createdBy' },
        total: { $sum: 1 },
        used: { $sum: { $cond: [{ $eq: ['$status', 'used'] }, 1, 0] } },
        revoked: { $sum: { $cond: [{ $eq: ['$status', 'revoked'] }, 1, 0] } },
      },
    },
    { $sort: { createdAt: -1 } },
  ]);
  const visible = rows.filter((r) => actor.staff.roles.includes('admin') || !actor.staff.districts.length || actor.staff.districts.includes(r.stratum?.district));
  return {
    items: visible.map((r) => ({
      batch: r._id,
      stratum: r.stratum ?? {},
      createdAt: r.createdAt.toISOString(),
      ...(r.createdBy ? { createdBy: r.createdBy } : {}),
      total: r.total,
      used: r.used,
      revoked: r.revoked,
    })),
  };
}

/** Revokes unused invitations by their printed code (e.g. a lost sheet); used ones stay used. */
export async function revokeInvitations(actor: Actor, slug: string, body: unknown): Promise<{ revoked: number }> {
  assertRole(actor.staff, 'fieldwork');
  const input = parseOrThrow(ZRevoke, body);
  const campaign = await findCampaign(slug);
  const filter: Record<string, unknown> = { campaign: campaign._id, code: { $in: input.codes }, status: 'new' };
  if (!actor.staff.roles.includes('admin') && actor.staff.districts.length)
    filter['stratum.district'] = { $in: actor.staff.districts };
  const result = await Invitation.updateMany(filter, { $set: { status: 'revoked' } });
  await recordAudit(actor.audit, 'invitation.revoke', { type: 'campaign', id: slug }, { codes: input.codes, revoked: result.modifiedCount });
  return { revoked: result.modifiedCount };
}

const refusals = {
  unknown: 'Mã mời không hợp lệ. Xin kiểm tra lại đường dẫn trong thư mời.',
  used: 'Mã mời này đã được dùng để gửi một phiếu trả lời. Mỗi mã mời chỉ dùng được một lần.',
  revoked: 'Mã mời này đã bị thu hồi. Xin liên hệ đơn vị đã gửi thư mời.',
};

/**
 * Marks the invitation used, atomically: of two racing submissions with one token exactly one gets it.
 * Returns its stratum. An anonymous campaign records neither when nor by which response.
 */
export async function claimInvitation(campaign: CampaignDoc, token: string): Promise<InvitationDoc> {
  const claimed = await Invitation.findOneAndUpdate(
    { _id: hashToken(token), campaign: campaign._id, status: 'new' },
    { $set: { status: 'used', ...(campaign.anonymity === 'confidential' ? { usedAt: new Date() } : {}) } },
    { returnDocument: 'after' },
  ).lean<InvitationDoc>();
  if (claimed) return claimed;
  const existing = await Invitation.findOne({ _id: hashToken(token), campaign: campaign._id }, { status: 1 }).lean<InvitationDoc>();
  if (!existing) throw new ForbiddenError('token.invalid', refusals.unknown);
  throw new ConflictError(`token.${existing.status === 'revoked' ? 'revoked' : 'used'}`, existing.status === 'revoked' ? refusals.revoked : refusals.used);
}

/** Gives an invitation back when the response it was claimed for could not be stored. */
export async function releaseInvitation(invitation: InvitationDoc): Promise<void> {
  await Invitation.updateOne({ _id: invitation._id, status: 'used' }, { $set: { status: 'new' }, $unset: { usedAt: 1 } });
}

// ---- Respondents ---------------------------------------------------------------------------------

/**
 * The invitation a respondent's token names, checked without using it: unknown → 403, used or revoked
 * → 409. A `token` campaign needs one; a `public` campaign ignores tokens.
 */
export async function invitationFor(campaign: CampaignDoc, token: string | undefined): Promise<InvitationDoc | undefined> {
  if (campaign.access === 'public') return undefined;
  if (!token) {
    if (campaign.access === 'token')
      throw new ForbiddenError('token.required', 'Đợt khảo sát này chỉ nhận phiếu qua đường dẫn trong thư mời. Xin mở đúng đường dẫn được gửi cho Ông/Bà.');
    return undefined;
  }
  const found = await Invitation.findOne({ _id: hashToken(token), campaign: campaign._id }).lean<InvitationDoc>();
  if (!found) throw new ForbiddenError('token.invalid', refusals.unknown);
  if (found.status === 'revoked') throw new ConflictError('token.revoked', refusals.revoked);
  if (found.status === 'used') throw new ConflictError('token.used', refusals.used);
  return found;
}

/** What the respondent page gets with `?t=`: the invitation's cell and the answers saved so far. */
export function respondentView(invitation: InvitationDoc) {
  const p = invitation.partial;
  return {
    stratum: (invitation.stratum ?? {}) as Record<string, string>,
    ...(p?.savedAt
      ? { resume: { answers: (p.answers ?? {}) as Record<string, unknown>, pageNo: p.pageNo ?? 0, savedAt: p.savedAt.toISOString() } }
      : {}),
  };
}

/** Saves a token respondent's answers so far; the first save counts the cell's partial responses up. */
export async function savePartial(campaign: CampaignDoc, invitation: InvitationDoc, answers: Record<string, unknown>, pageNo: number): Promise<void> {
  const before = await Invitation.findOneAndUpdate(
    { _id: invitation._id, status: 'new' },
    { $set: { partial: { answers, pageNo, savedAt: new Date() } } },
    { returnDocument: 'before', projection: { 'partial.savedAt': 1 } },
  ).lean<InvitationDoc>();
  if (!before) throw new ConflictError('token.used', refusals.used);
  if (!before.partial?.savedAt)
    await StratumCount.updateOne({ campaign: campaign._id, key: invitation.stratumKey }, { $inc: { partial: 1 } }, { upsert: true });
}

/** After the response is stored: drop the saved answers, count the partial down, link it if confidential. */
export async function finishInvitation(campaign: CampaignDoc, invitation: InvitationDoc, responseId: string): Promise<void> {
  await Invitation.updateOne(
    { _id: invitation._id },
    { $unset: { partial: 1 }, ...(campaign.anonymity === 'confidential' ? { $set: { response: responseId } } : {}) },
  );
  if (invitation.partial?.savedAt)
    await StratumCount.updateOne({ campaign: campaign._id, key: invitation.stratumKey }, { $inc: { partial: -1 } });
}
