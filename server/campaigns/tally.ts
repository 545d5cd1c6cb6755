// Completed responses per stratum cell, kept up to date as responses arrive so that progress never
// rescans responses. Written behind: increments gather in memory and go out as one bulkWrite every
// FLUSH_MS, so a submission costs the database one write (its own insert), not two. The counts are
// derived data: a crash loses at most one flush's worth, and rebuildCounts() recounts from responses.
import type { Types } from 'mongoose';
import { SurveyResponse } from '../responses/model.ts';
import { StratumCount } from './model.ts';

const FLUSH_MS = 250;
const STORED_TTL_MS = 1000;

interface Increment {
  campaign: Types.ObjectId;
  key: string;
  n: number;
}

/** Not yet written; being written (sent, not yet acknowledged); last stored counts read. */
const pending = new Map<string, Increment>();
const inFlight = new Map<string, number>();
const stored = new Map<string, { at: number; count: Promise<number> }>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();

const slot = (campaign: Types.ObjectId, key: string) => `${String(campaign)}\u0000${key}`;

function add(map: Map<string, Increment>, inc: Increment): void {
  const id = slot(inc.campaign, inc.key);
  const entry = map.get(id) ?? { campaign: inc.campaign, key: inc.key, n: 0 };
  entry.n += inc.n;
  map.set(id, entry);
}

function schedule(ms: number): void {
  timer ??= setTimeout(() => void flushCounts().catch(() => undefined), ms);
}

/** Counts one more completed response in the cell (written with the next flush). */
export function countCompleted(campaign: Types.ObjectId, key: string): void {
  add(pending, { campaign, key, n: 1 });
  schedule(FLUSH_MS);
}

/**
 * Stored count plus what this instance has not written yet. With `fresh` false the stored part is
 * read at most once a second per cell (other instances' responses show up to a second late), so a
 * submission that only flags a full cell costs no read; refusing one reads it fresh.
 */
export async function completedIn(campaign: Types.ObjectId, key: string, fresh = false): Promise<number> {
  const id = slot(campaign, key);
  let hit = stored.get(id);
  if (fresh || !hit || Date.now() - hit.at > STORED_TTL_MS) {
    const count = StratumCount.findOne({ campaign, key }, { completed: 1 })
      .lean()
      .then((row) => row?.completed ?? 0);
    hit = { at: Date.now(), count };
    count.catch(() => stored.delete(id));
    stored.set(id, hit);
  }
  return (await hit.count) + (inFlight.get(id) ?? 0) + (pending.get(id)?.n ?? 0);
}

/** Writes the gathered increments; called by the timer, at shutdown, and by tests. */
export function flushCounts(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const batch = [...pending.values()];
  pending.clear();
  for (const b of batch) inFlight.set(slot(b.campaign, b.key), (inFlight.get(slot(b.campaign, b.key)) ?? 0) + b.n);
  flushing = flushing.catch(() => undefined).then(async () => {
    if (!batch.length) return;
    let written = false;
    try {
      await StratumCount.bulkWrite(
        batch.map(({ campaign, key, n }) => ({
          updateOne: { filter: { campaign, key }, update: { $inc: { completed: n } }, upsert: true },
        })),
        { ordered: false },
      );
      written = true;
    } finally {
      for (const b of batch) {
        const id = slot(b.campaign, b.key);
        const left = (inFlight.get(id) ?? 0) - b.n;
        if (left > 0) inFlight.set(id, left);
        else inFlight.delete(id);
        stored.delete(id); // the stored count changed (or may have): read it again next time
        if (!written) add(pending, b); // keep the increments for the next flush rather than lose them
      }
      if (!written) schedule(FLUSH_MS * 8);
    }
  });
  return flushing;
}

/** Recounts every cell of every campaign from the stored responses (one scan), replacing the counters. */
export async function rebuildCounts(): Promise<number> {
  await flushCounts();
  stored.clear();
  const groups = await SurveyResponse.aggregate<{ _id: { campaign: Types.ObjectId; key: string }; n: number }>([
    { $match: { status: 'complete' } },
    { $group: { _id: { campaign: '$campaign', key: '$stratumKey' }, n: { $sum: 1 } } },
  ]);
  if (groups.length)
    await StratumCount.bulkWrite(
      groups.map((g) => ({
        updateOne: {
          filter: { campaign: g._id.campaign, key: g._id.key },
          update: { $set: { completed: g.n } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  return groups.length;
}
