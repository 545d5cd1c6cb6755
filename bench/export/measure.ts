// Peak memory sampled while a phase runs (RSS every 50 ms), and a sink that counts what it is given.
import { Writable } from 'node:stream';

export function memorySampler(everyMs = 50) {
  let peak = 0;
  const marks: { at: number; rss: number }[] = [];
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    /** Notes the current RSS against a progress count (to show memory stays flat as rows grow). */
    mark(at: number) {
      sample();
      marks.push({ at, rss: process.memoryUsage().rss });
    },
    stop() {
      clearInterval(timer);
      sample();
      return { peakMb: peak / 2 ** 20, marks: marks.map((m) => ({ at: m.at, rssMb: Math.round(m.rss / 2 ** 20) })) };
    },
  };
}

/** A destination that throws bytes away but still applies backpressure like a socket would. */
export class CountingSink extends Writable {
  bytes = 0;
  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }
  _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.bytes += chunk.length;
    setImmediate(cb);
  }
}
