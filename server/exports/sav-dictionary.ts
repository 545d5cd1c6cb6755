// The header and dictionary of an SPSS system file (.sav), little-endian, UTF-8, bytecode-compressed:
// file header, variable records (with labels and user-missing codes), value labels (records 3/4 for
// numbers and strings up to 8 bytes, 7/21 for longer strings), document lines (6), machine records
// 7/3 and 7/4, display parameters 7/11 (measurement level), long names 7/13, very long strings 7/14,
// case count 7/16, encoding 7/20, and the end of the dictionary (999). Layout as described in PSPP's developer guide.
import type { Code } from './layout.ts';
import { LONG_TEXT_WIDTH, SHORT_TEXT_WIDTH, truncateUtf8, VALUE_LABEL_BYTES, type SavColumn } from './sav-columns.ts';

export const SYSMIS = -Number.MAX_VALUE;
const MEASURE = { nominal: 1, ordinal: 2, scale: 3 } as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A growing little-endian byte buffer. */
class Bytes {
  private parts: Buffer[] = [];
  get length(): number {
    return this.parts.reduce((s, p) => s + p.length, 0);
  }
  i32(...values: number[]): this {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    this.parts.push(b);
    return this;
  }
  f64(...values: number[]): this {
    const b = Buffer.alloc(8 * values.length);
    values.forEach((v, i) => b.writeDoubleLE(v, 8 * i));
    this.parts.push(b);
    return this;
  }
  raw(b: Buffer | Uint8Array): this {
    this.parts.push(Buffer.from(b));
    return this;
  }
  /** Text in exactly `n` bytes: cut at a character boundary, padded with spaces. */
  fixed(text: string, n: number): this {
    const b = Buffer.alloc(n, ' ');
    b.write(text, 0, n, 'utf8');
    return this.raw(b);
  }
  u8(v: number): this {
    return this.raw(Buffer.from([v]));
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export interface DictionaryOptions {
  fileLabel: string;
  /** Cases that will follow, when known up front; -1 otherwise. */
  cases?: number;
  now?: Date;
}

export interface DictionaryStats {
  /** Value labels cut to the 120 bytes SPSS takes. */
  truncatedValueLabels: number;
}

const NOTES = [
  `Văn bản dài hơn cột bị cắt bớt (ý kiến ${LONG_TEXT_WIDTH} byte, khác ${SHORT_TEXT_WIDTH}).`,
  `Free text longer than its column (comments ${LONG_TEXT_WIDTH} bytes, other ${SHORT_TEXT_WIDTH}) is cut short.`,
  'Mã 9/99 tách khỏi thang đo (Khó trả lời) là giá trị khuyết.',
  'Codes 9/99 set apart from a scale (Hard to say) are user-missing.',
];

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const pad2 = (n: number) => String(n).padStart(2, '0');

function fileHeader(columns: SavColumn[], opts: DictionaryOptions): Buffer {
  const now = opts.now ?? new Date();
  const slots = columns.reduce((s, c) => s + c.slots, 0);
  const weight = columns.find((c) => c.variable.role === 'meta' && c.variable.name === 'weight');
  return new Bytes()
    .fixed('$FL2', 4)
    .fixed('@(#) SPSS DATA FILE - Da Nang survey platform', 60)
    .i32(2, slots, 1, weight?.slot ?? 0, opts.cases ?? -1)
    .f64(100) // compression bias
    .fixed(`${pad2(now.getUTCDate())} ${MONTHS[now.getUTCMonth()]} ${pad2(now.getUTCFullYear() % 100)}`, 9)
    .fixed(`${pad2(now.getUTCHours())}:${pad2(now.getUTCMinutes())}:${pad2(now.getUTCSeconds())}`, 8)
    .fixed(opts.fileLabel, 64)
    .fixed('', 3)
    .done();
}

function variableRecords(c: SavColumn, out: Bytes): void {
  const v = c.variable;
  const label = utf8(v.label);
  const missing = c.kind === 'number' ? v.missing.filter((m): m is number => typeof m === 'number').slice(0, 3) : [];
  const continuation = (n: number) => {
    for (let i = 0; i < n; i++) out.i32(2, -1, 0, 0, 0, 0).fixed('', 8);
  };
  out.i32(2, c.kind === 'string' ? c.segments[0] : 0, label.length ? 1 : 0, missing.length, c.format, c.format).fixed(c.short, 8);
  if (label.length) out.i32(label.length).raw(Buffer.concat([label, Buffer.alloc((4 - (label.length % 4)) % 4, ' ')]));
  if (missing.length) out.f64(...missing);
  if (c.kind !== 'string') return;
  continuation(Math.ceil(c.segments[0] / 8) - 1);
  c.segments.slice(1).forEach((w, i) => {
    const fmt = (c.format & ~0xff00) | (w << 8);
    out.i32(2, w, 0, 0, fmt, fmt).fixed(c.segmentNames[i], 8);
    continuation(Math.ceil(w / 8) - 1);
  });
}

function valueLabel(label: string, stats: DictionaryStats): Buffer {
  const cut = truncateUtf8(label, VALUE_LABEL_BYTES);
  if (cut !== label) stats.truncatedValueLabels++;
  return utf8(cut);
}

/** Records 3 and 4: one label set per variable (numbers, and strings of at most 8 bytes). */
function shortValueLabels(c: SavColumn, out: Bytes, stats: DictionaryStats): void {
  const values = c.variable.values;
  out.i32(3, values.length);
  for (const { code, label } of values) {
    if (c.kind === 'string') out.fixed(String(code), 8);
    else out.f64(Number(code));
    const text = valueLabel(label, stats);
    const padded = Buffer.alloc(Math.ceil((text.length + 1) / 8) * 8 - 1, ' ');
    text.copy(padded);
    out.u8(text.length).raw(padded);
  }
  out.i32(4, 1, c.slot);
}

function longStringValueLabels(columns: SavColumn[], out: Bytes, stats: DictionaryStats): void {
  const body = new Bytes();
  for (const c of columns) {
    const name = utf8(c.variable.name);
    body.i32(name.length).raw(name).i32(c.width, c.variable.values.length);
    for (const { code, label } of c.variable.values) {
      const text = valueLabel(label, stats);
      body.i32(c.width).fixed(String(code as Code), c.width).i32(text.length).raw(text);
    }
  }
  if (body.length) out.i32(7, 21, 1, body.length).raw(body.done());
}

/** A text info record (7/subtype, size 1). */
function textRecord(out: Bytes, subtype: number, text: Buffer): void {
  if (text.length) out.i32(7, subtype, 1, text.length).raw(text);
}

export function savDictionary(columns: SavColumn[], opts: DictionaryOptions, stats: DictionaryStats): Buffer {
  const out = new Bytes().raw(fileHeader(columns, opts));
  for (const c of columns) variableRecords(c, out);
  const labelled = columns.filter((c) => c.variable.values.length && (c.kind !== 'string' || c.width <= 8));
  for (const c of labelled) shortValueLabels(c, out, stats);
  // Document lines (80 bytes each) that SPSS shows with DISPLAY DOCUMENTS: the rules an analyst must know.
  out.i32(6, NOTES.length);
  for (const line of NOTES) out.fixed(line, 80);
  // Machine integer info: SPSS 20, IEEE floats, bytecode compression, little-endian, UTF-8 (65001).
  out.i32(7, 3, 4, 8, 20, 0, 0, -1, 1, 1, 2, 65001);
  out.i32(7, 4, 8, 3).f64(SYSMIS, Number.MAX_VALUE).raw(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0xff]));
  const display = columns.flatMap((c) => {
    const align = c.kind === 'string' ? 0 : 1;
    const width = c.kind === 'date' ? 20 : c.kind === 'string' ? Math.min(40, Math.max(8, c.width)) : 8;
    // A date is a point on a scale, whatever the layout calls the text form of it.
    const measure = c.kind === 'date' ? MEASURE.scale : MEASURE[c.variable.measure];
    return c.segments.flatMap(() => [measure, width, align]);
  });
  out.i32(7, 11, 4, display.length).i32(...display);
  textRecord(out, 13, utf8(columns.map((c) => `${c.short}=${c.variable.name}`).join('\t')));
  const veryLong = columns.filter((c) => c.segments.length > 1);
  textRecord(out, 14, utf8(veryLong.map((c) => `${c.short}=${String(c.width).padStart(5, '0')}\0\t`).join('')));
  out.i32(7, 16, 8, 2).raw(int64Pair(1, opts.cases ?? -1));
  textRecord(out, 20, utf8('UTF-8'));
  longStringValueLabels(columns.filter((c) => c.kind === 'string' && c.width > 8 && c.variable.values.length), out, stats);
  out.i32(999, 0);
  return out.done();
}

function int64Pair(a: number, b: number): Buffer {
  const buf = Buffer.alloc(16);
  buf.writeBigInt64LE(BigInt(a), 0);
  buf.writeBigInt64LE(BigInt(b), 8);
  return buf;
}
