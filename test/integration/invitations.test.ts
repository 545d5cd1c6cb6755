// Invitations over HTTP: issued per stratum cell, shown once, stored only hashed, listed without tokens,
// revoked by their printed code, and limited to a district-scoped officer's own districts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
let fieldwork: StaffClient;
const slug = `moi-${randomUUID().slice(0, 8)}`;
const cell = { district: 'hai-chau', group: 'residents' };

beforeAll(async () => {
  app = await startTestApp();
  const user = await createStaff('fw-moi', ['fieldwork']);
  fieldwork = await loginAs(app.url, user.username, user.password);
  const surveys = (await fieldwork.get('/api/v1/surveys')).body as { items: { id: string; latestVersion: number }[] };
  const created = await fieldwork.post('/api/v1/campaigns', {
    slug,
    surveyId: surveys.items.find((s) => s.latestVersion === 1)!.id,
    version: 1,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    access: 'token',
    anonymity: 'anonymous',
    strata: {
      variables: ['district', 'group'],
      cells: [
        { key: cell, quota: 10 },
        { key: { district: 'son-tra', group: 'residents' }, quota: 10 },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});

afterAll(async () => {
  await app?.close();
});

const url = `/api/v1/campaigns/${slug}/invitations`;

describe('When a fieldwork officer issues invitations', () => {
  it('then each is a long random single link shown once, and the database keeps only hashes', async () => {
    const res = await fieldwork.post(url, { count: 25, stratum: cell });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const invitations = res.body.invitations as { token: string; url: string; code: string }[];
    expect(invitations).toHaveLength(25);
    expect(new Set(invitations.map((i) => i.token)).size).toBe(25);
    for (const inv of invitations) {
      expect(Buffer.from(inv.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      expect(inv.url).toBe(`${app.url}/s/${slug}?t=${inv.token}`);
      expect(inv.code).toMatch(/^[A-Z2-9]{4}-\d{2}$/);
    }
    const stored = await app.db.connection.collection('invitations').find({}).toArray();
    const dump = JSON.stringify(stored);
    for (const inv of invitations) expect(dump).not.toContain(inv.token);
    expect(stored.every((d) => /^[0-9a-f]{64}$/.test(String(d._id)))).toBe(true);

    const list = await fieldwork.get(url);
    expect(list.body.items).toEqual([
      expect.objectContaining({ batch: invitations[0].code.slice(0, 4), stratum: cell, total: 25, used: 0, revoked: 0, createdBy: 'fw-moi' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(invitations[0].token);
  });

  it('then revoking by printed code revokes only unused invitations of that campaign', async () => {
    const { invitations } = (await fieldwork.post(url, { count: 3, stratum: cell })).body as { invitations: { code: string }[] };
    const res = await fieldwork.post(`${url}/revoke`, { codes: [invitations[0].code, invitations[1].code, 'ZZZZ-1'] });
    expect(res.body).toEqual({ revoked: 2 });
    const batch = ((await fieldwork.get(url)).body.items as { batch: string; revoked: number }[]).find((b) => invitations[0].code.startsWith(b.batch));
    expect(batch?.revoked).toBe(2);
    const audit = await app.db.connection.collection('auditevents').find({ action: { $in: ['invitation.create', 'invitation.revoke'] } }).toArray();
    expect(audit.map((a) => a.action)).toEqual(['invitation.create', 'invitation.create', 'invitation.revoke']);
  });

  it('then an unknown cell, a bad count or another district is refused and nothing is issued', async () => {
    const before = await app.db.connection.collection('invitations').countDocuments();
    expect((await fieldwork.post(url, { count: 2, stratum: { district: 'hai-chau' } })).status).toBe(422);
    expect((await fieldwork.post(url, { count: 2, stratum: { district: 'lien-chieu', group: 'residents' } })).status).toBe(422);
    expect((await fieldwork.post(url, { count: 0, stratum: cell })).status).toBe(422);
    expect((await fieldwork.post(url, { count: 2, stratum: cell, token: 'mine' })).status).toBe(422);

    const scoped = await createStaff('fw-son-tra', ['fieldwork'], { districts: ['son-tra'] });
    const client = await loginAs(app.url, scoped.username, scoped.password);
    expect((await client.post(url, { count: 2, stratum: cell })).status).toBe(403);
    expect((await client.post(url, { count: 2, stratum: { district: 'son-tra', group: 'residents' } })).status).toBe(201);
    const seen = (await client.get(url)).body.items as { stratum: { district: string } }[];
    expect(seen.map((b) => b.stratum.district)).toEqual(['son-tra']);

    const analyst = await createStaff('an-moi', ['analyst']);
    expect((await (await loginAs(app.url, analyst.username, analyst.password)).post(url, { count: 1, stratum: cell })).status).toBe(403);
    expect(await app.db.connection.collection('invitations').countDocuments()).toBe(before + 2);
  });

  it('then a campaign with public links only issues none', async () => {
    const res = await fieldwork.post('/api/v1/campaigns/giua-nhiem-ky-2023/invitations', { count: 1, stratum: cell });
    expect(res.status).toBe(409);
  });
});
