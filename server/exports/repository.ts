// Reading a campaign's exportable responses from the database as a stream (a driver cursor in batches),
// never as one array. The cursor is closed when the consumer stops early (client gone, error).
import type { Types } from 'mongoose';
import { SurveyResponse } from '../responses/model.ts';
import type { ExportRecord } from './layout.ts';

/** Completed responses not excluded by an analyst (response review sets `excluded: {reason, by, at}`). */
export const exportFilter = (campaign: Types.ObjectId) => ({
  campaign,
  status: 'complete',
  excluded: { $exists: false },
});

const PROJECTION = { answers: 1, version: 1, channel: 1, locale: 1, completedAt: 1, durationSec: 1, flags: 1, weight: 1 };

export async function* exportableResponses(campaign: Types.ObjectId, batchSize = 1000): AsyncGenerator<ExportRecord> {
  // The driver's cursor, not mongoose documents: no hydration cost per response.
  const cursor = SurveyResponse.collection.find(exportFilter(campaign), { projection: PROJECTION, batchSize });
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
        weight: d.weight,
      };
    }
  } finally {
    await cursor.close();
  }
}
