// The review queue API for analysts (/api/v1/campaigns/:slug/review, …/responses/:id, …/responses/:id/flag,
// …/responses/exclude): HTTP only; permissions, rules and audit in review-queue.ts and review.ts.
import { Router } from 'express';
import { requireStaff } from '../auth/index.ts';
import { staffActor } from '../surveys/routes.ts';
import { excludeResponses, flagResponse, unflagResponse } from './review.ts';
import { responseDetail, reviewQueue } from './review-queue.ts';

export function reviewRoutes(): Router {
  // requireStaff per route, not router.use: this router sits in front of the campaigns router on the same path.
  const router = Router();
  router.get('/:slug/review', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await reviewQueue(staffActor(req), String(req.params.slug), req.query));
  });
  router.post('/:slug/responses/exclude', requireStaff, async (req, res) => {
    res.json(await excludeResponses(staffActor(req), String(req.params.slug), req.body));
  });
  router.get('/:slug/responses/:id', requireStaff, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await responseDetail(staffActor(req), String(req.params.slug), String(req.params.id), req.query));
  });
  router.post('/:slug/responses/:id/flag', requireStaff, async (req, res) => {
    res.json(await flagResponse(staffActor(req), String(req.params.slug), String(req.params.id), req.body));
  });
  router.post('/:slug/responses/:id/unflag', requireStaff, async (req, res) => {
    res.json(await unflagResponse(staffActor(req), String(req.params.slug), String(req.params.id), req.body));
  });
  return router;
}
