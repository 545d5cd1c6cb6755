// ECharts options for the results charts, built from plain figures: no DOM, no library code (types
// only), so they are unit-tested and the library itself stays in its lazily loaded chunk.
import type { BarSeriesOption, CustomSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TCrosstab } from '../../../../../server/contract/staff';
import { fmtPct } from '../i18n';
import type { Level, ToplineQuestion } from './model';
import { scaleColors, textColorOn, SINGLE_COLOR } from './palette';

export type ChartOption = ComposeOption<
  BarSeriesOption | CustomSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

/** One bar: a share in % and, when known, its 95% interval in %. */
export interface BarDatum {
  label: string;
  pct: number;
  lo?: number;
  hi?: number;
}

/** One stacked series: a scale point (or crosstab row) with its % in every bar. */
export interface Segment {
  name: string;
  values: (number | null)[];
  color: string;
}

export interface ChartLayout {
  /** Pixel width the chart will have (labels wrap and the legend folds to it). */
  width?: number;
  /** Smaller type and rows, labels cut short: for the printed report. */
  compact?: boolean;
  /** Drawn inside the image (saved copies); on screen the card shows them instead. */
  title?: string;
  note?: string;
}

export interface BuiltChart {
  option: ChartOption;
  height: number;
}

// Single quotes: ECharts writes the family into an SVG style="…" attribute without escaping double ones.
const FONT = "'Noto Sans', 'Segoe UI', Arial, sans-serif";
const pct = (v: number) => `${fmtPct(v)}%`;

function header(l: ChartLayout, width: number) {
  if (!l.title) return { title: undefined, height: 8 };
  const size = l.compact ? 13 : 15;
  // A rough line count for the wrapped title: average glyph ≈ 0.55 em in Noto Sans.
  const lines = Math.max(1, Math.ceil((l.title.length * size * 0.55) / Math.max(120, width - 24)));
  const title: TitleComponentOption = {
    text: l.title,
    subtext: l.note,
    left: 12,
    top: 8,
    itemGap: 6,
    textStyle: { fontFamily: FONT, fontSize: size, fontWeight: 600, color: '#1a1a1a', width: width - 24, overflow: 'break' },
    subtextStyle: { fontFamily: FONT, fontSize: size - 3, color: '#555' },
  };
  return { title, height: 16 + lines * (size + 6) + (l.note ? size + 4 : 0) };
}

const labelWidth = (width: number, compact?: boolean) => Math.round(Math.min(compact ? 160 : 240, Math.max(90, width * 0.32)));

/**
 * Height of one bar's row: enough for its category label wrapped to the label width (compact charts cut
 * labels to one line instead). Every label is shown: ECharts would otherwise skip some that collide.
 */
function rowHeight(labels: string[], width: number, compact: boolean, base: number, fontSize: number): number {
  if (compact) return base;
  const perLine = Math.max(8, Math.floor(labelWidth(width) / (fontSize * 0.56)));
  const lines = Math.max(1, ...labels.map((l) => Math.ceil(l.length / perLine)));
  return Math.max(base, lines * (fontSize + 2) + 10);
}

function categoryAxis(labels: string[], width: number, compact: boolean, fontSize: number) {
  return {
    type: 'category' as const,
    inverse: true,
    data: labels,
    axisTick: { show: false },
    axisLabel: { interval: 0, width: labelWidth(width, compact), overflow: compact ? ('truncate' as const) : ('break' as const), fontSize, color: '#222', lineHeight: fontSize + 2 },
  };
}

/** Horizontal bars of shares with the ± margin of error as whiskers (a custom series), value at the end. */
export function barOption(bars: BarDatum[], layout: ChartLayout = {}): BuiltChart {
  const width = layout.width ?? 720;
  const compact = !!layout.compact;
  const fontSize = compact ? 10 : 12;
  const row = rowHeight(bars.map((b) => b.label), width, compact, compact ? 22 : 32, fontSize);
  const head = header(layout, width);
  const withCi = bars.some((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi));
  const top = Math.max(...bars.map((b) => (withCi && Number.isFinite(b.hi) ? (b.hi as number) : b.pct)).filter(Number.isFinite), 0);
  const max = Math.min(100, Math.max(10, Math.ceil(top / 10) * 10));
  const whiskers: CustomSeriesOption = {
    type: 'custom',
    name: 'moe',
    silent: true,
    z: 3,
    encode: { x: [1, 2], y: 0 },
    data: bars.map((b, i) => [i, Number.isFinite(b.lo) ? b.lo : b.pct, Number.isFinite(b.hi) ? b.hi : b.pct, b.pct]),
    renderItem: ((_params: unknown, api: RenderApi) => {
      const i = api.value(0);
      const [x0, y] = api.coord([api.value(1), i]);
      const [x1] = api.coord([api.value(2), i]);
      const h = api.size([0, 1])[1] * 0.28;
      const line = (a: number[], b: number[]) => ({ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: '#222', lineWidth: 1.2 } });
      const v = api.value(3);
      const children: unknown[] = [];
      if (x1 > x0) children.push(line([x0, y], [x1, y]), line([x0, y - h / 2], [x0, y + h / 2]), line([x1, y - h / 2], [x1, y + h / 2]));
      const [xv] = api.coord([v, i]);
      children.push({
        type: 'text',
        style: { text: Number.isFinite(v) ? pct(v) : '—', x: Math.max(x1, xv) + 6, y, verticalAlign: 'middle', fill: '#222', font: `${fontSize}px ${FONT}` },
      });
      return { type: 'group', children };
    }) as unknown as CustomSeriesOption['renderItem'],
  };
  const option: ChartOption = {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: head.title,
    tooltip: { trigger: 'item', formatter: barTooltip(bars) as TooltipComponentOption['formatter'] },
    grid: { left: 8, right: compact ? 44 : 56, top: head.height, bottom: compact ? 20 : 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', min: 0, max, axisLabel: { formatter: '{value}%', fontSize, color: '#555' }, splitLine: { lineStyle: { color: '#e6e6e6' } } },
    yAxis: categoryAxis(bars.map((b) => b.label), width, compact, fontSize),
    series: [
      { type: 'bar', name: 'pct', data: bars.map((b) => (Number.isFinite(b.pct) ? b.pct : null)), barMaxWidth: 22, itemStyle: { color: SINGLE_COLOR }, z: 2 },
      whiskers,
    ],
  };
  return { option, height: head.height + bars.length * row + (compact ? 20 : 28) + 8 };
}

interface RenderApi {
  value(dim: number): number;
  coord(v: number[]): number[];
  size(v: number[]): number[];
}

function barTooltip(bars: BarDatum[]) {
  return (p: { dataIndex: number }) => {
    const b = bars[p.dataIndex];
    if (!b) return '';
    const moe = Number.isFinite(b.lo) && Number.isFinite(b.hi) ? ` (±${fmtPct(((b.hi as number) - (b.lo as number)) / 2)})` : '';
    return `${escapeHtml(b.label)}: <b>${pct(b.pct)}</b>${moe}`;
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** 100 % stacked horizontal bars: one bar per category, one segment per series, legend below. */
export function stackedOption(categories: string[], segments: Segment[], layout: ChartLayout = {}): BuiltChart {
  const width = layout.width ?? 720;
  const compact = !!layout.compact;
  const fontSize = compact ? 10 : 12;
  const row = rowHeight(categories, width, compact, compact ? 24 : 34, fontSize);
  const head = header(layout, width);
  // The legend folds onto lines: each item ≈ its text plus the swatch and gap.
  const legendW = segments.reduce((s, g) => s + g.name.length * fontSize * 0.55 + 38, 0);
  const legendLines = Math.max(1, Math.ceil(legendW / Math.max(200, width - 24)));
  const legendH = legendLines * (fontSize + 12) + 6;
  const option: ChartOption = {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: head.title,
    tooltip: { trigger: 'item', formatter: ((p: { seriesName: string; name: string; value: number | null }) =>
      `${escapeHtml(p.name)}<br>${escapeHtml(p.seriesName)}: <b>${p.value === null || p.value === undefined ? '—' : pct(p.value)}</b>`) as TooltipComponentOption['formatter'] },
    legend: { bottom: 4, left: 8, right: 8, itemWidth: 14, itemHeight: 10, textStyle: { fontSize, color: '#222' }, data: segments.map((s) => s.name) },
    grid: { left: 8, right: 16, top: head.height, bottom: legendH + (compact ? 18 : 24), outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize, color: '#555' }, splitLine: { show: false } },
    yAxis: categoryAxis(categories, width, compact, fontSize),
    series: segments.map(
      (s): BarSeriesOption => ({
        type: 'bar',
        name: s.name,
        stack: 'total',
        barMaxWidth: 26,
        data: s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)),
        itemStyle: { color: s.color, borderColor: '#fff', borderWidth: 0.5 },
        label: {
          show: true,
          color: textColorOn(s.color),
          fontSize: fontSize - 1,
          // Small segments stay unlabelled: their figure is in the table and the tooltip.
          formatter: ((p: { value: number | null }) => (p.value !== null && p.value >= (compact ? 8 : 6) ? `${Math.round(p.value)}` : '')) as never,
        },
        emphasis: { focus: 'series' },
      }),
    ),
  };
  return { option, height: head.height + categories.length * row + legendH + (compact ? 18 : 24) + 8 };
}

export const barsOf = (levels: Level[]): BarDatum[] =>
  levels.map((l) => ({
    label: l.label,
    pct: 100 * l.estimate,
    ...(Number.isFinite(l.ci?.[0]) && Number.isFinite(l.ci?.[1]) ? { lo: 100 * l.ci[0], hi: 100 * l.ci[1] } : {}),
  }));

/** A matrix's rows as stacked bars: segments follow the scale points met in any row, in order. */
export function matrixSegments(q: ToplineQuestion): { categories: string[]; segments: Segment[] } {
  const rows = q.rows ?? [];
  const points: { key: string; value: unknown; label: string }[] = [];
  for (const r of rows) for (const l of r.levels) if (!points.some((p) => p.key === String(l.value))) points.push({ key: String(l.value), value: l.value, label: l.label });
  const colors = scaleColors(points);
  return {
    categories: rows.map((r) => r.label),
    segments: points.map((p, k) => ({
      name: p.label,
      color: colors[k],
      values: rows.map((r) => {
        const l = r.levels.find((x) => String(x.value) === p.key);
        return l && Number.isFinite(l.estimate) ? 100 * l.estimate : null;
      }),
    })),
  };
}

/** Whether the question has a chart (choices or matrix rows to draw). */
export function hasChart(q: ToplineQuestion): boolean {
  if (q.kind === 'matrix') return !!q.rows?.some((r) => r.levels.length);
  return (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'rating') && !!q.levels?.length;
}

/** The chart that fits the question's kind, or null (text, numbers, or nothing to draw). */
export function questionChart(q: ToplineQuestion, layout: ChartLayout = {}): BuiltChart | null {
  if (q.kind === 'matrix') {
    if (!q.rows?.length) return null;
    const { categories, segments } = matrixSegments(q);
    return segments.length ? stackedOption(categories, segments, layout) : null;
  }
  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'rating') {
    return q.levels?.length ? barOption(barsOf(q.levels), layout) : null;
  }
  return null;
}

/** The chart's categories and segments from the crosstab (pure). */
export function crosstabSegments(x: TCrosstab): { categories: string[]; segments: Segment[] } {
  const colors = scaleColors(x.row.levels);
  return {
    categories: x.col.levels.map((c) => c.label),
    segments: x.row.levels.map((r, k) => ({
      name: r.label,
      color: colors[k],
      values: x.col.levels.map((c) => x.crosstab.colPct[r.value]?.[c.value] ?? null),
    })),
  };
}
