// Session cookie → req.staff, the "signed in" gate, and the CSRF guard for the staff API.
import type { Request, RequestHandler, Response } from 'express';
import { ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from '../errors.ts';
import { findActiveStaff } from '../users/service.ts';
import { readSession, type SessionPolicy } from './sessions.ts';

export const SESSION_COOKIE = 'sid';

/** The session token from the Cookie header, if any (no cookie-parser for one cookie). */
export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const cookieOptions = (req: Request) =>
  ({ httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure }) as const;

export function setSessionCookie(req: Request, res: Response, token: string): void {
  // No Max-Age: the browser forgets it when closed; the server ends it after the idle time anyway.
  res.cookie(SESSION_COOKIE, token, cookieOptions(req));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

/** Attaches `req.staff` when the request carries the cookie of a live session of an enabled account. */
export function attachStaff(policy: SessionPolicy): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req);
    if (token) {
      const userId = await readSession(token, policy);
      const staff = userId ? await findActiveStaff(userId) : null;
      if (staff) req.staff = staff;
    }
    next();
  };
}

/** 401 `auth.required` unless attachStaff found a valid session. */
export const requireStaff: RequestHandler = (req, _res, next) => {
  if (!req.staff) throw new UnauthorizedError('auth.required', 'Bạn cần đăng nhập để tiếp tục.');
  next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * CSRF without tokens. The session cookie is SameSite=Strict, so browsers do not send it on requests that
 * another site starts; as a second, independent line we refuse any state-changing request whose Origin
 * (or, lacking it, Referer) is not this app's own origin — browsers always send Origin on cross-site POSTs
 * and cannot be made to forge it — and we accept bodies only as application/json, which a plain HTML form
 * cannot send and a cross-site fetch can send only after a CORS preflight that we never approve.
 * Respondents' submissions (/api/v1/public) come from anywhere with no cookie and are exempt.
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.path === '/public' || req.path.startsWith('/public/')) return next();
  const own = `${req.protocol}://${req.get('host')}`;
  const origin = req.get('origin');
  const claimed = origin !== undefined ? originOf(origin) : originOf(req.get('referer'));
  if (claimed !== own)
    throw new ForbiddenError('csrf.origin_mismatch', 'Yêu cầu bị từ chối: không đến từ trang của ứng dụng.');
  if (hasBody(req) && !req.is('application/json'))
    throw new UnsupportedMediaTypeError(
      'request.unsupported_media_type',
      'Dữ liệu phải được gửi dưới dạng JSON (Content-Type: application/json).',
    );
  next();
};
