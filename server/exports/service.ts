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
import { expectedRows, exportableResponses } from './repository.ts';
import { SAV_TYPE, writeSav, type SavStats } from './sav.ts';
import { streamWriter } from './sink.ts';
import { writeText } from './text-writers.ts';
import { exportWeights } from './weights.ts';
import { writeXlsx, XLSX_TYPE } from './xlsx.ts';

const TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: XLSX_TYPE,
  sav: SAV_TYPE,
  md: 'text/markdown; charset=utf-8',
};

/** A download ready to stream: the route sets the headers, then calls `write`. */
export interface Download {
  filename: string;
  contentType: string;
  /** About how many data rows the file will have (for a progress bar); absent for the codebook. */
  expectedRows?: number;
  /** Streams the file into `out` (without ending it); stops when `signal` aborts. Returns the data rows. */
  write(out: Writable, signal?: AbortSignal): Promise<number>;
}

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success)
    throw new BadRequestError('export.bad_query', 'Tham số xuất dữ liệu không hợp lệ (format, labels, lang, includeExcluded).', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  return parsed.data;
}

const today = () => new Date().toISOString().slice(0, 10);

export async function prepareExport(actor: Actor, slug: string, query: unknown): Promise<Download> {
  assertRole(actor.staff, 'analyst');
  const q = parseQuery(ZExportQuery, query);
  const campaign = await findCampaign(slug);
  const version = await findCampaignVersion(campaign);
  // Weights that cannot be made yet (no respondent in a weighting level) leave the weight column out.
  const weights = await exportWeights(campaign);
  const expected = await expectedRows(campaign._id, q.includeExcluded);
  await recordAudit(
    actor.audit,
    'export.download',
    { type: 'campaign', id: slug, label: titleText(campaign.title) },
    { format: q.format, labels: q.labels, lang: q.lang, version: version.number, ...(q.includeExcluded ? { includeExcluded: true } : {}) },
  );
  const layout = new ExportLayout(version.json, { locale: q.lang, weight: weights !== null, excluded: q.includeExcluded });
  return {
    filename: `${slug}-v${version.number}-${today()}${q.labels === 'text' && q.format !== 'sav' ? '-labels' : ''}.${q.format}`,
    contentType: TYPES[q.format],
    expectedRows: expected,
    async write(out, signal) {
      const records = withWeights(exportableResponses(campaign._id, { includeExcluded: q.includeExcluded }), weights);
      return streamRows(q.format, layout, records, out, { labels: q.labels, locale: q.lang, signal, title: titleText(campaign.title, q.lang) });
    },
  };
}

/** Each response with its weight; one stored after the weights were computed has none (an empty cell). */
async function* withWeights(records: AsyncIterable<ExportRecord>, weights: Map<string, number> | null): AsyncGenerator<ExportRecord> {
  for await (const r of records) yield weights ? { ...r, weight: weights.get(r.id) } : r;
}

/** The writers behind one entry point (the benchmark feeds them a synthetic stream). SPSS keeps codes and carries the labels itself. */
export function streamRows(
  format: 'csv' | 'ndjson' | 'xlsx' | 'sav',
  layout: ExportLayout,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
  out: Writable,
  opts: { labels: 'codes' | 'text'; locale: 'vi' | 'en'; signal?: AbortSignal; title?: string; savStats?: SavStats },
): Promise<number> {
  if (format === 'xlsx') return writeXlsx(layout, records, out, opts);
  if (format === 'sav') return writeSav(layout, records, streamWriter(out, opts.signal), { fileLabel: opts.title, stats: opts.savStats });
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
