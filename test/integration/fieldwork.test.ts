// Fieldwork rules over HTTP on a small questionnaire: invitation tokens (single use, also when two
// requests race), revocation, the cell an invitation fixes, answers saved on the server to resume,
// anonymity as stored, quotas, and the progress counters the cockpit reads.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildCounts, flushCounts } from '../../server/campaigns/tally.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
let fieldwork: StaffClient;
let surveyId: string;

const answers = (district: string) => ({
  district,
  party_member: 'no',
  channels: ['tv'],
  awareness: { xiii: 2, nq43: 3 },
  overall: 7,
});

async function openCampaign(over: Record<string, unknown>): Promise<string> {
  const slug = `fw-${randomUUID().slice(0, 8)}`;
  const res = await fieldwork.post('/api/v1/campaigns', {
    slug,
    surveyId,
    version: 1,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    strata: { variables: ['district'], cells: [{ key: { district: 'hai-chau' }, quota: 5 }, { key: { district: 'hoa-vang' }, quota: 5 }] },
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return slug;
}

async function invite(slug: string, district: string, count = 1): Promise<string[]> {
  const res = await fieldwork.post(`/api/v1/campaigns/${slug}/invitations`, { count, stratum: { district } });
  expect(res.status).toBe(201);
  return (res.body.invitations as { token: string }[]).map((i) => i.token);
}

const submit = (slug: string, body: Record<string, unknown>) =>
  request(app.url, 'POST', `/api/v1/public/campaigns/${slug}/responses`, { submissionId: randomUUID(), answers: answers('hai-chau'), ...body });
const stored = (slug: string) =>
  app.db.connection.collection('campaigns').findOne({ slug }).then((c) => app.db.connection.collection('responses').find({ campaign: c!._id }).toArray());

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
  const user = await createStaff('fw-rules', ['fieldwork']);
  fieldwork = await loginAs(app.url, user.username, user.password);
  surveyId = ((await fieldwork.get('/api/v1/surveys')).body.items as { id: string }[])[0].id;
});

afterAll(async () => {
  await app?.close();
});

describe('When respondents answer through invitations', () => {
  it('then a token works once, a retry of the same submission is answered as before, and a second use is refused', async () => {
    const slug = await openCampaign({ access: 'token' });
    const [token] = await invite(slug, 'hai-chau');
    const submissionId = randomUUID();
    const first = await submit(slug, { token, submissionId });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await submit(slug, { token, submissionId });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    const again = await submit(slug, { token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('token.used');
    expect(again.body.detail).toMatch(/một lần/);
    expect(await stored(slug)).toHaveLength(1);
  });

  it('then of two requests racing with one token exactly one is stored', async () => {
    const slug = await openCampaign({ access: 'token' });
    const [token] = await invite(slug, 'hai-chau');
    const replies = await Promise.all(Array.from({ length: 6 }, () => submit(slug, { token })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await stored(slug)).toHaveLength(1);
  });

  it('then unknown, revoked and missing tokens are refused and store nothing', async () => {
    const slug = await openCampaign({ access: 'token' });
    const [token] = await invite(slug, 'hai-chau');
    expect((await submit(slug, { token: 'x'.repeat(24) })).body.code).toBe('token.invalid');
    expect((await submit(slug, {})).body.code).toBe('token.required');
    const batch = ((await fieldwork.get(`/api/v1/campaigns/${slug}/invitations`)).body.items as { batch: string }[])[0].batch;
    expect((await fieldwork.post(`/api/v1/campaigns/${slug}/invitations/revoke`, { codes: [`${batch}-1`] })).body).toEqual({ revoked: 1 });
    const revoked = await submit(slug, { token });
    expect([revoked.status, revoked.body.code]).toEqual([409, 'token.revoked']);
    expect((await request(app.url, 'GET', `/api/v1/public/campaigns/${slug}?t=${token}`)).status).toBe(409);
    expect(await stored(slug)).toHaveLength(0);
  });

  it('then invalid answers do not use up the token, and the invitation fixes the cell whatever the answers say', async () => {
    const slug = await openCampaign({ access: 'both' });
    const [token] = await invite(slug, 'hoa-vang');
    const invalid = await submit(slug, { token, answers: { ...answers('hai-chau'), overall: 99 } });
    expect(invalid.status).toBe(422);
    expect((await submit(slug, { token, answers: answers('hai-chau') })).status).toBe(201);
    const [doc] = await stored(slug);
    expect(doc.stratum).toEqual({ district: 'hoa-vang' });
    expect(doc.answers.district).toBe('hoa-vang');
    // `both`: the public link still works without a token.
    expect((await submit(slug, {})).status).toBe(201);
  });
});

describe('When a token respondent stops half-way', () => {
  it('then the answers saved on the server come back with the link, count as partial, and go once submitted', async () => {
    const slug = await openCampaign({ access: 'token' });
    const [token] = await invite(slug, 'hai-chau');
    const saved = await request(app.url, 'PUT', `/api/v1/public/campaigns/${slug}/partial`, { token, answers: { district: 'hai-chau', party_member: 'yes' }, pageNo: 1 });
    expect(saved.status).toBe(204);
    await request(app.url, 'PUT', `/api/v1/public/campaigns/${slug}/partial`, { token, answers: { district: 'hai-chau', party_member: 'no' }, pageNo: 1 });
    const opened = await request(app.url, 'GET', `/api/v1/public/campaigns/${slug}?t=${token}`);
    expect(opened.body.campaign.access).toBe('token');
    expect(opened.body.invitation).toMatchObject({ stratum: { district: 'hai-chau' }, resume: { answers: { party_member: 'no' }, pageNo: 1 } });
    let progress = (await fieldwork.get(`/api/v1/campaigns/${slug}/progress`)).body;
    expect(progress.strata[0]).toMatchObject({ key: { district: 'hai-chau' }, partial: 1, completed: 0 });

    expect((await submit(slug, { token })).status).toBe(201);
    await flushCounts();
    progress = (await fieldwork.get(`/api/v1/campaigns/${slug}/progress`)).body;
    expect(progress.strata[0]).toMatchObject({ partial: 0, completed: 1 });
    const invitation = await app.db.connection.collection('invitations').findOne({ campaign: (await app.db.connection.collection('campaigns').findOne({ slug }))!._id });
    expect(invitation!.partial).toBeUndefined();
    const bad = await request(app.url, 'PUT', `/api/v1/public/campaigns/${slug}/partial`, { token, answers: {}, pageNo: 0 });
    expect(bad.status).toBe(409);
  });
});

describe('When responses are stored', () => {
  it('then an anonymous one keeps no token, address, agent or exact time, and its invitation no link back', async () => {
    const slug = await openCampaign({ access: 'token', anonymity: 'anonymous' });
    const [token] = await invite(slug, 'hai-chau');
    const res = await request(
      app.url,
      'POST',
      `/api/v1/public/campaigns/${slug}/responses`,
      { submissionId: randomUUID(), answers: answers('hai-chau'), token },
      { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-A546E) Mobile', 'x-forwarded-for': '203.113.1.7' },
    );
    expect(res.status).toBe(201);
    const [doc] = await stored(slug);
    const text = JSON.stringify(doc);
    expect(text).not.toContain(token);
    expect(text).not.toContain('203.113');
    expect(text).not.toContain('SM-A546E');
    expect(doc.channel).toBe('phone');
    expect(doc.invitation).toBeUndefined();
    expect(typeof doc._id).toBe('string');
    expect(doc.receivedAt.getTime() % 3_600_000).toBe(0);
    const invitation = await app.db.connection.collection('invitations').findOne({ status: 'used', campaign: doc.campaign });
    expect(invitation!.usedAt).toBeUndefined();
    expect(invitation!.response).toBeUndefined();
  });

  it('then a confidential one keeps which invitation it came from', async () => {
    const slug = await openCampaign({ access: 'token', anonymity: 'confidential' });
    const [token] = await invite(slug, 'hai-chau');
    const res = await submit(slug, { token });
    const [doc] = await stored(slug);
    const invitation = await app.db.connection.collection('invitations').findOne({ campaign: doc.campaign });
    expect(doc.invitation).toBe(invitation!.code);
    expect(invitation!.response).toBe(res.body.id);
  });

  it('then a full cell refuses politely or flags, as the campaign says', async () => {
    const small = { variables: ['district'], cells: [{ key: { district: 'hai-chau' }, quota: 1 }, { key: { district: 'hoa-vang' }, quota: 5 }] };
    const refusing = await openCampaign({ strata: small, whenFull: 'refuse' });
    expect((await submit(refusing, {})).status).toBe(201);
    const full = await submit(refusing, {});
    expect([full.status, full.body.code]).toEqual([409, 'quota.full']);
    expect(await stored(refusing)).toHaveLength(1);
    const flagging = await openCampaign({ strata: small, whenFull: 'accept-and-flag' });
    await submit(flagging, {});
    expect((await submit(flagging, {})).status).toBe(201);
    expect((await stored(flagging)).map((d) => d.flags).sort()).toEqual([[], ['over_quota']]);
  });
});

describe('When the cockpit reads progress', () => {
  it('then counts per cell and per day come from the counters, scoped to the user, and survive a rebuild', async () => {
    const slug = await openCampaign({});
    for (const d of ['hai-chau', 'hai-chau', 'hai-chau', 'hoa-vang']) expect((await submit(slug, { answers: answers(d) })).status).toBe(201);
    await flushCounts();
    const progress = (await fieldwork.get(`/api/v1/campaigns/${slug}/progress`)).body;
    expect(progress.total).toEqual({ quota: 10, completed: 4, partial: 0 });
    expect(progress.strata.map((s: { labels: { district: string }; completed: number }) => [s.labels.district, s.completed])).toEqual([
      ['Hải Châu', 3],
      ['Hòa Vang', 1],
    ]);
    expect(progress.daily).toHaveLength(1);
    expect(progress.daily[0].completed).toBe(4);
    expect(progress.daysLeft).toBeGreaterThanOrEqual(20);
    expect(progress.strata[0].pacePerDay).toBeCloseTo(1.5, 10); // 3 over the 2 days since opening
    expect(progress.strata[0].projectedCompletion).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const scopedUser = await createStaff('fw-hoa-vang', ['fieldwork'], { districts: ['hoa-vang'] });
    const scoped = (await (await loginAs(app.url, scopedUser.username, scopedUser.password)).get(`/api/v1/campaigns/${slug}/progress`)).body;
    expect(scoped.strata.map((s: { key: { district: string } }) => s.key.district)).toEqual(['hoa-vang']);
    expect(scoped.total.completed).toBe(1);
    expect((await request(app.url, 'GET', `/api/v1/campaigns/${slug}/progress`)).status).toBe(401);

    await app.db.connection.collection('stratumcounts').deleteMany({});
    await rebuildCounts();
    expect((await fieldwork.get(`/api/v1/campaigns/${slug}/progress`)).body).toEqual(progress);
  });
});
