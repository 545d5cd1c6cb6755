// Admin users API (/api/v1/users). HTTP only: the service checks the role and audits.
import { Router } from 'express';
import { auditContext } from '../audit/service.ts';
import { requireStaff } from '../auth/middleware.ts';
import { createUser, listUsers, updateUser } from './service.ts';

export function usersRoutes(): Router {
  const router = Router();
  router.use(requireStaff);

  router.get('/', async (req, res) => {
    res.json({ items: await listUsers(req.staff!) });
  });

  router.post('/', async (req, res) => {
    res.status(201).json({ user: await createUser(req.staff!, auditContext(req), req.body) });
  });

  router.patch('/:username', async (req, res) => {
    res.json({ user: await updateUser(req.staff!, auditContext(req), req.params.username, req.body) });
  });

  return router;
}
