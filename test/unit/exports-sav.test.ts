// The SPSS writer, checked byte by byte where the format is easy to get wrong (the file header, the
// first variable record, the bytecode of a known case) and through an independent minimal reader for
// the rest: labels, missing codes, measurement levels, the weight, very long strings and truncation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExportLayout, type ExportRecord } from '../../server/exports/layout.ts';
import { streamRows } from '../../server/exports/service.ts';
import { readSav } from './exports-sav-reader.ts';

const root = path.resolve(import.meta.dirname, '../..');
const mini = JSON.parse(readFileSync(path.join(root, 'test/fixtures/surveys/mini/survey.json'), 'utf8'));
const demo = JSON.parse(readFileSync(path.join(root, 'surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));

class Collect extends Writable {
  chunks: Buffer[] = [];
  _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
}

async function sav(layout: ExportLayout, records: ExportRecord[], title = 'Khảo sát thử') {
  const out = new Collect();
  const stats = { truncatedValues: 0, truncatedValueLabels: 0 };
  const n = await streamRows('sav', layout, records, out, { labels: 'codes', locale: 'vi', title, savStats: stats });
  return { n, stats, chunks: out.chunks, bytes: Buffer.concat(out.chunks) };
}

const miniRecords: ExportRecord[] = [
  { id: 'a', version: 1, channel: 'phone', locale: 'vi', completedAt: '2023-05-01T10:20:30.000Z', durationSec: 300, weight: 1.25,
    answers: { district: 'hoa-vang', party_member: 'yes', party_study: 'no', channels: ['press'], awareness: { xiii: 1, nq43: 2 }, overall: 0, comments: 'Đường sá xuống cấp' } },
  { id: 'b', version: 1, weight: 0.5, answers: { district: 'hai-chau', party_member: 'no', overall: 10, comments: 'Dòng 1\nDòng 2' } },
];

describe('When responses are written as an SPSS file', () => {
  it('then the header says system file, bytecode compression, bias 100, unknown case count, and points at the weight variable', async () => {
    const { bytes } = await sav(new ExportLayout(mini, { weight: true }), miniRecords, 'Đợt khảo sát thử');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('$FL2');
    // Slots by the format's rules: response_id A64 = 8, four 1-slot fields, flags A255 = 32, so weight is slot 46;
    // then 9 one-slot answers and comments A1000 = 3 segments of 32 slots + one of 244 bytes (31 slots).
    const [layoutCode, slots, compression, weightIndex, cases] = [64, 68, 72, 76, 80].map((o) => bytes.readInt32LE(o));
    expect({ layoutCode, slots, compression, weightIndex, cases }).toEqual({ layoutCode: 2, slots: 46 + 9 + 127, compression: 1, weightIndex: 46, cases: -1 });
    expect(bytes.readDoubleLE(84)).toBe(100);
    expect(bytes.subarray(109, 173).toString('utf8').trimEnd()).toBe('Đợt khảo sát thử');
    // The first variable record: a 64-byte string, labelled, no missing values, print and write A64.
    expect([176, 180, 184, 188, 192, 196].map((o) => bytes.readInt32LE(o))).toEqual([2, 64, 1, 0, (1 << 16) | (64 << 8), (1 << 16) | (64 << 8)]);
    expect(bytes.subarray(200, 208).toString('latin1')).toBe('RESPONSE');
  });

  it('then a known case is bytecode-compressed as the format says: small whole numbers in the control byte, blanks as 254, system-missing as 255, the rest raw', async () => {
    const tiny = { pages: [{ elements: [{ type: 'rating', name: 'q', rateMin: 1, rateMax: 5 }, { type: 'comment', name: 'c' }] }] };
    const { chunks } = await sav(new ExportLayout(tiny), [{ id: 'ab', version: 1, durationSec: 1000.5, answers: { q: 3, c: 'xin chào' } }]);
    // Built independently: the codes of each 8-byte slot and the raw 8-byte values that follow each block of 8 codes.
    const dbl = (x: number) => { const b = Buffer.alloc(8); b.writeDoubleLE(x); return b; };
    const text = Buffer.from('xin chào       ', 'utf8'); // 9 bytes of text, padded to two slots
    const slots: [number, Buffer?][] = [
      [253, Buffer.from('ab      ')], ...Array(7).fill([254]), // response_id A64
      [101], [254], [254], [255], [253, dbl(1000.5)], ...Array(32).fill([254]), // version, channel, locale, completed_at, duration_sec, flags
      [103], [253, text.subarray(0, 8)], [253, text.subarray(8, 16)], ...Array(125).fill([254]), // q, then c (A1000: 127 slots)
    ];
    const expected: Buffer[] = [];
    for (let i = 0; i < slots.length; i += 8) {
      const block = slots.slice(i, i + 8);
      expected.push(Buffer.from([...block.map((s) => s[0]), ...Array(8 - block.length).fill(0)]), ...block.flatMap((s) => (s[1] ? [s[1]] : [])));
    }
    // The dictionary is the first chunk; the cases follow.
    expect(Buffer.concat(chunks.slice(1)).equals(Buffer.concat(expected))).toBe(true);
  });

  it('then an independent reader finds the names, labels, value labels, levels, the date and the values', async () => {
    const { n, bytes } = await sav(new ExportLayout(mini, { weight: true }), miniRecords);
    expect(n).toBe(2);
    const f = readSav(bytes);
    expect([f.encoding, f.characterCode]).toEqual(['UTF-8', 65001]);
    const v = (name: string) => f.variables.find((x) => x.name === name)!;
    expect(f.variables.map((x) => x.name)).toEqual(new ExportLayout(mini, { weight: true }).variables.map((x) => x.name));
    expect(f.variables.find((x) => x.slot === f.header.weightIndex)!.name).toBe('weight');
    expect(v('district').label).toBe('Quận/huyện');
    expect(Object.fromEntries(v('district').valueLabels)).toEqual({ 'hai-chau': 'Hải Châu', 'hoa-vang': 'Hòa Vang' });
    expect([...v('awareness_nq43').valueLabels]).toEqual([[1, 'Không biết'], [2, 'Biết một phần'], [3, 'Nắm rõ']]);
    expect([v('awareness_nq43').measure, v('district').measure, v('weight').measure, v('completed_at').measure]).toEqual([2, 1, 3, 3]);
    const col = (name: string) => f.rows.map((r) => r[f.variables.indexOf(v(name))]);
    expect(col('district')).toEqual(['hoa-vang', 'hai-chau']);
    expect(col('channels_press')).toEqual([1, null]);
    expect(col('overall')).toEqual([0, 10]);
    expect(col('weight')).toEqual([1.25, 0.5]);
    expect(col('comments')).toEqual(['Đường sá xuống cấp', 'Dòng 1\nDòng 2']);
    // DATETIME: seconds since 14 October 1582.
    expect(col('completed_at')[0]).toBe(Date.UTC(2023, 4, 1, 10, 20, 30) / 1000 - Date.UTC(1582, 9, 14) / 1000);
    expect(col('completed_at')[1]).toBeNull();
  });

  it('then "hard to say" codes (9 set apart from the scale) are user-missing, while a rating scale keeps its 9', async () => {
    const f = readSav((await sav(new ExportLayout(demo, { weight: true }), [])).bytes);
    const v = (name: string) => f.variables.find((x) => x.name === name)!;
    expect(v('propaganda_rating').missing).toEqual([9]);
    expect(v('propaganda_rating').valueLabels.get(9)).toBe('Khó trả lời');
    expect(v('local_consultation').missing).toEqual([9]);
    expect(v('overall_rating').missing).toEqual([]);
    expect(v('education').missing).toEqual([]);
    // Long string codes get their labels through record 7/21.
    expect(v('group').valueLabels.get('residents')).toBe('Người dân');
    expect(f.documents).toContain('Codes 9/99 set apart from a scale (Hard to say) are user-missing.');
  });

  it('then text longer than its column is cut at a character boundary and counted, and very long strings span their segments', async () => {
    const long = 'Đề nghị công khai tiến độ dự án; '.repeat(60); // about 2,300 bytes, 3 bytes for some letters
    const { stats, bytes } = await sav(new ExportLayout(mini), [{ id: 'x', answers: { district: 'hai-chau', comments: long } }, { id: 'y', answers: { comments: 'ngắn' } }]);
    expect(stats.truncatedValues).toBe(1);
    const f = readSav(bytes);
    const comments = f.rows.map((r) => r[f.variables.findIndex((x) => x.name === 'comments')] as string);
    expect(Buffer.byteLength(comments[0])).toBeLessThanOrEqual(1000);
    expect(Buffer.byteLength(comments[0])).toBeGreaterThan(996);
    expect(long.startsWith(comments[0])).toBe(true);
    expect(comments[1]).toBe('ngắn');
  });

  it('then an abort stops the writer and closes the source', async () => {
    const out = new PassThrough({ highWaterMark: 16 * 1024 }); // nobody reads: the dictionary fits, the cases soon fill it
    const ac = new AbortController();
    let closed = false;
    function* many() {
      try {
        for (let i = 0; i < 100_000; i++) yield { id: String(i), answers: { district: 'hai-chau', comments: 'x'.repeat(200) } } as ExportRecord;
      } finally {
        closed = true;
      }
    }
    const done = streamRows('sav', new ExportLayout(mini), many(), out, { labels: 'codes', locale: 'vi', signal: ac.signal });
    setTimeout(() => ac.abort(new Error('gone')), 20);
    await expect(done).rejects.toThrow();
    expect(closed).toBe(true);
  });
});
