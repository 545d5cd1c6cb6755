// Topline and crosstab of a campaign for analysts (and viewers, who read tables but no free-text answers),
// computed by analysis/ from the results cache, weighted on request.
import { z } from 'zod';
import { crosstab, DesignError, readQuestionnaire, tabulate, svyDesign, type QuestionInfo, type TabulateResponse } from '../../analysis/index.ts';
import { assertRole } from '../auth/index.ts';
import type { CampaignDoc } from '../campaigns/model.ts';
import { findCampaign, findCampaignVersion } from '../campaigns/service.ts';
import type { TCrosstab, TResultsFilter, TResultsMeta, TTopline } from '../contract/staff.ts';
import { BadRequestError, parseOrThrow, UnprocessableError } from '../errors.ts';
import type { Actor } from '../surveys/service.ts';
import { campaignResponses, memoized, type CachedResponse, type ResultsData } from './cache.ts';
import { filterKey, filterPredicate, parseFilter } from './filter.ts';
import { runningTopline } from './running.ts';
import { computeWeighting, LONELY_PSU, weightsKey, type Weighting } from './weighting.ts';

/** Cells with fewer respondents than this are hidden in crosstabs. */
export const SUPPRESS_BELOW = 5;
const TEXT_ANSWERS = 100;

const ZCommon = {
  weighted: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  lang: z.enum(['vi', 'en']).default('vi'),
  filter: z.string().max(2000).optional(),
};
const ZToplineQuery = z.object(ZCommon).strict();
const ZCrosstabQuery = z.object({ ...ZCommon, row: z.string().min(1).max(200), col: z.string().min(1).max(200) }).strict();

interface Context {
  campaign: CampaignDoc;
  survey: Record<string, unknown>;
  questions: QuestionInfo[];
  strata: string[];
  filter: TResultsFilter;
  data: ResultsData;
}

async function context(slug: string, lang: 'vi' | 'en', filterText: string | undefined): Promise<Context> {
  const campaign = await findCampaign(slug);
  const survey = (await findCampaignVersion(campaign)).json as Record<string, unknown>;
  const questions = readQuestionnaire(survey, lang);
  const strata = campaign.strata?.variables ?? [];
  const filter = parseFilter(filterText, questions, strata);
  return { campaign, survey, questions, strata, filter, data: await campaignResponses(campaign) };
}

const weightingOf = (c: Context) => memoized<Weighting>(c.data, weightsKey(c.campaign), () => computeWeighting(c.data.rows, c.campaign));

function meta(c: Context, lang: 'vi' | 'en', weighted: boolean, n: number, w?: Weighting): TResultsMeta {
  return { slug: c.campaign.slug, lang, weighted, filter: c.filter, n, total: c.data.rows.length, ...(w ? { weighting: w.meta } : {}) };
}

/** Too few responses for a design-based error (e.g. one response after filtering) is the analyst's to fix. */
async function explainDesign<T>(compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (err) {
    if (!(err instanceof DesignError)) throw err;
    throw new UnprocessableError(
      'results.too_few_responses',
      'Quá ít phiếu trong phạm vi đã chọn để tính sai số (cần ít nhất hai phiếu trong mỗi tầng). Hãy nới bộ lọc.',
      [{ path: 'filter', message: err.message }],
    );
  }
}

export async function campaignTopline(actor: Actor, slug: string, query: unknown): Promise<TTopline> {
  assertRole(actor.staff, 'analyst', 'viewer');
  const q = parseOrThrow(ZToplineQuery, query);
  const c = await context(slug, q.lang, q.filter);
  // Free-text answers are raw data: analysts see them, viewers see only how many there are.
  const textAnswers = actor.staff.roles.some((r) => r === 'admin' || r === 'analyst') ? TEXT_ANSWERS : 0;
  const key = `topline|${q.weighted ? weightsKey(c.campaign) : 'unweighted'}|${q.lang}|${textAnswers}|${filterKey(c.filter)}`;
  return memoized(c.data, key, async () => {
    const w = q.weighted ? await weightingOf(c) : undefined;
    const keep = filterPredicate(c.filter, c.strata);
    const opts = { locale: q.lang, design: w ? { lonelyPsu: LONELY_PSU } : undefined, quality: false as const, maxTextAnswers: textAnswers };
    let t;
    if (!w) {
      t = await explainDesign(async () => runningTopline(`${c.campaign._id}|${c.campaign.version}|${key}`, c.data, c.survey, opts, keep));
    } else {
      const records: TabulateResponse[] = [];
      c.data.rows.forEach((r, i) => {
        if (keep && !keep(r)) return;
        records.push({ id: r.id, data: r.answers, weight: w.design.weights[i], stratum: r.stratumKey || '-' });
      });
      t = await explainDesign(() => tabulate(c.survey, records, opts));
    }
    return { ...meta(c, q.lang, q.weighted, t.n, w), topline: { n: t.n, locale: t.locale, design: t.design, questions: t.questions, indices: t.indices as unknown as Record<string, unknown>[] } };
  });
}

/** A variable a crosstab can use: a stratum or a single choice, boolean or rating question. */
function crossVariable(c: Context, name: string) {
  const q = c.questions.find((x) => x.name === name);
  const isStratum = c.strata.includes(name);
  if (!q || !(isStratum || q.kind === 'single' || q.kind === 'rating'))
    throw new BadRequestError('results.bad_variable', `"${name}" không dùng được trong bảng chéo: chọn biến phân tầng hoặc câu hỏi một lựa chọn.`);
  const value = (r: CachedResponse): string | null => {
    const v = isStratum ? (r.stratum[name] ?? r.answers[name]) : r.answers[name];
    return v === undefined || v === null || v === '' || typeof v === 'object' ? null : String(v);
  };
  const labels = new Map(q.choices.map((o) => [String(o.value), o.label]));
  return { q, value, labels };
}

type Grid<T> = Record<string, Record<string, T>>;

export async function campaignCrosstab(actor: Actor, slug: string, query: unknown): Promise<TCrosstab> {
  assertRole(actor.staff, 'analyst', 'viewer');
  const q = parseOrThrow(ZCrosstabQuery, query);
  if (q.row === q.col) throw new BadRequestError('results.bad_variable', 'Hàng và cột của bảng chéo phải là hai biến khác nhau.');
  const c = await context(slug, q.lang, q.filter);
  const row = crossVariable(c, q.row);
  const col = crossVariable(c, q.col);
  const key = `crosstab|${q.weighted ? weightsKey(c.campaign) : 'unweighted'}|${q.lang}|${q.row}|${q.col}|${filterKey(c.filter)}`;
  return memoized(c.data, key, async () => {
    const w = q.weighted ? await weightingOf(c) : undefined;
    const rows = c.data.rows;
    const keep = filterPredicate(c.filter, c.strata);
    // Responses outside the filter are a domain of the whole design (null), not a sample of their own.
    const rv = rows.map((r) => (keep && !keep(r) ? null : row.value(r)));
    const cv = rows.map((r, i) => (rv[i] === null ? null : col.value(r)));
    const design = w ? w.design : svyDesign({ n: rows.length });
    const present = (v: (string | null)[]) => new Set(v.filter((x, i) => x !== null && rv[i] !== null && cv[i] !== null)).size;
    if (present(rv) < 2 || present(cv) < 2)
      throw new UnprocessableError('results.too_few_levels', 'Bảng chéo cần ít nhất hai giá trị có người trả lời ở cả hàng và cột.', []);
    const x = await explainDesign(async () => crosstab(design, rv, cv, { suppressBelow: SUPPRESS_BELOW }));
    const hidden = new Set(x.suppressed.map((s) => `${s.row}\u0000${s.col}`));
    const hide = (g: Grid<number>): Grid<number | null> =>
      Object.fromEntries(Object.entries(g).map(([r, cols]) => [r, Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, hidden.has(`${r}\u0000${k}`) ? null : v]))]));
    const levels = (values: string[], labels: Map<string, string>) => values.map((v) => ({ value: v, label: labels.get(v) ?? v }));
    return {
      ...meta(c, q.lang, q.weighted, x.n, w),
      row: { name: q.row, title: row.q.title, levels: levels(x.rows, row.labels) },
      col: { name: q.col, title: col.q.title, levels: levels(x.cols, col.labels) },
      crosstab: {
        rows: x.rows, cols: x.cols, n: x.n, suppressBelow: SUPPRESS_BELOW,
        counts: hide(x.counts), table: x.table, colPct: x.colPct, rowPct: x.rowPct, totalPct: x.totalPct, stdres: hide(x.stdres),
        suppressed: x.suppressed, expectedBelow5: x.expectedBelow5.length,
        pearson: x.pearson, raoScott: x.raoScott, chisq: x.chisq, cramersV: x.cramersV,
      },
    };
  });
}
