// Signing in and out: throttle → check the password (same cost whether or not the account exists) →
// open a session. A failure never says which of username and password was wrong.
import { ZLogin, type TStaffUser } from '../contract/staff.ts';
import { TooManyRequestsError, UnauthorizedError, parseOrThrow } from '../errors.ts';
import { recordAudit, type AuditContext } from '../audit/service.ts';
import { User } from '../users/model.ts';
import { findUser, toTStaffUser } from '../users/service.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';
import { createSession, deleteSession, type SessionPolicy } from './sessions.ts';
import { clearUserFailures, recordFailure, throttledFor } from './throttle.ts';
import type { StaffUser } from './roles.ts';

export interface LoginClient {
  ip: string;
  userAgent?: string;
}

export async function login(
  body: unknown,
  client: LoginClient,
  policy: SessionPolicy,
): Promise<{ token: string; user: TStaffUser }> {
  const { username: given, password } = parseOrThrow(ZLogin, body);
  const username = given.trim().toLowerCase();
  const ctx: AuditContext = { actor: null, ip: client.ip };
  const now = policy.now();

  const wait = await throttledFor(username, client.ip, now);
  if (wait > 0) {
    await recordAudit(ctx, 'auth.login_failed', { type: 'user', id: username }, { username, throttled: true });
    throw new TooManyRequestsError(
      'auth.throttled',
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      wait,
    );
  }

  const user = await findUser(username);
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !ok || user.disabled) {
    await recordFailure(username, client.ip, now);
    await recordAudit(ctx, 'auth.login_failed', { type: 'user', id: username }, { username });
    throw new UnauthorizedError('auth.invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }

  await clearUserFailures(username);
  await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } });
  const token = await createSession(user._id, client, policy);
  await recordAudit({ actor: user.username, ip: client.ip }, 'auth.login', { type: 'user', id: user.username });
  return { token, user: toTStaffUser(user) };
}

export async function logout(token: string | undefined, staff: StaffUser | undefined, ip: string): Promise<void> {
  if (token) await deleteSession(token);
  if (staff) await recordAudit({ actor: staff.username, ip }, 'auth.logout', { type: 'user', id: staff.username });
}

/** The signed-in staff member as the pages see them (with the display name). */
export async function me(staff: StaffUser): Promise<TStaffUser> {
  const user = await findUser(staff.username);
  if (!user) throw new UnauthorizedError('auth.required', 'Bạn cần đăng nhập để tiếp tục.');
  return toTStaffUser(user);
}
