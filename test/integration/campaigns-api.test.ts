// The staff campaigns API over HTTP: opening a campaign on a published version, the checks on its window
// and strata, who may do it, and pausing, closing early and extending as respondents see it.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

const API = '/api/v1/campaigns';
const demoCampaign = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys/giua-nhiem-ky-2023/campaign.json'), 'utf8'));

let app: TestApp;
let fieldwork: StaffClient;
let surveyId: string;

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();
const body = (over: Record<string, unknown> = {}) => ({
  slug: `dot-${randomUUID().slice(0, 8)}`,
  surveyId,
  version: 1,
  opensAt: iso(-1),
  closesAt: iso(30),
  access: 'public',
  anonymity: 'anonymous',
  strata: demoCampaign.strata,
  whenFull: 'refuse',
  ...over,
});

beforeAll(async () => {
  app = await startTestApp();
  const user = await createStaff('fw-all', ['fieldwork']);
  fieldwork = await loginAs(app.url, user.username, user.password);
  const surveys = (await fieldwork.get('/api/v1/surveys')).body as { items: { id: string; latestVersion: number }[] };
  surveyId = surveys.items.find((s) => s.latestVersion === 1)!.id;
});

afterAll(async () => {
  await app?.close();
});

describe('When a fieldwork officer opens a campaign', () => {
  it('then it is created on the published version, listed, readable by every role, and respondents can load it', async () => {
    const input = body();
    const created = await fieldwork.post(API, input);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ slug: input.slug, version: 1, status: 'open', setting: 'active', whenFull: 'refuse' });
    expect(created.body.strata.cells).toHaveLength(35);

    const analyst = await createStaff('an-1', ['analyst']);
    const reader = await loginAs(app.url, analyst.username, analyst.password);
    expect(((await reader.get(API)).body.items as { slug: string }[]).map((c) => c.slug)).toContain(input.slug);
    expect((await reader.get(`${API}/${input.slug}`)).body.slug).toBe(input.slug);
    expect((await reader.post(API, body())).status).toBe(403);
    expect((await reader.patch(`${API}/${input.slug}`, { status: 'paused' })).status).toBe(403);

    const pub = await request(app.url, 'GET', `/api/v1/public/campaigns/${input.slug}`);
    expect(pub.status).toBe(200);
    expect(pub.body.campaign.status).toBe('open');

    const audit = await app.db.connection.collection('auditevents').findOne({ action: 'campaign.create', 'object.id': input.slug });
    expect(audit).toMatchObject({ actor: 'fw-all', details: { version: 1 } });
  });

  it('then bad input gets 422 or 409 naming the field, and nothing is created', async () => {
    const before = ((await fieldwork.get(API)).body.items as unknown[]).length;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ slug: 'Có Dấu' }, 422, 'slug'],
      [{ version: 7 }, 422, 'version'],
      [{ closesAt: iso(-2) }, 422, 'closesAt'],
      [{ strata: { variables: ['age'], cells: [] } }, 422, 'strata.variables.0'],
      [{ strata: { variables: ['district'], cells: [{ key: { district: 'hoi-an' }, quota: 5 }] } }, 422, 'strata.cells.0.key.district'],
      [{ strata: { variables: ['district'], cells: [{ key: { district: 'hai-chau' }, quota: 5 }, { key: { district: 'hai-chau' }, quota: 6 }] } }, 422, 'strata.cells.1'],
      [{ status: 'closed' }, 422, ''],
      [{ slug: demoCampaign.slug }, 409, ''],
    ];
    for (const [over, status, field] of cases) {
      const res = await fieldwork.post(API, body(over));
      expect(res.status, JSON.stringify(over)).toBe(status);
      if (field) expect((res.body.errors as { path: string }[]).map((e) => e.path), JSON.stringify(res.body)).toContain(field);
    }
    expect(((await fieldwork.get(API)).body.items as unknown[]).length).toBe(before);
  });

  it('then a fieldwork officer limited to some districts cannot open or change a whole campaign', async () => {
    const scoped = await createStaff('fw-hai-chau', ['fieldwork'], { districts: ['hai-chau'] });
    const client = await loginAs(app.url, scoped.username, scoped.password);
    expect((await client.post(API, body())).status).toBe(403);
    expect((await client.patch(`${API}/${demoCampaign.slug}`, { status: 'paused' })).status).toBe(403);
    expect((await client.get(API)).status).toBe(200);
  });
});

describe('When a campaign is paused, closed early or extended', () => {
  const submit = (slug: string) =>
    request(app.url, 'POST', `/api/v1/public/campaigns/${slug}/responses`, { submissionId: randomUUID(), answers: {} });

  it('then respondents see it at once, and each change is audited', async () => {
    const input = body({ strata: { variables: [], cells: [] } });
    expect((await fieldwork.post(API, input)).status).toBe(201);
    const url = `${API}/${input.slug}`;

    expect((await fieldwork.patch(url, { status: 'paused' })).body.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 1100)); // a cached campaign may be a second old
    const paused = await submit(input.slug);
    expect(paused.status).toBe(409);
    expect(paused.body.detail).toMatch(/tạm dừng/i);

    expect((await fieldwork.patch(url, { status: 'active', closesAt: iso(-0.5) })).body.status).toBe('closed');
    const extended = await fieldwork.patch(url, { closesAt: iso(10) });
    expect(extended.body).toMatchObject({ status: 'open', closesAt: expect.any(String) });
    expect(new Date(extended.body.closesAt).getTime()).toBeGreaterThan(Date.now() + 9 * DAY);

    expect((await fieldwork.patch(url, { closesAt: iso(-5) })).status).toBe(422);
    expect((await fieldwork.patch(url, { status: 'closed' })).body.status).toBe('closed');
    expect((await fieldwork.patch('/api/v1/campaigns/khong-co', { status: 'closed' })).status).toBe(404);

    const events = await app.db.connection
      .collection('auditevents')
      .find({ action: 'campaign.update', 'object.id': input.slug })
      .toArray();
    expect(events).toHaveLength(4);
    expect(events[0].details).toMatchObject({ status: { from: 'active', to: 'paused' } });
  });
});
