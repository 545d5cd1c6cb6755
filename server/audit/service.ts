// Recording audit events (for every module) and reading them back (admins only).
import type { Request } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import type { TAuditEvent } from '../contract/staff.ts';
import { BadRequestError, parseOrThrow } from '../errors.ts';
import { assertRole, type StaffUser } from '../auth/roles.ts';
import { AuditEvent, type AuditEventDoc } from './model.ts';

/** Who acts and from where; `actor` is null when nobody is signed in (a failed login, the CLI). */
export interface AuditContext {
  actor: string | null;
  ip: string;
}

export function auditContext(req: Request): AuditContext {
  return { actor: req.staff?.username ?? null, ip: req.ip ?? '' };
}

export async function recordAudit(
  ctx: AuditContext,
  action: string,
  object: { type: string; id?: string; label?: string },
  details?: Record<string, unknown>,
): Promise<void> {
  await AuditEvent.create({ at: new Date(), actor: ctx.actor, action, object, ip: ctx.ip, ...(details ? { details } : {}) });
}

const ZAuditQuery = z
  .object({
    actor: z.string().max(100).optional(),
    action: z.string().max(100).optional(),
    objectType: z.string().max(100).optional(),
    objectId: z.string().max(200).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.string().max(200).optional(),
  })
  .strict();

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The paging cursor: the last item's time and id, so that events in the same millisecond are not lost. */
function encodeCursor(doc: AuditEventDoc): string {
  return Buffer.from(`${doc.at.toISOString()}|${String(doc._id)}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: mongoose.Types.ObjectId } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !id || !mongoose.isValidObjectId(id))
    throw new BadRequestError('audit.bad_cursor', 'Con trỏ phân trang không hợp lệ.');
  return { at: date, id: new mongoose.Types.ObjectId(id) };
}

export function toAuditItem(doc: AuditEventDoc): TAuditEvent {
  return {
    id: String(doc._id),
    at: doc.at.toISOString(),
    actor: doc.actor ?? null,
    action: doc.action,
    object: {
      type: doc.object!.type,
      ...(doc.object?.id ? { id: doc.object.id } : {}),
      ...(doc.object?.label ? { label: doc.object.label } : {}),
    },
    ip: doc.ip ?? '',
    ...(doc.details ? { details: doc.details as Record<string, unknown> } : {}),
  };
}

/** Newest first, filtered; `next` is the cursor of the following page when there is one. */
export async function listAudit(staff: StaffUser, query: unknown): Promise<{ items: TAuditEvent[]; next?: string }> {
  assertRole(staff, 'admin');
  const q = parseOrThrow(ZAuditQuery, query);
  const filter: Record<string, unknown>[] = [];
  if (q.actor !== undefined) filter.push({ actor: q.actor });
  if (q.action !== undefined)
    filter.push(
      q.action.endsWith('*') ? { action: { $regex: `^${escapeRegex(q.action.slice(0, -1))}` } } : { action: q.action },
    );
  if (q.objectType !== undefined) filter.push({ 'object.type': q.objectType });
  if (q.objectId !== undefined) filter.push({ 'object.id': q.objectId });
  if (q.from) filter.push({ at: { $gte: new Date(q.from) } });
  if (q.to) filter.push({ at: { $lte: new Date(q.to) } });
  if (q.before) {
    const c = decodeCursor(q.before);
    filter.push({ $or: [{ at: { $lt: c.at } }, { at: c.at, _id: { $lt: c.id } }] });
  }
  const docs = await AuditEvent.find(filter.length ? { $and: filter } : {})
    .sort({ at: -1, _id: -1 })
    .limit(q.limit + 1)
    .lean<AuditEventDoc[]>();
  const page = docs.slice(0, q.limit);
  return { items: page.map(toAuditItem), ...(docs.length > q.limit ? { next: encodeCursor(page[page.length - 1]) } : {}) };
}
