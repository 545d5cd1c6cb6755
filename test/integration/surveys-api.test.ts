// The questionnaires API over HTTP: every route for every role, publishing rules, drafts that are never
// overwritten silently, and the audit trail. The validation checks are exercised through the API here;
// their details are unit-tested in test/unit/survey-checks.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRole } from '../../server/contract/staff.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, type StaffClient } from '../helpers/staff.ts';

const API = '/api/v1/surveys';
const demo = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));

/** A small single-language questionnaire, as imported from another SurveyJS tool. */
const plain = (extra: Record<string, unknown>[] = []) => ({
  title: 'Khảo sát thử',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'q1', title: 'Bạn có đồng ý?', choices: [{ value: 'yes', text: 'Có' }, { value: 'no', text: 'Không' }] },
        { type: 'comment', name: 'q2', title: 'Ý kiến khác', visibleIf: "{q1} = 'no'" },
        ...extra,
      ],
    },
  ],
});

let app: TestApp;
const as: Partial<Record<TRole, StaffClient>> = {};
const ROLES: TRole[] = ['admin', 'designer', 'fieldwork', 'analyst', 'viewer'];

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) {
    const user = await createStaff(`${role}-user`, [role]);
    as[role] = await loginAs(app.url, user.username, user.password);
  }
});

afterAll(async () => {
  await app?.close();
});

const designer = () => as.designer!;

async function newSurvey(body: Record<string, unknown> = { title: 'Thử', json: plain() }): Promise<string> {
  const res = await designer().post(API, body);
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
}

async function saveAndValidate(id: string, json: unknown, languages?: string[]) {
  const detail = (await designer().get(`${API}/${id}`)).body as { revision: number };
  const saved = await designer().put(`${API}/${id}/draft`, { json, revision: detail.revision, ...(languages ? { languages } : {}) });
  expect(saved.status).toBe(200);
  return (await designer().post(`${API}/${id}/validate`)).body as { ok: boolean; problems: { code: string; question?: string; path: string; message: string }[] };
}

describe('When each role calls each route', () => {
  const writers = new Set<TRole>(['admin', 'designer']);

  it('then everyone reads, only designers and admins write, refusals are 403 and change nothing, and no session is 401', async () => {
    const id = await newSurvey();
    const before = (await designer().get(`${API}/${id}`)).body as { draft: unknown; revision: number };
    for (const role of ROLES) {
      const c = as[role]!;
      const write = writers.has(role);
      expect((await c.get(API)).status, `${role} list`).toBe(200);
      expect((await c.get(`${API}/templates`)).status, `${role} templates`).toBe(200);
      expect((await c.get(`${API}/${id}`)).status, `${role} read`).toBe(200);
      expect((await c.get(`${API}/${id}/changes`)).status, `${role} changes`).toBe(200);
      expect((await c.get(`${API}/${id}/versions`)).status, `${role} versions`).toBe(200);
      expect((await c.get(`${API}/${id}/export`)).status, `${role} export`).toBe(200);

      const created = await c.post(API, { title: `Của ${role}`, json: plain() });
      expect(created.status, `${role} create`).toBe(write ? 201 : 403);
      const own = write ? (created.body as { id: string }).id : id;
      const rev = ((await c.get(`${API}/${own}`)).body as { revision: number }).revision;
      const changed = plain([{ type: 'text', name: `extra_${role}`, title: 'Thêm' }]);
      expect((await c.put(`${API}/${own}/draft`, { json: changed, revision: rev })).status, `${role} save`).toBe(write ? 200 : 403);
      expect((await c.post(`${API}/${own}/validate`)).status, `${role} validate`).toBe(write ? 200 : 403);
      expect((await c.post(`${API}/${own}/publish`)).status, `${role} publish`).toBe(write ? 201 : 403);
      if (write) {
        expect((await c.get(`${API}/${own}/versions/1`)).status, `${role} version`).toBe(200);
        expect((await c.get(`${API}/${own}/export?version=1`)).status, `${role} export v1`).toBe(200);
      }
    }
    const after = (await designer().get(`${API}/${id}`)).body as { draft: unknown; revision: number; latestVersion: number };
    expect(after.draft).toEqual(before.draft);
    expect(after.revision).toBe(before.revision);
    expect(after.latestVersion).toBe(0);

    // A published version reads the same for every role.
    expect((await designer().post(`${API}/${id}/publish`)).status).toBe(201);
    for (const role of ROLES) {
      expect((await as[role]!.get(`${API}/${id}/versions/1`)).status, `${role} version`).toBe(200);
      expect((await as[role]!.get(`${API}/${id}/export?version=1`)).status, `${role} export v1`).toBe(200);
    }

    for (const [method, url] of [
      ['GET', API],
      ['GET', `${API}/templates`],
      ['GET', `${API}/${id}`],
      ['GET', `${API}/${id}/changes`],
      ['GET', `${API}/${id}/versions`],
      ['GET', `${API}/${id}/versions/1`],
      ['GET', `${API}/${id}/export`],
      ['PUT', `${API}/${id}/draft`],
      ['POST', `${API}/${id}/validate`],
      ['POST', `${API}/${id}/publish`],
    ] as const) {
      const res = await fetch(app.url + url, {
        method,
        ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify({ json: plain(), revision: 1 }) }),
      });
      expect(res.status, `${method} ${url} without a session`).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const anonymous = await fetch(`${app.url}${API}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('then a write from another site is refused with 403 and creates nothing', async () => {
    const count = ((await designer().get(API)).body as { items: unknown[] }).items.length;
    const res = await designer().fetchRaw(API, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ title: 'Giả mạo', json: plain() }),
    });
    expect(res.status).toBe(403);
    expect(((await designer().get(API)).body as { items: unknown[] }).items.length).toBe(count);
  });
});

describe('When a designer creates questionnaires', () => {
  it('then one from the demo template holds the demo questionnaire as an unpublished draft', async () => {
    const templates = (await designer().get(`${API}/templates`)).body as { items: { key: string; title: string }[] };
    expect(templates.items.map((t) => t.key)).toContain('giua-nhiem-ky-2023');
    const id = await newSurvey({ title: 'Giữa nhiệm kỳ — bản sửa', template: 'giua-nhiem-ky-2023' });
    const detail = (await designer().get(`${API}/${id}`)).body as Record<string, unknown>;
    expect(detail).toMatchObject({ id, title: 'Giữa nhiệm kỳ — bản sửa', latestVersion: 0, unpublishedChanges: true, revision: 0 });
    expect(detail.draft).toEqual(demo);
    const listed = (await designer().get(API)).body as { items: { id: string; title: string; latestVersion: number }[] };
    expect(listed.items.find((i) => i.id === id)).toMatchObject({ title: 'Giữa nhiệm kỳ — bản sửa', latestVersion: 0 });
  });

  it('then a blank one has one empty page, and an imported SurveyJS JSON is kept as it is', async () => {
    const blank = await newSurvey({ title: 'Trống' });
    const draft = ((await designer().get(`${API}/${blank}`)).body as { draft: { pages: { elements: unknown[] }[] } }).draft;
    expect(draft.pages).toHaveLength(1);
    expect(draft.pages[0].elements).toEqual([]);
    const imported = await newSurvey({ title: 'Nhập', json: plain() });
    expect(((await designer().get(`${API}/${imported}`)).body as { draft: unknown }).draft).toEqual(plain());
  });

  it('then bad input gets 422 or 404 problem+json and creates nothing', async () => {
    const count = ((await designer().get(API)).body as { items: unknown[] }).items.length;
    const empty = await designer().post(API, { title: '' });
    expect(empty.status).toBe(422);
    expect((empty.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain('title');
    expect((await designer().post(API, { title: 'x', json: [1, 2] })).status).toBe(422);
    expect((await designer().post(API, { title: 'x', owner: 'me' })).status).toBe(422);
    expect((await designer().post(API, { title: 'x', template: 'khong-co' })).status).toBe(404);
    expect(((await designer().get(API)).body as { items: unknown[] }).items.length).toBe(count);
    expect((await designer().get(`${API}/000000000000000000000000`)).status).toBe(404);
    expect((await designer().get(`${API}/not-an-id`)).status).toBe(404);
  });
});

describe('When two people save the same draft', () => {
  it('then the save naming an older revision is refused with 409 and the newer draft is kept', async () => {
    const id = await newSurvey();
    const first = await designer().put(`${API}/${id}/draft`, { json: plain([{ type: 'text', name: 'a' }]), revision: 0 });
    expect(first.status).toBe(200);
    expect((first.body as { revision: number }).revision).toBe(1);
    const stale = await as.admin!.put(`${API}/${id}/draft`, { json: plain([{ type: 'text', name: 'b' }]), revision: 0 });
    expect(stale.status).toBe(409);
    expect((stale.body as { code: string }).code).toBe('survey.draft_conflict');
    const kept = (await designer().get(`${API}/${id}`)).body as { draft: { pages: { elements: { name: string }[] }[] }; revision: number };
    expect(kept.revision).toBe(1);
    expect(kept.draft.pages[0].elements.map((e) => e.name)).toEqual(['q1', 'q2', 'a']);
  });
});

describe('When a draft is validated', () => {
  const cases: { name: string; bad: unknown; good: unknown; code: string; languages?: string[] }[] = [
    {
      name: 'SurveyJS JSON errors',
      bad: plain([{ type: 'khong-co-loai-nay', name: 'q3' }]),
      good: plain([{ type: 'text', name: 'q3' }]),
      code: 'surveyjs.',
    },
    { name: 'unique question names', bad: plain([{ type: 'text', name: 'q1' }]), good: plain([{ type: 'text', name: 'q1b' }]), code: 'name.duplicate' },
    {
      name: 'unique choice values',
      bad: plain([{ type: 'checkbox', name: 'q3', choices: ['a', 'b', 'a'] }]),
      good: plain([{ type: 'checkbox', name: 'q3', choices: ['a', 'b', 'c'] }]),
      code: 'choice.duplicate_value',
    },
    {
      name: 'conditions that parse',
      bad: plain([{ type: 'text', name: 'q3', visibleIf: "{q1} = = 'yes" }]),
      good: plain([{ type: 'text', name: 'q3', visibleIf: "{q1} = 'yes'" }]),
      code: 'condition.syntax',
    },
    {
      name: 'conditions that name existing questions',
      bad: plain([{ type: 'text', name: 'q3', enableIf: "{khong_co} = 'yes'" }]),
      good: plain([{ type: 'text', name: 'q3', enableIf: "{q1} = 'yes'" }]),
      code: 'condition.unknown_question',
    },
    {
      name: 'every shown string in each language',
      bad: { title: { default: 'Khảo sát', en: 'Survey' }, pages: [{ name: 'p', elements: [{ type: 'text', name: 'q', title: { default: 'Tuổi' } }] }] },
      good: { title: { default: 'Khảo sát', en: 'Survey' }, pages: [{ name: 'p', elements: [{ type: 'text', name: 'q', title: { default: 'Tuổi', en: 'Age' } }] }] },
      code: 'text.missing_translation',
      languages: ['vi', 'en'],
    },
  ];

  for (const c of cases) {
    it(`then "${c.name}" fails the broken definition, passes the fixed one, and blocks publishing until fixed`, async () => {
      const id = await newSurvey();
      const bad = await saveAndValidate(id, c.bad, c.languages);
      expect(bad.ok).toBe(false);
      expect(bad.problems.some((p) => p.code.startsWith(c.code)), JSON.stringify(bad.problems)).toBe(true);
      expect(bad.problems.every((p) => p.message.length > 0 && typeof p.path === 'string')).toBe(true);
      const refused = await designer().post(`${API}/${id}/publish`);
      expect(refused.status).toBe(422);
      expect((refused.body as { problems: { code: string }[] }).problems.some((p) => p.code.startsWith(c.code))).toBe(true);
      expect(((await designer().get(`${API}/${id}/versions`)).body as { items: unknown[] }).items).toHaveLength(0);
      const good = await saveAndValidate(id, c.good, c.languages);
      expect(good, JSON.stringify(good.problems)).toEqual({ ok: true, problems: [] });
      expect((await designer().post(`${API}/${id}/publish`)).status).toBe(201);
    });
  }

  it('then messages come in the language the request asks for', async () => {
    const id = await newSurvey();
    await saveAndValidate(id, plain([{ type: 'text', name: 'q1' }]));
    const vi = (await designer().post(`${API}/${id}/validate`)).body as { problems: { message: string }[] };
    const en = await designer().fetchRaw(`${API}/${id}/validate`, {
      method: 'POST',
      headers: { 'accept-language': 'en-GB,en;q=0.9', origin: app.url },
    });
    const enBody = (await en.json()) as { problems: { message: string }[] };
    expect(vi.problems[0].message).not.toEqual(enBody.problems[0].message);
    expect(vi.problems[0].message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });
});

describe('When a designer publishes', () => {
  it('then versions are numbered, immutable, listed, exportable, and a name reused with another meaning is refused', async () => {
    const id = await newSurvey({ title: 'Phiên bản', json: plain() });
    const v1 = await designer().post(`${API}/${id}/publish`);
    expect(v1.status).toBe(201);
    expect(v1.body).toEqual({ version: 1 });
    expect((await designer().post(`${API}/${id}/publish`)).status).toBe(409);

    // Type changed under the same name.
    const retyped = plain();
    retyped.pages[0].elements[0] = { type: 'text', name: 'q1', title: 'Bạn có đồng ý?' } as never;
    const typeProblem = await saveAndValidate(id, retyped);
    expect(typeProblem.problems.map((p) => [p.code, p.question])).toContainEqual(['compat.type_changed', 'q1']);
    // A choice removed, then a kept value whose text now means something else.
    const removed = plain();
    (removed.pages[0].elements[0] as { choices: unknown[] }).choices = [{ value: 'yes', text: 'Có' }];
    expect((await saveAndValidate(id, removed)).problems.map((p) => p.code)).toContain('compat.choices_removed');
    const reworded = plain();
    (reworded.pages[0].elements[0] as { choices: unknown[] }).choices = [{ value: 'yes', text: 'Không' }, { value: 'no', text: 'Có' }];
    expect((await saveAndValidate(id, reworded)).problems.map((p) => p.code)).toContain('compat.choice_meaning_changed');
    expect((await designer().post(`${API}/${id}/publish`)).status).toBe(422);

    // The same change under a new name, and an added choice, are fine.
    const renamed = plain();
    (renamed.pages[0].elements[0] as { choices: unknown[] }).choices.push({ value: 'maybe', text: 'Chưa rõ' });
    renamed.pages[0].elements.push({ type: 'text', name: 'q1_text', title: 'Bạn có đồng ý? (tự trả lời)' } as never);
    expect(await saveAndValidate(id, renamed)).toEqual({ ok: true, problems: [] });
    const changes = (await designer().get(`${API}/${id}/changes`)).body;
    expect(changes).toEqual({ previousVersion: 1, added: ['q1_text'], removed: [], changed: ['q1'], pages: { before: 1, after: 1 } });
    expect((await designer().post(`${API}/${id}/publish`)).body).toEqual({ version: 2 });

    const versions = (await designer().get(`${API}/${id}/versions`)).body as { items: { number: number; hash: string; publishedBy: string }[] };
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
    expect(versions.items[0].publishedBy).toBe('designer-user');
    expect(versions.items[0].hash).not.toBe(versions.items[1].hash);
    expect(((await designer().get(`${API}/${id}/versions/1`)).body as { json: unknown }).json).toEqual(plain());
    expect((await designer().get(`${API}/${id}/versions/9`)).status).toBe(404);

    const file = await designer().fetchRaw(`${API}/${id}/export?version=1`, { method: 'GET' });
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="?[a-z0-9-]+-v1\.json"?/);
    expect(await file.json()).toEqual(plain());
    expect(((await designer().get(API)).body as { items: { id: string; unpublishedChanges: boolean }[] }).items.find((i) => i.id === id)?.unpublishedChanges).toBe(false);
  });

  it('then the audit log records who created, saved, published and exported, from which address', async () => {
    const id = await newSurvey({ title: 'Kiểm toán', json: plain() });
    await saveAndValidate(id, plain([{ type: 'text', name: 'q9' }]));
    await designer().post(`${API}/${id}/publish`);
    await designer().get(`${API}/${id}/export`);
    const events = await app.db.connection.collection('auditevents').find({ 'object.id': id }).sort({ at: 1 }).toArray();
    expect(events.map((e) => e.action)).toEqual(['survey.create', 'survey.draft_update', 'survey.publish', 'survey.export']);
    for (const e of events) {
      expect(e.actor).toBe('designer-user');
      expect(e.ip).toMatch(/127\.0\.0\.1/);
    }
    expect(events[2].details).toMatchObject({ version: 1 });
  });
});
