// The SPSS (.sav) export: the dictionary (sav-dictionary.ts), then the cases, bytecode-compressed as
// they stream in. Bytecode compression writes one control byte per 8-byte slot (a small whole number,
// system-missing or eight spaces cost that byte alone), so the wide free-text columns cost little when
// empty. Text longer than its column is cut at a character boundary and counted, never an error.
import type { Cell, ExportLayout, ExportRecord } from './layout.ts';
import { savColumns, SPSS_EPOCH_OFFSET, type SavColumn } from './sav-columns.ts';
import { savDictionary, SYSMIS } from './sav-dictionary.ts';
import type { Write } from './text-writers.ts';

export const SAV_TYPE = 'application/x-spss-sav';
const CHUNK = 64 * 1024;
const SPACES = 254;
const MISSING = 255;
const RAW = 253;

export interface SavOptions {
  fileLabel?: string;
  /** Cases that will follow, when known exactly; unknown (-1) otherwise. */
  cases?: number;
  now?: Date;
  /** Filled in while writing: what had to be cut to fit the format. */
  stats?: SavStats;
}

export interface SavStats {
  truncatedValues: number;
  truncatedValueLabels: number;
}

/** The compressed case stream: 8 control bytes, then the raw slots they announce, and so on. */
class Compressed {
  private buf: Buffer;
  private ctrl = 0;
  private used = 0;
  private pos = 8;
  readonly full: Buffer[] = [];

  constructor(private readonly rowBytes: number) {
    this.buf = this.fresh();
  }

  private fresh(): Buffer {
    return Buffer.allocUnsafe(Math.max(CHUNK, 4 * this.rowBytes));
  }

  code(c: number): void {
    if (this.used === 8) {
      this.ctrl = this.pos;
      this.pos += 8;
      this.used = 0;
    }
    this.buf[this.ctrl + this.used++] = c;
  }

  number(v: number): void {
    if (v === SYSMIS) return this.code(MISSING);
    if (Number.isInteger(v) && v >= -99 && v <= 151) return this.code(v + 100);
    this.code(RAW);
    this.pos = this.buf.writeDoubleLE(v, this.pos);
  }

  repeat(c: number, n: number): void {
    for (let i = 0; i < n; i++) this.code(c);
  }

  /** Eight bytes of a string from `src` at `at`. */
  slot(src: Buffer, at: number): void {
    for (let i = 0; i < 8; i++)
      if (src[at + i] !== 32) {
        this.code(RAW);
        this.pos += src.copy(this.buf, this.pos, at, at + 8);
        return;
      }
    this.code(SPACES);
  }

  /** At the end of a case: hands over what is complete when the buffer runs short of room for another. */
  endCase(): void {
    if (this.pos + this.rowBytes <= this.buf.length) return;
    const next = this.fresh();
    this.buf.copy(next, 0, this.ctrl, this.pos);
    if (this.ctrl) this.full.push(this.buf.subarray(0, this.ctrl));
    this.pos -= this.ctrl;
    this.ctrl = 0;
    this.buf = next;
  }

  rest(): Buffer | null {
    if (!this.used) return null;
    // The last block's unused control bytes are 0, which readers skip.
    for (let i = this.used; i < 8; i++) this.buf[this.ctrl + i] = 0;
    return this.buf.subarray(0, this.pos);
  }
}

/** A cell as an SPSS number: codes and counts as they are, ISO dates as seconds since 14 Oct 1582. */
function toNumber(c: SavColumn, v: Cell): number {
  if (v === null) return SYSMIS;
  if (c.kind === 'date') {
    const t = Date.parse(String(v));
    return Number.isNaN(t) ? SYSMIS : t / 1000 + SPSS_EPOCH_OFFSET;
  }
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : SYSMIS;
}

/** Writes one string cell: segments of 255 bytes, each in its own run of slots, padded with spaces. */
function writeString(c: SavColumn, v: Cell, out: Compressed, scratch: { flat: Buffer; slots: Buffer }, stats: SavStats): void {
  if (v === null || v === '') return out.repeat(SPACES, c.slots);
  const text = String(v);
  const storage = c.slots * 8;
  const into = c.segments.length === 1 ? scratch.slots : scratch.flat;
  // Buffer.write never splits a character: the text is cut at a boundary when it does not fit.
  const n = into.write(text, 0, c.width, 'utf8');
  if (n >= c.width - 3 && Buffer.byteLength(text, 'utf8') > n) stats.truncatedValues++;
  if (into === scratch.slots) scratch.slots.fill(32, n, storage);
  else {
    // Very long strings: the text packed 255 bytes per segment, segments 256 bytes apart.
    scratch.slots.fill(32, 0, storage);
    for (let s = 0, from = 0; from < n; s++, from += 255) scratch.flat.copy(scratch.slots, s * 256, from, Math.min(n, from + 255));
  }
  for (let at = 0; at < storage; at += 8) out.slot(scratch.slots, at);
}

/** Streams `records` as an SPSS system file through `write`; returns the number of cases. */
export async function writeSav(
  layout: ExportLayout,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
  write: Write,
  opts: SavOptions = {},
): Promise<number> {
  const stats = opts.stats ?? { truncatedValues: 0, truncatedValueLabels: 0 };
  const columns = savColumns(layout);
  await write(savDictionary(columns, { fileLabel: opts.fileLabel ?? '', cases: opts.cases, now: opts.now }, stats));
  const slots = columns.reduce((s, c) => s + c.slots, 0);
  const out = new Compressed(slots * 9 + 16);
  const widest = Math.max(8, ...columns.map((c) => c.slots * 8));
  const scratch = { flat: Buffer.alloc(widest), slots: Buffer.alloc(widest) };
  const reused: Cell[] = new Array(layout.variables.length);
  let rows = 0;
  for await (const r of records) {
    const row = layout.row(r, reused);
    for (const c of columns) {
      if (c.kind === 'string') writeString(c, row[c.index], out, scratch, stats);
      else out.number(toNumber(c, row[c.index]));
    }
    out.endCase();
    rows++;
    while (out.full.length) await write(out.full.shift()!);
  }
  const last = out.rest();
  if (last) await write(last);
  return rows;
}
