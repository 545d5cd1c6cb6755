// The campaigns API for staff (/api/v1/campaigns): HTTP only; permissions, rules and audit in admin.ts.
import { Router } from 'express';
import { requireStaff } from '../auth/index.ts';
import { staffActor } from '../surveys/routes.ts';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './admin.ts';

export function campaignRoutes(): Router {
  const router = Router();
  router.use(requireStaff);
  router.get('/', async (req, res) => {
    res.json(await listCampaigns(staffActor(req)));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await createCampaign(staffActor(req), req.body));
  });
  router.get('/:slug', async (req, res) => {
    res.json(await getCampaign(staffActor(req), req.params.slug));
  });
  router.patch('/:slug', async (req, res) => {
    res.json(await updateCampaign(staffActor(req), req.params.slug, req.body));
  });
  return router;
}
