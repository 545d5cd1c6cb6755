// Reading a campaign's exportable responses from the database as a stream (a driver cursor in batches),
// never as one array. The cursor is closed when the consumer stops early (client gone, error).
import type { Types } from 'mongoose';
import { StratumCount } from '../campaigns/model.ts';
import { flushCounts } from '../campaigns/tally.ts';
import { ResultsState } from '../results/model.ts';
import { SurveyResponse } from '../responses/model.ts';
import type { ExportRecord } from './layout.ts';

/** Completed responses, without those excluded by an analyst (response review sets `excluded: {reason, by, at}`) unless asked. */
export const exportFilter = (campaign: Types.ObjectId, includeExcluded = false) => ({
  campaign,
  status: 'complete',
  ...(includeExcluded ? {} : { excluded: { $exists: false } }),
});

const PROJECTION = { answers: 1, version: 1, channel: 1, locale: 1, completedAt: 1, durationSec: 1, flags: 1, excluded: 1 };

export async function* exportableResponses(campaign: Types.ObjectId, opts: { includeExcluded?: boolean; batchSize?: number } = {}): AsyncGenerator<ExportRecord> {
  // The driver's cursor, not mongoose documents: no hydration cost per response.
  const cursor = SurveyResponse.collection.find(exportFilter(campaign, opts.includeExcluded), { projection: PROJECTION, batchSize: opts.batchSize ?? 1000 });
  try {
    for await (const d of cursor) {
      yield {
        id: String(d._id),
        answers: (d.answers ?? {}) as Record<string, unknown>,
        version: d.version,
        channel: d.channel,
        locale: d.locale,
        completedAt: d.completedAt,
        durationSec: d.durationSec,
        flags: d.flags,
        excluded: d.excluded ? String(d.excluded.reason ?? '') : undefined,
      };
    }
  } finally {
    await cursor.close();
  }
}

/**
 * About how many rows an export will have, for a progress bar, without scanning the responses: the
 * campaign's completed counters (one small document per stratum cell) less the excluded ones.
 */
export async function expectedRows(campaign: Types.ObjectId, includeExcluded: boolean): Promise<number> {
  await flushCounts();
  const [counts, state] = await Promise.all([
    StratumCount.find({ campaign }, { completed: 1 }).lean(),
    includeExcluded ? null : ResultsState.findOne({ campaign }, { excluded: 1 }).lean(),
  ]);
  const completed = counts.reduce((s, c) => s + (c.completed ?? 0), 0);
  return Math.max(0, completed - (state?.excluded?.length ?? 0));
}
