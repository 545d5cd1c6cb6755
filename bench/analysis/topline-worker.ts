// One worker of the partitioned topline benchmark: builds the same response pool as the main phase (not
// timed), then on 'go' tabulates its share of the stream (records k, k+W, k+2W, …), handed over in batches
// of BENCH_BATCH records per yield as in the single-thread phase, and posts a snapshot.
import { parentPort, workerData } from 'node:worker_threads';
import { responses, survey } from './generate.js';
import { Tabulation, TabulateResponse } from '../../analysis/tabulate.js';
import { snapshot } from '../../analysis/partition.js';

const { n, pool: poolSize, k, workers } = workerData as { n: number; pool: number; k: number; workers: number };
const pool = [...responses(poolSize)];
parentPort!.postMessage({ ready: true });
parentPort!.once('message', async () => {
  const batch = Math.max(1, Number(process.env.BENCH_BATCH ?? 1000));
  async function* stream(): AsyncGenerator<TabulateResponse[]> {
    let part: TabulateResponse[] = [];
    for (let i = k; i < n; i += workers) {
      const p = pool[i % pool.length];
      part.push({ id: String(i), data: p.data, weight: p.weight, stratum: p.stratum, psu: p.psu, durationSec: p.durationSec });
      if (part.length === batch) { yield part; part = []; }
    }
    if (part.length) yield part;
  }
  const tab = new Tabulation(survey, { design: { clustered: true } });
  for await (const part of stream()) for (const r of part) tab.add(r);
  parentPort!.postMessage(snapshot(tab));
});
