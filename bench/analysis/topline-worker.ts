// One worker of the partitioned topline benchmark: builds the same response pool as the main phase (not
// timed), then on 'go' tabulates its share of the stream and posts a snapshot. Shares are claimed a batch
// at a time (BENCH_BATCH records, handed over per yield as in the single-thread phase) from a counter shared
// by all workers, the way workers would pull pages of one cursor: a worker the machine slows down takes
// fewer batches instead of holding up the merge (with fixed shares, on the 2 shared cores, one worker
// finished 0.4–1.9 s after the other). Record i is pool[i mod pool size] whichever worker takes it.
import { parentPort, workerData } from 'node:worker_threads';
import { responses, survey, toplineOptions } from './generate.js';
import { Tabulation, TabulateResponse } from '../../analysis/tabulate.js';
import { snapshot } from '../../analysis/partition.js';

const { n, pool: poolSize, next } = workerData as { n: number; pool: number; next: SharedArrayBuffer };
const pool = [...responses(poolSize)];
const claimed = new Int32Array(next);
parentPort!.postMessage({ ready: true });
parentPort!.once('message', async () => {
  const batch = Math.max(1, Number(process.env.BENCH_BATCH ?? 1000));
  async function* stream(): AsyncGenerator<TabulateResponse[]> {
    for (let from = Atomics.add(claimed, 0, batch); from < n; from = Atomics.add(claimed, 0, batch)) {
      const part: TabulateResponse[] = new Array(Math.min(batch, n - from));
      for (let j = 0; j < part.length; j++) {
        const i = from + j, p = pool[i % pool.length];
        part[j] = { id: String(i), data: p.data, weight: p.weight, stratum: p.stratum, psu: p.psu, durationSec: p.durationSec };
      }
      yield part;
    }
  }
  const tab = new Tabulation(survey, toplineOptions());
  for await (const part of stream()) for (const r of part) tab.add(r);
  parentPort!.postMessage(snapshot(tab));
});
