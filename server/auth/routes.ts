// /api/v1/auth: sign in, who am I, sign out. HTTP only: cookies here, rules in service.ts.
import { Router } from 'express';
import { requireStaff, sessionToken, setSessionCookie, clearSessionCookie } from './middleware.ts';
import { login, logout, me } from './service.ts';
import type { SessionPolicy } from './sessions.ts';

export function authRoutes(policy: SessionPolicy): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const result = await login(req.body, { ip: req.ip ?? '', userAgent: req.get('user-agent') }, policy);
    setSessionCookie(req, res, result.token);
    res.set('Cache-Control', 'no-store').json({ user: result.user });
  });

  router.get('/me', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ user: await me(req.staff!) });
  });

  router.post('/logout', async (req, res) => {
    await logout(sessionToken(req), req.staff, req.ip ?? '');
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}
