// Exports over HTTP on the mini questionnaire: who may download, what the files hold when read back
// (CSV with a CSV parser, NDJSON line by line, xlsx with exceljs), excluded and partial responses left
// out, weights carried, the codebook, and an audit entry for every download.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';

let app: TestApp;
const as: Record<string, StaffClient> = {};
const SLUG = 'mini';

const people = [
  { district: 'hai-chau', party_member: 'yes', party_study: 'yes', channels: ['tv', 'social'], awareness: { xiii: 3, nq43: 2 }, overall: 9, comments: 'Cần công khai tiến độ dự án, "nhanh" hơn' },
  { district: 'hoa-vang', party_member: 'no', channels: ['press'], awareness: { xiii: 1, nq43: 1 }, overall: 4, comments: 'Đường sá xuống cấp\nnhiều nơi' },
  { district: 'hoa-vang', party_member: 'no', awareness: { xiii: 2, nq43: 3 }, overall: 0 },
  { district: 'hai-chau', party_member: 'no', awareness: { xiii: 2, nq43: 2 }, overall: 5, comments: 'bị loại (flag)' },
  { district: 'hai-chau', party_member: 'no', awareness: { xiii: 2, nq43: 2 }, overall: 6, comments: 'bị loại (field)' },
  { district: 'hoa-vang', party_member: 'no', awareness: { xiii: 2, nq43: 2 }, overall: 7, comments: 'chưa xong' },
];

const responses = () => app.db.connection.collection('responses');
const exportUrl = (query: string) => `/api/v1/campaigns/${SLUG}/export?${query}`;

async function download(client: StaffClient, query: string): Promise<{ res: Response; bytes: Buffer }> {
  const res = await client.fetchRaw(exportUrl(query));
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
  for (const role of ['analyst', 'admin', 'viewer', 'designer', 'fieldwork'] as const) {
    const user = await createStaff(`exp-${role}`, [role]);
    as[role] = await loginAs(app.url, user.username, user.password);
  }
  for (const answers of people) {
    const res = await request(app.url, 'POST', `/api/v1/public/campaigns/${SLUG}/responses`, { submissionId: randomUUID(), answers });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // Two excluded by an analyst through response review, one left unfinished.
  for (const comments of ['bị loại (flag)', 'bị loại (field)']) {
    const doc = await responses().findOne({ 'answers.comments': comments });
    const res = await as.analyst.post(`/api/v1/campaigns/${SLUG}/responses/${doc!._id}/exclude`, { reason: 'Trả lời quá nhanh' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await responses().updateOne({ 'answers.comments': 'chưa xong' }, { $set: { status: 'partial' } });
});

afterAll(async () => {
  await app?.close();
});

describe('When staff ask for an export or the codebook', () => {
  it('then analysts and admins get it, viewers, designers and fieldwork staff are refused, and nobody signed in is asked to sign in', async () => {
    for (const url of [exportUrl('format=csv'), exportUrl('format=ndjson'), `/api/v1/campaigns/${SLUG}/codebook?format=md`]) {
      for (const role of ['analyst', 'admin']) expect((await as[role].fetchRaw(url)).status, `${role} ${url}`).toBe(200);
      for (const role of ['viewer', 'designer', 'fieldwork']) {
        const res = await as[role].get(url);
        expect([res.status, res.body.code], `${role} ${url}`).toEqual([403, 'auth.forbidden']);
      }
      expect((await request(app.url, 'GET', url)).status).toBe(401);
    }
  });

  it('then a bad format, labels or lang is a 400 problem, and an unknown campaign a 404', async () => {
    for (const q of ['format=pdf', 'labels=names', 'lang=fr']) {
      const res = await as.analyst.get(exportUrl(q));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('export.bad_query');
    }
    expect((await as.analyst.get(`/api/v1/campaigns/${SLUG}/codebook?format=docx`)).status).toBe(400);
    expect((await as.analyst.get('/api/v1/campaigns/khong-co/export?format=csv')).body.code).toBe('campaign.not_found');
  });
});

describe('When an analyst downloads the CSV', () => {
  it('then it is an attachment in UTF-8 with a BOM whose rows equal the stored complete, not excluded answers', async () => {
    const { res, bytes } = await download(as.analyst, 'format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?mini-v1-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const stored = await responses().find({ status: 'complete', excluded: { $exists: false } }).toArray();
    expect(stored).toHaveLength(3);
    expect(rows.map((r) => r.response_id).sort()).toEqual(stored.map((d) => String(d._id)).sort());
    expect(Object.keys(rows[0])).not.toContain('weight');
    for (const d of stored) {
      const row = rows.find((r) => r.response_id === String(d._id))!;
      const a = d.answers;
      expect(row.district).toBe(a.district);
      expect(row.party_member).toBe(a.party_member);
      expect(row.party_study).toBe(a.party_study ?? '');
      for (const c of ['tv', 'press', 'social'])
        expect(row[`channels_${c}`]).toBe(a.channels ? (a.channels.includes(c) ? '1' : '0') : '');
      expect([row.awareness_xiii, row.awareness_nq43]).toEqual([String(a.awareness.xiii), String(a.awareness.nq43)]);
      expect(row.overall).toBe(String(a.overall));
      expect(row.comments).toBe(a.comments ?? '');
      expect(row.version).toBe('1');
    }
    expect(rows.map((r) => r.comments)).toContain('Đường sá xuống cấp\nnhiều nơi');
  });

  it('then labels=text gives the Vietnamese choice texts, and lang=en the English ones', async () => {
    const vi = parse((await download(as.analyst, 'format=csv&labels=text')).bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const row = vi.find((r) => r.overall === '9')!;
    expect([row.district, row.party_member, row.party_study, row.channels_tv, row.channels_press, row.awareness_xiii]).toEqual([
      'Hải Châu', 'Có', 'Có', 'Có chọn', 'Không chọn', 'Nắm rõ',
    ]);
    const en = parse((await download(as.analyst, 'format=csv&labels=text&lang=en')).bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(en.find((r) => r.overall === '9')!.district).toBe('Hai Chau');
  });
});

describe('When other formats are downloaded', () => {
  it('then NDJSON lines each parse to one response', async () => {
    const { res, bytes } = await download(as.admin, 'format=ndjson');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = bytes.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.overall === 4)).toMatchObject({ district: 'hoa-vang', channels_press: 1, channels_tv: 0, party_study: null });
  });

  it('then the xlsx opens with exceljs: the data sheet holds the answers and the codebook sheet the labels', async () => {
    const { res, bytes } = await download(as.analyst, 'format=xlsx');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?mini-v1-[\d-]+\.xlsx"?$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const data = wb.getWorksheet('Dữ liệu')!;
    const header = (data.getRow(1).values as unknown[]).slice(1) as string[];
    const rows = data.getRows(2, data.rowCount - 1)!.map((r) => Object.fromEntries(header.map((h, i) => [h, r.getCell(i + 1).value])));
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.overall === 9)).toMatchObject({ district: 'hai-chau', channels_social: 1, awareness_nq43: 2, comments: 'Cần công khai tiến độ dự án, "nhanh" hơn' });
    const book = wb.getWorksheet('Codebook')!;
    const entry = book.getRows(2, book.rowCount - 1)!.find((r) => r.getCell(1).value === 'district')!;
    expect([entry.getCell(2).value, entry.getCell(6).value]).toEqual(['Quận/huyện', 'hai-chau = Hải Châu\nhoa-vang = Hòa Vang']);
  });

  it('then the markdown codebook lists every variable with its question text and labels', async () => {
    const res = await as.analyst.fetchRaw(`/api/v1/campaigns/${SLUG}/codebook?format=md`);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?mini-v1-codebook\.md"?$/);
    const md = await res.text();
    expect(md).toContain('| `awareness_nq43` | Mức độ nắm bắt: Nghị quyết 43 | số | thứ bậc | awareness (matrix) |');
    expect(md).toContain('1 = Không biết<br>2 = Biết một phần<br>3 = Nắm rõ');
  });
});

describe('When responses carry weights', () => {
  it('then the export has a weight column with them', async () => {
    const cursor = responses().find({});
    for await (const d of cursor) await responses().updateOne({ _id: d._id }, { $set: { weight: d.answers.district === 'hai-chau' ? 1.5 : 0.75 } });
    const rows = parse((await download(as.analyst, 'format=csv')).bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.district, r.weight]).sort()).toEqual([['hai-chau', '1.5'], ['hoa-vang', '0.75'], ['hoa-vang', '0.75']]);
    await responses().updateMany({}, { $unset: { weight: '' } });
  });
});

describe('When anything is downloaded', () => {
  it('then the audit log says who downloaded what, in which format', async () => {
    await download(as.analyst, 'format=ndjson&labels=text&lang=en');
    await as.admin.fetchRaw(`/api/v1/campaigns/${SLUG}/codebook?format=xlsx`);
    const audit = await as.admin.get('/api/v1/audit?action=export.download&limit=2');
    expect(audit.body.items.map((e: any) => [e.actor, e.object.type, e.object.id, e.details.format])).toEqual([
      ['exp-admin', 'campaign', SLUG, 'codebook-xlsx'],
      ['exp-analyst', 'campaign', SLUG, 'ndjson'],
    ]);
    expect(audit.body.items[1].details).toMatchObject({ labels: 'text', lang: 'en', version: 1 });
    // Refused requests leave no download entry.
    const before = (await as.admin.get('/api/v1/audit?action=export.download&limit=500')).body.items.length;
    await as.viewer.get(exportUrl('format=csv'));
    await as.analyst.get(exportUrl('format=pdf'));
    expect((await as.admin.get('/api/v1/audit?action=export.download&limit=500')).body.items.length).toBe(before);
  });
});
