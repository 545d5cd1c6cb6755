// The respondents' API contract, checked over HTTP against the real app and the embedded database.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign, StratumCount } from '../../server/campaigns/model.ts';
import { flushCounts } from '../../server/campaigns/tally.ts';
import { SurveyResponse } from '../../server/responses/model.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
const valid = () => ({
  district: 'hoa-vang',
  party_member: 'yes',
  party_study: 'yes',
  channels: ['tv', 'social'],
  awareness: { xiii: 3, nq43: 2 },
  overall: 8,
  comments: 'Cần công khai kết quả thực hiện nghị quyết.',
});

async function post(body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${app.url}/api/v1/public/campaigns/mini/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

const submission = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(),
  answers,
  ...extra,
});

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
});
afterAll(async () => app?.close());

describe('health', () => {
  it('reports the app and the embedded database as up', async () => {
    const res = await fetch(`${app.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: { ok: true, engine: 'embedded' } });
  });
});

describe('reading a campaign', () => {
  it('gives the campaign, its version number and the questionnaire', async () => {
    const res = await fetch(`${app.url}/api/v1/public/campaigns/mini`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.campaign).toMatchObject({ slug: 'mini', title: 'Đợt khảo sát thử', status: 'open' });
    expect(new Date(body.campaign.opensAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(body.campaign.closesAt).getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
    expect(body.version).toBe(1);
    expect(body.survey.pages[0].elements[0].name).toBe('district');
  });

  it('answers an unknown slug with 404 problem+json', async () => {
    const res = await fetch(`${app.url}/api/v1/public/campaigns/khong-co`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, code: 'campaign.not_found' });
  });

  it('sends a content security policy that allows nothing from other origins', async () => {
    const res = await fetch(`${app.url}/api/v1/public/campaigns/mini`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/https?:|\*/);
  });
});

describe('submitting', () => {
  it('stores a valid response once and counts it toward its stratum', async () => {
    const body = submission(valid(), { locale: 'vi', startedAt: '2026-01-01T08:00:00+07:00' });
    const first = await post(body, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), submissionId: body.submissionId });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const stored = await SurveyResponse.find({ submissionId: body.submissionId }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ answers: valid(), stratum: { district: 'hoa-vang' }, channel: 'phone' });
    // anonymous campaign: arrival time kept only to the hour
    expect(stored[0].receivedAt.getTime() % 3_600_000).toBe(0);
    await flushCounts();
    const count = await StratumCount.findOne({ key: 'district=hoa-vang' }).lean();
    expect(count?.completed).toBeGreaterThanOrEqual(1);
  });

  it('stores a racing duplicate once: every request gets the same id', async () => {
    const body = submission(valid());
    const replies = await Promise.all(Array.from({ length: 12 }, () => post(body)));
    expect(replies.map((r) => r.status).sort((a, b) => a - b)).toEqual([...Array(11).fill(200), 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await SurveyResponse.countDocuments({ submissionId: body.submissionId })).toBe(1);
  });

  it('flags, but accepts, a response beyond its cell quota', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await post(submission({ ...valid(), district: 'hai-chau' }))).body.id);
    const flags = (await SurveyResponse.find({ _id: { $in: ids } }).lean()).map((r) => r.flags.join(','));
    expect(flags.sort()).toEqual(['', '', 'over_quota']);
  });
});

describe('a full cell when the campaign refuses over-quota responses', () => {
  it('is refused politely with 409, while a retry of a stored response and other cells still succeed', async () => {
    const earlier = submission({ ...valid(), district: 'hai-chau' });
    expect((await post(earlier)).status).toBe(201);
    await Campaign.updateOne({ slug: 'mini' }, { $set: { whenFull: 'refuse', 'strata.cells.0.quota': 1 } });
    try {
      const late = submission({ ...valid(), district: 'hai-chau' });
      const refused = await post(late);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'quota.full', detail: expect.stringMatching(/đủ số phiếu/) });
      expect(await SurveyResponse.countDocuments({ submissionId: late.submissionId })).toBe(0);
      expect((await post(earlier)).status).toBe(200);
      expect((await post(submission(valid()))).status).toBe(201);
    } finally {
      await Campaign.updateOne({ slug: 'mini' }, { $set: { whenFull: 'accept-and-flag', 'strata.cells.0.quota': 2 } });
    }
  });
});

describe('rejecting answers (422, nothing stored)', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['an unknown question', { ...valid(), q_unknown: 1 }, 'q_unknown', 'unknown_question'],
    ['a value not among the choices', { ...valid(), district: 'hoang-sa' }, 'district', 'not_in_choices'],
    ['a wrong type', { ...valid(), channels: 'tv' }, 'channels', 'wrong_type'],
    ['an unknown matrix row', { ...valid(), awareness: { xiii: 3, nq43: 2, zz: 1 } }, 'awareness', 'unknown_row'],
    ['an unknown matrix column', { ...valid(), awareness: { xiii: 9, nq43: 2 } }, 'awareness', 'unknown_column'],
    ['too many selections', { ...valid(), channels: ['tv', 'press', 'social'] }, 'channels', 'too_many_choices'],
    ['a missing required answer', { ...valid(), district: undefined }, 'district', 'required'],
    ['an answer to a hidden question', { ...valid(), party_member: 'no' }, 'party_study', 'hidden_question'],
    ['a rating outside its scale', { ...valid(), overall: 11 }, 'overall', 'out_of_range'],
  ];
  it.each(cases)('rejects %s', async (_name, answers, question, code) => {
    const body = submission(answers);
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ question, code }));
    expect(await SurveyResponse.countDocuments({ submissionId: body.submissionId })).toBe(0);
  });

  it('explains in the respondent’s language', async () => {
    const vi = await post(submission({ ...valid(), district: 'x' }, { locale: 'vi' }));
    const en = await post(submission({ ...valid(), district: 'x' }, { locale: 'en' }));
    expect(vi.body.errors[0].message).not.toBe(en.body.errors[0].message);
    expect(vi.body.errors[0].message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it.each([
    ['a key starting with $', '{"$where": "1"}'],
    ['a key with a dot', '{"a.b": 1}'],
    ['__proto__', '{"__proto__": {"polluted": true}}'],
    ['constructor', '{"constructor": {"prototype": {"x": 1}}}'],
  ])('rejects %s with 422', async (_name, answersJson) => {
    const id = randomUUID();
    const raw = `{"submissionId":"${id}","answers":${answersJson.replace('{', '{"district":"hai-chau",')}}`;
    const res = await post(null, { raw });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('forbidden_key');
    expect(await SurveyResponse.countDocuments({ submissionId: id })).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers malformed JSON with 400 and a body over 256 KiB with 413', async () => {
    const bad = await post(null, { raw: '{"submissionId": ' });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^application\/problem\+json/);
    const big = await post(submission({ ...valid(), comments: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('request.too_large');
  });

  it('answers a body without a valid submissionId with 400', async () => {
    const res = await post({ submissionId: 'abc', answers: valid() });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('submissionId');
  });

  it('answers answers that are not an object with 400, storing nothing', async () => {
    for (const answers of [['district'], 'hai-chau', null, 5]) {
      const id = randomUUID();
      const res = await post({ submissionId: id, answers });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['answers']);
      expect(await SurveyResponse.countDocuments({ submissionId: id })).toBe(0);
    }
  });
});

describe('outside the fieldwork window (409, in Vietnamese)', () => {
  it.each([
    ['closed', { closesAt: new Date(Date.now() - 60_000) }, 'campaign.closed', /đã kết thúc/],
    ['not yet open', { opensAt: new Date(Date.now() + 86_400_000) }, 'campaign.not_open', /chưa bắt đầu/],
    ['paused', { status: 'paused' }, 'campaign.paused', /tạm dừng/],
  ])('refuses a submission when the campaign is %s', async (_n, change, code, text) => {
    const before = await Campaign.findOne({ slug: 'mini' }).lean();
    await Campaign.updateOne({ slug: 'mini' }, { $set: change });
    try {
      const body = submission(valid());
      const res = await post(body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(code);
      expect(res.body.detail).toMatch(text);
      expect(await SurveyResponse.countDocuments({ submissionId: body.submissionId })).toBe(0);
    } finally {
      await Campaign.updateOne(
        { slug: 'mini' },
        { $set: { opensAt: before!.opensAt, closesAt: before!.closesAt, status: before!.status } },
      );
    }
  });

  it('still answers a retry of an acknowledged submission after the campaign closed', async () => {
    const body = submission(valid());
    const first = await post(body);
    await Campaign.updateOne({ slug: 'mini' }, { $set: { status: 'closed' } });
    try {
      const retry = await post(body);
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(first.body.id);
    } finally {
      await Campaign.updateOne({ slug: 'mini' }, { $set: { status: 'active' } });
    }
  });
});

describe('unknown API routes', () => {
  it('answer 404 problem+json, not the page', async () => {
    const res = await fetch(`${app.url}/api/v1/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
