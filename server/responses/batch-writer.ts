// Group commit of responses: while one write is in flight, the next documents wait and then go as one
// unordered insertMany (one command, one commit on the embedded database) instead of one insert each.
// An idle writer writes at once; under load batches form by themselves. Each caller is answered only
// when its own document is durably written, or with the error that concerns its document alone.

/** Writes the documents as one unordered insert; throws like the driver's MongoBulkWriteError. */
export type WriteMany<T> = (docs: T[]) => Promise<unknown>;

/** One document's failure inside a batch, or a write concern's, with the server's code (11000: a duplicate key). */
export class DocumentWriteError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'DocumentWriteError';
  }
}

interface Waiting<T> {
  doc: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface WriteErrorLike {
  index: number;
  code?: number;
  errmsg?: string;
}

type BulkErrorLike = { writeErrors?: WriteErrorLike | WriteErrorLike[]; result?: { getWriteConcernError?: () => unknown } };

/**
 * The failures of single documents, by their index in the batch, or null when the error concerns the
 * whole batch (no connection, …): then nobody may take their document as stored.
 */
function perDocument(err: unknown): Map<number, DocumentWriteError> | null {
  const list = ([] as WriteErrorLike[]).concat((err as BulkErrorLike)?.writeErrors ?? []);
  if (!list.length) return null;
  return new Map(list.map((w) => [w.index, new DocumentWriteError(w.errmsg ?? 'write failed', w.code)]));
}

/**
 * A write concern not met (MongoDB only) fails the whole batch with that error, even when some documents
 * also failed: the driver then names the first document's error (a duplicate, say), which would make
 * every caller look for its document, find it written but not acknowledged, and call it stored.
 */
function batchError(err: unknown): unknown {
  const concern = (err as BulkErrorLike)?.result?.getWriteConcernError?.() as { code?: number; errmsg?: string } | undefined;
  return concern ? new DocumentWriteError(concern.errmsg ?? 'write concern not met', concern.code) : err;
}

export class BatchWriter<T> {
  private queue: Waiting<T>[] = [];
  private busy = false;

  constructor(
    private readonly writeMany: WriteMany<T>,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves once `doc` is written; rejects with its own DocumentWriteError or the batch's error. */
  insert(doc: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.writeMany(batch.map((w) => w.doc));
        for (const w of batch) w.resolve();
      } catch (err) {
        const whole = batchError(err);
        const failed = whole === err ? perDocument(err) : null;
        batch.forEach((w, i) => {
          if (!failed) w.reject(whole);
          else if (failed.has(i)) w.reject(failed.get(i));
          else w.resolve();
        });
      }
    }
    this.busy = false;
  }
}
