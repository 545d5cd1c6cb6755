// The respondents' API: read a campaign's questionnaire, submit answers. HTTP only; rules live in services.
import { Router } from 'express';
import type { WriteAck } from '../db/write-concern.ts';
import { getPublicCampaign } from '../campaigns/service.ts';
import { getInvitedCampaign, savePartialAnswers } from '../invitations/respondent.ts';
import { submitResponse } from '../responses/service.ts';

export function publicRoutes(deps: { writeConcern?: WriteAck }): Router {
  const router = Router();

  router.get('/campaigns/:slug', async (req, res) => {
    res.set('Cache-Control', 'no-cache');
    const token = typeof req.query.t === 'string' ? req.query.t : undefined;
    res.json(token ? await getInvitedCampaign(req.params.slug, token) : await getPublicCampaign(req.params.slug));
  });

  // A token respondent's answers so far, kept on the server so they can resume on any device.
  router.put('/campaigns/:slug/partial', async (req, res) => {
    await savePartialAnswers(req.params.slug, req.body);
    res.status(204).end();
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
