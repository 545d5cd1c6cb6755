// Concurrent submissions share one insert (group commit): checked over HTTP against the real app and the
// embedded database, and the embedded database's answer to an unordered insertMany with duplicates.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign, StratumCount } from '../../server/campaigns/model.ts';
import { flushCounts } from '../../server/campaigns/tally.ts';
import { SurveyResponse } from '../../server/responses/model.ts';
import { rootDir, startTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ surveysDir: path.join(rootDir, 'test/fixtures/surveys') });
});
afterAll(async () => app?.close());

const answers = (i: number) => ({
  district: i % 3 === 0 ? 'hai-chau' : 'hoa-vang',
  party_member: 'no',
  channels: ['tv'],
  awareness: { xiii: 1 + (i % 3), nq43: 2 },
  overall: i % 11,
});

async function post(body: unknown) {
  const res = await fetch(`${app.url}/api/v1/public/campaigns/mini/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id: string; submissionId: string } };
}

describe('the embedded database', () => {
  it('When an unordered insertMany holds duplicates, then it names each by its index and stores all the others', async () => {
    const collection = app.db.connection.db!.collection<{ _id: string; k: string }>('batch_probe');
    await collection.createIndex({ k: 1 }, { unique: true });
    await collection.insertOne({ _id: 'old', k: 'taken' });
    const docs = [
      { _id: 'a', k: 'a' },
      { _id: 'b', k: 'taken' }, // duplicate of a stored key
      { _id: 'c', k: 'c' },
      { _id: 'd', k: 'c' }, // duplicate of a key earlier in the same batch
      { _id: 'e', k: 'e' },
    ];
    const err = (await collection.insertMany(docs, { ordered: false }).catch((e: unknown) => e)) as mongo.MongoBulkWriteError;
    expect(err).toBeInstanceOf(Error);
    const writeErrors = ([] as mongo.WriteError[]).concat(err.writeErrors);
    expect(writeErrors.map((w) => [w.index, w.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    const stored = await collection.find({}, { sort: { _id: 1 } }).toArray();
    expect(stored.map((d) => d._id)).toEqual(['a', 'c', 'e', 'old']);
  });
});

describe('concurrent submissions', () => {
  it('When 50 arrive at once, 5 of them copies of others, then each copy is answered like a retry and 45 are stored and counted', async () => {
    const originals = Array.from({ length: 45 }, (_, i) => ({ submissionId: randomUUID(), answers: answers(i) }));
    const copies = [3, 10, 11, 27, 44].map((i) => originals[i]);
    // The copies go out among the originals, so that some share a batch with theirs.
    const burst = [...originals];
    copies.forEach((copy, n) => burst.splice(8 * n + 5, 0, copy));
    const replies = await Promise.all(burst.map((body) => post(body)));

    expect(replies).toHaveLength(50);
    const bySubmission = new Map<string, { status: number; id: string }[]>();
    burst.forEach((body, i) => {
      const list = bySubmission.get(body.submissionId) ?? [];
      list.push({ status: replies[i].status, id: replies[i].body.id });
      bySubmission.set(body.submissionId, list);
    });
    for (const original of originals) {
      const got = bySubmission.get(original.submissionId)!;
      const copied = copies.includes(original);
      expect(got.map((r) => r.status).sort()).toEqual(copied ? [200, 201] : [201]);
      expect(new Set(got.map((r) => r.id)).size).toBe(1);
    }

    const campaign = await Campaign.findOne({ slug: 'mini' }).lean();
    const stored = await SurveyResponse.find({ campaign: campaign!._id }, { submissionId: 1, stratumKey: 1 }).lean();
    expect(stored).toHaveLength(45);
    expect(new Set(stored.map((r) => r.submissionId))).toEqual(new Set(originals.map((o) => o.submissionId)));
    const idsAnswered = new Set(replies.map((r) => r.body.id));
    expect(idsAnswered).toEqual(new Set(stored.map((r) => String(r._id))));

    await flushCounts();
    const counts = await StratumCount.find({ campaign: campaign!._id }).lean();
    const expected = { 'district=hai-chau': 0, 'district=hoa-vang': 0 } as Record<string, number>;
    for (const o of originals) expected[`district=${o.answers.district}`]++;
    expect(Object.fromEntries(counts.map((c) => [c.key, c.completed]))).toEqual(expected);
  });
});
