// The results API over HTTP on the mini questionnaire: who may read tables and review responses, that
// topline and crosstab (filtered, weighted) equal what analysis/ computes directly on the stored
// responses, that a new response shows in the next request, and that an excluded one drops out.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crosstab, rake, svyDesign, tabulate, type SurveyDesign } from '../../analysis/index.ts';
import { localDay } from '../../analysis/progress.ts';
import { countCompleted } from '../../server/campaigns/tally.ts';
import { SurveyResponse } from '../../server/responses/model.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
const staff: Record<'analyst' | 'admin' | 'viewer' | 'fieldwork' | 'designer', StaffClient> = {} as never;
let slug: string;
let survey: Record<string, unknown>;
const population = { 'hai-chau': 150_000, 'hoa-vang': 130_000 };

const CHANNELS = [['tv'], ['press', 'social'], ['tv', 'social'], null];
function answers(i: number): Record<string, unknown> {
  const a: Record<string, unknown> = {
    district: i % 3 === 0 ? 'hai-chau' : 'hoa-vang',
    party_member: i % 4 === 0 ? 'yes' : 'no',
    awareness: { xiii: 1 + (i % 3), nq43: 1 + ((i * 7) % 5 === 0 ? 2 : i % 2) },
    overall: (i * 3) % 11,
  };
  if (i % 4 === 0) a.party_study = i % 8 === 0 ? 'yes' : 'no';
  if (CHANNELS[i % 4]) a.channels = CHANNELS[i % 4];
  if (i % 5 === 0) a.comments = `Ý kiến số ${i}: cần tuyên truyền nhiều hơn.`;
  return a;
}

const submit = (a: Record<string, unknown>) =>
  request(app.url, 'POST', `/api/v1/public/campaigns/${slug}/responses`, { submissionId: randomUUID(), answers: a });

/** The responses as stored, in the database's order: what the analysis below is computed on. */
async function storedResponses() {
  const campaign = await app.db.connection.collection('campaigns').findOne({ slug });
  const docs = await app.db.connection.collection('responses').find<{ _id: string } & Record<string, any>>({ campaign: campaign!._id, status: 'complete' }).toArray();
  return docs.filter((d) => !d.excluded);
}

/** Stratified by cell and raked to the district margin, as the API promises (and analysis/spec.ts does). */
function rakedDesign(docs: Awaited<ReturnType<typeof storedResponses>>): SurveyDesign {
  const d = svyDesign({ n: docs.length, strata: docs.map((r) => r.stratumKey), lonelyPsu: 'adjust' });
  return rake(d, [{ name: 'district', keys: docs.map((r) => r.stratum.district), population }]).design;
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const topline = (who: StaffClient, query = '') => who.get(`/api/v1/campaigns/${slug}/topline${query}`);

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
  for (const role of ['analyst', 'admin', 'viewer', 'fieldwork', 'designer'] as const) {
    const user = await createStaff(`res-${role}`, [role]);
    staff[role] = await loginAs(app.url, user.username, user.password);
  }
  const surveyId = ((await staff.admin.get('/api/v1/surveys')).body.items as { id: string }[])[0].id;
  slug = `res-${randomUUID().slice(0, 8)}`;
  const created = await staff.admin.post('/api/v1/campaigns', {
    slug, surveyId, version: 1,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    strata: { variables: ['district'], cells: [{ key: { district: 'hai-chau' }, quota: 100 }, { key: { district: 'hoa-vang' }, quota: 100 }] },
    population: { margins: { district: population } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (let i = 0; i < 40; i++) {
    const res = await submit(answers(i));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const campaign = await app.db.connection.collection('campaigns').findOne({ slug });
  survey = (await app.db.connection.collection('surveyversions').findOne({ _id: campaign!.version }))!.json;
});

afterAll(async () => {
  await app?.close();
});

describe('When staff ask for results', () => {
  it('then analysts, admins and viewers read tables, fieldwork and designers are refused, and nobody signed out gets in', async () => {
    const routes = [`/api/v1/campaigns/${slug}/topline`, `/api/v1/campaigns/${slug}/crosstab?row=party_member&col=district`];
    for (const route of routes) {
      for (const role of ['analyst', 'admin', 'viewer'] as const) expect((await staff[role].get(route)).status, `${role} ${route}`).toBe(200);
      for (const role of ['fieldwork', 'designer'] as const) {
        const res = await staff[role].get(route);
        expect([res.status, res.body.code], `${role} ${route}`).toEqual([403, 'auth.forbidden']);
      }
      expect((await request(app.url, 'GET', route)).status).toBe(401);
    }
  });

  it('then viewers see how many free-text answers there are but not the answers themselves', async () => {
    const analyst = (await topline(staff.analyst)).body.topline.questions.find((q: { name: string }) => q.name === 'comments');
    const viewer = (await topline(staff.viewer)).body.topline.questions.find((q: { name: string }) => q.name === 'comments');
    expect(analyst.answered).toBe(8);
    expect(viewer.answered).toBe(8);
    expect(JSON.stringify(analyst)).toContain('Ý kiến số 5');
    expect(JSON.stringify(viewer)).not.toContain('Ý kiến số 5');
  });
});

describe('When an analyst reads the topline', () => {
  it('then a filtered topline equals analysis/ tabulating the matching stored responses', async () => {
    const res = await topline(staff.analyst, '?filter=district:hoa-vang;channels:press,social&lang=en');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const docs = (await storedResponses()).filter(
      (d) => d.stratum.district === 'hoa-vang' && (d.answers.channels ?? []).some((c: string) => c === 'press' || c === 'social'),
    );
    const direct = await tabulate(survey, docs.map((d) => ({ id: String(d._id), data: d.answers })), { locale: 'en', quality: false, maxTextAnswers: 100 });
    expect(res.body).toMatchObject({ weighted: false, lang: 'en', filter: { district: ['hoa-vang'], channels: ['press', 'social'] }, n: docs.length, total: 40 });
    expect(docs.length).toBeGreaterThan(5);
    expect(res.body.topline.questions).toEqual(plain(direct.questions));
    expect(res.body.topline.questions[0].title).toBe('District');
  });

  it('then a weighted topline equals analysis/ with the cells as strata and weights raked to the population margins', async () => {
    const res = await topline(staff.analyst, '?weighted=true&filter=party_member:no');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const all = await storedResponses();
    const design = rakedDesign(all);
    const records = all.flatMap((d, i) => (d.answers.party_member === 'no' ? [{ id: String(d._id), data: d.answers, weight: design.weights[i], stratum: d.stratumKey }] : []));
    const direct = await tabulate(survey, records, { locale: 'vi', design: { lonelyPsu: 'adjust' }, quality: false, maxTextAnswers: 100 });
    expect(res.body.weighting).toMatchObject({ method: 'rake', margins: ['district'], converged: true, strata: 2 });
    expect(res.body.weighting.diagnostics.sum).toBeCloseTo(280_000, 6);
    expect(res.body.topline.design).toEqual(direct.design);
    expect(res.body.topline.questions).toEqual(plain(direct.questions));
    const overall = res.body.topline.questions.find((q: { name: string }) => q.name === 'overall');
    expect(JSON.stringify(overall)).toContain('"se"');
  });
});

describe('When an analyst builds a crosstab', () => {
  it('then its percentages and tests equal analysis/crosstab, and cells under 5 respondents are hidden', async () => {
    const res = await staff.analyst.get(`/api/v1/campaigns/${slug}/crosstab?row=party_member&col=district`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const docs = await storedResponses();
    const x = crosstab(svyDesign({ n: docs.length }), docs.map((d) => d.answers.party_member), docs.map((d) => d.stratum.district), { suppressBelow: 5 });
    const body = res.body.crosstab;
    expect(body.colPct).toEqual(plain(x.colPct));
    expect(body.pearson).toEqual(x.pearson);
    expect(body.raoScott).toEqual(x.raoScott);
    // party members in Hải Châu: 4 respondents → hidden everywhere.
    expect(body.counts.yes['hai-chau']).toBeNull();
    expect(body.colPct.yes['hai-chau']).toBeNull();
    expect(body.counts.no['hoa-vang']).toBe(x.counts.no['hoa-vang']);
    expect(body.suppressed).toEqual([{ row: 'yes', col: 'hai-chau' }]);
    expect(res.body.row.levels).toEqual([{ value: 'no', label: 'Không' }, { value: 'yes', label: 'Có' }]);
  });

  it('then a weighted, filtered crosstab equals analysis/crosstab on the raked design with the rest of the sample as a domain', async () => {
    const res = await staff.analyst.get(`/api/v1/campaigns/${slug}/crosstab?row=overall&col=district&weighted=true&filter=party_member:no`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const docs = await storedResponses();
    const inDomain = docs.map((d) => d.answers.party_member === 'no');
    const x = crosstab(
      rakedDesign(docs),
      docs.map((d, i) => (inDomain[i] ? String(d.answers.overall) : null)),
      docs.map((d, i) => (inDomain[i] ? d.stratum.district : null)),
      { suppressBelow: 5 },
    );
    expect(res.body.crosstab.table).toEqual(plain(x.table));
    expect(res.body.crosstab.raoScott).toEqual(x.raoScott);
    expect(res.body.n).toBe(30);
  });
});

describe('When responses arrive or are reviewed', () => {
  it('then a new response shows in the very next request, taken from the submission without reading the responses again', async () => {
    const before = (await topline(staff.analyst)).body;
    const reads = vi.spyOn(SurveyResponse.collection, 'find');
    expect((await submit(answers(100))).status).toBe(201);
    const after = (await topline(staff.analyst)).body;
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(after.n).toBe(before.n + 1);
    const overall = (b: typeof after) => b.topline.questions.find((q: { name: string }) => q.name === 'overall').answered;
    expect(overall(after)).toBe(overall(before) + 1);
  });

  it('then a response stored by another instance (not through this app) shows once the counters count it', async () => {
    const before = (await topline(staff.analyst)).body;
    const campaign = await app.db.connection.collection('campaigns').findOne({ slug });
    const responses = app.db.connection.collection('responses');
    const model = (await responses.findOne({ campaign: campaign!._id, status: 'complete' }))!;
    // overall 10: no answer of the filters below (overall:1) gains a response from this copy.
    await responses.insertOne({ ...model, answers: { ...model.answers, overall: 10 }, _id: randomUUID() as never, submissionId: randomUUID(), receivedAt: new Date() });
    countCompleted(campaign!._id, model.stratumKey, localDay(new Date(), campaign!.timezone ?? 'Asia/Ho_Chi_Minh'));
    const after = (await topline(staff.analyst)).body;
    expect(after.n).toBe(before.n + 1);
  });

  it('then an excluded response drops out of topline and crosstab, its reason is audited, and it comes back when included', async () => {
    const [victim] = await storedResponses();
    const before = (await topline(staff.analyst)).body.n;
    const crossBefore = (await staff.analyst.get(`/api/v1/campaigns/${slug}/crosstab?row=party_member&col=district`)).body.n;
    expect((await staff.viewer.post(`/api/v1/campaigns/${slug}/responses/${victim._id}/exclude`, { reason: 'trả lời quá nhanh' })).status).toBe(403);
    expect((await staff.fieldwork.post(`/api/v1/campaigns/${slug}/responses/${victim._id}/exclude`, { reason: 'trả lời quá nhanh' })).status).toBe(403);
    expect((await request(app.url, 'POST', `/api/v1/campaigns/${slug}/responses/${victim._id}/exclude`, { reason: 'x' })).status).toBe(401);
    const excluded = await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${victim._id}/exclude`, { reason: 'trả lời quá nhanh' });
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(200);
    expect(excluded.body).toEqual({ id: victim._id, excluded: true, reason: 'trả lời quá nhanh' });
    expect((await topline(staff.viewer)).body.n).toBe(before - 1);
    expect((await staff.analyst.get(`/api/v1/campaigns/${slug}/crosstab?row=party_member&col=district`)).body.n).toBe(crossBefore - 1);
    const audit = await staff.admin.get('/api/v1/audit?action=response.exclude');
    expect(audit.body.items[0]).toMatchObject({ actor: 'res-analyst', object: { type: 'response', id: victim._id }, details: { reason: 'trả lời quá nhanh' } });
    // The weighted topline, too, is computed without it.
    const weighted = await topline(staff.analyst, '?weighted=true');
    expect(weighted.body.n).toBe(before - 1);

    const back = await staff.admin.post(`/api/v1/campaigns/${slug}/responses/${victim._id}/include`, { reason: 'kiểm tra lại: hợp lệ' });
    expect(back.body).toEqual({ id: victim._id, excluded: false, reason: 'kiểm tra lại: hợp lệ' });
    expect((await topline(staff.analyst)).body.n).toBe(before);
    const missing = await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${randomUUID()}/exclude`, { reason: 'không tồn tại' });
    expect([missing.status, missing.body.code]).toEqual([404, 'response.not_found']);
    const noReason = await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${victim._id}/exclude`, {});
    expect(noReason.status).toBe(422);
  });
});

describe('When the parameters are wrong', () => {
  it('then the reply is problem+json with 400, 404 or 422', async () => {
    const cases: [string, number, string][] = [
      ['/topline?weighted=maybe', 422, 'request.invalid'],
      ['/topline?lang=fr', 422, 'request.invalid'],
      ['/topline?colour=red', 422, 'request.invalid'],
      ['/topline?filter=nope:x', 400, 'results.bad_filter'],
      ['/topline?filter=district:da-lat', 400, 'results.bad_filter'],
      ['/topline?filter=district', 400, 'results.bad_filter'],
      ['/topline?filter=comments:x', 400, 'results.bad_filter'],
      ['/crosstab?row=party_member', 422, 'request.invalid'],
      ['/crosstab?row=channels&col=district', 400, 'results.bad_variable'],
      ['/crosstab?row=district&col=district', 400, 'results.bad_variable'],
      ['/crosstab?row=party_member&col=district&filter=district:hai-chau', 422, 'results.too_few_levels'],
      // One response left by the filter: no design-based error can be computed, and the analyst is told so.
      ['/topline?filter=overall:1;district:hai-chau', 422, 'results.too_few_responses'],
    ];
    for (const [query, status, code] of cases) {
      const res = await staff.analyst.get(`/api/v1/campaigns/${slug}${query}`);
      expect([res.status, res.body?.code], query).toEqual([status, code]);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const unknown = await staff.analyst.get('/api/v1/campaigns/khong-co/topline');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'campaign.not_found']);
  });
});
