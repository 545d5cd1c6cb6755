// The tabulation pass works in batches of responses, question by question (column by column) within a
// batch. Why: per response, ~130 answers each went through the question loop's dispatch (which handler,
// shown?, answered?) with every handler's state reloaded; per batch, each handler runs one tight loop over
// the batch's answers to its question with its state held in registers. Each sum still receives the same
// terms in the same order (a column of the design table belongs to one handler, and a handler visits the
// batch in stream order), so results are bit for bit those of a response-by-response pass.

/** Responses per batch: small enough that what a batch touches stays in the processor's cache between reading and tallying. */
export const BATCH = 128;

/** One batch of responses, read (answers, skip logic, design unit, weight) but not yet tallied. */
export interface Batch {
  /** Responses in the batch. */
  size: number;
  /** Question t's answer for response j at [t·BATCH + j] (as `data[name]`, read once). */
  vals: unknown[];
  /** 1 at [t·BATCH + j] when skip logic hid question t from response j (set only for conditional questions). */
  hidden: Uint8Array;
  /** Design unit (PSU, or stratum in element mode) and weight of response j. */
  units: Int32Array;
  ws: Float64Array;
}

/** A question's counts: respondents it was shown to, not shown (skip logic), shown but unanswered, answered. */
export interface TrackCounts {
  /** No conditions: never hidden. */
  readonly always: boolean;
  /** The question's mark in the duplicate fingerprint (question number + 0x200000). */
  readonly code: number;
  shown: number;
  notShown: number;
  noAnswer: number;
  answered: number;
  wAnswered: number;
}
