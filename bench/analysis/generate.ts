// Synthetic responses to the demo questionnaire for the benchmark: a stratified cluster sample
// (strata = districts, PSUs = wards) whose answers depend on district, respondent group and a
// per-person disposition, so toplines, indices and tests have something real to find.
import { readFileSync } from 'node:fs';
import { readQuestionnaire, QuestionInfo } from '../../analysis/questionnaire.js';
import { compileConditions } from '../../analysis/visibility.js';
import type { TabulateOptions, TabulateResponse } from '../../analysis/tabulate.js';

export const surveyPath = new URL('../../surveys/giua-nhiem-ky-2023/survey.json', import.meta.url);
export const survey = JSON.parse(readFileSync(surveyPath, 'utf8'));
const campaign = JSON.parse(readFileSync(new URL('../../surveys/giua-nhiem-ky-2023/campaign.json', import.meta.url), 'utf8'));

/**
 * The timed topline's options: the clustered design, and what the results page asks of tabulate() for a weighted
 * topline (server/results/service.ts): every question and the default Likert indices, no quality flags (those
 * are the review queue's, computed apart). BENCH_QUALITY=1 adds the flags, as tabulate() does by default.
 */
export function toplineOptions(): TabulateOptions {
  return { design: { clustered: true }, ...(process.env.BENCH_QUALITY === '1' ? {} : { quality: false as const }) };
}

/** Wards per district in 2023 (45 phường + 11 xã = 56). */
export const WARDS: Record<string, number> = {
  'hai-chau': 13, 'thanh-khe': 10, 'son-tra': 7, 'ngu-hanh-son': 4, 'lien-chieu': 5, 'cam-le': 6, 'hoa-vang': 11,
};
export const ADULTS: Record<string, number> = campaign.population.margins.district;
const DISTRICTS = Object.keys(WARDS);
const GROUPS = ['cadres-civil-servants', 'party-members', 'mass-organisations', 'business', 'residents'];
const GROUP_SHARE = [0.12, 0.1, 0.23, 0.1, 0.45];

/** Small fast PRNG (mulberry32): reproducible and cheap next to the work being measured. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(r: () => number, cum: Float64Array): number {
  const u = r();
  let k = 0;
  while (k < cum.length - 1 && u > cum[k]) k++;
  return k;
}

/** Cumulative probabilities over k options, tilted by a shift (district, group and person effects). */
function tilted(k: number, base: number[], shift: number): Float64Array {
  const w = base.map((b, i) => Math.exp(b + shift * (i - (k - 1) / 2)));
  const s = w.reduce((a, b) => a + b, 0);
  const cum = new Float64Array(k);
  let c = 0;
  w.forEach((x, i) => (cum[i] = c += x / s));
  return cum;
}

interface Plan { q: QuestionInfo; visible: (d: Record<string, unknown>) => boolean; base: number[]; maxSel: number }

export function* responses(n: number, seed = 2023): Generator<TabulateResponse> {
  const r = rng(seed);
  const questions = readQuestionnaire(survey, 'vi');
  const maxSel = new Map<string, number>();
  const walk = (els: any[]) => els?.forEach((e) => { if (e.maxSelectedChoices) maxSel.set(e.name, e.maxSelectedChoices); walk(e.elements); });
  survey.pages.forEach((p: any) => walk(p.elements));
  const plans: Plan[] = questions.map((q) => ({
    q, visible: compileConditions(q.conditions), maxSel: maxSel.get(q.name) ?? 99,
    base: (q.kind === 'matrix' ? q.columns : q.choices).map(() => r() - 0.5),
  }));
  const districtCum = tilted(7, DISTRICTS.map((d) => Math.log(ADULTS[d])), 0);
  const groupCum = tilted(5, GROUP_SHARE.map(Math.log), 0);
  const districtEffect = DISTRICTS.map((_, i) => (i - 3) * 0.08);
  const groupEffect = [0.35, 0.3, 0.1, -0.1, -0.2];
  const cache = new Map<string, Float64Array>();
  const dist = (key: string, k: number, base: number[], shift: number) => {
    const s = Math.round(shift * 10) / 10; // a few hundred distinct tilts: cached
    const ck = key + '|' + s;
    let c = cache.get(ck);
    if (!c) cache.set(ck, (c = tilted(k, base, s)));
    return c;
  };
  const texts = ['Cần công khai tiến độ dự án', 'Tăng cường đối thoại với dân', 'Chống ngập úng', 'Giảm thủ tục hành chính'];
  for (let i = 0; i < n; i++) {
    const d = pick(r, districtCum), g = pick(r, groupCum);
    const district = DISTRICTS[d];
    const ward = 1 + Math.floor(r() * WARDS[district]);
    const person = (r() - 0.5) * 1.6;
    const wardEffect = ((ward * 7919) % 13) / 13 - 0.5;
    const shift = districtEffect[d] + groupEffect[g] + person + 0.3 * wardEffect;
    const data: Record<string, unknown> = {};
    const straight = r() < 0.03;
    for (const p of plans) {
      const q = p.q;
      if (q.name === 'district') { data.district = district; continue; }
      if (q.name === 'group') { data.group = GROUPS[g]; continue; }
      if (q.name === 'party_member') { data.party_member = g <= 1 ? 'yes' : r() < 0.08 ? 'yes' : 'no'; continue; }
      if (!p.visible(data) || r() < 0.02) continue; // hidden by skip logic, or left unanswered
      if (q.kind === 'single' || q.kind === 'rating') {
        const opts = q.choices;
        if (!opts.length) continue;
        data[q.name] = opts[pick(r, dist(q.name, opts.length, p.base, shift * 0.6))].value;
      } else if (q.kind === 'matrix') {
        const row: Record<string, unknown> = {};
        const c = dist(q.name, q.columns.length, p.base, shift);
        const fixed = q.columns[pick(r, c)].value;
        for (const rw of q.rows) row[String(rw.value)] = straight ? fixed : q.columns[pick(r, c)].value;
        data[q.name] = row;
      } else if (q.kind === 'multiple') {
        const sel: unknown[] = [];
        for (let k = 0; k < q.choices.length && sel.length < p.maxSel; k++) {
          const v = q.choices[k].value;
          if (v === 'none' || v === 'other') continue;
          if (r() < 0.25 + 0.1 * p.base[k] + 0.05 * shift) sel.push(v);
        }
        if (!sel.length) sel.push(q.choices.some((c) => c.value === 'none') ? 'none' : q.choices[0].value);
        data[q.name] = sel;
      } else if (q.kind === 'ranking') {
        const items = q.choices.map((c, k) => ({ v: c.value, s: p.base[k] + r() * 1.5 }));
        data[q.name] = items.sort((a, b) => b.s - a.s).map((x) => x.v);
      } else if (q.kind === 'text') {
        if (r() < 0.15) data[q.name] = texts[Math.floor(r() * texts.length)];
      }
    }
    // Weight: adults in the district / expected sample in the district (proportional allocation,
    // so weights vary mostly through group over- and under-coverage).
    const weight = (ADULTS[district] / 889000) * (GROUP_SHARE[g] / [0.2, 0.2, 0.2, 0.15, 0.25][g]);
    yield {
      id: String(i), data, weight, stratum: district, psu: `${district}-${ward}`,
      durationSec: straight && r() < 0.5 ? 120 + r() * 60 : 600 + r() * 900,
    };
  }
}
