// Survey-aware topline from a SurveyJS questionnaire and a stream of responses.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tabulate, TabulateResponse, QuestionTopline } from '../../../analysis/tabulate.js';
import { cronbachAlpha } from '../../../analysis/indices.js';
import { wilsonInterval } from '../../../analysis/tests/wilson.js';
import { variance } from 'simple-statistics';
import { fixtures, readCsv, num } from './refdata.js';

const survey = JSON.parse(readFileSync(fixtures + 'analysis/mini-survey.json', 'utf8'));
const responses: TabulateResponse[] = [
  { id: 'a', durationSec: 300, data: { district: 'hai-chau', channels: ['tv', 'press'], satisfaction: 5, trust: { police: 4, court: 4, council: 5, press: 3 }, priorities: ['jobs', 'health', 'roads'], age: 30, member: true, years: 2 } },
  { id: 'b', durationSec: 320, data: { district: 'son-tra', channels: ['tv'], satisfaction: 1, why_unhappy: 'roads', trust: { police: 2, court: 1, council: 2, press: 1 }, priorities: ['roads', 'jobs', 'health'], age: 50, member: false } },
  { id: 'c', durationSec: 60, data: { district: 'son-tra', channels: ['social', 'other'], satisfaction: 2, trust: { police: 3, court: 3, council: 3, press: 3 }, priorities: ['jobs', 'roads', 'health'], age: 41, member: true } },
  { id: 'd', durationSec: 280, data: { district: 'hai-chau', satisfaction: 4, trust: { police: 5, court: 4, council: 4, press: 4 }, priorities: ['health', 'jobs', 'roads'], age: 35, member: false } },
  { id: 'e', durationSec: 310, data: { district: 'hai-chau', satisfaction: 4, trust: { police: 5, court: 4, council: 4, press: 4 }, priorities: ['health', 'jobs', 'roads'], age: 35, member: false } },
];
async function* stream<T>(xs: T[]) { for (const x of xs) yield x; }
const q = (t: { questions: QuestionTopline[] }, name: string) => t.questions.find((x) => x.name === name) as any;

describe('tabulate: a topline for every question type', async () => {
  const vi = await tabulate(survey, stream(responses), { locale: 'vi' });
  const en = await tabulate(survey, responses, { locale: 'en' });

  it('When a question is hidden by skip logic, then it counts as "not shown", not as "no answer"', () => {
    expect(q(vi, 'why_unhappy')).toMatchObject({ shown: 2, notShown: 3, answered: 1, noAnswer: 1 });
    // Page-level condition: p2 only for party members; one member skipped the question.
    expect(q(vi, 'years')).toMatchObject({ shown: 2, notShown: 3, answered: 1, noAnswer: 1 });
    expect(q(vi, 'channels')).toMatchObject({ shown: 5, notShown: 0, noAnswer: 2, answered: 3 });
  });
  it('Labels follow the chosen language, falling back to the default text', () => {
    expect(q(vi, 'district').title).toBe('Quận/huyện');
    expect(q(en, 'district').title).toBe('District');
    expect(q(vi, 'district').levels.map((l: any) => l.label)).toEqual(['Hải Châu', 'Sơn Trà']);
    expect(q(vi, 'satisfaction').title).toBe('Satisfaction');
    expect(q(vi, 'intro')).toBeUndefined();
  });
  it('Single choice: shares of those who answered; without a design the CI is Wilson', () => {
    const d = q(vi, 'district').levels;
    expect(d[0]).toMatchObject({ value: 'hai-chau', n: 3 });
    expect(d[0].estimate).toBeCloseTo(0.6, 12);
    expect(d[0].ci).toEqual(wilsonInterval(3, 5));
    expect(vi.design.weighted).toBe(false);
  });
  it('Multiple choice: % of respondents can pass 100 in total, % of mentions sums to 100', () => {
    const lv = q(vi, 'channels').levels;
    const byValue = Object.fromEntries(lv.map((l: any) => [l.value, l]));
    expect(byValue.tv.estimate).toBeCloseTo(2 / 3, 12);
    expect(byValue.tv.shareOfMentions).toBeCloseTo(2 / 5, 12);
    expect(byValue.other.n).toBe(1);
    expect(lv.reduce((s: number, l: any) => s + l.shareOfMentions, 0)).toBeCloseTo(1, 12);
  });
  it('Rating: distribution, mean and top-2-box', () => {
    const s = q(vi, 'satisfaction');
    expect(s.mean.estimate).toBeCloseTo(16 / 5, 12);
    expect(s.top2.estimate).toBeCloseTo(3 / 5, 12);
    expect(s.levels.map((l: any) => l.n)).toEqual([1, 1, 0, 2, 1]);
  });
  it('Likert matrix: per row distribution, mean, top-2-box', () => {
    const police = q(vi, 'trust').rows.find((r: any) => r.value === 'police');
    expect(police.mean.estimate).toBeCloseTo(19 / 5, 12);
    expect(police.top2.estimate).toBeCloseTo(3 / 5, 12);
  });
  it('Ranking: mean rank and % ranked first', () => {
    const jobs = q(vi, 'priorities').items.find((i: any) => i.value === 'jobs');
    expect(jobs.meanRank.estimate).toBeCloseTo((1 + 2 + 1 + 2 + 2) / 5, 12);
    expect(jobs.first.estimate).toBeCloseTo(2 / 5, 12);
  });
  it('Numbers: mean, SD, quantiles', () => {
    const a = q(vi, 'age');
    expect(a.mean.estimate).toBeCloseTo(38.2, 12);
    expect([a.min, a.median, a.max]).toEqual([30, 35, 50]);
  });
  it('Text: count and the answers', () => {
    expect(q(vi, 'why_unhappy')).toMatchObject({ count: 1, answers: ['roads'] });
  });
  it('Likert index 0–100 and its Cronbach alpha', () => {
    const ix = vi.indices.find((i) => i.name === 'trust_index')!;
    // Respondent a: items 4,4,5,3 → (3+3+4+2)/4/4·100 = 75.
    const scores = [75, 12.5, 50, 81.25, 81.25];
    expect(ix.score.estimate).toBeCloseTo(scores.reduce((s, x) => s + x, 0) / 5, 10);
    expect(ix.completeCases).toBe(5);
    const items = ['police', 'court', 'council', 'press'].map((r) => responses.map((x) => (x.data.trust as any)[r]));
    const k = 4, total = responses.map((_, i) => items.reduce((s, it) => s + it[i], 0));
    const byDefinition = (k / (k - 1)) * (1 - items.reduce((s, it) => s + variance(it), 0) / variance(total));
    expect(ix.alpha).toBeCloseTo(byDefinition, 12);
  });
  it('Quality: speeders, straight-lining and duplicates are flagged', () => {
    expect(vi.quality!.medianDurationSec).toBe(300);
    expect(vi.quality!.speeders).toMatchObject({ count: 1, ids: ['c'] });
    expect(vi.quality!.straightLining).toMatchObject({ count: 1, ids: ['c'] });
    expect(vi.quality!.duplicates).toMatchObject({ count: 1, ids: ['e'] });
  });
  it('When responses arrive in batches, then the topline is the same', async () => {
    const batched = await tabulate(survey, stream([responses.slice(0, 2), responses.slice(2)]), { locale: 'vi' });
    expect(batched.questions).toEqual(vi.questions);
  });
});

describe('cronbachAlpha', () => {
  it('When all items are identical, then alpha is 1', () => {
    expect(cronbachAlpha([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]])).toBeCloseTo(1, 12);
  });
});

describe('streamed estimates under a design equal R survey (apiclus1 as a stream of responses)', async () => {
  const c = readCsv('refdata/survey_api/apiclus1.csv');
  const api00 = num(c, 'api00');
  const qn = { pages: [{ elements: [
    { type: 'radiogroup', name: 'stype', choices: ['E', 'H', 'M'] },
    { type: 'text', inputType: 'number', name: 'api00' },
  ] }] };
  const rs = c.map((r, i) => ({ data: { stype: r.stype, api00: api00[i] }, weight: Number(r.pw), psu: r.dnum }));
  const t = await tabulate(qn, stream(rs), { design: { clustered: true, fpc: { '1': 757 } }, quality: false });
  it('svymean(~api00, dclus1) = 644.17, SE 23.542 and svymean(~stype): 0.786885 (0.0463) …', () => {
    expect(q(t, 'api00').mean.estimate).toBeCloseTo(644.1693989071039, 9);
    expect(q(t, 'api00').mean.se).toBeCloseTo(23.542240693781036, 8);
    const lv = q(t, 'stype').levels;
    expect(lv.map((l: any) => l.estimate.toFixed(6))).toEqual(['0.786885', '0.076503', '0.136612']);
    expect(lv.map((l: any) => l.se.toFixed(4))).toEqual(['0.0463', '0.0268', '0.0296']);
    expect(t.design).toMatchObject({ weighted: true, psus: 15, df: 14 });
  });
  it('When the design is stratified without clusters, then SEs equal svymean on apistrat (element mode)', async () => {
    const s = readCsv('refdata/survey_api/apistrat.csv');
    const y = num(s, 'api00');
    const fpc = Object.fromEntries(s.map((r) => [r.stype, Number(r.fpc)]));
    const ts = await tabulate(qn, s.map((r, i) => ({ data: { api00: y[i] }, weight: Number(r.pw), stratum: r.stype })), { design: { fpc }, quality: false });
    expect(q(ts, 'api00').mean.estimate).toBeCloseTo(662.2873631593205, 9);
    expect(q(ts, 'api00').mean.se).toBeCloseTo(9.40894080278458, 9);
  });
});
