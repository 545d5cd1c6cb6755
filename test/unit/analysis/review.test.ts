// Review suggestions: speeders against the median duration, straight-lined matrices, duplicate answers.
import { describe, expect, it } from 'vitest';
import { suggestReview, type ReviewRow } from '../../../analysis/review.js';

const matrix = (name: string, rows: number, title: string) => ({
  type: 'matrix', name, title: { default: title, vi: `${title} (vi)` },
  columns: [1, 2, 3, 4, 5], rows: Array.from({ length: rows }, (_, i) => `r${i + 1}`),
});
const survey = {
  pages: [{
    elements: [
      { type: 'html', name: 'intro', html: 'x' },
      { type: 'radiogroup', name: 'district', choices: ['a', 'b'] },
      { type: 'checkbox', name: 'channels', choices: ['tv', 'press', 'social'] },
      matrix('grid', 5, 'Grid'),
      matrix('small', 3, 'Small'),
      { type: 'comment', name: 'note' },
      { type: 'text', name: 'secret', visible: false },
    ],
  }],
};

let t = 0;
const row = (id: string, answers: Record<string, unknown>, durationSec?: number): ReviewRow =>
  ({ id, answers, durationSec, receivedAt: (t += 1000), stratum: { district: String(answers.district ?? '') } });
const varied = (i: number) => ({ district: i % 2 ? 'a' : 'b', channels: ['tv'], grid: { r1: 1, r2: 2, r3: 3, r4: 4, r5: (i % 5) + 1 }, note: `ý kiến ${i}` });

describe('review suggestions', () => {
  it('When one response took under 0.3 × the median duration, then only it is a speeder, with both durations in the reason', () => {
    // durations 100, 110, 120, 130, 20 → sorted 20 100 110 120 130, median 110, threshold 33.
    const rows = [100, 110, 120, 130, 20].map((d, i) => row(`s${i}`, varied(i), d));
    rows.push(row('nodur', varied(9)));
    const r = suggestReview(rows, survey);
    expect(r.medianDurationSec).toBe(110);
    expect(r.speederThresholdSec).toBeCloseTo(33, 10);
    expect(r.suggestions.map((s) => [s.id, s.kinds])).toEqual([['s4', ['speeder']]]);
    expect(r.suggestions[0].durationSec).toBe(20);
    expect(r.suggestions[0].reason.vi).toContain('20 giây');
    expect(r.suggestions[0].reason.vi).toContain('110 giây');
    expect(r.suggestions[0].reason.en).toContain('median 110 s');
    expect(r.counts).toEqual({ speeder: 1, straightliner: 0, duplicate: 0 });
  });

  it('When a matrix has 4 or more rows in one column, then it is named; fewer rows or one other column are not straight-lining', () => {
    const rows = [
      row('flat', { ...varied(1), grid: { r1: 3, r2: 3, r3: 3, r4: 3, r5: 3 } }),
      row('flat4', { ...varied(2), grid: { r1: 5, r2: 5, r3: 5, r4: 5 } }),
      row('smallflat', { ...varied(3), small: { r1: 2, r2: 2, r3: 2 } }),
      row('almost', { ...varied(4), grid: { r1: 3, r2: 3, r3: 3, r4: 2, r5: 3 } }),
    ];
    const r = suggestReview(rows, survey);
    expect(r.suggestions.map((s) => [s.id, s.kinds, s.straightLined])).toEqual([
      ['flat', ['straightliner'], ['grid']],
      ['flat4', ['straightliner'], ['grid']],
    ]);
    expect(r.suggestions[0].reason.vi).toContain('“Grid (vi)”');
    expect(r.suggestions[0].reason.en).toContain('“Grid”');
  });

  it('When responses repeat the same answers (in any key or tick order), then all but the earliest of each group are suggested', () => {
    const base = { district: 'a', channels: ['tv', 'press'], grid: { r1: 1, r2: 2, r3: 1, r4: 2, r5: 1 }, note: 'giống nhau' };
    const rows = [
      row('orig', base),
      row('other', varied(7)),
      row('copy1', { note: 'giống nhau', grid: { r5: 1, r4: 2, r3: 1, r2: 2, r1: 1 }, channels: ['press', 'tv'], district: 'a' }),
      row('near', { ...base, note: 'khác' }),
      row('copy2', { ...base, intro: 'ignored', secret: 'not shown' }),
      row('pairA', { district: 'b' }),
      row('pairB', { district: 'b' }),
      row('empty1', {}),
      row('empty2', {}),
    ];
    // Input order is not arrival order: the result must not depend on it.
    const r = suggestReview([...rows].reverse(), survey);
    expect(r.suggestions.map((s) => [s.id, s.kinds, s.duplicateOf])).toEqual([
      ['copy1', ['duplicate'], 'orig'],
      ['copy2', ['duplicate'], 'orig'],
      ['pairB', ['duplicate'], 'pairA'],
    ]);
    expect(r.suggestions[0].reason.vi).toBe('Trùng mọi câu trả lời với phiếu orig.');
    expect(r.counts.duplicate).toBe(3);
  });

  it('When a response is both a speeder and a duplicate, then it is one suggestion with both kinds and both reasons', () => {
    const copy = { ...varied(1), grid: { r1: 4, r2: 4, r3: 4, r4: 4, r5: 4 } };
    const rows = [row('a', copy, 300), row('b', varied(2), 300), row('c', varied(3), 300), row('d', copy, 10)];
    const r = suggestReview(rows, survey);
    const d = r.suggestions.find((s) => s.id === 'd')!;
    expect(d.kinds).toEqual(['speeder', 'straightliner', 'duplicate']);
    expect(d.reason.en.split('; ')).toHaveLength(3);
    expect(r.suggestions.map((s) => s.id)).toEqual(['a', 'd']);
    expect(r.counts).toEqual({ speeder: 1, straightliner: 2, duplicate: 1 });
  });
});
