// Writing to a Node stream with backpressure: when `write` returns false, wait for 'drain' (or give up
// when the signal aborts, e.g. the client went away, so the database cursor is closed at once).
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export function streamWriter(out: Writable, signal?: AbortSignal): (chunk: string | Buffer) => Promise<void> {
  return async (chunk) => {
    signal?.throwIfAborted();
    if (!out.write(chunk)) await once(out, 'drain', { signal });
  };
}

/** Waits until `out` has room again if it asked for a pause (for writers that do not see `write`'s result). */
export async function roomIn(out: Writable, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (out.writableNeedDrain) await once(out, 'drain', { signal });
}

/** An AbortSignal that fires when the HTTP response closes before it finished (the client disconnected). */
export function closedEarly(res: Writable): AbortSignal {
  const ac = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) ac.abort(new Error('client disconnected'));
  });
  return ac.signal;
}
