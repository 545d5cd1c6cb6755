// Every staff route of the API against every role: who may call it, who is refused (403) and that nobody
// signed out gets in (401). The route list is read from the app itself, so a new route that this table
// does not name fails the test until someone decides who may call it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { TRole } from '../../server/contract/staff.ts';
import { createLogger } from '../../server/logger.ts';
import fs from 'node:fs';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { generateResponses } from '../helpers/generate-responses.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

const SLUG = 'giua-nhiem-ky-2023';
const ROLES: TRole[] = ['admin', 'designer', 'fieldwork', 'analyst', 'viewer'];
type Who = TRole[];
const ALL: Who = ROLES;
const ADMIN: Who = ['admin'];
const DESIGN: Who = ['admin', 'designer'];
const FIELD: Who = ['admin', 'fieldwork'];
const ANALYSE: Who = ['admin', 'analyst'];
const TABLES: Who = ['admin', 'analyst', 'viewer'];

/**
 * Who may call each staff route (admins may call every one). The body sent to a state-changing route is
 * `{}`: enough to pass or fail the role check, which comes before the body is read, without changing much.
 */
const MATRIX: Record<string, Who> = {
  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'PATCH /api/v1/users/:username': ADMIN,
  'GET /api/v1/audit': ADMIN,
  'GET /api/v1/surveys': ALL,
  'GET /api/v1/surveys/templates': ALL,
  'POST /api/v1/surveys': DESIGN,
  'GET /api/v1/surveys/:id': ALL,
  'PUT /api/v1/surveys/:id/draft': DESIGN,
  'POST /api/v1/surveys/:id/validate': DESIGN,
  'GET /api/v1/surveys/:id/changes': ALL,
  'POST /api/v1/surveys/:id/publish': DESIGN,
  'GET /api/v1/surveys/:id/versions': ALL,
  'GET /api/v1/surveys/:id/versions/:n': ALL,
  'GET /api/v1/surveys/:id/export': ALL,
  'GET /api/v1/campaigns': ALL,
  'POST /api/v1/campaigns': FIELD,
  'GET /api/v1/campaigns/:slug': ALL,
  'PATCH /api/v1/campaigns/:slug': FIELD,
  'GET /api/v1/campaigns/:slug/progress': ALL,
  'POST /api/v1/campaigns/:slug/invitations': FIELD,
  'GET /api/v1/campaigns/:slug/invitations': ['admin', 'fieldwork', 'analyst', 'viewer'],
  'POST /api/v1/campaigns/:slug/invitations/revoke': FIELD,
  'GET /api/v1/campaigns/:slug/topline': TABLES,
  'GET /api/v1/campaigns/:slug/crosstab': TABLES,
  'POST /api/v1/campaigns/:slug/responses/:id/exclude': ANALYSE,
  'POST /api/v1/campaigns/:slug/responses/:id/include': ANALYSE,
  'GET /api/v1/campaigns/:slug/weights': TABLES,
  'PUT /api/v1/campaigns/:slug/weights': ANALYSE,
  'GET /api/v1/campaigns/:slug/review': ANALYSE,
  'GET /api/v1/campaigns/:slug/responses/:id': ANALYSE,
  'POST /api/v1/campaigns/:slug/responses/:id/flag': ANALYSE,
  'POST /api/v1/campaigns/:slug/responses/:id/unflag': ANALYSE,
  'POST /api/v1/campaigns/:slug/responses/exclude': ANALYSE,
  'GET /api/v1/campaigns/:slug/export': ANALYSE,
  'GET /api/v1/campaigns/:slug/codebook': ANALYSE,
};

/** Routes outside the role model: public respondent API, health, and signing in and out. */
const OPEN = /^(GET|POST|PUT) \/api\/v1\/(public|health|auth)\b/;

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path` of every route the app serves, walked from its router (nested routers included). */
function listRoutes(app: express.Application): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') out.push(`${method.toUpperCase()} ${prefix}${layer.route.path === '/' ? '' : layer.route.path}`);
      } else if (layer.handle?.stack) {
        const at = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + at);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(out)].filter((r) => / \/api\//.test(r));
}

let app: TestApp;
const as = {} as Record<TRole, StaffClient>;
let params: Record<string, string>;

beforeAll(async () => {
  const surveyJson = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys', SLUG, 'survey.json'), 'utf8'));
  const [generated] = await generateResponses(surveyJson, 1, 2026, 1);
  app = await startTestApp();
  for (const role of ROLES) {
    const user = await createStaff(`matrix-${role}`, [role]);
    as[role] = await loginAs(app.url, user.username, user.password);
  }
  await createStaff('matrix-target', ['viewer']);
  const survey = (await as.admin.get('/api/v1/surveys')).body.items[0];
  const submitted = await request(app.url, 'POST', `/api/v1/public/campaigns/${SLUG}/responses`, {
    submissionId: randomUUID(),
    answers: generated.answers,
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const campaign = await app.db.connection.collection('campaigns').findOne({ slug: SLUG });
  const response = await app.db.connection.collection('responses').findOne({ campaign: campaign!._id });
  params = { slug: SLUG, surveyId: String(survey.id), n: '1', username: 'matrix-target', responseId: String(response!._id) };
});

afterAll(async () => {
  await app?.close();
});

/** A route's pattern with this test's campaign, questionnaire, user and response filled in. */
function concrete(route: string): [method: string, url: string] {
  const [method, pattern] = route.split(' ');
  const url = pattern
    .replace(':slug', params.slug)
    .replace(/\/surveys\/:id/, `/surveys/${params.surveyId}`)
    .replace(':id', params.responseId)
    .replace(':n', params.n)
    .replace(':username', params.username);
  return [method, url];
}

async function call(who: StaffClient | null, method: string, url: string) {
  const body = method === 'GET' ? undefined : {};
  if (who) return request(app.url, method, url, body, { cookie: who.cookie });
  return request(app.url, method, url, body);
}

describe('When each role calls each staff route', () => {
  it('then the table above names every staff route the app serves, and only those', () => {
    const served = listRoutes(createApp({
      logger: createLogger('silent'), engine: 'embedded', clientDir: path.join(rootDir, 'client', 'dist'),
      homeSlug: SLUG, surveysDir: path.join(rootDir, 'surveys'),
    })).filter((r) => !OPEN.test(r));
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((r) => !(r in MATRIX)), 'routes with no decision about roles').toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !served.includes(r)), 'routes in the table the app does not serve').toEqual([]);
  });

  it.each(Object.keys(MATRIX))('then %s lets in exactly the roles it should', async (route) => {
    const [method, url] = concrete(route);
    const anonymous = await call(null, method, url);
    expect([anonymous.status, anonymous.body?.code], `signed out: ${method} ${url}`).toEqual([401, 'auth.required']);
    for (const role of ROLES) {
      const res = await call(as[role], method, url);
      const label = `${role}: ${method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      if (MATRIX[route].includes(role)) {
        expect(res.status, label).not.toBe(401);
        expect(res.status, label).not.toBe(403);
        expect(res.status, label).toBeLessThan(500);
      } else {
        expect([res.status, res.body?.code], label).toEqual([403, 'auth.forbidden']);
      }
    }
  });
});
