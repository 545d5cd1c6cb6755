// The demo survey as a new user meets it: seeded into an empty database, open from today, taking the
// answers a respondent would give, counting them toward district × group cells.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Campaign, StratumCount } from '../../server/campaigns/model.ts';
import { flushCounts, rebuildCounts } from '../../server/campaigns/tally.ts';
import { SurveyResponse } from '../../server/responses/model.ts';
import { Survey, SurveyVersion } from '../../server/surveys/model.ts';
import { hashSurveyJson } from '../../server/surveys/versions.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { generateResponses } from '../helpers/generate-responses.ts';

const dir = path.join(rootDir, 'surveys/giua-nhiem-ky-2023');
const surveyJson = JSON.parse(fs.readFileSync(path.join(dir, 'survey.json'), 'utf8'));
let app: TestApp;
let generated: Awaited<ReturnType<typeof generateResponses>>;

beforeAll(async () => {
  // Generated before the app listens: survey-core's synchronous work would otherwise stall the server's
  // keep-alive timers and make the client reuse a socket the server is closing.
  generated = await generateResponses(surveyJson, 6, 2023, 1);
  app = await startTestApp();
});
afterAll(async () => app?.close());

it('When the database is empty, then the demo is published as version 1 and its campaign is open from today', async () => {
  const res = await fetch(`${app.url}/api/v1/public/campaigns/giua-nhiem-ky-2023`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.version).toBe(1);
  expect(body.survey).toEqual(surveyJson);
  expect(body.campaign.status).toBe('open');
  expect(body.campaign.title).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệ]/); // Vietnamese
  expect(body.campaign.plannedWindow).toEqual({
    opensAt: '2023-03-31T17:00:00.000Z',
    closesAt: '2023-06-30T16:59:59.000Z',
  });
  expect(new Date(body.campaign.opensAt).getTime()).toBeLessThanOrEqual(Date.now());
  const version = await SurveyVersion.findOne({ number: 1 }).lean();
  expect(version?.hash).toBe(hashSurveyJson(surveyJson));
  expect((await Campaign.findOne().lean())?.strata?.cells).toHaveLength(35);
});

it('When the app starts again on a seeded database, then nothing is seeded twice', async () => {
  const { seedIfEmpty } = await import('../../server/seed.ts');
  const { createLogger } = await import('../../server/logger.ts');
  expect(await seedIfEmpty({ surveysDir: path.join(rootDir, 'surveys'), openDays: 90 }, createLogger('silent'))).toBe(false);
  expect(await Survey.countDocuments()).toBe(1);
});

it('When respondents submit complete answers, then each is stored and counted in its district × group cell', async () => {
  for (const { answers } of generated) {
    const res = await fetch(`${app.url}/api/v1/public/campaigns/giua-nhiem-ky-2023/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), answers, locale: 'vi' }),
    });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  }
  expect(await SurveyResponse.countDocuments()).toBe(6);
  await flushCounts();
  const counted = await StratumCount.find().lean();
  expect(counted.reduce((n, c) => n + c.completed, 0)).toBe(6);
  const first = generated[0].answers;
  expect(counted.map((c) => c.key)).toContain(`district=${first.district}|group=${first.group}`);
});

it('When the counters are lost (a crash before a flush), then a rebuild recounts every cell from the responses', async () => {
  await flushCounts();
  const before = await StratumCount.find({}, { _id: 0, key: 1, completed: 1 }).sort({ key: 1 }).lean();
  await StratumCount.deleteMany({});
  await rebuildCounts();
  expect(await StratumCount.find({}, { _id: 0, key: 1, completed: 1 }).sort({ key: 1 }).lean()).toEqual(before);
});
