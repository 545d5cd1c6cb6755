// Staff accounts: the admin's users API and the trusted entry points (the CLI, tests) share these rules:
// usernames unique, passwords only as hashes, the last active admin stays, every write audited.
import mongoose from 'mongoose';
import { z } from 'zod';
import { ZUserCreate, ZUserUpdate, type TStaffUser, type TUserItem } from '../contract/staff.ts';
import { ConflictError, NotFoundError, parseOrThrow } from '../errors.ts';
import { recordAudit, type AuditContext } from '../audit/service.ts';
import { hashPassword } from '../auth/password.ts';
import { assertRole, type StaffUser } from '../auth/roles.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { User, type UserDoc } from './model.ts';

export type TUserCreateInput = z.input<typeof ZUserCreate>;
export type TUserUpdateInput = z.input<typeof ZUserUpdate>;

export function toStaffUser(doc: UserDoc): StaffUser {
  return { id: String(doc._id), username: doc.username, roles: [...doc.roles], districts: [...doc.districts] };
}

export function toTStaffUser(doc: UserDoc): TStaffUser {
  return {
    username: doc.username,
    ...(doc.displayName ? { displayName: doc.displayName } : {}),
    roles: [...doc.roles],
    districts: [...doc.districts],
  };
}

export function toUserItem(doc: UserDoc & { createdAt?: Date }): TUserItem {
  return {
    ...toTStaffUser(doc),
    disabled: !!doc.disabled,
    createdAt: (doc.createdAt ?? doc._id.getTimestamp()).toISOString(),
    ...(doc.lastLoginAt ? { lastLoginAt: doc.lastLoginAt.toISOString() } : {}),
  };
}

/** The staff member behind a session, or null when the account is gone or disabled. */
export async function findActiveStaff(userId: mongoose.Types.ObjectId): Promise<StaffUser | null> {
  const doc = await User.findById(userId).lean<UserDoc>();
  return doc && !doc.disabled ? toStaffUser(doc) : null;
}

export async function findUser(username: string): Promise<UserDoc | null> {
  return User.findOne({ username: username.trim().toLowerCase() }).lean<UserDoc>();
}

const notFound = (username: string) => new NotFoundError('user.not_found', `Không có tài khoản “${username}”.`);

/** Trusted: no permission check (the CLI, tests). Throws 422 on a bad body, 409 `user.exists`. */
export async function createUserAccount(ctx: AuditContext, body: unknown): Promise<TUserItem> {
  const input = parseOrThrow(ZUserCreate, body);
  await User.init(); // the unique index must exist before we rely on it
  let doc: UserDoc;
  try {
    const created = await User.create({
      username: input.username,
      displayName: input.displayName || undefined,
      passwordHash: await hashPassword(input.password),
      roles: [...new Set(input.roles)],
      districts: [...new Set(input.districts)],
    });
    doc = created.toObject() as UserDoc;
  } catch (err) {
    if ((err as { code?: number }).code === 11000)
      throw new ConflictError('user.exists', `Tên đăng nhập “${input.username}” đã được dùng.`);
    throw err;
  }
  await recordAudit(ctx, 'user.create', { type: 'user', id: doc.username, label: doc.displayName ?? undefined }, {
    roles: doc.roles,
    districts: doc.districts,
  });
  return toUserItem(doc);
}

const isActiveAdmin = (u: { roles: string[]; disabled?: boolean | null }) => u.roles.includes('admin') && !u.disabled;

/** Trusted: no permission check. 404 `user.not_found`, 409 `user.last_admin`, 422 on a bad body. */
export async function updateUserAccount(ctx: AuditContext, username: string, body: unknown): Promise<TUserItem> {
  const patch = parseOrThrow(ZUserUpdate, body);
  const current = await findUser(username);
  if (!current) throw notFound(username);

  const set: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  if (patch.displayName !== undefined && patch.displayName !== (current.displayName ?? ''))
    set.displayName = details.displayName = patch.displayName;
  if (patch.roles && !sameSet(patch.roles, current.roles)) set.roles = details.roles = [...new Set(patch.roles)];
  if (patch.districts && !sameSet(patch.districts, current.districts))
    set.districts = details.districts = [...new Set(patch.districts)];
  if (patch.disabled !== undefined && patch.disabled !== !!current.disabled) set.disabled = details.disabled = patch.disabled;
  if (patch.password !== undefined) {
    set.passwordHash = await hashPassword(patch.password);
    details.passwordChanged = true;
  }
  if (Object.keys(set).length === 0) return toUserItem(current);

  const after = { roles: (set.roles as string[]) ?? current.roles, disabled: (set.disabled as boolean) ?? current.disabled };
  if (isActiveAdmin(current) && !isActiveAdmin(after)) {
    const others = await User.countDocuments({ _id: { $ne: current._id }, roles: 'admin', disabled: { $ne: true } });
    if (others === 0)
      throw new ConflictError('user.last_admin', 'Không thể bỏ quyền quản trị hoặc khóa quản trị viên cuối cùng.');
  }

  const updated = await User.findOneAndUpdate({ _id: current._id }, { $set: set }, { returnDocument: 'after' }).lean<UserDoc>();
  if (!updated) throw notFound(username);
  if (set.disabled === true || set.passwordHash) await deleteUserSessions(current._id);
  await recordAudit(ctx, 'user.update', { type: 'user', id: updated.username, label: updated.displayName ?? undefined }, details);
  return toUserItem(updated);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

// ---- The admin's API: same rules, admins only --------------------------------------------------------

export async function listUsers(staff: StaffUser): Promise<TUserItem[]> {
  assertRole(staff, 'admin');
  const docs = await User.find({}).sort({ username: 1 }).lean<UserDoc[]>();
  return docs.map(toUserItem);
}

export async function createUser(staff: StaffUser, ctx: AuditContext, body: unknown): Promise<TUserItem> {
  assertRole(staff, 'admin');
  return createUserAccount(ctx, body);
}

export async function updateUser(staff: StaffUser, ctx: AuditContext, username: string, body: unknown): Promise<TUserItem> {
  assertRole(staff, 'admin');
  return updateUserAccount(ctx, username, body);
}
