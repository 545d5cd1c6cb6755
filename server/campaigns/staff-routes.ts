// The campaigns API for staff (/api/v1/campaigns): HTTP only; permissions, rules and audit in admin.ts.
import { Router } from 'express';
import { requireStaff } from '../auth/index.ts';
import { staffActor } from '../surveys/routes.ts';
import { createInvitations, listInvitations, revokeInvitations } from '../invitations/service.ts';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './admin.ts';
import { campaignProgress } from './progress.ts';

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
  router.get('/:slug/progress', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await campaignProgress(staffActor(req), req.params.slug));
  });
  router.post('/:slug/invitations', async (req, res) => {
    const origin = `${req.protocol}://${req.get('host')}`;
    res.set('Cache-Control', 'no-store').status(201).json(await createInvitations(staffActor(req), req.params.slug, req.body, origin));
  });
  router.get('/:slug/invitations', async (req, res) => {
    res.json(await listInvitations(staffActor(req), req.params.slug));
  });
  router.post('/:slug/invitations/revoke', async (req, res) => {
    res.json(await revokeInvitations(staffActor(req), req.params.slug, req.body));
  });
  return router;
}
