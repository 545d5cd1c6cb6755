// The review queue over HTTP: seeded speeders, straight-lined matrices and duplicates are exactly what it
// suggests; excluding one or several takes them out of topline, crosstab and the CSV export with the
// reason in the audit log, including brings them back; flags leave results alone; who may do what; and
// bad requests change nothing.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
const staff: Record<'analyst' | 'admin' | 'viewer' | 'fieldwork' | 'designer', StaffClient> = {} as never;
let slug: string;
let otherResponse: string;

const t = (vi: string, en: string) => ({ default: en, vi });
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `r${i + 1}`, text: t(`Dòng ${i + 1}`, `Row ${i + 1}`) }));
const SURVEY = {
  title: t('Phiếu thử rà soát', 'Review test survey'),
  pages: [{
    name: 'p1',
    elements: [
      { type: 'radiogroup', name: 'district', isRequired: true, title: t('Quận/huyện', 'District'),
        choices: [{ value: 'hai-chau', text: t('Hải Châu', 'Hai Chau') }, { value: 'hoa-vang', text: t('Hòa Vang', 'Hoa Vang') }] },
      { type: 'radiogroup', name: 'opinion', title: t('Ý kiến', 'Opinion'),
        choices: [1, 2, 3, 4].map((v) => ({ value: v, text: t(`Mức ${v}`, `Level ${v}`) })) },
      { type: 'matrix', name: 'grid', title: t('Đánh giá các mặt', 'Ratings'), rows: rows(5),
        columns: [1, 2, 3, 4, 5].map((v) => ({ value: v, text: t(`Điểm ${v}`, `Score ${v}`) })) },
      { type: 'matrix', name: 'small', title: t('Bảng nhỏ', 'Small grid'), rows: rows(3),
        columns: [1, 2, 3].map((v) => ({ value: v, text: t(`Cột ${v}`, `Column ${v}`) })) },
      { type: 'comment', name: 'note', title: t('Ghi chú', 'Note') },
    ],
  }],
};

type Answers = Record<string, unknown>;
const shifted = (n: number, k: number) => Object.fromEntries(Array.from({ length: n }, (_, r) => [`r${r + 1}`, 1 + ((r + k) % n)]));
const normal = (i: number): Answers => ({
  district: i % 2 ? 'hai-chau' : 'hoa-vang', opinion: 1 + (i % 4), grid: shifted(5, i), small: shifted(3, i), note: `Ý kiến số ${i}`,
});
const flat = (n: number, v: number) => Object.fromEntries(Array.from({ length: n }, (_, r) => [`r${r + 1}`, v]));

/** Seeded responses by role, with the duration each one took. */
const seeded: { role: string; answers: Answers; duration: number; id?: string }[] = [
  ...Array.from({ length: 18 }, (_, i) => ({ role: `normal${i}`, answers: normal(i), duration: 600 + 15 * i })),
  { role: 'straight1', answers: { ...normal(100), grid: flat(5, 3) }, duration: 700 },
  { role: 'straight2', answers: { ...normal(101), grid: flat(5, 5), small: flat(3, 1) }, duration: 650 },
  { role: 'smallOnly', answers: { ...normal(102), small: flat(3, 2) }, duration: 640 },
  { role: 'speed1', answers: normal(103), duration: 60 },
  { role: 'speed2', answers: { ...normal(104), grid: flat(5, 2) }, duration: 90 },
  { role: 'dupOrig', answers: normal(105), duration: 500 },
  // The same answers with the matrix rows sent in another order.
  { role: 'dup1', answers: { ...normal(105), grid: Object.fromEntries(Object.entries(normal(105).grid as object).reverse()) }, duration: 520 },
  { role: 'dup2', answers: normal(105), duration: 510 },
];
const id = (role: string) => seeded.find((s) => s.role === role)!.id!;
const ids = (...roles: string[]) => roles.map(id).sort();

async function submit(campaign: string, answers: Answers, duration: number) {
  const completedAt = new Date(Date.now() - 1000);
  const res = await request(app.url, 'POST', `/api/v1/public/campaigns/${campaign}/responses`, {
    submissionId: randomUUID(), answers, startedAt: new Date(completedAt.getTime() - duration * 1000).toISOString(), completedAt: completedAt.toISOString(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function createCampaign(surveyId: string, s: string) {
  const created = await staff.admin.post('/api/v1/campaigns', {
    slug: s, surveyId, version: 1, anonymity: 'confidential',
    opensAt: new Date(Date.now() - 86_400_000).toISOString(), closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    strata: { variables: ['district'], cells: [{ key: { district: 'hai-chau' }, quota: 100 }, { key: { district: 'hoa-vang' }, quota: 100 }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

const review = (who: StaffClient, query = '') => who.get(`/api/v1/campaigns/${slug}/review${query}`);
const reviewIds = async (query: string) => {
  const res = await review(staff.analyst, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { id: string }[]).map((i) => i.id).sort();
};
const toplineN = async () => (await staff.analyst.get(`/api/v1/campaigns/${slug}/topline`)).body.n as number;
const crosstabN = async () => (await staff.analyst.get(`/api/v1/campaigns/${slug}/crosstab?row=opinion&col=district`)).body.n as number;
async function csvIds(): Promise<string[]> {
  const res = await staff.analyst.fetchRaw(`/api/v1/campaigns/${slug}/export?format=csv`);
  expect(res.status).toBe(200);
  return (parse(await res.text(), { bom: true, columns: true }) as { response_id: string }[]).map((r) => r.response_id);
}
const auditFor = async (action: string, objectId: string) =>
  (await staff.admin.get(`/api/v1/audit?action=${action}&objectId=${objectId}`)).body.items as { actor: string; details: Record<string, unknown> }[];
const excludedCount = async () => (await review(staff.analyst, '?status=excluded')).body.counts.excluded as number;

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
  for (const role of ['analyst', 'admin', 'viewer', 'fieldwork', 'designer'] as const) {
    const user = await createStaff(`rv-${role}`, [role]);
    staff[role] = await loginAs(app.url, user.username, user.password);
  }
  const survey = await staff.admin.post('/api/v1/surveys', { title: 'Rà soát', json: SURVEY });
  expect(survey.status, JSON.stringify(survey.body)).toBe(201);
  const published = await staff.admin.post(`/api/v1/surveys/${survey.body.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  slug = `rv-${randomUUID().slice(0, 8)}`;
  await createCampaign(survey.body.id, slug);
  for (const s of seeded) s.id = await submit(slug, s.answers, s.duration);
  const other = `rv-other-${randomUUID().slice(0, 6)}`;
  await createCampaign(survey.body.id, other);
  otherResponse = await submit(other, normal(200), 600);
});

afterAll(async () => {
  await app?.close();
});

describe('When staff open the review queue', () => {
  it('then analysts and admins read it and single responses, viewers, designers and fieldwork are refused, and nobody signed out gets in', async () => {
    const routes = [`/api/v1/campaigns/${slug}/review`, `/api/v1/campaigns/${slug}/responses/${id('speed1')}`];
    for (const route of routes) {
      for (const role of ['analyst', 'admin'] as const) expect((await staff[role].get(route)).status, `${role} ${route}`).toBe(200);
      for (const role of ['viewer', 'designer', 'fieldwork'] as const) {
        const res = await staff[role].get(route);
        expect([res.status, res.body.code], `${role} ${route}`).toEqual([403, 'auth.forbidden']);
      }
      expect((await request(app.url, 'GET', route)).status).toBe(401);
    }
    for (const role of ['viewer', 'designer', 'fieldwork'] as const) {
      expect((await staff[role].post(`/api/v1/campaigns/${slug}/responses/${id('speed1')}/flag`, { reason: 'xem lại' })).status).toBe(403);
      expect((await staff[role].post(`/api/v1/campaigns/${slug}/responses/exclude`, { ids: [id('speed1')], reason: 'quá nhanh' })).status).toBe(403);
    }
    expect((await request(app.url, 'POST', `/api/v1/campaigns/${slug}/responses/exclude`, { ids: [id('speed1')], reason: 'quá nhanh' })).status).toBe(401);
    expect(await toplineN()).toBe(seeded.length);
  });

  it('then it suggests exactly the seeded speeders, straight-liners and duplicates, with the median duration', async () => {
    const durations = seeded.map((s) => s.duration).sort((a, b) => a - b);
    const median = (durations[durations.length / 2 - 1] + durations[durations.length / 2]) / 2;
    const res = await review(staff.analyst);
    expect(res.body.medianDurationSec).toBe(median);
    expect(res.body.included).toBe(seeded.length);
    expect(res.body.counts).toEqual({ speeder: 2, straightliner: 3, duplicate: 2, suggested: 6, flagged: 0, excluded: 0 });
    expect((res.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual(ids('straight1', 'straight2', 'speed1', 'speed2', 'dup1', 'dup2'));
    expect(await reviewIds('?kind=speeder')).toEqual(ids('speed1', 'speed2'));
    expect(await reviewIds('?kind=straightliner')).toEqual(ids('straight1', 'straight2', 'speed2'));
    expect(await reviewIds('?kind=duplicate')).toEqual(ids('dup1', 'dup2'));

    const speed1 = (res.body.items as { id: string }[]).find((i) => i.id === id('speed1'));
    expect(speed1).toMatchObject({ durationSec: 60, kinds: ['speeder'], stratum: { district: 'Hải Châu' }, flagged: null, excluded: null });
    const dup = (res.body.items as { id: string; duplicateOf?: string; suggestion: { vi: string } }[]).find((i) => i.id === id('dup2'))!;
    expect(dup.duplicateOf).toBe(id('dupOrig'));
    expect(dup.suggestion.vi).toContain(id('dupOrig').slice(0, 8));
    const paged = await review(staff.analyst, '?limit=4&offset=4');
    expect([paged.body.total, paged.body.items.length]).toEqual([6, 2]);
  });

  it('then one response reads with question titles and answers in words, without its invitation or submission id', async () => {
    const res = await staff.analyst.get(`/api/v1/campaigns/${slug}/responses/${id('straight1')}?lang=en`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: id('straight1'), durationSec: 700, kinds: ['straightliner'], stratum: { district: 'Hoa Vang' } });
    const byName = Object.fromEntries((res.body.answers as { name: string; title: string; text: string }[]).map((a) => [a.name, a]));
    expect(byName.grid).toEqual({ name: 'grid', title: 'Ratings', kind: 'matrix', text: 'Row 1: Score 3; Row 2: Score 3; Row 3: Score 3; Row 4: Score 3; Row 5: Score 3' });
    expect(byName.opinion.text).toBe(`Level ${1 + (100 % 4)}`);
    expect(byName.note.text).toBe('Ý kiến số 100');
    expect(JSON.stringify(res.body)).not.toMatch(/submissionId|invitation/);
  });
});

describe('When an analyst flags, excludes and includes responses', () => {
  it('then a flag is listed with its reason and audited, and the results keep the response', async () => {
    const before = await toplineN();
    const res = await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${id('smallOnly')}/flag`, { reason: 'xem lại bảng nhỏ' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const flagged = await review(staff.analyst, '?status=flagged');
    expect(flagged.body.counts.flagged).toBe(1);
    expect(flagged.body.items).toMatchObject([{ id: id('smallOnly'), kinds: [], flagged: { reason: 'xem lại bảng nhỏ', by: 'rv-analyst' } }]);
    expect((await auditFor('response.flag', id('smallOnly')))[0]).toMatchObject({ actor: 'rv-analyst', details: { reason: 'xem lại bảng nhỏ' } });
    expect(await toplineN()).toBe(before);
    expect((await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${id('smallOnly')}/unflag`, {})).status).toBe(200);
    expect((await review(staff.analyst, '?status=flagged')).body.total).toBe(0);
  });

  it('then excluded responses leave topline, crosstab and the CSV, are listed with the reason and audited, and come back when included', async () => {
    const [n, xn, csv] = [await toplineN(), await crosstabN(), await csvIds()];
    expect(csv.sort()).toEqual(seeded.map((s) => s.id).sort());

    const one = await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${id('speed1')}/exclude`, { reason: 'trả lời quá nhanh' });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const bulk = await staff.admin.post(`/api/v1/campaigns/${slug}/responses/exclude`, { ids: [id('dup1'), id('dup2'), id('dup1')], reason: 'phiếu trùng lặp' });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body).toEqual({ excluded: [id('dup1'), id('dup2')], reason: 'phiếu trùng lặp' });

    const gone = ids('speed1', 'dup1', 'dup2');
    expect(await toplineN()).toBe(n - 3);
    expect(await crosstabN()).toBe(xn - 3);
    const after = await csvIds();
    expect(after.length).toBe(csv.length - 3);
    expect(after.filter((x) => gone.includes(x))).toEqual([]);

    const excluded = await review(staff.analyst, '?status=excluded');
    expect(excluded.body.counts).toMatchObject({ excluded: 3, duplicate: 0, speeder: 1 });
    expect(excluded.body.included).toBe(n - 3);
    expect((excluded.body.items as { id: string }[]).map((i) => i.id)).toEqual([id('dup2'), id('dup1'), id('speed1')]);
    expect(excluded.body.items[2]).toMatchObject({ durationSec: 60, stratum: { district: 'Hải Châu' }, excluded: { reason: 'trả lời quá nhanh', by: 'rv-analyst' } });
    expect(excluded.body.items[0].excluded).toMatchObject({ reason: 'phiếu trùng lặp', by: 'rv-admin' });
    expect(await reviewIds('')).toEqual(ids('straight1', 'straight2', 'speed2'));
    for (const role of ['dup1', 'dup2'])
      expect((await auditFor('response.exclude', id(role)))[0]).toMatchObject({ actor: 'rv-admin', details: { reason: 'phiếu trùng lặp', campaign: slug } });
    expect((await auditFor('response.exclude', id('speed1')))[0].details.reason).toBe('trả lời quá nhanh');

    for (const role of ['speed1', 'dup1', 'dup2'])
      expect((await staff.analyst.post(`/api/v1/campaigns/${slug}/responses/${id(role)}/include`, { reason: 'xem lại' })).status).toBe(200);
    expect(await toplineN()).toBe(n);
    expect(await crosstabN()).toBe(xn);
    expect((await csvIds()).sort()).toEqual(csv.sort());
    expect((await review(staff.analyst)).body.counts).toMatchObject({ speeder: 2, duplicate: 2, excluded: 0 });
  });
});

describe('When a review request is wrong', () => {
  it('then it gets a problem+json error and nothing changes', async () => {
    const [n, excluded] = [await toplineN(), await excludedCount()];
    const base = `/api/v1/campaigns/${slug}/responses`;
    const cases: [() => ReturnType<StaffClient['post']>, number, string][] = [
      [() => staff.analyst.post(`${base}/exclude`, { ids: [id('speed1'), randomUUID()], reason: 'quá nhanh' }), 404, 'response.not_found'],
      [() => staff.analyst.post(`${base}/exclude`, { ids: [id('speed1'), otherResponse], reason: 'quá nhanh' }), 404, 'response.not_found'],
      [() => staff.analyst.post(`${base}/exclude`, { ids: [id('speed1')] }), 422, 'request.invalid'],
      [() => staff.analyst.post(`${base}/exclude`, { ids: [id('speed1')], reason: '  ' }), 422, 'request.invalid'],
      [() => staff.analyst.post(`${base}/exclude`, { ids: [], reason: 'quá nhanh' }), 422, 'request.invalid'],
      [() => staff.analyst.post(`${base}/exclude`, { ids: Array.from({ length: 501 }, () => id('speed1')), reason: 'quá nhanh' }), 400, 'review.too_many'],
      [() => staff.analyst.post(`${base}/${id('speed1')}/exclude`, {}), 422, 'request.invalid'],
      [() => staff.analyst.post(`${base}/${randomUUID()}/exclude`, { reason: 'quá nhanh' }), 404, 'response.not_found'],
      [() => staff.analyst.post(`${base}/${otherResponse}/flag`, { reason: 'xem lại' }), 404, 'response.not_found'],
      [() => staff.analyst.post(`${base}/${id('speed1')}/flag`, {}), 422, 'request.invalid'],
      [() => staff.analyst.get(`${base}/${randomUUID()}`), 404, 'response.not_found'],
      [() => staff.analyst.get(`${base}/${otherResponse}`), 404, 'response.not_found'],
      [() => staff.analyst.get(`/api/v1/campaigns/${slug}/review?status=excluded&kind=speeder`), 400, 'review.bad_query'],
      [() => staff.analyst.get(`/api/v1/campaigns/${slug}/review?status=deleted`), 422, 'request.invalid'],
      [() => staff.analyst.get(`/api/v1/campaigns/${slug}/review?limit=1000`), 422, 'request.invalid'],
      [() => staff.analyst.get('/api/v1/campaigns/khong-co/review'), 404, 'campaign.not_found'],
    ];
    for (const [call, status, code] of cases) {
      const res = await call();
      expect([res.status, res.body?.code], JSON.stringify(res.body)).toEqual([status, code]);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(await toplineN()).toBe(n);
    expect(await excludedCount()).toBe(excluded);
    expect((await review(staff.analyst, '?status=flagged')).body.total).toBe(0);
    expect(await auditFor('response.flag', otherResponse)).toEqual([]);
  });
});
