// Exports over HTTP on the mini questionnaire: who may download, what the files hold when read back
// (CSV with a CSV parser, NDJSON line by line, xlsx with exceljs, SPSS with a minimal reader of our own),
// excluded and partial responses left out unless asked for, the raking weights of the results pages
// carried, the expected row count for a progress bar, the codebook, and an audit entry for every download.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';
import { createStaff, loginAs, request, type StaffClient } from '../helpers/staff.ts';
import { readSav } from '../unit/exports-sav-reader.ts';
import { resetResultsCache } from '../../server/results/cache.ts';

let app: TestApp;
const as: Record<string, StaffClient> = {};
const SLUG = 'mini';

const people = [
  { district: 'hai-chau', party_member: 'yes', party_study: 'yes', channels: ['tv', 'social'], awareness: { xiii: 3, nq43: 2 }, overall: 9, comments: 'Cần công khai tiến độ dự án, "nhanh" hơn' },
  { district: 'hoa-vang', party_member: 'no', channels: ['press'], awareness: { xiii: 1, nq43: 1 }, overall: 4, comments: 'Đường sá xuống cấp\nnhiều nơi' },
  { district: 'hoa-vang', party_member: 'no', awareness: { xiii: 2, nq43: 3 }, overall: 0 },
  { district: 'hai-chau', party_member: 'no', awareness: { xiii: 2, nq43: 2 }, overall: 5, comments: 'bị loại (flag)' },
  { district: 'hai-chau', party_member: 'no', awareness: { xiii: 2, nq43: 2 }, overall: 6, comments: 'bị loại (field)' },
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
  // An unfinished response, stored as the app stores one (it never counts toward the completed counters).
  const model = (await responses().findOne({ 'answers.comments': 'Đường sá xuống cấp\nnhiều nơi' }))!;
  await responses().insertOne({ ...model, _id: randomUUID() as never, submissionId: randomUUID(), status: 'partial', answers: { ...model.answers, comments: 'chưa xong' } });
});

/** The complete, not excluded responses as stored: what every export must hold. */
const included = () => responses().find({ status: 'complete', excluded: { $exists: false } }).toArray();
const csvRows = (bytes: Buffer) => parse(bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];

afterAll(async () => {
  await app?.close();
});

describe('When staff ask for an export or the codebook', () => {
  it('then analysts and admins get it, viewers, designers and fieldwork staff are refused, and nobody signed in is asked to sign in', async () => {
    for (const url of [exportUrl('format=csv'), exportUrl('format=ndjson'), exportUrl('format=sav'), `/api/v1/campaigns/${SLUG}/codebook?format=md`]) {
      for (const role of ['analyst', 'admin']) expect((await as[role].fetchRaw(url)).status, `${role} ${url}`).toBe(200);
      for (const role of ['viewer', 'designer', 'fieldwork']) {
        const res = await as[role].get(url);
        expect([res.status, res.body.code], `${role} ${url}`).toEqual([403, 'auth.forbidden']);
      }
      expect((await request(app.url, 'GET', url)).status).toBe(401);
    }
  });

  it('then a bad format, labels or lang is a 400 problem, and an unknown campaign a 404', async () => {
    for (const q of ['format=pdf', 'labels=names', 'lang=fr', 'includeExcluded=yes']) {
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
    const rows = csvRows(bytes);
    const stored = await included();
    expect(stored).toHaveLength(3);
    expect(res.headers.get('x-expected-rows')).toBe('3');
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

describe('When an analyst downloads the SPSS file', () => {
  it('then it reads back with the stored answers, the question texts as variable labels and the choice texts as value labels', async () => {
    const { res, bytes } = await download(as.analyst, 'format=sav&labels=text');
    expect(res.headers.get('content-type')).toBe('application/x-spss-sav');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?mini-v1-\d{4}-\d{2}-\d{2}\.sav"?$/);
    expect(res.headers.get('x-expected-rows')).toBe('3');
    const f = readSav(bytes);
    expect(f.header.label).toBe('Đợt khảo sát thử');
    expect(f.header.weightIndex).toBe(0);
    const at = (name: string) => f.variables.findIndex((v) => v.name === name);
    const stored = await included();
    // SPSS keeps the codes (labels=text is for spreadsheets) and carries the labels itself.
    expect(f.rows.map((r) => r[at('response_id')]).sort()).toEqual(stored.map((d) => String(d._id)).sort());
    for (const d of stored) {
      const row = f.rows.find((r) => r[at('response_id')] === String(d._id))!;
      expect([row[at('district')], row[at('overall')], row[at('awareness_xiii')], row[at('comments')]]).toEqual([d.answers.district, d.answers.overall, d.answers.awareness.xiii, d.answers.comments ?? null]);
      expect(row[at('completed_at')]).toBeCloseTo(new Date(d.completedAt).getTime() / 1000 + 12_219_379_200, 3);
    }
    const district = f.variables[at('district')];
    expect([district.label, Object.fromEntries(district.valueLabels)]).toEqual(['Quận/huyện', { 'hai-chau': 'Hải Châu', 'hoa-vang': 'Hòa Vang' }]);
  });
});

describe('When the xlsx is downloaded', () => {
  it('then its topline sheet counts each answer as submitted, over the included responses only', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(as.analyst, 'format=xlsx')).bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Dữ liệu', 'Codebook', 'Kết quả chung']);
    const sheet = wb.getWorksheet('Kết quả chung')!;
    const rows = sheet.getRows(1, sheet.rowCount)!.map((r) => Array.from((r.values as unknown[]).slice(1), (x) => x ?? null));
    const block = (name: string) => {
      const start = rows.findIndex((r) => r[0] === name);
      return rows.slice(start + 2, rows.findIndex((r, i) => i > start && r.length === 0));
    };
    const stored = await included();
    const count = (pick: (a: any) => unknown, value: unknown) => stored.filter((d) => pick(d.answers) === value).length;
    expect(block('district').map((l) => [l[0], l[2]])).toEqual([['hai-chau', count((a) => a.district, 'hai-chau')], ['hoa-vang', count((a) => a.district, 'hoa-vang')], [null, 3]]);
    const nq43 = block('awareness_nq43');
    for (const code of [1, 2, 3]) expect(nq43.find((l) => l[0] === code)![2]).toBe(count((a) => a.awareness.nq43, code));
    const press = block('channels').find((l) => l[0] === 'channels_press')!;
    expect(press[2]).toBe(stored.filter((d) => d.answers.channels?.includes('press')).length);
  });
});

describe('When excluded responses are asked for', () => {
  it('then they come back with the reason in an excluded column, and the expected row count follows', async () => {
    const { res, bytes } = await download(as.analyst, 'format=csv&includeExcluded=true');
    expect(res.headers.get('x-expected-rows')).toBe('5');
    const rows = csvRows(bytes);
    expect(rows).toHaveLength(5);
    const reasons = Object.fromEntries(rows.map((r) => [r.comments, r.excluded]));
    expect(reasons).toMatchObject({ 'bị loại (flag)': 'Trả lời quá nhanh', 'bị loại (field)': 'Trả lời quá nhanh', 'Đường sá xuống cấp\nnhiều nơi': '' });
    expect(Object.keys(csvRows((await download(as.analyst, 'format=csv')).bytes)[0])).not.toContain('excluded');
  });
});

describe('When the campaign has population margins', () => {
  it('then every export carries the raking weights of the weighted results, and the weighted topline agrees with them', async () => {
    const campaigns = app.db.connection.collection('campaigns');
    const population = { hai_chau: 600_000, hoa_vang: 400_000 };
    await campaigns.updateOne({ slug: SLUG }, { $set: { population: { margins: { district: { 'hai-chau': population.hai_chau, 'hoa-vang': population.hoa_vang } } } } });
    try {
      // Nothing cached on this instance: the export reads only what raking needs (the SPSS file below
      // comes after the topline has loaded the results cache, and must carry the same weights).
      resetResultsCache();
      const rows = csvRows((await download(as.analyst, 'format=csv')).bytes);
      expect(rows).toHaveLength(3);
      const weights = rows.map((r) => Number(r.weight));
      expect(weights.every((w) => w > 0)).toBe(true);
      const total = weights.reduce((a, b) => a + b, 0);
      const sumWhere = (ok: (r: Record<string, string>) => boolean) => rows.reduce((s, r, i) => s + (ok(r) ? weights[i] : 0), 0);
      // Raked to the district margins: the weighted shares are the population's.
      expect(sumWhere((r) => r.district === 'hai-chau') / total).toBeCloseTo(0.6, 9);
      // The same weights as the results pages use.
      const topline = await as.analyst.get(`/api/v1/campaigns/${SLUG}/topline?weighted=true`);
      expect(topline.status).toBe(200);
      expect(topline.body.weighting.diagnostics.sum).toBeCloseTo(total, 6);
      // The xlsx topline's weighted share = sum of weights per answer / sum of weights of those answering.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await download(as.analyst, 'format=xlsx')).bytes as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Kết quả chung')!;
      const lines = sheet.getRows(1, sheet.rowCount)!.map((r) => (r.values as unknown[]).slice(1));
      const start = lines.findIndex((l) => l[0] === 'party_member');
      expect(lines[start + 1][4]).toBe('% có trọng số');
      const no = lines.slice(start + 2).find((l) => l[0] === 'no')!;
      expect(no[4]).toBeCloseTo((100 * sumWhere((r) => r.party_member === 'no')) / total, 2);
      // SPSS: the weight variable is the file's weight, with the same values.
      const f = readSav((await download(as.analyst, 'format=sav')).bytes);
      const w = f.variables.findIndex((v) => v.slot === f.header.weightIndex);
      expect(f.variables[w].name).toBe('weight');
      const id = f.variables.findIndex((v) => v.name === 'response_id');
      for (const r of f.rows) expect(r[w]).toBe(weights[rows.findIndex((x) => x.response_id === r[id])]);
    } finally {
      await campaigns.updateOne({ slug: SLUG }, { $unset: { population: '' } });
    }
    expect(Object.keys(csvRows((await download(as.analyst, 'format=csv')).bytes)[0])).not.toContain('weight');
  });
});

describe('When the margins name a question that is not a stratum and nothing is cached yet', () => {
  it('then the export reads that answer for raking and the weighted shares are the population\'s', async () => {
    const campaigns = app.db.connection.collection('campaigns');
    await campaigns.updateOne({ slug: SLUG }, { $set: { population: { margins: { party_member: { yes: 300_000, no: 700_000 } } } } });
    try {
      resetResultsCache();
      const rows = csvRows((await download(as.analyst, 'format=csv')).bytes);
      const weights = rows.map((r) => Number(r.weight));
      const total = weights.reduce((a, b) => a + b, 0);
      const yes = rows.reduce((sum, r, i) => sum + (r.party_member === 'yes' ? weights[i] : 0), 0);
      expect(yes / total).toBeCloseTo(0.3, 9);
    } finally {
      await campaigns.updateOne({ slug: SLUG }, { $unset: { population: '' } });
    }
  });
});

describe('When the margins cannot be raked to yet (a district with no respondent so far)', () => {
  it('then the data still download, without a weight column, while weighted results say why', async () => {
    const campaigns = app.db.connection.collection('campaigns');
    await campaigns.updateOne({ slug: SLUG }, { $set: { population: { margins: { district: { 'hai-chau': 500_000, 'hoa-vang': 300_000, 'son-tra': 200_000 } } } } });
    try {
      expect((await as.analyst.get(`/api/v1/campaigns/${SLUG}/topline?weighted=true`)).body.code).toBe('results.weighting_failed');
      const { res, bytes } = await download(as.analyst, 'format=csv');
      expect(res.status).toBe(200);
      const rows = csvRows(bytes);
      expect(rows).toHaveLength((await included()).length);
      expect(Object.keys(rows[0])).not.toContain('weight');
    } finally {
      await campaigns.updateOne({ slug: SLUG }, { $unset: { population: '' } });
    }
  });
});

describe('When anything is downloaded', () => {
  it('then the audit log says who downloaded what, in which format', async () => {
    await download(as.admin, 'format=sav&includeExcluded=true');
    await download(as.analyst, 'format=ndjson&labels=text&lang=en');
    await as.admin.fetchRaw(`/api/v1/campaigns/${SLUG}/codebook?format=xlsx`);
    const audit = await as.admin.get('/api/v1/audit?action=export.download&limit=3');
    expect(audit.body.items.map((e: any) => [e.actor, e.object.type, e.object.id, e.details.format])).toEqual([
      ['exp-admin', 'campaign', SLUG, 'codebook-xlsx'],
      ['exp-analyst', 'campaign', SLUG, 'ndjson'],
      ['exp-admin', 'campaign', SLUG, 'sav'],
    ]);
    expect(audit.body.items[1].details).toMatchObject({ labels: 'text', lang: 'en', version: 1 });
    expect(audit.body.items[2].details).toMatchObject({ includeExcluded: true });
    // Refused requests leave no download entry.
    const before = (await as.admin.get('/api/v1/audit?action=export.download&limit=500')).body.items.length;
    await as.viewer.get(exportUrl('format=csv'));
    await as.analyst.get(exportUrl('format=pdf'));
    expect((await as.admin.get('/api/v1/audit?action=export.download&limit=500')).body.items.length).toBe(before);
  });
});
