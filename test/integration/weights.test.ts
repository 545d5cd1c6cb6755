// The weights API over HTTP on the mini questionnaire: who may read and store population margins, that a
// bad margin is refused by name and changes nothing, that a save is audited, and that the weighted topline
// and the diagnostics then equal what analysis/ computes directly from the stored responses.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rake, svyDesign, tabulate, weightDiagnostics } from '../../analysis/index.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
const staff: Record<'analyst' | 'admin' | 'viewer' | 'fieldwork' | 'designer', StaffClient> = {} as never;
let slug: string;
let survey: Record<string, unknown>;

const district = { 'hai-chau': 150_000, 'hoa-vang': 130_000 };
const partyMember = { yes: 28_000, no: 252_300 }; // 280,300: within 1% of the district total

function answers(i: number): Record<string, unknown> {
  const a: Record<string, unknown> = {
    district: i % 3 === 0 ? 'hai-chau' : 'hoa-vang',
    party_member: i % 4 === 0 || i % 7 === 0 ? 'yes' : 'no',
    awareness: { xiii: 1 + (i % 3), nq43: 1 + (i % 2) },
    overall: (i * 3) % 11,
  };
  if (a.party_member === 'yes') a.party_study = i % 8 === 0 ? 'yes' : 'no';
  return a;
}

const url = (query = '') => `/api/v1/campaigns/${slug}/weights${query}`;
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

async function storedResponses() {
  const campaign = await app.db.connection.collection('campaigns').findOne({ slug });
  const docs = await app.db.connection.collection('responses').find<{ _id: string } & Record<string, any>>({ campaign: campaign!._id, status: 'complete' }).toArray();
  return docs.filter((d) => !d.excluded);
}

const storedPopulation = async () => (await app.db.connection.collection('campaigns').findOne({ slug }))!.population;
const auditCount = async () => app.db.connection.collection('auditevents').countDocuments({ action: 'campaign.weights' });

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
  for (const role of ['analyst', 'admin', 'viewer', 'fieldwork', 'designer'] as const) {
    const user = await createStaff(`w-${role}`, [role]);
    staff[role] = await loginAs(app.url, user.username, user.password);
  }
  const surveyId = ((await staff.admin.get('/api/v1/surveys')).body.items as { id: string }[])[0].id;
  slug = `w-${randomUUID().slice(0, 8)}`;
  const created = await staff.admin.post('/api/v1/campaigns', {
    slug, surveyId, version: 1,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    strata: { variables: ['district'], cells: [{ key: { district: 'hai-chau' }, quota: 100 }, { key: { district: 'hoa-vang' }, quota: 100 }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (let i = 0; i < 40; i++) {
    const res = await request(app.url, 'POST', `/api/v1/public/campaigns/${slug}/responses`, { submissionId: randomUUID(), answers: answers(i) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const campaign = await app.db.connection.collection('campaigns').findOne({ slug });
  survey = (await app.db.connection.collection('surveyversions').findOne({ _id: campaign!.version }))!.json;
});

afterAll(async () => {
  await app?.close();
});

describe('When staff open the weights', () => {
  it('then analysts, admins and viewers read them, only analysts and admins store them, and nobody signed out gets in', async () => {
    for (const role of ['analyst', 'admin', 'viewer'] as const) expect((await staff[role].get(url())).status, role).toBe(200);
    for (const role of ['fieldwork', 'designer'] as const) expect([(await staff[role].get(url())).status, role]).toEqual([403, role]);
    expect((await request(app.url, 'GET', url())).status).toBe(401);
    for (const role of ['viewer', 'fieldwork', 'designer'] as const) {
      const res = await staff[role].put(url(), { margins: { district } });
      expect([res.status, res.body.code, role]).toEqual([403, 'auth.forbidden', role]);
    }
    expect((await request(app.url, 'PUT', url(), { margins: { district } })).status).toBe(401);
    expect(await storedPopulation()).toBeUndefined();
    expect(await auditCount()).toBe(0);
  });

  it('then the variables on offer are the strata and the single-choice questions everyone answers, labelled in the chosen language', async () => {
    const res = await staff.viewer.get(url('?lang=en'));
    expect(res.body).toMatchObject({ margins: {}, total: 40, failure: null, problems: [], comparison: [] });
    expect(res.body.variables).toEqual([
      { name: 'district', title: 'District', stratum: true, levels: [{ value: 'hai-chau', label: 'Hai Chau' }, { value: 'hoa-vang', label: 'Hoa Vang' }] },
      { name: 'party_member', title: 'Party member?', stratum: false, levels: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
    ]);
    // Without margins the weights are the stratified design's own (all 1).
    expect(res.body.weighting).toMatchObject({ method: 'none', diagnostics: { n: 40, sum: 40, kishDeff: 1 } });
  });
});

describe('When an analyst stores bad margins', () => {
  it('then each is refused with problem+json naming the variable or level, and the campaign is unchanged', async () => {
    const cases: [unknown, string, string][] = [
      [{ margins: { nope: { a: 1, b: 2 } } }, 'weights.invalid', 'margins.nope'],
      [{ margins: { overall: { 1: 5, 2: 5 } } }, 'weights.invalid', 'margins.overall'], // a rating, not a single choice
      [{ margins: { party_study: { yes: 5, no: 5 } } }, 'weights.invalid', 'margins.party_study'], // asked of party members only
      [{ margins: { district: { 'hai-chau': 1, 'da-lat': 2 } } }, 'weights.invalid', 'margins.district.da-lat'],
      [{ margins: { district: { 'hai-chau': 0, 'hoa-vang': 2 } } }, 'weights.invalid', 'margins.district.hai-chau'],
      [{ margins: { district: { 'hai-chau': -5, 'hoa-vang': 2 } } }, 'weights.invalid', 'margins.district.hai-chau'],
      [{ margins: { district: { 'hai-chau': '150000', 'hoa-vang': 2 } } }, 'weights.invalid', 'margins.district.hai-chau'],
      [{ margins: { district: { 'hai-chau': null, 'hoa-vang': 2 } } }, 'weights.invalid', 'margins.district.hai-chau'],
      [{ margins: { district: { 'hai-chau': 150_000 } } }, 'weights.invalid', 'margins.district'],
      [{ margins: { district, party_member: { yes: 28_000, no: 262_000 } } }, 'weights.invalid', 'margins.party_member'],
      [{ margins: { 'district:nope': { 'hai-chau:x': 1, 'hoa-vang:x': 1 } } }, 'weights.invalid', 'margins.district:nope'],
      [{ margins: { 'district:party_member': { 'hai-chau:yes': 1, 'hai-chau:maybe': 1 } } }, 'weights.invalid', 'margins.district:party_member.hai-chau:maybe'],
      [{ margins: { district }, weight: 2 }, 'request.invalid', ''],
      [{ district }, 'request.invalid', 'margins'],
      [{ margins: [1, 2] }, 'request.invalid', 'margins'],
    ];
    for (const [body, code, path] of cases) {
      const res = await staff.analyst.put(url(), body);
      const label = JSON.stringify(body);
      expect([res.status, res.body.code], label).toEqual([422, code]);
      expect(res.headers.get('content-type'), label).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path), label).toContain(path);
    }
    // The totals check names both margins and both totals.
    const totals = await staff.analyst.put(url(), { margins: { district, party_member: { yes: 28_000, no: 262_000 } } });
    expect(totals.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['margins.district', 'margins.party_member']);
    expect(totals.body.errors[0].message).toMatch(/280\.000|290\.000/);
    const malformed = await staff.analyst.fetchRaw(url(), { method: 'PUT', headers: { 'content-type': 'application/json', origin: app.url }, body: '{"margins": {' });
    expect([malformed.status, (await malformed.json()).code]).toEqual([400, 'request.malformed_json']);
    expect(await storedPopulation()).toBeUndefined();
    expect(await auditCount()).toBe(0);
  });
});

describe('When an analyst stores margins', () => {
  it('then they are kept and audited, and the next weighted topline is raked to them exactly as analysis/ does', async () => {
    const before = await staff.analyst.get(`/api/v1/campaigns/${slug}/topline?weighted=true`);
    expect(before.body.weighting.method).toBe('none');
    const revision = async () => (await app.db.connection.collection('resultsstates').findOne({ campaign: (await app.db.connection.collection('campaigns').findOne({ slug }))!._id }))?.revision ?? 0;
    const revisionBefore = await revision();

    const saved = await staff.analyst.put(url(), { margins: { district, party_member: partyMember }, source: 'Số liệu thử cho kiểm thử' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ margins: { district, party_member: partyMember }, source: 'Số liệu thử cho kiểm thử', failure: null, problems: [] });
    expect(await storedPopulation()).toEqual({ margins: { district, party_member: partyMember }, source: 'Số liệu thử cho kiểm thử' });
    expect(await revision()).toBeGreaterThan(revisionBefore);
    const audit = await staff.admin.get('/api/v1/audit?action=campaign.weights');
    expect(audit.body.items[0]).toMatchObject({ actor: 'w-analyst', object: { type: 'campaign', id: slug }, details: { margins: { district, party_member: partyMember }, previous: null } });

    // Directly: the cells as strata, raked to both margins in the order stored.
    const docs = await storedResponses();
    const design = rake(svyDesign({ n: docs.length, strata: docs.map((d) => d.stratumKey), lonelyPsu: 'adjust' }), [
      { name: 'district', keys: docs.map((d) => d.stratum.district), population: district },
      { name: 'party_member', keys: docs.map((d) => d.answers.party_member), population: partyMember },
    ]);
    const records = docs.map((d, i) => ({ id: String(d._id), data: d.answers, weight: design.design.weights[i], stratum: d.stratumKey }));
    const direct = await tabulate(survey, records, { locale: 'vi', design: { lonelyPsu: 'adjust' }, quality: false, maxTextAnswers: 100 });

    const after = await staff.analyst.get(`/api/v1/campaigns/${slug}/topline?weighted=true`);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body.weighting).toMatchObject({ method: 'rake', margins: ['district', 'party_member'], converged: design.converged, iterations: design.iterations });
    expect(after.body.topline.design).toEqual(direct.design);
    expect(after.body.topline.questions).toEqual(plain(direct.questions));

    // The page's diagnostics are weightDiagnostics of those weights.
    const page = (await staff.viewer.get(url())).body;
    const d = weightDiagnostics(design.design.weights);
    for (const key of ['n', 'sum', 'min', 'max', 'mean', 'cv', 'kishDeff', 'kishEffectiveN'] as const)
      expect(relative(page.weighting.diagnostics[key], d[key]), key).toBeLessThan(1e-9);
    expect(page.weighting.diagnostics.kishDeff).toBeGreaterThan(1);
    expect(page.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(docs.length);

    // Sample shares count the stored answers; weighted shares meet the population shares.
    const members = page.comparison.find((m: { name: string }) => m.name === 'party_member');
    const yes = members.levels.find((l: { value: string }) => l.value === 'yes');
    const sampleYes = docs.filter((x) => x.answers.party_member === 'yes').length;
    expect(yes).toMatchObject({ label: 'Có', population: 28_000, sample: sampleYes });
    expect(yes.samplePct).toBeCloseTo((100 * sampleYes) / docs.length, 10);
    expect(yes.populationPct).toBeCloseTo((100 * 28_000) / 280_300, 10);
    expect(yes.weightedPct).toBeCloseTo(yes.populationPct, 6);
    const haiChau = page.comparison[0].levels.find((l: { value: string }) => l.value === 'hai-chau');
    expect(haiChau.weightedPct).toBeCloseTo((100 * 150_000) / 280_000, 2);
  });

  it('then margins that cannot be raked are kept, and the page and the weighted topline say why', async () => {
    // No population count for Hòa Vang's non-members, who are in the sample.
    const cross = { 'hai-chau:yes': 10_000, 'hai-chau:no': 140_000, 'hoa-vang:yes': 18_000 };
    const saved = await staff.admin.put(url('?lang=en'), { margins: { 'district:party_member': cross } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.weighting).toBeNull();
    expect(saved.body.failure).toMatchObject({ code: 'results.weighting_failed' });
    expect(saved.body.failure.detail).toContain("'hoa-vang:no'");
    const noCount = docs40().filter((a) => a.district === 'hoa-vang' && a.party_member === 'no').length;
    expect(saved.body.problems).toEqual([
      { margin: 'district:party_member', level: 'hoa-vang:no', message: `"Hoa Vang × No" (District × Party member?) has ${noCount} respondents but no population count.` },
    ]);
    expect(saved.body.comparison[0].levels.map((l: { value: string }) => l.value)).toEqual(['hai-chau:yes', 'hai-chau:no', 'hoa-vang:yes', 'hoa-vang:no']);
    const topline = await staff.analyst.get(`/api/v1/campaigns/${slug}/topline?weighted=true`);
    expect([topline.status, topline.body.code]).toEqual([422, 'results.weighting_failed']);
  });

  it('then an empty set of margins removes weighting, and the source can be cleared', async () => {
    const saved = await staff.analyst.put(url(), { margins: {}, source: '' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ margins: {}, source: null, failure: null, comparison: [] });
    expect(await storedPopulation()).toEqual({ margins: {} });
    const topline = await staff.analyst.get(`/api/v1/campaigns/${slug}/topline?weighted=true`);
    expect(topline.body.weighting).toMatchObject({ method: 'none', margins: [] });
    expect(await auditCount()).toBe(3);
    const audit = await staff.admin.get('/api/v1/audit?action=campaign.weights');
    expect(audit.body.items[0].details).toMatchObject({ margins: null, previous: { 'district:party_member': { 'hoa-vang:yes': 18_000 } }, source: null });
  });
});

/** The answers as submitted (the test's own record, independent of the server). */
function docs40() {
  return Array.from({ length: 40 }, (_, i) => answers(i));
}
