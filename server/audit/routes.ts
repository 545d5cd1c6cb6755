// GET /api/v1/audit: the audit log for admins, newest first, filtered and paged.
import { Router } from 'express';
import { requireStaff } from '../auth/middleware.ts';
import { listAudit } from './service.ts';

export function auditRoutes(): Router {
  const router = Router();
  router.use(requireStaff);
  router.get('/', async (req, res) => {
    res.json(await listAudit(req.staff!, req.query));
  });
  return router;
}
