// Downloads for analysts (/api/v1/campaigns/:slug/export and /codebook): HTTP only; permissions,
// audit and the writers are in service.ts.
import { Router, type Response } from 'express';
import { requireStaff } from '../auth/index.ts';
import { staffActor } from '../surveys/routes.ts';
import { prepareCodebook, prepareExport, type Download } from './service.ts';
import { closedEarly } from './sink.ts';

async function send(res: Response, d: Download): Promise<void> {
  res.status(200).attachment(d.filename).set({ 'Content-Type': d.contentType, 'Cache-Control': 'no-store' });
  // For a progress bar: the body is streamed, so there is no Content-Length to go by.
  if (d.expectedRows !== undefined) res.set('X-Expected-Rows', String(d.expectedRows));
  const signal = closedEarly(res);
  try {
    await d.write(res, signal);
  } catch (err) {
    // The client went away: the cursor is closed; there is nobody to answer.
    if (signal.aborted) return;
    throw err;
  }
  if (!res.writableEnded) res.end();
}

export function exportRoutes(): Router {
  const router = Router();
  router.use('/:slug/export', requireStaff);
  router.use('/:slug/codebook', requireStaff);
  router.get('/:slug/export', async (req, res) => {
    await send(res, await prepareExport(staffActor(req), req.params.slug, req.query));
  });
  router.get('/:slug/codebook', async (req, res) => {
    await send(res, await prepareCodebook(staffActor(req), req.params.slug, req.query));
  });
  return router;
}
