// The results cache: per campaign, the fields of its complete responses that results need, loaded once
// and then refreshed incrementally, so that a results request does not rescan every response.
//
// Is anything new? Every request first flushes this instance's write-behind counters and reads the
// campaign's per-cell counters (a few dozen small documents) and its review state (one point lookup).
// Counters unchanged since the last sync and the same review revision → nothing to read. Otherwise only
// the responses received since the last scan began, less LAG_MS (and, in anonymous campaigns whose
// receivedAt is rounded down to the hour, from that hour on) are read again; ids already held are
// skipped, so a response is never counted twice nor missed because it was stored a little after a newer
// one. Counters are read before the scan, and a counter moves only after its response is stored, so a
// count that moved is always backed by a response the next scan finds. Any instance rebuilds this from
// the database; memory is bounded by MAX_ROWS per campaign and MAX_CAMPAIGNS campaigns (least recently
// used dropped first).
import type { Types } from 'mongoose';
import { StratumCount, type CampaignDoc } from '../campaigns/model.ts';
import { flushCounts } from '../campaigns/tally.ts';
import { ServiceUnavailableError } from '../errors.ts';
import { SurveyResponse } from '../responses/model.ts';
import { ResultsState } from './model.ts';

export interface CachedResponse {
  id: string;
  stratumKey: string;
  stratum: Record<string, string>;
  answers: Record<string, unknown>;
  /** For the review queue: speeders, and which copy of a duplicate came first (ms; hour-rounded when anonymous). */
  durationSec?: number;
  receivedAt?: number;
}

/** What results read: the included responses (complete, not excluded) and a revision that changes with them. */
export interface ResultsData {
  rows: CachedResponse[];
  revision: number;
  /** Ids of the excluded responses, in the order they were excluded. */
  excluded: string[];
  /**
   * Same epoch and review revision as an earlier ResultsData → these rows are that one's rows with newer
   * responses appended (the cache only appends; a reload or a review change starts a new sequence).
   */
  epoch: number;
  reviewRevision: number;
  /** Figures derived from this revision (weights, tables), kept until the revision changes. */
  memo: Map<string, Promise<unknown>>;
}

const LAG_MS = 60_000;
const HOUR = 3_600_000;
export const MAX_ROWS = 2_000_000;
const MAX_CAMPAIGNS = 8;
const MAX_MEMO = 64;

interface Entry {
  epoch: number;
  /** Responses appended by noteStored since the counters were last read. */
  appended: number;
  rows: CachedResponse[];
  ids: Set<string>;
  loaded: boolean;
  /** Sum of the campaign's completed counters when the last scan began. */
  counterMark: number;
  reviewRevision: number;
  excluded: Set<string>;
  lastScanStart: number;
  revision: number;
  included: ResultsData | null;
  sync: Promise<void>;
}

const entries = new Map<string, Entry>();
let epochs = 0;

function entryFor(id: string): Entry {
  let entry = entries.get(id);
  if (entry) {
    entries.delete(id); // re-inserted below: Map order is the least-recently-used order
  } else {
    entry = {
      epoch: ++epochs, appended: 0, rows: [], ids: new Set(), loaded: false, counterMark: -1, reviewRevision: -1, excluded: new Set(),
      lastScanStart: 0, revision: 0, included: null, sync: Promise.resolve(),
    };
    while (entries.size >= MAX_CAMPAIGNS) entries.delete(entries.keys().next().value!);
  }
  entries.set(id, entry);
  return entry;
}

/** The campaign's included responses as of this request (a response stored before it is in). */
export async function campaignResponses(campaign: CampaignDoc): Promise<ResultsData> {
  const entry = entryFor(String(campaign._id));
  // One refresh at a time per campaign; each request waits for a check that began after it arrived.
  const mine = entry.sync.catch(() => undefined).then(() => refresh(entry, campaign));
  entry.sync = mine;
  await mine;
  if (!entry.included || entry.included.revision !== entry.revision) {
    const rows = entry.excluded.size ? entry.rows.filter((r) => !entry.excluded.has(r.id)) : entry.rows.slice();
    entry.included = {
      rows, revision: entry.revision, excluded: [...entry.excluded], epoch: entry.epoch, reviewRevision: entry.reviewRevision, memo: new Map(),
    };
  }
  return entry.included;
}

/** A figure computed once per revision of the data (concurrent requests share the computation). */
export function memoized<T>(data: ResultsData, key: string, compute: () => Promise<T> | T): Promise<T> {
  let hit = data.memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    if (data.memo.size >= MAX_MEMO) data.memo.clear();
    hit = Promise.resolve().then(compute);
    data.memo.set(key, hit);
    hit.catch(() => data.memo.get(key) === hit && data.memo.delete(key));
  }
  return hit;
}

async function refresh(entry: Entry, campaign: CampaignDoc): Promise<void> {
  await flushCounts();
  const [counts, state] = await Promise.all([
    StratumCount.find({ campaign: campaign._id }, { completed: 1 }).lean(),
    ResultsState.findOne({ campaign: campaign._id }, { revision: 1, excluded: 1 }).lean(),
  ]);
  const mark = counts.reduce((s, c) => s + (c.completed ?? 0), 0);
  const reviewRevision = state?.revision ?? 0;
  if (reviewRevision !== entry.reviewRevision) {
    entry.excluded = new Set(state?.excluded ?? []);
    entry.reviewRevision = reviewRevision;
    entry.revision++;
  }
  // Counters moved only by responses this instance stored and already appended (noteStored): nothing to read.
  const moved = mark - entry.counterMark;
  if (entry.loaded && moved >= 0 && moved <= entry.appended) {
    entry.appended -= moved;
    entry.counterMark = mark;
    return;
  }
  const scanStart = Date.now();
  const added = await readResponses(entry, campaign._id, entry.loaded ? since(entry.lastScanStart, campaign) : null);
  entry.counterMark = mark;
  entry.appended = 0;
  entry.lastScanStart = scanStart;
  entry.loaded = true;
  if (added) entry.revision++;
}

/**
 * A response this instance has just stored and counted (called by the submission path next to
 * countCompleted): appended at once, so the next request needs no read of the database for it. The
 * counters it moved then match `appended`, which tells refresh() that nothing else arrived.
 */
export function noteStored(campaign: Types.ObjectId, doc: StoredFields & { _id: string }): void {
  const entry = entries.get(String(campaign));
  if (!entry?.loaded || entry.ids.has(doc._id) || entry.rows.length >= MAX_ROWS) return;
  entry.ids.add(doc._id);
  entry.rows.push(rowOf(doc));
  entry.appended++;
  entry.revision++;
}

/** The earliest receivedAt a response not yet seen can carry. */
function since(lastScanStart: number, campaign: CampaignDoc): Date {
  const t = lastScanStart - LAG_MS;
  return new Date(campaign.anonymity === 'anonymous' ? Math.floor(t / HOUR) * HOUR : t);
}

/** The fields of a stored response that results keep. */
interface StoredFields { _id: unknown; stratumKey?: unknown; stratum?: unknown; answers?: unknown; durationSec?: unknown; receivedAt?: unknown }

function rowOf(doc: StoredFields): CachedResponse {
  return {
    id: String(doc._id),
    stratumKey: (doc.stratumKey as string) ?? '',
    stratum: (doc.stratum as Record<string, string>) ?? {},
    answers: (doc.answers as Record<string, unknown>) ?? {},
    ...(typeof doc.durationSec === 'number' ? { durationSec: doc.durationSec } : {}),
    ...(doc.receivedAt instanceof Date ? { receivedAt: doc.receivedAt.getTime() } : {}),
  };
}

async function readResponses(entry: Entry, campaign: Types.ObjectId, from: Date | null): Promise<number> {
  const query: Record<string, unknown> = { campaign, status: 'complete' };
  if (from) query.receivedAt = { $gte: from };
  // Straight from the driver: no mongoose documents for 10⁵ responses.
  const cursor = SurveyResponse.collection.find(query, {
    projection: { answers: 1, stratum: 1, stratumKey: 1, durationSec: 1, receivedAt: 1 },
    batchSize: 2000,
  });
  let added = 0;
  for await (const doc of cursor) {
    const id = String(doc._id);
    if (entry.ids.has(id)) continue;
    if (entry.rows.length >= MAX_ROWS) {
      await cursor.close();
      throw new ServiceUnavailableError('results.too_many_responses', `Đợt khảo sát có hơn ${MAX_ROWS} phiếu: vượt giới hạn bộ nhớ đệm kết quả.`);
    }
    entry.ids.add(id);
    entry.rows.push(rowOf(doc as StoredFields));
    added++;
  }
  return added;
}

/** This instance holds the campaign's responses already (a results page was opened). */
export function isCached(campaign: CampaignDoc): boolean {
  return entries.get(String(campaign._id))?.loaded === true;
}

/** Forget every campaign (tests, and after responses are changed outside the submission path). */
export function resetResultsCache(): void {
  entries.clear();
}
