// Staff sessions, kept in the database so that any app instance can serve any request. The cookie holds a
// random token; the database keeps only its sha256, so a copy of the database cannot be replayed as cookies.
import { createHash, randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';

const sessionSchema = new Schema(
  {
    /** sha256(token), base64url. */
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    /** lastSeenAt + the idle limit. Checked on every read: TTL indexes are not relied on. */
    expiresAt: { type: Date, required: true },
    ip: { type: String },
    userAgent: { type: String },
  },
  { versionKey: false },
);
sessionSchema.index({ user: 1 });

export const Session = mongoose.model('Session', sessionSchema);

/** Sliding the expiry costs a write: do it at most once a minute per session. */
const TOUCH_EVERY_MS = 60_000;

export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface SessionPolicy {
  idleMinutes: number;
  now: () => Date;
}

/** Opens a session for the user; returns the token for the cookie (never stored). */
export async function createSession(
  userId: mongoose.Types.ObjectId,
  client: { ip?: string; userAgent?: string },
  policy: SessionPolicy,
): Promise<string> {
  const now = policy.now();
  const token = randomBytes(32).toString('base64url');
  // Expired sessions of this user go now: lazily, since nothing else would remove them.
  await Session.deleteMany({ user: userId, expiresAt: { $lte: now } });
  await Session.create({
    _id: sessionKey(token),
    user: userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.idleMinutes * 60_000),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300),
  });
  return token;
}

/** The user of a live session, sliding its expiry; null (and the session deleted) when it has expired. */
export async function readSession(token: string, policy: SessionPolicy): Promise<mongoose.Types.ObjectId | null> {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const key = sessionKey(token);
  const session = await Session.findById(key).lean();
  if (!session) return null;
  const now = policy.now();
  if (session.expiresAt.getTime() <= now.getTime()) {
    await Session.deleteOne({ _id: key });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional: of concurrent requests, one writes.
    await Session.updateOne(
      { _id: key, lastSeenAt: session.lastSeenAt },
      { $set: { lastSeenAt: now, expiresAt: new Date(now.getTime() + policy.idleMinutes * 60_000) } },
    );
  }
  return session.user;
}

export async function deleteSession(token: string): Promise<void> {
  await Session.deleteOne({ _id: sessionKey(token) });
}

/** Ends every session of a user (disabled, or a new password). */
export async function deleteUserSessions(userId: mongoose.Types.ObjectId): Promise<void> {
  await Session.deleteMany({ user: userId });
}
