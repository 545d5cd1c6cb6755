// The export writers: CSV (BOM, quoting, formula guard), NDJSON, xlsx (data and codebook sheets),
// markdown codebook, and the streaming contract: backpressure respected, the source closed on abort.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { codebookMarkdown } from '../../server/exports/codebook.ts';
import { ExportLayout, type ExportRecord } from '../../server/exports/layout.ts';
import { streamRows } from '../../server/exports/service.ts';

const root = path.resolve(import.meta.dirname, '../..');
const mini = JSON.parse(readFileSync(path.join(root, 'test/fixtures/surveys/mini/survey.json'), 'utf8'));
const layout = new ExportLayout(mini, { weight: true });

const records: ExportRecord[] = [
  { id: 'a', answers: { district: 'hoa-vang', party_member: 'yes', party_study: 'no', channels: ['press'], awareness: { xiii: 1, nq43: 2 }, overall: 0, comments: '=HYPERLINK("x")' }, weight: 1.25 },
  { id: 'b', answers: { district: 'hai-chau', party_member: 'no', comments: 'Dòng 1\nDòng 2, có "ngoặc"' }, weight: 0.5 },
];

class Collect extends Writable {
  chunks: Buffer[] = [];
  constructor(private delayMs = 0, highWaterMark = 16 * 1024) {
    super({ highWaterMark });
  }
  maxBuffered = 0;
  _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.chunks.push(Buffer.from(chunk));
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setTimeout(cb, this.delayMs);
  }
  get text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function run(format: 'csv' | 'ndjson', labels: 'codes' | 'text' = 'codes') {
  const out = new Collect();
  const n = await streamRows(format, layout, records, out, { labels, locale: 'vi' });
  return { n, text: out.text };
}

describe('When responses are written as CSV', () => {
  it('then the file starts with a BOM, has a header of variable names, and reads back with quotes, new lines and Vietnamese intact', async () => {
    const { n, text } = await run('csv');
    expect(n).toBe(2);
    expect(text.startsWith('\uFEFFresponse_id,version,channel')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ response_id: 'a', weight: '1.25', district: 'hoa-vang', party_study: 'no', channels_press: '1', channels_tv: '0', awareness_nq43: '2', overall: '0' });
    expect(rows[1]).toMatchObject({ weight: '0.5', party_study: '', channels_tv: '', comments: 'Dòng 1\nDòng 2, có "ngoặc"' });
  });

  it('then respondent text that a spreadsheet would run as a formula is defused', async () => {
    const rows = parse((await run('csv')).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0].comments).toBe(`'=HYPERLINK("x")`);
  });

  it('then labels=text writes the choice texts', async () => {
    const rows = parse((await run('csv', 'text')).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ district: 'Hòa Vang', party_member: 'Có', channels_press: 'Có chọn', awareness_xiii: 'Không biết' });
  });
});

describe('When responses are written as NDJSON', () => {
  it('then each line is one JSON object keyed by variable name, with null for no answer', async () => {
    const lines = (await run('ndjson')).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ response_id: 'a', district: 'hoa-vang', channels_press: 1, overall: 0, weight: 1.25 });
    expect(lines[1]).toMatchObject({ party_study: null, comments: 'Dòng 1\nDòng 2, có "ngoặc"' });
  });
});

describe('When responses are written as xlsx', () => {
  it('then the data sheet holds typed values and the codebook sheet the labels', async () => {
    const out = new Collect();
    await streamRows('xlsx', layout, records, out, { labels: 'codes', locale: 'vi' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(out.chunks) as unknown as ArrayBuffer);
    const [data, book, topline] = wb.worksheets;
    expect([data.name, book.name, topline.name]).toEqual(['Dữ liệu', 'Codebook', 'Kết quả chung']);
    const header = (data.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(layout.variables.map((v) => v.name));
    const a = data.getRow(2).values as unknown[];
    expect(a[header.indexOf('district') + 1]).toBe('hoa-vang');
    expect(a[header.indexOf('awareness_nq43') + 1]).toBe(2);
    expect(a[header.indexOf('comments') + 1]).toBe('=HYPERLINK("x")');
    expect(data.rowCount).toBe(3);
    const entry = book.getRows(2, book.rowCount - 1)!.find((r) => r.getCell(1).value === 'awareness_xiii')!;
    expect(entry.getCell(2).value).toBe('Mức độ nắm bắt: Đại hội XIII');
    expect(entry.getCell(6).value).toBe('1 = Không biết\n2 = Biết một phần\n3 = Nắm rõ');
  });
});

describe('When the xlsx has its topline sheet', () => {
  /** The lines of one question's table: code → [count, %, weighted %]. */
  async function table(locale: 'vi' | 'en', name: string) {
    const out = new Collect();
    await streamRows('xlsx', new ExportLayout(mini, { weight: true, locale }), records, out, { labels: 'text', locale });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(out.chunks) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[2];
    const rows = sheet.getRows(1, sheet.rowCount)!.map((r) => Array.from((r.values as unknown[]).slice(1), (x) => x ?? null));
    const start = rows.findIndex((r) => r[0] === name);
    const end = rows.findIndex((r, i) => i > start && r.length === 0);
    return { sheet: sheet.name, title: rows[start][1], head: rows[start + 1], lines: rows.slice(start + 2, end) };
  }

  it('then each answer has its count, share and weighted share, counted from the codes even when the data sheet shows labels', async () => {
    // From the two records above: district hoa-vang (weight 1.25) and hai-chau (weight 0.5).
    const w = records.map((r) => r.weight!);
    const share = (x: number, total: number) => Math.round((10000 * x) / total) / 100;
    const t = await table('vi', 'district');
    expect([t.sheet, t.title, t.head]).toEqual(['Kết quả chung', 'Quận/huyện', ['Mã', 'Trả lời', 'Số phiếu', '%', '% có trọng số']]);
    expect(t.lines).toEqual([
      ['hai-chau', 'Hải Châu', 1, 50, share(w[1], w[0] + w[1])],
      ['hoa-vang', 'Hòa Vang', 1, 50, share(w[0], w[0] + w[1])],
      [null, 'Số người trả lời', 2, 100, 100],
    ]);
    // Multiple choice: one line per choice, over those who answered (only the first record did).
    const c = await table('en', 'channels');
    expect([c.sheet, c.title]).toEqual(['Topline', 'Channels']);
    expect(c.lines.map((l) => l.slice(0, 4))).toEqual([['channels_tv', 'TV', 0, 0], ['channels_press', 'Press', 1, 100], ['channels_social', 'Social media', 0, 0], [null, 'Respondents answering', 1, 100]]);
  });
});

describe('When the codebook is written as markdown', () => {
  it('then "hard to say" codes are listed as missing-value codes', () => {
    const demo = JSON.parse(readFileSync(path.join(root, 'surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));
    const md = codebookMarkdown(new ExportLayout(demo), 'Sơ kết', 'vi');
    expect(md.split('\n').find((l) => l.startsWith('| `propaganda_rating` |'))).toMatch(/9 = Khó trả lời \| 9 \|$/);
    expect(md.split('\n').find((l) => l.startsWith('| `overall_rating` |'))).toMatch(/10 = 10 \| {2}\|$/);
  });


  it('then each variable has a table row with its question text, type and value labels', () => {
    const md = codebookMarkdown(layout, 'Phiếu khảo sát thử', 'vi');
    expect(md).toContain('| `channels_social` | Kênh thông tin: Mạng xã hội | số | định danh | channels (checkbox) | 0 = Không chọn<br>1 = Có chọn |');
    expect(md).toContain('| `district` | Quận/huyện | chuỗi | định danh | district (radiogroup) | hai-chau = Hải Châu<br>hoa-vang = Hòa Vang |');
  });
});

describe('When the destination is slow or goes away', () => {
  function* many(n: number, closed: { done: boolean }): Generator<ExportRecord> {
    try {
      for (let i = 0; i < n; i++) yield { id: String(i), answers: { district: 'hai-chau', comments: 'x'.repeat(200) } };
    } finally {
      closed.done = true;
    }
  }

  it('then the writer waits for drain instead of filling memory', async () => {
    const out = new Collect(1, 16 * 1024);
    const n = await streamRows('csv', layout, many(12_000, { done: false }), out, { labels: 'codes', locale: 'vi' });
    expect(n).toBe(12_000);
    // A chunk or two may sit in the buffer, never the ~2.8 MB of the whole file.
    expect(out.maxBuffered).toBeLessThan(600 * 1024);
    expect(out.text.split('\r\n')).toHaveLength(12_002);
  });

  it('then an abort stops the writer and closes the source', async () => {
    const out = new PassThrough({ highWaterMark: 1024 }); // nobody reads: it fills at once
    const ac = new AbortController();
    const closed = { done: false };
    const done = streamRows('csv', layout, many(100_000, closed), out, { labels: 'codes', locale: 'vi', signal: ac.signal });
    setTimeout(() => ac.abort(new Error('gone')), 20);
    await expect(done).rejects.toThrow();
    expect(closed.done).toBe(true);
  });
});
