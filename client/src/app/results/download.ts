// Downloads from the results page: a blob saved through an <a download> click (so the browser treats it
// as a download), and a streamed fetch that reports progress — rows when the server announces how many
// (X-Expected-Rows), bytes otherwise — and can be cancelled.

/** Saves `blob` as `fileName` through a temporary <a download>. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name safe on every system: letters, digits, dot, dash and underscore. */
export const safeFileName = (name: string) => name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '') || 'download';

export interface Progress {
  bytes: number;
  /** Rows announced by the server, if it did. */
  expectedRows: number | null;
  /** Rows seen so far (newlines), when rows are counted. */
  rows: number;
  /** 0–1, or null when the total is unknown. */
  fraction: number | null;
}

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** `attachment; filename*=UTF-8''x.csv` or `filename="x.csv"` → the file name. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * How far along: rows (a text format's newlines past its header lines; null: a binary format) against the announced total, or,
 * for binary formats, bytes against Content-Length. Pure, for the tests.
 */
export function progressOf(bytes: number, newlines: number, expectedRows: number | null, contentLength: number | null, headerLines: number | null): Progress {
  const rows = headerLines === null ? 0 : Math.max(0, newlines - headerLines);
  let fraction: number | null = null;
  if (headerLines !== null && expectedRows !== null && expectedRows > 0) fraction = Math.min(1, rows / expectedRows);
  else if (contentLength !== null && contentLength > 0) fraction = Math.min(1, bytes / contentLength);
  return { bytes, expectedRows, rows, fraction };
}

const headerNumber = (v: string | null) => {
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

/**
 * Fetches `url` as a stream, calling `onProgress` as chunks arrive, and saves the result. Rejects with a
 * DownloadError carrying the problem+json title and detail when the server refuses; an abort rejects
 * with the AbortError.
 */
export async function streamDownload(
  url: string,
  opts: { fallbackName: string; /** Text formats: lines before the first row; null for binary ones. */ headerLines: number | null; signal: AbortSignal; onProgress: (p: Progress) => void },
): Promise<{ fileName: string; bytes: number }> {
  const res = await fetch(url, { credentials: 'same-origin', signal: opts.signal });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      const problem = (await res.json()) as { title?: string; detail?: string };
      // The title names the kind of problem ("Unprocessable Content"); the detail says what to do.
      message = [problem.title, problem.detail].filter(Boolean).join(': ') || message;
    } catch {
      /* not problem+json: the status says it */
    }
    throw new DownloadError(message, res.status);
  }
  const expectedRows = headerNumber(res.headers.get('x-expected-rows'));
  const contentLength = headerNumber(res.headers.get('content-length'));
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let newlines = 0;
  opts.onProgress(progressOf(0, 0, expectedRows, contentLength, opts.headerLines));
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      if (opts.headerLines) for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
      opts.onProgress(progressOf(bytes, newlines, expectedRows, contentLength, opts.headerLines));
    }
  }
  const fileName = fileNameFrom(res.headers.get('content-disposition'), opts.fallbackName);
  saveBlob(new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' }), fileName);
  opts.onProgress({ ...progressOf(bytes, newlines, expectedRows, contentLength, opts.headerLines), fraction: 1 });
  return { fileName, bytes };
}
