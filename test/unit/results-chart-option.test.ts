// The results charts' ECharts options, built from topline questions: what an analyst reads in the chart
// (bar lengths, whiskers at the 95% interval, stacked shares per statement, colours of a scale).
import { describe, expect, it } from 'vitest';
import { barOption, barsOf, hasChart, matrixSegments, questionChart, stackedOption } from '../../client/src/app/results/charts/option.ts';
import type { Level, ToplineQuestion } from '../../client/src/app/results/charts/model.ts';
import { diverging, scaleColors, textColorOn, UNSURE_COLOR, unsurePoints } from '../../client/src/app/results/charts/palette.ts';

/** A level as analysis/ reports it: the share with a Wilson-like interval around it. */
const level = (value: unknown, label: string, count: number, of: number): Level => {
  const p = count / of;
  const half = 1.96 * Math.sqrt((p * (1 - p)) / of);
  return { value, label, estimate: p, se: half / 1.96, ci: [Math.max(0, p - half), Math.min(1, p + half)], deff: 1, n: count };
};

const gender: ToplineQuestion = {
  name: 'gender',
  type: 'radiogroup',
  kind: 'single',
  title: 'Giới tính',
  answered: 40,
  levels: [level('male', 'Nam', 15, 40), level('female', 'Nữ', 25, 40)],
};

const scale = [
  [1, 'Rất kém'],
  [2, 'Kém'],
  [3, 'Trung bình'],
  [4, 'Tốt'],
  [5, 'Rất tốt'],
] as const;
const matrix: ToplineQuestion = {
  name: 'services',
  type: 'matrix',
  kind: 'matrix',
  title: 'Dịch vụ công',
  answered: 20,
  rows: [
    { value: 'health', label: 'Y tế', answered: 20, levels: scale.map(([v, l], k) => level(v, l, [2, 3, 5, 6, 4][k], 20)) },
    // A row where nobody chose "Rất kém": analysis/ still lists it, with 0.
    { value: 'school', label: 'Giáo dục', answered: 10, levels: scale.map(([v, l], k) => level(v, l, [0, 1, 2, 3, 4][k], 10)) },
  ],
};

type Series = { type: string; data: unknown[]; name?: string; stack?: string; itemStyle?: { color?: string }; renderItem?: unknown };
const seriesOf = (o: { series?: unknown }) => o.series as Series[];

describe('When a choice question is drawn', () => {
  it('then each answer is a bar as long as its share, in the order of the questionnaire', () => {
    const built = questionChart(gender, { width: 600 });
    expect(built).not.toBeNull();
    const option = built!.option;
    expect((option.yAxis as { data: string[] }).data).toEqual(['Nam', 'Nữ']);
    const bar = seriesOf(option).find((s) => s.type === 'bar')!;
    expect(bar.data).toEqual([(100 * 15) / 40, (100 * 25) / 40]);
  });

  it('then the whiskers run from the lower to the upper end of the 95% interval', () => {
    const option = questionChart(gender)!.option;
    const whiskers = seriesOf(option).find((s) => s.type === 'custom')!;
    const [lo, hi] = gender.levels![1].ci.map((x) => 100 * x);
    expect(whiskers.data[1]).toEqual([1, lo, hi, 62.5]);
    expect(typeof whiskers.renderItem).toBe('function');
  });

  it('then the axis ends at the next ten above the largest upper bound, never past 100 %', () => {
    const small = barOption([{ label: 'a', pct: 12, lo: 8, hi: 17 }]);
    expect((small.option.xAxis as { max: number }).max).toBe(20);
    const big = barOption([{ label: 'a', pct: 97, lo: 92, hi: 99.5 }]);
    expect((big.option.xAxis as { max: number }).max).toBe(100);
  });

  it('then an answer without an interval gets no whisker (its low and high are the share itself)', () => {
    const bars = barsOf([{ ...gender.levels![0], ci: [NaN, NaN] }]);
    expect(bars[0]).toEqual({ label: 'Nam', pct: 37.5 });
    expect(seriesOf(barOption(bars).option)[1].data[0]).toEqual([0, 37.5, 37.5, 37.5]);
  });

  it('then a saved copy carries the title and the note, the on-screen chart neither', () => {
    const saved = questionChart(gender, { title: 'Giới tính', note: 'n = 40 · Không gia quyền' })!;
    expect(saved.option.title).toMatchObject({ text: 'Giới tính', subtext: 'n = 40 · Không gia quyền' });
    const screen = questionChart(gender)!;
    expect(screen.option.title).toBeUndefined();
    expect(saved.height).toBeGreaterThan(screen.height);
  });

  it('then more answers make a taller chart, and compact rows are lower', () => {
    const many = { ...gender, levels: Array.from({ length: 8 }, (_, i) => level(i, `Phương án ${i}`, 5, 40)) };
    expect(questionChart(many)!.height).toBeGreaterThan(questionChart(gender)!.height);
    expect(questionChart(many, { compact: true })!.height).toBeLessThan(questionChart(many)!.height);
  });

  it('then text and number questions have no chart', () => {
    const text: ToplineQuestion = { name: 'proposals', type: 'comment', kind: 'text', title: 'Kiến nghị', answered: 3 };
    expect(hasChart(text)).toBe(false);
    expect(questionChart(text)).toBeNull();
    expect(hasChart({ ...gender, levels: [] })).toBe(false);
  });
});

describe('When a matrix is drawn', () => {
  it('then each statement is one bar and each scale point one stacked segment of its share', () => {
    const option = questionChart(matrix)!.option;
    expect((option.yAxis as { data: string[] }).data).toEqual(['Y tế', 'Giáo dục']);
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(scale.map(([, l]) => l));
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    expect(series[3].data).toEqual([(100 * 6) / 20, (100 * 3) / 10]);
    // Each statement's segments add up to 100 %.
    for (let r = 0; r < 2; r++) expect(series.reduce((sum, s) => sum + (s.data[r] as number), 0)).toBeCloseTo(100, 9);
  });

  it('then a point missing from one statement is an empty segment there', () => {
    const q = { ...matrix, rows: [matrix.rows![0], { ...matrix.rows![1], levels: matrix.rows![1].levels.slice(1) }] };
    const { segments } = matrixSegments(q);
    expect(segments[0].values).toEqual([10, null]);
  });

  it('then the scale runs from red through a light middle to blue, and "hard to say" is grey', () => {
    const colors = scaleColors([...scale.map(([value, label]) => ({ value, label })), { value: 9, label: 'Khó trả lời' }]);
    expect(colors[5]).toBe(UNSURE_COLOR);
    const [r0, , b0] = rgb(colors[0]);
    const [r4, , b4] = rgb(colors[4]);
    expect(r0).toBeGreaterThan(b0);
    expect(b4).toBeGreaterThan(r4);
    // The middle is the lightest point of the scale.
    const light = colors.slice(0, 5).map((c) => rgb(c).reduce((a, b) => a + b, 0));
    expect(Math.max(...light)).toBe(light[2]);
  });

  it('then the stacked chart has a legend below and white labels on dark segments', () => {
    const built = stackedOption(['a'], [
      { name: 'dark', values: [60], color: diverging(5)[0] },
      { name: 'light', values: [40], color: diverging(5)[2] },
    ]);
    expect((built.option.legend as { data: string[] }).data).toEqual(['dark', 'light']);
    const labels = seriesOf(built.option).map((s) => (s as unknown as { label: { color: string } }).label.color);
    expect(labels).toEqual(['#fff', '#111']);
  });
});

describe('When answer codes are read as a scale', () => {
  it('then a code set apart from the scale (9 after 1–5) or named "don\'t know" is unsure, the scale itself is not', () => {
    const pts = [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }));
    expect(unsurePoints([...pts, { value: 9, label: 'x' }])).toEqual([false, false, false, false, false, true]);
    expect(unsurePoints([{ value: 'a', label: 'Có' }, { value: 'b', label: 'Không biết' }])).toEqual([false, true]);
    expect(unsurePoints(Array.from({ length: 11 }, (_, v) => ({ value: v, label: String(v) }))).every((u) => !u)).toBe(true);
  });

  it('then unordered answers get distinct colours', () => {
    const colors = scaleColors(['a', 'b', 'c'].map((value) => ({ value, label: value.toUpperCase() })));
    expect(new Set(colors).size).toBe(3);
  });

  it('then text on white-ish colours is dark', () => {
    expect(textColorOn('#ffffff')).toBe('#111');
    expect(textColorOn('#000000')).toBe('#fff');
  });
});

function rgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}
