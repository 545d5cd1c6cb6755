// The xlsx export with exceljs's streaming WorkbookWriter: a data sheet written row by row (never the
// whole workbook in memory), a codebook sheet, and a topline sheet tallied while the data streamed. Strings are inline (no shared-strings table, which
// would grow with the data) and cells are typed, so no respondent text can become a formula.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../analysis/index.ts';
import { codebookHeader, codebookRow } from './codebook.ts';
import type { ExportLayout, ExportRecord } from './layout.ts';
import { roomIn } from './sink.ts';
import type { Labels } from './text-writers.ts';
import { TOPLINE_SHEET, ToplineTally } from './topline.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEETS = { vi: { data: 'Dữ liệu', codebook: 'Codebook' }, en: { data: 'Data', codebook: 'Codebook' } };
/** How far the sheet's XML may run ahead of the compressor before the writer waits. */
const AHEAD = 8 * 1024 * 1024;
const CHECK_EVERY = 200;

interface StreamState {
  length: number;
}
interface Buffered {
  _readableState?: StreamState;
  _writableState?: StreamState;
}

/**
 * exceljs feeds the zip without backpressure: its worksheet stream pushes into the PassThrough that the
 * zip (archiver) made of it, which the compressor drains at its own pace, so a fast producer would pile
 * the sheet's XML up in memory (measured: +3 MB per 1,000 demo rows). Wait while more than AHEAD bytes
 * are queued there. This reads exceljs 4.4 / archiver internals (both pinned); without them the writer
 * only yields to the event loop.
 */
async function compressorRoom(sheet: unknown, signal?: AbortSignal): Promise<void> {
  const s = (sheet as { stream?: { pipes?: Buffered[] } }).stream;
  const queued = () => {
    const p = s?.pipes?.[0];
    return (p?._readableState?.length ?? 0) + (p?._writableState?.length ?? 0);
  };
  await new Promise((r) => setImmediate(r));
  while (queued() > AHEAD) {
    signal?.throwIfAborted();
    await new Promise((r) => setTimeout(r, 2));
  }
}

export interface XlsxOptions {
  labels: Labels;
  locale: Locale;
  /** Also write a codebook sheet (and none of the data when `dataSheet` is false). */
  dataSheet?: boolean;
  signal?: AbortSignal;
}

/** Streams the workbook into `out`; returns the number of data rows. */
export async function writeXlsx(
  layout: ExportLayout,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
  out: Writable,
  opts: XlsxOptions,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  wb.creator = 'Đà Nẵng survey platform';
  let rows = 0;
  const topline = opts.dataSheet !== false ? new ToplineTally(layout, opts.locale) : null;
  if (topline) {
    const sheet = wb.addWorksheet(SHEETS[opts.locale].data);
    sheet.addRow(layout.variables.map((v) => v.name)).commit();
    for await (const r of records) {
      const row = layout.row(r);
      topline.add(row);
      sheet.addRow(opts.labels === 'text' ? layout.toText(row) : row).commit();
      if (++rows % CHECK_EVERY === 0) {
        await compressorRoom(sheet, opts.signal);
        await roomIn(out, opts.signal);
      }
    }
    sheet.commit();
  }
  const book = wb.addWorksheet(SHEETS[opts.locale].codebook);
  book.addRow(codebookHeader(opts.locale)).commit();
  for (const v of layout.variables) book.addRow(codebookRow(v, opts.locale)).commit();
  book.commit();
  if (topline) {
    const sheet = wb.addWorksheet(TOPLINE_SHEET[opts.locale]);
    for (const line of topline.rows()) sheet.addRow(line).commit();
    sheet.commit();
  }
  await wb.commit();
  return rows;
}
