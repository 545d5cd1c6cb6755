// CSV and NDJSON from a stream of responses: rows are encoded as they come and handed to `write` in
// chunks of 64 KiB; `write` resolves when the destination can take more (backpressure). Chunks stay
// under malloc's mmap threshold: with 256 KiB ones RSS crept up by ~150 MB over a million rows.
import type { Cell, ExportLayout, ExportRecord } from './layout.ts';

export type Labels = 'codes' | 'text';
export type Write = (chunk: string | Buffer) => Promise<void>;

const CHUNK = 64 * 1024;
const QUOTE = /[",\r\n]/;
/** A cell that a spreadsheet would run as a formula (OWASP "CSV injection"). */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * CSV straight into bytes: no string per row or per cell to build and collect (at a million rows of
 * 170 columns that garbage, not the data, was the cost). Full buffers are queued for `write`.
 */
class CsvBytes {
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  readonly full: Buffer[] = [];

  constructor(private readonly guard: boolean[]) {}

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos) this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.pos = 0;
  }

  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos);
  }

  row(row: Cell[]): void {
    const n = row.length;
    for (let i = 0; i < n; i++) {
      const v = row[i];
      this.room(2);
      if (i) this.buf[this.pos++] = 44; // ,
      if (v === null) continue;
      if (typeof v === 'number') {
        if (v >= 0 && v <= 9 && Number.isInteger(v)) this.buf[this.pos++] = 48 + v;
        else this.text(String(v));
        continue;
      }
      const s = this.guard[i] && FORMULA.test(v) ? `'${v}` : v;
      this.text(QUOTE.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    }
    this.room(2);
    this.buf[this.pos++] = 13;
    this.buf[this.pos++] = 10;
  }

  /** What is left, once the rows are done. */
  rest(): Buffer | null {
    const last = this.pos ? this.buf.subarray(0, this.pos) : null;
    this.buf = Buffer.allocUnsafe(0);
    this.pos = 0;
    return last;
  }
}

async function writeCsv(layout: ExportLayout, records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>, labels: Labels, write: Write): Promise<number> {
  const out = new CsvBytes(layout.variables.map((v) => v.freeText));
  // The BOM makes Excel read the file as UTF-8 (Vietnamese intact); CRLF as RFC 4180 says.
  out.text(`\uFEFF${layout.variables.map((v) => v.name).join(',')}\r\n`);
  let rows = 0;
  const reused: Cell[] = new Array(layout.variables.length);
  for await (const r of records) {
    const row = layout.row(r, reused);
    out.row(labels === 'text' ? layout.toText(row) : row);
    rows++;
    while (out.full.length) await write(out.full.shift()!);
  }
  const last = out.rest();
  if (last) await write(last);
  return rows;
}

function ndjsonLine(layout: ExportLayout): (row: Cell[]) => string {
  const keys = layout.variables.map((v, i) => (i ? ',' : '{') + JSON.stringify(v.name) + ':');
  const n = keys.length;
  return (row) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      const v = row[i];
      s += keys[i] + (v === null ? 'null' : typeof v === 'number' ? String(v) : JSON.stringify(v));
    }
    return s + '}\n';
  };
}

/** Streams `records` as CSV or NDJSON through `write`; returns the number of rows written. */
export async function writeText(
  format: 'csv' | 'ndjson',
  layout: ExportLayout,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
  labels: Labels,
  write: Write,
): Promise<number> {
  if (format === 'csv') return writeCsv(layout, records, labels, write);
  const line = ndjsonLine(layout);
  let buf = '';
  let rows = 0;
  for await (const r of records) {
    const row = layout.row(r);
    buf += line(labels === 'text' ? layout.toText(row) : row);
    rows++;
    if (buf.length >= 64 * 1024) {
      await write(buf);
      buf = '';
    }
  }
  if (buf) await write(buf);
  return rows;
}
