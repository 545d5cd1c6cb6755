// Completed responses per stratum cell, kept up to date as responses arrive so that progress never
// rescans responses. Written behind: increments gather in memory and go out as one bulkWrite every
// FLUSH_MS, so a submission costs the database one write (its own insert), not two. The counts are
// derived data: a crash loses at most one flush's worth, and rebuildCounts() recounts from responses.
import type { Types } from 'mongoose';
import { SurveyResponse } from '../responses/model.ts';
import { StratumCount } from './model.ts';

const FLUSH_MS = 250;
const pending = new Map<string, { campaign: Types.ObjectId; key: string; n: number }>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();
const STORED_TTL_MS = 1000;
const stored = new Map<string, { at: number; count: Promise<number> }>();

const slot = (campaign: Types.ObjectId, key: string) => `${String(campaign)}\u0000${key}`;

/** Counts one more completed response in the cell (written with the next flush). */
export function countCompleted(campaign: Types.ObjectId, key: string): void {
  const id = slot(campaign, key);
  const entry = pending.get(id) ?? { campaign, key, n: 0 };
  entry.n++;
  pending.set(id, entry);
  timer ??= setTimeout(() => void flushCounts().catch(() => undefined), FLUSH_MS);
}

/**
 * Stored count plus what this instance has not flushed yet. The stored part is read at most once a
 * second per cell: quota checks may lag other instances by that much, and submissions cost no read.
 */
export async function completedIn(campaign: Types.ObjectId, key: string): Promise<number> {
  const id = slot(campaign, key);
  let hit = stored.get(id);
  if (!hit || Date.now() - hit.at > STORED_TTL_MS) {
    const at = Date.now();
    hit = {
      at,
      count: StratumCount.findOne({ campaign, key }, { completed: 1 })
        .lean()
        .then((row) => row?.completed ?? 0),
    };
    hit.count.catch(() => stored.delete(id));
    stored.set(id, hit);
  }
  return (await hit.count) + (pending.get(id)?.n ?? 0);
}

/** Writes the gathered increments; called by the timer, at shutdown, and by tests. */
export function flushCounts(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const batch = [...pending.values()];
  pending.clear();
  flushing = flushing.then(async () => {
    if (!batch.length) return;
    try {
      await StratumCount.bulkWrite(
        batch.map(({ campaign, key, n }) => ({
          updateOne: { filter: { campaign, key }, update: { $inc: { completed: n } }, upsert: true },
        })),
        { ordered: false },
      );
      for (const b of batch) stored.delete(slot(b.campaign, b.key));
    } catch (err) {
      // Keep the increments for the next flush rather than lose them.
      for (const b of batch) {
        const id = slot(b.campaign, b.key);
        const entry = pending.get(id) ?? { ...b, n: 0 };
        entry.n += b.n;
        pending.set(id, entry);
      }
      timer ??= setTimeout(() => void flushCounts().catch(() => undefined), FLUSH_MS * 8);
      throw err;
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
