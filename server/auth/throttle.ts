// Login throttling: failed attempts are stored in the database (shared by every app instance), per
// username and per client address. After MAX_FAILURES within the window, attempts are refused until
// enough failures have left the window, even with the right password.
import mongoose, { Schema } from 'mongoose';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

const loginFailureSchema = new Schema(
  {
    /** `user:<name>` or `ip:<address>`. */
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
loginFailureSchema.index({ key: 1, at: 1 });

export const LoginFailure = mongoose.model('LoginFailure', loginFailureSchema);

const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Seconds until the attempt would be allowed, or 0 when it is allowed now. With n ≥ MAX_FAILURES failures
 * in the window, attempts resume when the count falls below MAX_FAILURES, i.e. when the (n − MAX + 1)-th
 * oldest leaves the window (the oldest one, when there are exactly MAX_FAILURES).
 */
export async function throttledFor(username: string, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  let wait = 0;
  for (const key of [userKey(username), ipKey(ip)]) {
    const recent = await LoginFailure.find({ key, at: { $gt: since } }, { at: 1 })
      .sort({ at: 1 })
      .lean();
    if (recent.length < MAX_FAILURES) continue;
    const freeing = recent[recent.length - MAX_FAILURES].at.getTime() + WINDOW_MS;
    wait = Math.max(wait, Math.ceil((freeing - now.getTime()) / 1000));
  }
  return Math.max(wait, wait > 0 ? 1 : 0);
}

export async function recordFailure(username: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const keys = [userKey(username), ipKey(ip)];
  await LoginFailure.insertMany(keys.map((key) => ({ key, at: now })));
  // Failures past the window count for nothing: drop them lazily (no TTL index on the embedded database).
  await LoginFailure.deleteMany({ key: { $in: keys }, at: { $lte: since } });
}

/** After a successful login the username starts afresh; the address keeps its failures. */
export async function clearUserFailures(username: string): Promise<void> {
  await LoginFailure.deleteMany({ key: userKey(username) });
}
