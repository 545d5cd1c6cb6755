// Response-quality flags: speeders (duration far below the median), straight-lining in matrices, and
// duplicate submissions. Pure per-response checks plus a bounded-memory tracker for a stream.

/** A matrix answer is straight-lined when at least `minRows` rows are answered and all share one column. */
export function isStraightLined(answer: unknown, minRows = 4): boolean {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return false;
  let first: unknown, count = 0;
  for (const k in answer as Record<string, unknown>) {
    const v = (answer as Record<string, unknown>)[k];
    if (count++ === 0) first = v;
    else if (v !== first) return false;
  }
  return count >= minRows;
}

/** A speeder took less than `ratio` × the median duration. */
export const isSpeeder = (durationSec: number, medianSec: number, ratio = 0.3) => durationSec < ratio * medianSec;

/** The two halves of a fingerprint's step (loops that mix many codes keep h1, h2 in locals). */
export const mixH1 = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
export const mixH2 = (h: number, c: number) => Math.imul(h ^ c, 0x5bd1e995) ^ (h >>> 15);
const H1_START = 0x811c9dc5 | 0;
const H2_START = 0x01000193 ^ 0x5bd1e995;

// Hash state of the stable walk (answerFingerprint, raw values): module-level so the walk allocates no
// closures per response, and in an Int32Array because a module-level `let` holding a number past 2^30 is
// a new heap number at every store (two allocations a character of text).
const H = new Int32Array(2);
function mix(c: number) {
  H[0] = mixH1(H[0], c);
  H[1] = mixH2(H[1], c);
}
function feedString(s: string) {
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
}
// Walk values without serialising them: JSON.stringify per answer costs more than all the tallies.
function feed(v: unknown): void {
  if (v === undefined || v === null) mix(0x100001);
  else if (typeof v === 'string') { mix(0x100002); feedString(v); }
  else if (typeof v === 'number') {
    mix(0x100003);
    if ((v | 0) === v) mix(v);
    else feedString(String(v));
  } else if (typeof v === 'boolean') mix(v ? 0x100004 : 0x100005);
  else if (Array.isArray(v)) { mix(0x100006); for (let i = 0; i < v.length; i++) feed(v[i]); }
  else if (typeof v === 'object') {
    mix(0x100007);
    for (const k in v as Record<string, unknown>) { feedString(k); feed((v as Record<string, unknown>)[k]); }
  }
  mix(0x1f);
}

/** Feed one answer value into the running fingerprint (used by handlers that read values anyway). */
export function feedValue(v: unknown) {
  feed(v);
}

/**
 * The duplicate fingerprint of one tabulation run: each answered question's number, then its answer as
 * the codes the tallies compute anyway (option columns, row by row), raw values only where there are
 * none (text, numbers, unknown ranking items). Why: hashing every string answer character by character
 * cost as much as all the tallies. Codes depend on the questionnaire and on the order unknown values
 * appear, so these fingerprints compare within one run only (answerFingerprint is the stable one).
 */
export class CodedFingerprint {
  /** The hash state of each response of a batch (slot j); Int32Array keeps the same int32 values a field would. */
  readonly h1: Int32Array;
  readonly h2: Int32Array;
  /** The slot mix() and raw() add to. */
  j = 0;
  constructor(slots = 1) {
    this.h1 = new Int32Array(slots);
    this.h2 = new Int32Array(slots);
  }
  start(j = 0) {
    this.h1[j] = H1_START;
    this.h2[j] = H2_START;
  }
  mix(c: number) {
    const j = this.j;
    this.h1[j] = mixH1(this.h1[j], c);
    this.h2[j] = mixH2(this.h2[j], c);
  }
  /**
   * A question's code (< 2^22) and its answer's column in slot j: one mix when the column is below 1023
   * (bits 22–31 hold column + 1, so the value never equals a bare code), else the code and the column.
   * Why: single choice is most of the answers; one mix instead of two made the pass ~4% faster.
   */
  mixAnswer(j: number, code: number, col: number) {
    const packed = col >= 0 && col < 1023;
    const c = packed ? code | ((col + 1) << 22) : code;
    let h1 = mixH1(this.h1[j], c), h2 = mixH2(this.h2[j], c);
    if (!packed) { h1 = mixH1(h1, col); h2 = mixH2(h2, col); }
    this.h1[j] = h1;
    this.h2[j] = h2;
  }
  /** A value without a code: its stable hash, as two more codes. */
  raw(v: unknown) {
    H[0] = H1_START;
    H[1] = H2_START;
    feed(v);
    this.mix(0x300000);
    this.mix(H[0]);
    this.mix(H[1]);
  }
  end(j = 0): number {
    return (this.h1[j] >>> 0) * 2 ** 21 + ((this.h2[j] >>> 0) & 0x1fffff);
  }
}

/** Incremental fingerprint, fed answer by answer while the topline reads them (no second pass). */
export const fingerprint = {
  start() {
    H[0] = H1_START;
    H[1] = H2_START;
  },
  /** Question number i answered; its values follow through feedValue. */
  mark(i: number) {
    mix(i + 0x200000);
  },
  /** Question number i answered v; matrix answers are read along the questionnaire's row names. */
  answer(i: number, v: unknown, rows?: string[]) {
    mix(i + 0x200000);
    if (rows && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (let r = 0; r < rows.length; r++) feed((v as Record<string, unknown>)[rows[r]]);
    } else feed(v);
  },
  end(): number {
    return (H[0] >>> 0) * 2 ** 21 + ((H[1] >>> 0) & 0x1fffff);
  },
};

/** 53-bit fingerprint of a response's answers, in questionnaire order (two independent 32-bit hashes). */
export function answerFingerprint(data: Record<string, unknown>, names: string[]): number {
  fingerprint.start();
  for (let i = 0; i < names.length; i++) if (data[names[i]] !== undefined) fingerprint.answer(i, data[names[i]]);
  return fingerprint.end();
}

/**
 * Set of 53-bit fingerprints (non-negative integers), open addressing over a Float64Array, insertion order
 * kept. Why not a Set<number>: each of 10⁶ entries there is a boxed double behind a hash chain (three
 * cache misses a lookup, ~40 MB); here a lookup is one probe into a flat table (~24 MB at 10⁶).
 */
export class FingerprintSet {
  private table = new Float64Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  private list = new Float64Array(1 << 12);
  size = 0;

  private static slot(fp: number, mask: number): number {
    // fp < 2^53: its low 32 bits (>>> 0) and the rest, mixed.
    return (Math.imul((fp >>> 0) ^ Math.imul(Math.floor(fp / 4294967296), 0x85ebca6b), 0x9e3779b1) >>> 0) & mask;
  }

  has(fp: number): boolean {
    const t = this.table, m = this.mask;
    for (let i = FingerprintSet.slot(fp, m); ; i = (i + 1) & m) {
      const x = t[i];
      if (x === fp) return true;
      if (x === -1) return false;
    }
  }

  /** Adds fp; false when it was already there. */
  add(fp: number): boolean {
    const t = this.table, m = this.mask;
    let i = FingerprintSet.slot(fp, m);
    for (; ; i = (i + 1) & m) {
      const x = t[i];
      if (x === fp) return false;
      if (x === -1) break;
    }
    t[i] = fp;
    if (this.size === this.list.length) {
      const l = new Float64Array(this.list.length * 2);
      l.set(this.list);
      this.list = l;
    }
    this.list[this.size++] = fp;
    if (this.size * 2 > m) this.grow();
    return true;
  }

  private grow() {
    const cap = (this.mask + 1) * 2, m = cap - 1;
    const t = new Float64Array(cap).fill(-1);
    for (let k = 0; k < this.size; k++) {
      const fp = this.list[k];
      let i = FingerprintSet.slot(fp, m);
      while (t[i] !== -1) i = (i + 1) & m;
      t[i] = fp;
    }
    this.table = t;
    this.mask = m;
  }

  /** The fingerprints in insertion order. */
  values(): number[] {
    return Array.from(this.list.subarray(0, this.size));
  }
}

export interface QualityOptions {
  speederRatio?: number;
  straightLineMinRows?: number;
  /** Most ids listed per flag (counts are always complete). */
  maxIds?: number;
}

export interface QualitySummary {
  medianDurationSec: number | null;
  speeders: { threshold: number | null; count: number; ids: string[] };
  straightLining: { count: number; byMatrix: Record<string, number>; ids: string[] };
  duplicates: { count: number; ids: string[] };
}

/**
 * Counts per duration bin (0.1 s): bins 0…65,535 (up to 1 h 49 min) in a flat array, any other in a Map.
 * Why: a Map update per response cost more than the rest of the tracker.
 */
export class BinCounts {
  private dense = new Float64Array(1 << 16);
  private other = new Map<number, number>();
  add(b: number, c: number) {
    if (b >= 0 && b < 65536 && (b | 0) === b) this.dense[b] += c;
    else this.other.set(b, (this.other.get(b) ?? 0) + c);
  }
  /**
   * The first bin, in ascending order, at which the running count reaches `half`; NaN if none does. Why
   * not entries(): the median is re-read every 10⁴ durations, and building and sorting ~10⁴ pairs each
   * time cost 1–3% of the whole tabulation pass.
   */
  firstReaching(half: number): number {
    const other = this.other.size ? [...this.other].sort((a, b) => a[0] - b[0]) : [];
    let c = 0, o = 0;
    for (; o < other.length && other[o][0] < 0; o++) if ((c += other[o][1]) >= half) return other[o][0];
    const d = this.dense;
    for (let b = 0; b < 65536; b++) if (d[b] !== 0 && (c += d[b]) >= half) return b;
    for (; o < other.length; o++) if ((c += other[o][1]) >= half) return other[o][0];
    return NaN;
  }
  /** [bin, count] of every bin counted, by ascending bin. */
  entries(): [number, number][] {
    const out: [number, number][] = [...this.other].filter(([b]) => b < 0);
    for (let b = 0; b < 65536; b++) if (this.dense[b] !== 0) out.push([b, this.dense[b]]);
    for (const e of this.other) if (e[0] >= 0) out.push(e);
    return out.sort((a, b) => a[0] - b[0]);
  }
}

/** Streaming tracker. Durations are kept as a histogram at 0.1 s, so memory does not grow with n. */
export class QualityTracker {
  private hist = new BinCounts();
  private nDur = 0;
  private candidates: { id: string; d: number }[] = [];
  private prefilter = Infinity;
  private straight = { count: 0, byMatrix: {} as Record<string, number>, ids: [] as string[] };
  // One fingerprint per response, the one part that grows with n (about 24 MB at 10⁶).
  private seen = new FingerprintSet();
  private dup = { count: 0, ids: [] as string[] };
  private ratio: number;
  readonly minRows: number;
  private maxIds: number;

  constructor(opts: QualityOptions = {}) {
    this.ratio = opts.speederRatio ?? 0.3;
    this.minRows = opts.straightLineMinRows ?? 4;
    this.maxIds = opts.maxIds ?? 1000;
  }

  /**
   * One response; `fp` is its answer fingerprint and `straight` the matrices it straight-lined, both
   * computed by the caller, who already walks the answers.
   */
  add(id: string, fp: number, straight: string[], durationSec?: number) {
    const d = typeof durationSec === 'number' ? durationSec : NaN;
    this.addBatch(1, () => id, Float64Array.of(fp), Float64Array.of(d), new Uint8Array(straight.length).fill(1), 1, straight);
  }

  /**
   * Responses 0…size−1 of a batch, in order, as add() one by one: `idOf(j)` its id (asked only when
   * listed), fps[j] its fingerprint, durs[j] its duration (NaN: none), straight[m·stride + j] = 1 when it
   * straight-lined matrix m (`names[m]`). Why: add() per response boxed two doubles for a call that is not
   * inlined and built a list of names; here everything is read from flat arrays.
   */
  addBatch(size: number, idOf: (j: number) => string, fps: Float64Array, durs: Float64Array, straight: Uint8Array, stride: number, names: string[]) {
    const flagged = this.straight, dup = this.dup, maxIds = this.maxIds;
    for (let j = 0; j < size; j++) {
      const d = durs[j];
      if (Number.isFinite(d)) {
        this.hist.add(Math.round(d * 10), 1);
        this.nDur++;
        if (this.nDur % 10_000 === 0) this.prefilter = 2 * this.ratio * this.median();
        if (d < this.prefilter && this.candidates.length < 50 * maxIds) this.candidates.push({ id: idOf(j), d });
      }
      let any = false;
      for (let m = 0; m < names.length; m++) {
        if (straight[m * stride + j] !== 1) continue;
        any = true;
        flagged.byMatrix[names[m]] = (flagged.byMatrix[names[m]] ?? 0) + 1;
      }
      if (any) {
        flagged.count++;
        if (flagged.ids.length < maxIds) flagged.ids.push(idOf(j));
      }
      if (!this.seen.add(fps[j])) {
        dup.count++;
        if (dup.ids.length < maxIds) dup.ids.push(idOf(j));
      }
    }
  }

  /** Everything the tracker holds, for merging passes over parts of a stream (structured-clone safe). */
  state() {
    return { hist: this.hist.entries(), nDur: this.nDur, candidates: this.candidates, straight: this.straight, seen: this.seen.values(), dup: this.dup };
  }

  /**
   * Adds another pass's tracker: counts are exact (a fingerprint first met in the other pass but already
   * seen here is one more duplicate); id lists follow pass order, not stream order, and a duplicate whose
   * earlier copy is in another pass is counted but not listed.
   */
  absorb(o: ReturnType<QualityTracker['state']>) {
    for (const [b, c] of o.hist) this.hist.add(b, c);
    this.nDur += o.nDur;
    for (const c of o.candidates) if (this.candidates.length < 50 * this.maxIds) this.candidates.push(c);
    this.straight.count += o.straight.count;
    for (const [m, c] of Object.entries(o.straight.byMatrix)) this.straight.byMatrix[m] = (this.straight.byMatrix[m] ?? 0) + c;
    for (const id of o.straight.ids) if (this.straight.ids.length < this.maxIds) this.straight.ids.push(id);
    this.dup.count += o.dup.count;
    for (const id of o.dup.ids) if (this.dup.ids.length < this.maxIds) this.dup.ids.push(id);
    for (const fp of o.seen) if (!this.seen.add(fp)) this.dup.count++;
  }

  /** The median duration: the bin where the running count of durations reaches half of them. */
  private median(): number {
    return this.hist.firstReaching(this.nDur / 2) / 10;
  }

  summary(): QualitySummary {
    const median = this.nDur ? this.median() : null;
    const threshold = median === null ? null : this.ratio * median;
    let count = 0;
    if (threshold !== null) for (const [k, c] of this.hist.entries()) if (k / 10 < threshold) count += c;
    const ids = threshold === null ? [] : this.candidates.filter((c) => c.d < threshold).slice(0, this.maxIds).map((c) => c.id);
    return {
      medianDurationSec: median,
      speeders: { threshold, count, ids },
      straightLining: this.straight,
      duplicates: this.dup,
    };
  }
}
