// The respondents' API: read a campaign's questionnaire, submit answers. HTTP only; rules live in services.
import { Router } from 'express';
import type { WriteAck } from '../db/write-concern.ts';
import { getPublicCampaign } from '../campaigns/service.ts';
import { submitResponse } from '../responses/service.ts';

export function publicRoutes(deps: { writeConcern?: WriteAck }): Router {
  const router = Router();

  router.get('/campaigns/:slug', async (req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json(await getPublicCampaign(req.params.slug));
  });

  router.post('/campaigns/:slug/responses', async (req, res) => {
    const result = await submitResponse(req.params.slug, req.body, {
      userAgent: req.get('user-agent'),
      acceptLanguage: req.get('accept-language'),
      writeConcern: deps.writeConcern,
    });
    res.status(result.created ? 201 : 200).json({ id: result.id, submissionId: result.submissionId });
  });

  return router;
}
