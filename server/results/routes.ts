// The results API for staff (/api/v1/campaigns/:slug/topline, /crosstab, /weights, /responses/:id/exclude|include):
// HTTP only; permissions, rules and audit in service.ts, weights.ts and review.ts.
import { Router } from 'express';
import { requireStaff } from '../auth/index.ts';
import { staffActor } from '../surveys/routes.ts';
import { excludeResponse, includeResponse } from './review.ts';
import { reviewRoutes } from './review-routes.ts';
import { campaignCrosstab, campaignTopline } from './service.ts';
import { getWeights, putWeights } from './weights.ts';

export function resultsRoutes(): Router {
  // requireStaff per route, not router.use: this router sits in front of the campaigns router on the same path.
  const router = Router();
  router.get('/:slug/topline', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await campaignTopline(staffActor(req), String(req.params.slug), req.query));
  });
  router.get('/:slug/crosstab', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await campaignCrosstab(staffActor(req), String(req.params.slug), req.query));
  });
  router.get('/:slug/weights', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await getWeights(staffActor(req), String(req.params.slug), req.query));
  });
  router.put('/:slug/weights', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await putWeights(staffActor(req), String(req.params.slug), req.body, req.query));
  });
  router.post('/:slug/responses/:id/exclude', requireStaff, async (req, res) => {
    res.json(await excludeResponse(staffActor(req), String(req.params.slug), String(req.params.id), req.body));
  });
  router.post('/:slug/responses/:id/include', requireStaff, async (req, res) => {
    res.json(await includeResponse(staffActor(req), String(req.params.slug), String(req.params.id), req.body));
  });
  router.use(reviewRoutes());
  return router;
}
