// The data downloads (CSV, Excel, SPSS, NDJSON, codebook) with a progress bar: rows against the
// server's announced total for text formats, bytes received for binary ones, and a cancel button.
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../i18n';
import { formatInt } from '../campaigns/format';
import { DownloadError, streamDownload, type Progress } from './download';
import { rt } from './i18n';

interface Item {
  key: 'csv' | 'xlsx' | 'sav' | 'ndjson' | 'codebook';
  path: 'export' | 'codebook';
  params: Record<string, string>;
  /** Lines before the first data row in a text format; null for binary formats. */
  headerLines: number | null;
  label: 'export.csv' | 'export.xlsx' | 'dl.sav' | 'dl.ndjson' | 'export.codebook';
}

const ITEMS: Item[] = [
  { key: 'csv', path: 'export', params: { format: 'csv', labels: 'codes' }, headerLines: 1, label: 'export.csv' },
  { key: 'xlsx', path: 'export', params: { format: 'xlsx', labels: 'codes' }, headerLines: null, label: 'export.xlsx' },
  { key: 'sav', path: 'export', params: { format: 'sav', labels: 'codes' }, headerLines: null, label: 'dl.sav' },
  { key: 'ndjson', path: 'export', params: { format: 'ndjson', labels: 'codes' }, headerLines: 0, label: 'dl.ndjson' },
  { key: 'codebook', path: 'codebook', params: { format: 'xlsx' }, headerLines: null, label: 'export.codebook' },
];

type State =
  | { phase: 'idle' }
  | { phase: 'busy'; what: string; progress: Progress }
  | { phase: 'done'; what: string; file: string; bytes: number }
  | { phase: 'cancelled' | 'failed'; what: string; reason?: string };

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${formatInt(Math.max(1, Math.round(bytes / 1024)))} kB` : `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`);

export function ExportDownloads({ slug, lang, locale }: { slug: string; lang: 'vi' | 'en'; locale: Locale }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function start(item: Item) {
    controller.current?.abort();
    const abort = (controller.current = new AbortController());
    const what = rt(locale, item.label);
    const url = `/api/v1/campaigns/${encodeURIComponent(slug)}/${item.path}?${new URLSearchParams({ ...item.params, lang }).toString()}`;
    setState({ phase: 'busy', what, progress: { bytes: 0, rows: 0, expectedRows: null, fraction: null } });
    try {
      const { fileName, bytes } = await streamDownload(url, {
        fallbackName: `${slug}.${item.key === 'codebook' ? 'xlsx' : item.key}`,
        headerLines: item.headerLines,
        signal: abort.signal,
        onProgress: (progress) => !abort.signal.aborted && setState({ phase: 'busy', what, progress }),
      });
      setState({ phase: 'done', what, file: fileName, bytes });
    } catch (e) {
      if (abort.signal.aborted) setState({ phase: 'cancelled', what });
      else setState({ phase: 'failed', what, reason: e instanceof DownloadError ? e.message : String((e as Error)?.message ?? e) });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  const busy = state.phase === 'busy';
  return (
    <div className="results__exports" data-testid="exports">
      <span>{rt(locale, 'export.title')}:</span>
      {ITEMS.map((item) => (
        <button key={item.key} type="button" className="button button--small" disabled={busy} onClick={() => void start(item)}>
          {rt(locale, item.label)}
        </button>
      ))}
      {state.phase !== 'idle' ? (
        <div className="results__progress" data-testid="export-progress" data-phase={state.phase} role="status">
          {state.phase === 'busy' ? (
            <>
              <span>{rt(locale, 'dl.busy', { what: state.what })}</span>
              {/* No value while the total is unknown: the bar shows as indeterminate. */}
              <progress max={1} value={state.progress.fraction ?? undefined} aria-label={rt(locale, 'dl.busy', { what: state.what })} />
              <span className="field__hint">{progressText(state.progress, locale)}</span>
              <button type="button" className="button button--small" onClick={() => controller.current?.abort()}>
                {rt(locale, 'dl.cancel')}
              </button>
            </>
          ) : state.phase === 'done' ? (
            <>
              <progress max={1} value={1} aria-label={state.what} />
              <span>{rt(locale, 'dl.done', { file: state.file, size: size(state.bytes) })}</span>
            </>
          ) : state.phase === 'cancelled' ? (
            <span>{rt(locale, 'dl.cancelled', { what: state.what })}</span>
          ) : (
            <span className="message message--error" role="alert">
              {rt(locale, 'dl.failed', { what: state.what, reason: state.reason ?? '' })}
            </span>
          )}
        </div>
      ) : null}
    </div>
  );
}

function progressText(p: Progress, locale: Locale): string {
  if (p.expectedRows !== null && p.fraction !== null && p.rows > 0) return rt(locale, 'dl.rows', { rows: formatInt(p.rows), total: formatInt(p.expectedRows) });
  const bytes = rt(locale, 'dl.bytes', { size: size(p.bytes) });
  return p.expectedRows !== null ? `${bytes} ${rt(locale, 'dl.expected', { total: formatInt(p.expectedRows) })}` : bytes;
}
