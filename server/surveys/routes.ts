// The questionnaires API (/api/v1/surveys): HTTP only. Permissions, rules and the audit are in the services.
import { Router, type Request } from 'express';
import { auditContext } from '../audit/service.ts';
import { requireStaff } from '../auth/index.ts';
import { BadRequestError } from '../errors.ts';
import { requestLocale } from '../locale.ts';
import { draftChanges, exportJson, getVersion, listVersions, publishDraft, validateDraft } from './publish.ts';
import { createSurvey, getSurvey, listSurveys, saveDraft, templates, type Actor } from './service.ts';

/** The signed-in staff member behind a request, for services of every staff module. */
export function staffActor(req: Request): Actor {
  return { staff: req.staff!, audit: auditContext(req), locale: requestLocale(req.get('accept-language')) };
}

function versionParam(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BadRequestError('survey.bad_version', 'Số phiên bản không hợp lệ.');
  return n;
}

export function surveyRoutes(deps: { surveysDir: string }): Router {
  const router = Router();
  router.use(requireStaff);

  router.get('/', async (req, res) => {
    res.json(await listSurveys(staffActor(req)));
  });
  router.get('/templates', async (req, res) => {
    res.json(await templates(staffActor(req), deps.surveysDir));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await createSurvey(staffActor(req), req.body, deps.surveysDir));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getSurvey(staffActor(req), req.params.id));
  });
  router.put('/:id/draft', async (req, res) => {
    res.json(await saveDraft(staffActor(req), req.params.id, req.body));
  });
  router.post('/:id/validate', async (req, res) => {
    res.json(await validateDraft(staffActor(req), req.params.id));
  });
  router.get('/:id/changes', async (req, res) => {
    res.json(await draftChanges(staffActor(req), req.params.id));
  });
  router.post('/:id/publish', async (req, res) => {
    const { version } = await publishDraft(staffActor(req), req.params.id);
    res.status(201).json({ version });
  });
  router.get('/:id/versions', async (req, res) => {
    res.json(await listVersions(staffActor(req), req.params.id));
  });
  router.get('/:id/versions/:n', async (req, res) => {
    res.json(await getVersion(staffActor(req), req.params.id, versionParam(req.params.n)!));
  });
  router.get('/:id/export', async (req, res) => {
    const { filename, json } = await exportJson(staffActor(req), req.params.id, versionParam(req.query.version));
    res
      .type('application/json')
      .attachment(filename)
      .send(JSON.stringify(json, null, 2));
  });
  return router;
}
