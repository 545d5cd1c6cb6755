// One ECharts chart on screen (SVG renderer, sized to its box) with optional "Lưu PNG" / "Lưu SVG"
// buttons. Saved copies are drawn again at a fixed width with the title and the n/weighting note inside,
// on white: PNG through the canvas renderer at 2× pixels, SVG as the SVG renderer's string.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../i18n';
import { safeFileName, saveBlob } from '../download';
import { rt } from '../i18n';
import type { BuiltChart } from './option';

type Engine = typeof import('./engine');
let engine: Promise<Engine> | null = null;
/** The library's chunk, fetched once, the first time a chart is shown. */
export const loadEcharts = (): Promise<Engine> => (engine ??= import('./engine'));

const EXPORT_WIDTH = 800;

/** `data:image/png;base64,…` → Blob, decoded here: the page's CSP (connect-src 'self') forbids fetching data: URLs. */
function dataUrlToBlob(url: string): Blob {
  const [head, data] = url.split(',', 2);
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: /^data:([^;,]+)/.exec(head)?.[1] ?? 'image/png' });
}

export interface EChartProps {
  /** Builds the chart for a pixel width; `forSave` asks for the title and note inside the image. */
  build: (width: number, forSave: boolean) => BuiltChart | null;
  label: string;
  fileName: string;
  locale: Locale;
  saveButtons?: boolean;
  testId?: string;
}

export function EChart({ build, label, fileName, locale, saveButtons = true, testId = 'chart' }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [failed, setFailed] = useState(false);
  const [saving, setSaving] = useState<'png' | 'svg' | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  // `build` is memoised by the caller: a new one means new figures.
  const built = useMemo(() => (width > 0 ? build(width, false) : null), [build, width]);
  const chartRef = useRef<ReturnType<Engine['echarts']['init']> | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(Math.round(el.clientWidth));
    const observer = new ResizeObserver(() => setWidth(Math.round(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || !built) return;
    let live = true;
    loadEcharts().then(
      ({ echarts }) => {
        if (!live) return;
        const chart = chartRef.current ?? (chartRef.current = echarts.init(el, null, { renderer: 'svg' }));
        chart.resize({ width, height: built.height });
        chart.setOption(built.option, { notMerge: true });
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [built, width]);

  useEffect(
    () => () => {
      chartRef.current?.dispose();
      chartRef.current = null;
    },
    [],
  );

  async function save(type: 'png' | 'svg') {
    const copy = build(EXPORT_WIDTH, true);
    if (!copy) return;
    setSaving(type);
    setSaveFailed(false);
    try {
      const { echarts } = await loadEcharts();
      const option = { ...copy.option, backgroundColor: '#ffffff' };
      const name = safeFileName(fileName);
      if (type === 'svg') {
        const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: EXPORT_WIDTH, height: copy.height });
        chart.setOption(option);
        const svg = chart.renderToSVGString();
        chart.dispose();
        saveBlob(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), `${name}.svg`);
      } else {
        const div = document.createElement('div');
        const chart = echarts.init(div, null, { renderer: 'canvas', width: EXPORT_WIDTH, height: copy.height });
        chart.setOption(option);
        const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
        chart.dispose();
        saveBlob(dataUrlToBlob(url), `${name}.png`);
      }
    } catch {
      setSaveFailed(true);
    } finally {
      setSaving(null);
    }
  }

  return (
    <figure className="results__figure" data-testid={testId}>
      <div ref={box} className="results__echart" role="img" aria-label={label} style={{ height: built?.height ?? 120 }} />
      {failed ? <figcaption className="field__hint">{rt(locale, 'chart.failed')}</figcaption> : null}
      {saveButtons && !failed ? (
        <figcaption className="results__save">
          {saveFailed ? (
            <span className="field__hint" role="alert">
              {rt(locale, 'chart.saveFailed')}
            </span>
          ) : null}
          <button type="button" className="button button--small" onClick={() => void save('png')} disabled={saving !== null}>
            {rt(locale, 'chart.png')}
          </button>
          <button type="button" className="button button--small" onClick={() => void save('svg')} disabled={saving !== null}>
            {rt(locale, 'chart.svg')}
          </button>
        </figcaption>
      ) : null}
    </figure>
  );
}
