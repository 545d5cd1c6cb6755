// Unweighted toplines that grow with the responses. The results cache only appends rows until a review
// changes or the cache reloads, so the tallies of the previous revision plus the new rows are the
// tallies of this one: a new response costs its own addition, not a pass over every response (at 10⁵
// responses about 3 s → milliseconds). Weighted toplines are not kept this way: raking moves every
// weight when one response arrives.
import { Tabulation, type TabulateOptions, type Topline } from '../../analysis/index.ts';
import type { CachedResponse, ResultsData } from './cache.ts';

interface Running {
  tab: Tabulation;
  epoch: number;
  reviewRevision: number;
  /** Rows of the data already offered to `tab` (kept or filtered out). */
  seen: number;
}

/** At most this many running toplines (language × filter × text answers × campaign), least recently used dropped. */
const MAX_RUNNING = 32;
const running = new Map<string, Running>();

/**
 * The topline of `data.rows` that `keep` selects, continuing the tallies kept under `key` when `data` only
 * appends to the rows they have seen; otherwise from scratch (and kept for next time).
 */
export function runningTopline(
  key: string,
  data: ResultsData,
  survey: Record<string, unknown>,
  opts: TabulateOptions,
  keep: ((r: CachedResponse) => boolean) | null,
): Topline {
  let r = running.get(key);
  running.delete(key);
  if (r && (r.epoch !== data.epoch || r.reviewRevision !== data.reviewRevision || r.seen > data.rows.length)) {
    // An older revision answered late: compute it apart, leave the newer tallies alone.
    if (r.epoch === data.epoch && r.reviewRevision === data.reviewRevision) {
      running.set(key, r);
      return feed(new Tabulation(survey, opts), data.rows, 0, keep).result();
    }
    r = undefined;
  }
  r ??= { tab: new Tabulation(survey, opts), epoch: data.epoch, reviewRevision: data.reviewRevision, seen: 0 };
  // Kept only once every row went in: tallies that stopped half-way would count some rows twice later.
  feed(r.tab, data.rows, r.seen, keep);
  r.seen = data.rows.length;
  running.set(key, r);
  while (running.size > MAX_RUNNING) running.delete(running.keys().next().value!);
  return r.tab.result();
}

function feed(tab: Tabulation, rows: CachedResponse[], from: number, keep: ((r: CachedResponse) => boolean) | null): Tabulation {
  for (let i = from; i < rows.length; i++) {
    const row = rows[i];
    if (keep && !keep(row)) continue;
    tab.add({ id: row.id, data: row.answers });
  }
  return tab;
}

/** Forget every running topline (tests). */
export function resetRunningToplines(): void {
  running.clear();
}
