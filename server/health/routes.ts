// Liveness of the app and its database, for load balancers and for people.
import { Router } from 'express';
import { pingDatabase, type DbEngine } from '../db/connect.ts';

export function healthRoutes(deps: { engine: DbEngine }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const ok = await pingDatabase();
    res.set('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', db: { ok, engine: deps.engine } });
  });
  return router;
}
