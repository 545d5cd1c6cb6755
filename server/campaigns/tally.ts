// Completed responses per stratum cell, kept up to date as responses arrive so that progress never
// rescans responses. Written behind: increments gather in memory and go out as one bulkWrite every
// FLUSH_MS, so a submission costs the database one write (its own insert), not two. The counts are
// derived data: a crash loses at most one flush's worth, and rebuildCounts() recounts from responses.
import type { Types } from 'mongoose';
import { SurveyResponse } from '../responses/model.ts';
import { Invitation } from '../invitations/model.ts';
import { Campaign, StratumCount } from './model.ts';

const FLUSH_MS = 250;
const STORED_TTL_MS = 1000;

interface Increment {
  campaign: Types.ObjectId;
  key: string;
  n: number;
  /** The same increments by local day ("YYYY-MM-DD"), for the daily chart and the pace. */
  days: Record<string, number>;
}

/** Not yet written; being written (sent, not yet acknowledged); last stored counts read. */
const pending = new Map<string, Increment>();
const inFlight = new Map<string, number>();
const stored = new Map<string, { at: number; count: Promise<number>; value?: number }>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> = Promise.resolve();

const slot = (campaign: Types.ObjectId, key: string) => `${String(campaign)}\u0000${key}`;

function add(map: Map<string, Increment>, inc: Increment): void {
  const id = slot(inc.campaign, inc.key);
  const entry = map.get(id) ?? { campaign: inc.campaign, key: inc.key, n: 0, days: {} };
  entry.n += inc.n;
  for (const [day, n] of Object.entries(inc.days)) entry.days[day] = (entry.days[day] ?? 0) + n;
  map.set(id, entry);
}

function schedule(ms: number): void {
  timer ??= setTimeout(() => void flushCounts().catch(() => undefined), ms);
}

/** Counts one more completed response in the cell on its local day (written with the next flush). */
export function countCompleted(campaign: Types.ObjectId, key: string, day: string): void {
  add(pending, { campaign, key, n: 1, days: { [day]: 1 } });
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
    const entry: { at: number; count: Promise<number>; value?: number } = {
      at: Date.now(),
      count: StratumCount.findOne({ campaign, key }, { completed: 1 })
        .lean()
        .then((row) => (entry.value = row?.completed ?? 0)),
    };
    entry.count.catch(() => stored.get(id) === entry && stored.delete(id));
    stored.set(id, (hit = entry));
  }
  const base = hit.value ?? (await hit.count);
  return base + (inFlight.get(id) ?? 0) + (pending.get(id)?.n ?? 0);
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
    // Counts read before this write went out: adding the batch to them keeps them exact without a re-read.
    const readBefore = new Map(batch.map((b) => [slot(b.campaign, b.key), stored.get(slot(b.campaign, b.key))]));
    for (const [id, hit] of readBefore) if (hit?.value === undefined) readBefore.delete(id);
    try {
      await StratumCount.bulkWrite(
        batch.map(({ campaign, key, n, days }) => ({
          updateOne: {
            filter: { campaign, key },
            update: { $inc: { completed: n, ...Object.fromEntries(Object.entries(days).map(([d, k]) => [`days.${d}`, k])) } },
            upsert: true,
          },
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
        const hit = stored.get(id);
        if (written && hit && hit === readBefore.get(id)) hit.value! += b.n;
        else stored.delete(id); // the stored count changed (or may have): read it again next time
        if (!written) add(pending, b); // keep the increments for the next flush rather than lose them
      }
      if (!written) schedule(FLUSH_MS * 8);
    }
  });
  return flushing;
}

/**
 * Recounts every cell of every campaign from the stored responses and invitations (one scan each),
 * replacing the counters: completed per cell and per local day, and token respondents with answers
 * saved on the server but not yet submitted (partial).
 */
export async function rebuildCounts(): Promise<number> {
  await flushCounts();
  stored.clear();
  let cells = 0;
  for (const campaign of await Campaign.find({}, { timezone: 1 }).lean()) {
    const groups = await SurveyResponse.aggregate<{ _id: { key: string; day: string }; n: number }>([
      { $match: { campaign: campaign._id, status: 'complete' } },
      {
        $group: {
          _id: {
            key: '$stratumKey',
            day: { $dateToString: { format: '%Y-%m-%d', date: '$receivedAt', timezone: campaign.timezone ?? 'Asia/Ho_Chi_Minh' } },
          },
          n: { $sum: 1 },
        },
      },
    ]);
    const partial = await Invitation.aggregate<{ _id: string; n: number }>([
      { $match: { campaign: campaign._id, status: 'new', 'partial.savedAt': { $exists: true } } },
      { $group: { _id: '$stratumKey', n: { $sum: 1 } } },
    ]);
    const byKey = new Map<string, { completed: number; partial: number; days: Record<string, number> }>();
    const cell = (key: string) => byKey.get(key) ?? byKey.set(key, { completed: 0, partial: 0, days: {} }).get(key)!;
    for (const g of groups) {
      const c = cell(g._id.key ?? '');
      c.completed += g.n;
      c.days[g._id.day] = (c.days[g._id.day] ?? 0) + g.n;
    }
    for (const p of partial) cell(p._id ?? '').partial = p.n;
    await StratumCount.deleteMany({ campaign: campaign._id, key: { $nin: [...byKey.keys()] } });
    if (byKey.size)
      await StratumCount.bulkWrite(
        [...byKey].map(([key, c]) => ({
          updateOne: { filter: { campaign: campaign._id, key }, update: { $set: c }, upsert: true },
        })),
        { ordered: false },
      );
    cells += byKey.size;
  }
  return cells;
}
