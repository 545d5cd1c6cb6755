// The figures of the weights page, computed once per revision of the results cache: the raking weights
// the results use (shared with topline and crosstab), their spread, and for each margin the population,
// sample and weighted shares of its levels, with what stops raking said level by level.
import type { CampaignDoc } from '../campaigns/model.ts';
import type { TLocale } from '../contract/public.ts';
import type { TMarginComparison, TMarginVariable, TMargins, TWeightProblem, TWeights } from '../contract/staff.ts';
import { AppError } from '../errors.ts';
import { memoized, type CachedResponse, type ResultsData } from './cache.ts';
import { marginLevels, marginParts } from './weights-rules.ts';
import { computeWeighting, marginKeys, weightsKey, type Weighting } from './weighting.ts';

const HISTOGRAM_BINS = 12;

export type WeightsSummary = Pick<TWeights, 'total' | 'weighting' | 'histogram' | 'failure' | 'problems' | 'comparison'>;

const say = (lang: TLocale, vi: string, en: string) => (lang === 'en' ? en : vi);
const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export function weightsSummary(data: ResultsData, campaign: CampaignDoc, margins: TMargins, variables: TMarginVariable[], lang: TLocale) {
  // The stored margins are in the key: a page read racing a save never keeps figures of the old margins.
  return memoized(data, `weights-view|${lang}|${JSON.stringify(margins)}`, () => summarise(data, campaign, margins, variables, lang));
}

async function summarise(data: ResultsData, campaign: CampaignDoc, margins: TMargins, variables: TMarginVariable[], lang: TLocale): Promise<WeightsSummary> {
  let weighting: Weighting | null = null;
  let failure: WeightsSummary['failure'] = null;
  try {
    // The same memo entry as weighted topline and crosstab: the page shows the weights they use.
    weighting = await memoized(data, weightsKey(campaign), () => computeWeighting(data.rows, campaign));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const first = (err.extra.errors as { message?: string }[] | undefined)?.[0];
    failure = {
      code: err.code,
      message: say(lang, 'Không tính được trọng số từ số liệu dân số đã lưu.', 'The weights cannot be made from the stored population figures.'),
      detail: first?.message ?? err.detail ?? null,
    };
  }
  const weights = weighting?.design.weights ?? null;
  const comparison = Object.entries(margins).map(([name, population]) => compare(name, population, data.rows, weights, variables));
  return {
    total: data.rows.length,
    weighting: weighting?.meta ?? null,
    histogram: weights ? histogram(weights) : [],
    failure,
    problems: problemsOf(comparison, lang),
    comparison,
  };
}

function compare(
  name: string, population: Record<string, number>, rows: CachedResponse[], weights: Float64Array | null, variables: TMarginVariable[],
): TMarginComparison {
  const parts = marginParts(name, variables);
  const levels = parts ? marginLevels(parts) : [];
  const index = new Map(levels.map((l, k) => [l.value, k]));
  const add = (value: string) => {
    index.set(value, levels.length);
    levels.push({ value, label: value });
    return levels.length - 1;
  };
  for (const value of Object.keys(population)) if (!index.has(value)) add(value);
  const n: number[] = [];
  const w: number[] = [];
  let missing = 0, answered = 0, weightTotal = 0;
  marginKeys(rows, name).forEach((key, i) => {
    if (key === null) return void missing++;
    const k = index.get(key) ?? add(key);
    n[k] = (n[k] ?? 0) + 1;
    answered++;
    if (weights) {
      w[k] = (w[k] ?? 0) + weights[i];
      weightTotal += weights[i];
    }
  });
  const populationTotal = Object.values(population).reduce((a, b) => a + b, 0);
  return {
    name,
    title: parts ? parts.map((p) => p.title).join(' × ') : name,
    populationTotal,
    missing,
    levels: levels.map((l, k) => {
      const count = population[l.value] ?? null;
      return {
        ...l,
        population: count,
        populationPct: count === null ? null : pct(count, populationTotal),
        sample: n[k] ?? 0,
        samplePct: pct(n[k] ?? 0, answered),
        weightedPct: weights ? pct(w[k] ?? 0, weightTotal) : null,
      };
    }),
  };
}

/** What stops raking, as rake() would find it, said with the names an analyst sees. */
function problemsOf(comparison: TMarginComparison[], lang: TLocale): TWeightProblem[] {
  const out: TWeightProblem[] = [];
  for (const m of comparison) {
    if (m.missing)
      out.push({
        margin: m.name, level: null,
        message: say(lang, `${m.missing} phiếu không có giá trị của "${m.title}": không gia quyền được theo biến này.`,
          `${m.missing} responses have no value for "${m.title}": it cannot be used for weighting.`),
      });
    for (const l of m.levels) {
      if (l.population !== null && l.sample === 0)
        out.push({
          margin: m.name, level: l.value,
          message: say(lang, `"${l.label}" (${m.title}) có số dân nhưng chưa có người trả lời: bỏ số dân của giá trị này hoặc chờ thêm phiếu.`,
            `"${l.label}" (${m.title}) has a population count but no respondents: remove its count or wait for responses.`),
        });
      if (l.population === null && l.sample > 0)
        out.push({
          margin: m.name, level: l.value,
          message: say(lang, `"${l.label}" (${m.title}) có ${l.sample} người trả lời nhưng chưa có số dân.`,
            `"${l.label}" (${m.title}) has ${l.sample} respondents but no population count.`),
        });
    }
  }
  return out;
}

function histogram(weights: Float64Array): TWeights['histogram'] {
  let min = Infinity, max = -Infinity;
  for (const w of weights) if (w > 0) {
    if (w < min) min = w;
    if (w > max) max = w;
  }
  if (!Number.isFinite(min)) return [];
  const width = (max - min) / HISTOGRAM_BINS;
  if (width <= max * 1e-9) return [{ from: min, to: max, count: weights.filter((w) => w > 0).length }];
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const w of weights) if (w > 0) counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((w - min) / width))]++;
  return counts.map((count, k) => ({ from: min + k * width, to: k === HISTOGRAM_BINS - 1 ? max : min + (k + 1) * width, count }));
}
