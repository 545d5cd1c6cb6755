// Exports of a campaign's responses and of its codebook: who may download them (analysts and admins),
// the audit entry every download leaves, and which writer streams it.
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import { assertRole } from '../auth/index.ts';
import { ZCodebookQuery, ZExportQuery } from '../contract/staff.ts';
import { recordAudit } from '../audit/service.ts';
import { findCampaign, findCampaignVersion, titleText } from '../campaigns/service.ts';
import { BadRequestError } from '../errors.ts';
import type { Actor } from '../surveys/service.ts';
import { codebookMarkdown } from './codebook.ts';
import { ExportLayout, type ExportRecord } from './layout.ts';
import { exportableResponses } from './repository.ts';
import { streamWriter } from './sink.ts';
import { writeText } from './text-writers.ts';
import { writeXlsx, XLSX_TYPE } from './xlsx.ts';


const TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: XLSX_TYPE,
  md: 'text/markdown; charset=utf-8',
};

/** A download ready to stream: the route sets the headers, then calls `write`. */
export interface Download {
  filename: string;
  contentType: string;
  /** Streams the file into `out` (without ending it); stops when `signal` aborts. Returns the data rows. */
  write(out: Writable, signal?: AbortSignal): Promise<number>;
}

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success)
    throw new BadRequestError('export.bad_query', 'Tham số xuất dữ liệu không hợp lệ (format, labels, lang).', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  return parsed.data;
}

/** The first item and an iterator over all of them (the first included); stopping it closes the source. */
async function peek<T>(source: AsyncGenerator<T>): Promise<{ first: T | undefined; all: AsyncGenerator<T> }> {
  const head = await source.next();
  async function* all(): AsyncGenerator<T> {
    try {
      if (head.done) return;
      yield head.value;
      yield* source;
    } finally {
      await source.return(undefined);
    }
  }
  return { first: head.done ? undefined : head.value, all: all() };
}

const today = () => new Date().toISOString().slice(0, 10);

export async function prepareExport(actor: Actor, slug: string, query: unknown): Promise<Download> {
  assertRole(actor.staff, 'analyst');
  const q = parseQuery(ZExportQuery, query);
  const campaign = await findCampaign(slug);
  const version = await findCampaignVersion(campaign);
  await recordAudit(
    actor.audit,
    'export.download',
    { type: 'campaign', id: slug, label: titleText(campaign.title) },
    { format: q.format, labels: q.labels, lang: q.lang, version: version.number },
  );
  return {
    filename: `${slug}-v${version.number}-${today()}${q.labels === 'text' ? '-labels' : ''}.${q.format}`,
    contentType: TYPES[q.format],
    async write(out, signal) {
      // Responses carry a weight once the campaign has been weighted: then every one has it.
      const { first, all } = await peek(exportableResponses(campaign._id));
      const layout = new ExportLayout(version.json, { locale: q.lang, weight: typeof first?.weight === 'number' });
      return streamRows(q.format, layout, all, out, { labels: q.labels, locale: q.lang, signal });
    },
  };
}

/** The writers behind one entry point (the benchmark feeds them a synthetic stream). */
export function streamRows(
  format: 'csv' | 'ndjson' | 'xlsx',
  layout: ExportLayout,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
  out: Writable,
  opts: { labels: 'codes' | 'text'; locale: 'vi' | 'en'; signal?: AbortSignal },
): Promise<number> {
  if (format === 'xlsx') return writeXlsx(layout, records, out, opts);
  return writeText(format, layout, records, opts.labels, streamWriter(out, opts.signal));
}

export async function prepareCodebook(actor: Actor, slug: string, query: unknown): Promise<Download> {
  assertRole(actor.staff, 'analyst');
  const q = parseQuery(ZCodebookQuery, query);
  const campaign = await findCampaign(slug);
  const version = await findCampaignVersion(campaign);
  await recordAudit(
    actor.audit,
    'export.download',
    { type: 'campaign', id: slug, label: titleText(campaign.title) },
    { format: `codebook-${q.format}`, lang: q.lang, version: version.number },
  );
  // The codebook lists the weight variable as the data will carry it once weights exist.
  const layout = new ExportLayout(version.json, { locale: q.lang, weight: true });
  return {
    filename: `${slug}-v${version.number}-codebook.${q.format}`,
    contentType: TYPES[q.format],
    async write(out, signal) {
      if (q.format === 'xlsx') return writeXlsx(layout, [], out, { labels: 'codes', locale: q.lang, dataSheet: false, signal });
      const title = `${titleText(campaign.title, q.lang)} — ${q.lang === 'vi' ? 'sổ mã biến' : 'codebook'} (v${version.number})`;
      await streamWriter(out, signal)(codebookMarkdown(layout, title, q.lang));
      return 0;
    },
  };
}
