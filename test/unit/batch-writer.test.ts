// The group-commit writer of responses, against a fake database whose writes finish when the test says.
import { describe, expect, it } from 'vitest';
import { BatchWriter, DocumentWriteError } from '../../server/responses/batch-writer.ts';

/** A fake insertMany: records each batch, and finishes it (or fails it) when the test calls `finish`. */
function fakeDatabase() {
  const batches: string[][] = [];
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const writeMany = (docs: string[]) => {
    batches.push([...docs]);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const finish = async (err?: unknown) => {
    const next = pending.shift()!;
    if (err) next.reject(err);
    else next.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, writeMany, finish };
}

/** Which callers were answered, and how: 'ok', the error's code, or 'waiting'. */
function track(promises: Promise<void>[]) {
  const state: (string | number | undefined)[] = promises.map(() => 'waiting');
  promises.forEach((p, i) =>
    p.then(
      () => (state[i] = 'ok'),
      (e: { code?: number; message: string }) => (state[i] = e.code ?? e.message),
    ),
  );
  return state;
}

const settle = () => new Promise((r) => setImmediate(r));

describe('BatchWriter', () => {
  it('When idle, then a document is written at once, alone', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany);
    const state = track([writer.insert('a')]);
    expect(db.batches).toEqual([['a']]);
    await settle();
    expect(state).toEqual(['waiting']); // not answered before the database acknowledges
    await db.finish();
    expect(state).toEqual(['ok']);
  });

  it('When documents arrive while a write is in flight, then they go together in the next write', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany);
    const state = track(['a', 'b', 'c', 'd'].map((d) => writer.insert(d)));
    expect(db.batches).toEqual([['a']]);
    await db.finish();
    expect(state).toEqual(['ok', 'waiting', 'waiting', 'waiting']);
    expect(db.batches).toEqual([['a'], ['b', 'c', 'd']]);
    const late = track([writer.insert('e')]);
    await db.finish();
    expect(state).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(db.batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    await db.finish();
    expect(late).toEqual(['ok']);
  });

  it('When more documents wait than one batch holds, then they go in batches of that size', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany, 2);
    const state = track(['a', 'b', 'c', 'd', 'e', 'f'].map((d) => writer.insert(d)));
    for (let i = 0; i < 4; i++) await db.finish();
    expect(db.batches).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f']]);
    expect(state.every((s) => s === 'ok')).toBe(true);
  });

  it('When one document of a batch is a duplicate, then only its caller gets the duplicate-key error', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany);
    const state = track(['a', 'b', 'c', 'd'].map((d) => writer.insert(d)));
    await db.finish();
    // As the driver throws it for an unordered insertMany: the index is that of the batch ['b','c','d'].
    const bulkError = Object.assign(new Error('E11000 duplicate key error'), {
      code: 11000,
      writeErrors: [{ index: 1, code: 11000, errmsg: 'E11000 duplicate key error' }],
      result: { getWriteConcernError: () => undefined },
    });
    await db.finish(bulkError);
    expect(state).toEqual(['ok', 'ok', 11000, 'ok']);
  });

  it('When several documents fail for different reasons, then each caller gets its own error', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany);
    const first = writer.insert('a');
    const results = ['b', 'c', 'd'].map((d) => writer.insert(d).catch((e: unknown) => e));
    await db.finish();
    await first;
    await db.finish(
      Object.assign(new Error('bulk'), {
        writeErrors: [
          { index: 0, code: 2, errmsg: 'bad value' },
          { index: 2, code: 11000, errmsg: 'dup' },
        ],
      }),
    );
    const [b, c, d] = await Promise.all(results);
    expect(b).toBeInstanceOf(DocumentWriteError);
    expect(b).toMatchObject({ code: 2, message: 'bad value' });
    expect(c).toBeUndefined();
    expect(d).toMatchObject({ code: 11000, message: 'dup' });
  });

  it('When the whole write fails, then every caller of that batch gets the error, and the next batch is still written', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany);
    const state = track(['a', 'b', 'c'].map((d) => writer.insert(d)));
    await db.finish();
    const later = track([writer.insert('d')]);
    await db.finish(new Error('connection closed'));
    expect(state).toEqual(['ok', 'connection closed', 'connection closed']);
    expect(db.batches).toEqual([['a'], ['b', 'c'], ['d']]);
    await db.finish();
    expect(later).toEqual(['ok']);
  });

  it('When per-document errors come with a write concern error, then nobody in the batch is told it is stored', async () => {
    const db = fakeDatabase();
    const writer = new BatchWriter(db.writeMany);
    const state = track(['a', 'b', 'c'].map((d) => writer.insert(d)));
    await db.finish();
    await db.finish(
      Object.assign(new Error('dup'), {
        code: 11000,
        writeErrors: [{ index: 0, code: 11000, errmsg: 'dup' }],
        result: { getWriteConcernError: () => ({ code: 64, errmsg: 'waiting for replication timed out' }) },
      }),
    );
    expect(state).toEqual(['ok', 64, 64]);
  });
});
