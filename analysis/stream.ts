// Single-pass design-based estimation: per-PSU (or, without clusters, per-stratum) sufficient statistics
// from which linearised SEs of ratio estimates (means, proportions) are exact, in memory bounded by the
// number of PSUs, not of responses.
import { covarianceFromPsuTotals, DesignError, LonelyPsu } from './design.js';
import { criticalValue } from './tests/distributions.js';
import { wilsonInterval } from './tests/wilson.js';

export interface StreamDesignOptions {
  /** Population size (≥ 1, in PSUs) or sampling fraction (< 1) per stratum label. */
  fpc?: Record<string, number>;
  lonelyPsu?: LonelyPsu;
  /** Responses carry PSU ids (clustered sample). Otherwise each response is its own PSU. */
  clustered?: boolean;
  level?: number;
}

export interface StreamEstimate {
  estimate: number;
  se: number;
  ci: [number, number];
  deff: number;
  n: number;
}

/**
 * Registry of strata and PSUs met in the stream, and the sums of every RatioSet of the design in one flat
 * table: a row of `stride` columns per unit (PSU, or stratum in element mode). Why one table: a response's
 * additions then land in one contiguous block instead of ~150 small arrays, which at 10⁶ responses was the
 * difference between cache hits and misses. Each sum still receives the same terms in the same order, so
 * results are bit-for-bit those of per-set arrays.
 */
export class StreamDesign {
  strata = new Map<string, number>();
  strataLabels: string[] = [];
  /** PSU ids per stratum (nested in strata) → unit. */
  private psuIndex: Map<string, number>[] = [];
  psuStratum: number[] = [];
  /** Responses per stratum (element mode: each is a PSU). */
  stratumCount: number[] = [];
  n = 0;
  /** Units the table has room for; grown (doubling) when a new PSU or stratum appears. */
  capacity = 64;
  /** Columns in use, and the row length (doubling when columns run out). */
  columns = 0;
  stride = 16;
  /** Σ w·x (base columns) and Σ w·y (numerator columns), [unit * stride + column]. */
  S = new Float64Array(this.capacity * this.stride);
  /** Element mode only: Σ w²x² / Σ w²y², and Σ w²·x·y, same layout. */
  Q = new Float64Array(0);
  P = new Float64Array(0);
  /** Per column: respondents counted (base n, or count of a level) and Σw (base) or Σ w·y² (numerator). */
  cnt = new Float64Array(this.stride);
  mom = new Float64Array(this.stride);
  readonly element: boolean;
  private lastStratum: string | undefined = undefined;
  private lastPsu: string | undefined = undefined;
  private lastH = -1;
  private lastUnit = -1;
  constructor(readonly opts: StreamDesignOptions, readonly simple: boolean) {
    this.element = !opts.clustered;
    if (this.element) {
      this.Q = new Float64Array(this.S.length);
      this.P = new Float64Array(this.S.length);
    }
  }

  /** A new column of the table (all units), returning its index. */
  column(): number {
    if (this.columns === this.stride) this.relayout(this.capacity, this.stride * 2);
    return this.columns++;
  }

  private relayout(cap: number, stride: number) {
    const move = (a: Float64Array) => {
      const b = new Float64Array(cap * stride);
      for (let u = 0; u < this.capacity; u++) b.set(a.subarray(u * this.stride, u * this.stride + this.columns), u * stride);
      return b;
    };
    this.S = move(this.S);
    if (this.element) {
      this.Q = move(this.Q);
      this.P = move(this.P);
    }
    if (stride !== this.stride) {
      const grow = (a: Float64Array) => { const b = new Float64Array(stride); b.set(a); return b; };
      this.cnt = grow(this.cnt);
      this.mom = grow(this.mom);
    }
    this.capacity = cap;
    this.stride = stride;
  }

  private ensure(unit: number) {
    if (unit < this.capacity) return;
    let cap = this.capacity;
    while (cap <= unit) cap *= 2;
    this.relayout(cap, this.stride);
  }

  /** Register a response; returns its unit: the PSU index (or the stratum's, in element mode). */
  locate(stratum: string | undefined, psu: string | undefined): number {
    const s = stratum ?? '1';
    let h = this.lastH;
    if (s !== this.lastStratum) {
      h = this.strata.get(s) ?? this.addStratum(s);
      this.lastStratum = s;
      this.lastH = h;
      this.lastPsu = undefined;
    }
    this.stratumCount[h]++;
    this.n++;
    if (!this.opts.clustered) return h;
    if (psu === undefined) throw new DesignError(`a response in stratum '${s}' has no PSU id`);
    if (psu === this.lastPsu) return this.lastUnit;
    const p = this.psuIndex[h].get(psu) ?? this.addPsu(h, psu);
    this.lastPsu = psu;
    this.lastUnit = p;
    return p;
  }

  /** Cold path for merging passes: the unit of a stratum / PSU pair, registered if new, counting nothing. */
  register(stratum: string, psu: string | null): number {
    const h = this.strata.get(stratum) ?? this.addStratum(stratum);
    if (!this.opts.clustered || psu === null) return h;
    return this.psuIndex[h].get(psu) ?? this.addPsu(h, psu);
  }

  private addStratum(s: string): number {
    const h = this.strataLabels.length;
    this.strata.set(s, h);
    this.strataLabels.push(s);
    this.stratumCount.push(0);
    this.psuIndex.push(new Map());
    if (!this.opts.clustered) this.ensure(h);
    return h;
  }

  private addPsu(h: number, psu: string): number {
    const p = this.psuStratum.length;
    this.psuIndex[h].set(psu, p);
    this.psuStratum.push(h);
    this.ensure(p);
    return p;
  }

  /** [stratum, PSU id] of each unit, in unit order (PSU id null in element mode). */
  unitKeys(): [string, string | null][] {
    if (!this.opts.clustered) return this.strataLabels.map((s) => [s, null]);
    const out: [string, string | null][] = new Array(this.psuStratum.length);
    this.psuIndex.forEach((ids, h) => { for (const [id, p] of ids) out[p] = [this.strataLabels[h], id]; });
    return out;
  }

  get units(): number {
    return this.opts.clustered ? this.psuStratum.length : this.strataLabels.length;
  }

  get df(): number {
    return (this.opts.clustered ? this.psuStratum.length : this.n) - this.strataLabels.length;
  }

  /** Per-stratum PSU counts and fpc scale; refuses lonely PSUs unless allowed. */
  layout() {
    const H = this.strataLabels.length;
    const psuCount = new Int32Array(H);
    if (this.opts.clustered) for (const h of this.psuStratum) psuCount[h]++;
    else for (let h = 0; h < H; h++) psuCount[h] = this.stratumCount[h];
    const fpcScale = new Float64Array(H).fill(1);
    for (let h = 0; h < H; h++) {
      const f = this.opts.fpc?.[this.strataLabels[h]];
      if (f !== undefined) fpcScale[h] = 1 - (f >= 1 ? psuCount[h] / f : f);
      if (psuCount[h] === 1 && (this.opts.lonelyPsu ?? 'fail') === 'fail')
        throw new DesignError(`stratum '${this.strataLabels[h]}' has only one PSU; set lonelyPsu to 'adjust', 'average', 'certainty' or 'remove'`);
    }
    return { psuStratum: Int32Array.from(this.psuStratum), psuCount, fpcScale, lonelyPsu: this.opts.lonelyPsu ?? 'fail', strataLabels: this.strataLabels };
  }
}

/**
 * Ratio estimates R_l = Σ w·y_l / Σ w·x over one base (x = 1 for respondents in the base) and any number
 * of numerators (answer levels, items): a base column and numerator columns of the design's table (in
 * element mode, Σw²·… moments stand in for PSU totals).
 */
export class RatioSet {
  /** The base column (−1 until derived, for a set with a derived base), and the table column of each numerator l. */
  xc = -1;
  private g: number[] = [];
  /**
   * `derivedBase`: the base is never added to during the pass, only derived from numerators when results
   * are read (see derive), and its column is made then, after every column the pass adds to. Why: the
   * columns the pass touches are then packed together (a matrix row's 5 levels instead of base, levels,
   * mean and top-2-box), ~⅓ fewer cache lines of the design table a response.
   */
  constructor(private design: StreamDesign, derivedBase = false) {
    if (!derivedBase) this.xc = design.column();
  }

  /** The design table's column of numerator l. */
  global(l: number): number {
    return this.g[l];
  }

  column(): number {
    this.g.push(this.design.column());
    return this.g.length - 1;
  }

  get columns() {
    return this.g.length;
  }
  get baseN() {
    return this.design.cnt[this.xc];
  }
  get baseW() {
    return this.design.mom[this.xc];
  }

  addBase(unit: number, w: number) {
    const d = this.design, x = this.xc;
    d.S[unit * d.stride + x] += w;
    d.cnt[x]++;
    d.mom[x] += w;
    if (d.element) d.Q[unit * d.stride + x] += w * w;
  }

  /**
   * Count a respondent in indicator column l (y = 1), not in the base: for sets whose respondents are each
   * in exactly one level, the base and any column that is a function of the level are derived from the
   * level columns when results are read (`derive`), instead of being added to for every answer.
   */
  addLevel(unit: number, l: number, w: number) {
    const d = this.design, g = this.g[l];
    const row = unit * d.stride;
    d.S[row + g] += w;
    d.mom[g] += w;
    d.cnt[g]++;
    if (d.element) {
      const w2 = w * w;
      d.Q[row + g] += w2;
      d.P[row + g] += w2;
    }
  }

  /**
   * Sets column `to` (numerator l, or the base when −1) to what adding y = coef[k] for every respondent
   * counted in indicator column from[k] would have added: per unit Σ c·S (and Σ c·P, Σ c²·Q in element mode),
   * Σ c²·mom and the counts. Why: a matrix cell or single choice answer added to its level only, instead of
   * also to the base, the mean and the top-2-box (12 additions a cell), made the pass ~5% faster. The sums
   * are the same sums grouped by level, so they agree with adding answer by answer to rounding (~1e-16
   * relative). Zero sums are skipped, so an infinite y adds nothing where no one gave it.
   */
  derive(to: number, from: number[], coef: number[]) {
    if (to < 0 && this.xc < 0) this.xc = this.design.column();
    const d = this.design, D = to < 0 ? this.xc : this.g[to], stride = d.stride, src = from.map((l) => this.g[l]);
    const { S, Q, P } = d;
    for (let u = 0, row = 0; u < d.units; u++, row += stride) {
      let s = 0, p = 0, q = 0;
      for (let k = 0; k < src.length; k++) {
        const c = coef[k], at = row + src[k];
        if (S[at] !== 0) s += c * S[at];
        if (d.element && Q[at] !== 0) {
          p += c * P[at];
          q += c * c * Q[at];
        }
      }
      S[row + D] = s;
      if (d.element) {
        if (to >= 0) P[row + D] = p; // the base has no Σ w²·x·y (addBase leaves it 0)
        Q[row + D] = q;
      }
    }
    let m = 0, n = 0;
    for (let k = 0; k < src.length; k++) {
      const c = coef[k], g = src[k];
      if (d.mom[g] !== 0) m += c * c * d.mom[g];
      n += d.cnt[g];
    }
    d.mom[D] = m;
    d.cnt[D] = n;
  }

  /** Add y for column l of a respondent already in the base (x = 1). */
  add(unit: number, l: number, w: number, y: number) {
    const d = this.design, k = unit * d.stride + this.g[l];
    const wy = w * y;
    d.S[k] += wy;
    d.mom[this.g[l]] += wy * y;
    d.cnt[this.g[l]]++;
    if (d.element) {
      d.Q[k] += wy * wy;
      d.P[k] += w * wy;
    }
  }

  private y(u: number, l: number) {
    return this.design.S[u * this.design.stride + this.g[l]];
  }

  total(l: number): number {
    let s = 0;
    for (let u = 0; u < this.design.units; u++) s += this.y(u, l);
    return s;
  }

  /** Estimate, SE, CI (t on design df; Wilson for proportions without a design), deff (R's rule). */
  estimate(l: number, layout: ReturnType<StreamDesign['layout']>, proportion: boolean): StreamEstimate {
    if (this.xc < 0) throw new Error('RatioSet.estimate: the base was not derived');
    const d = this.design;
    const X = this.baseW;
    const R = this.total(l) / X;
    const xAt = (u: number) => d.S[u * d.stride + this.xc];
    let v = 0;
    if (d.opts.clustered) {
      const t = new Float64Array(d.units);
      for (let u = 0; u < d.units; u++) t[u] = (this.y(u, l) - R * xAt(u)) / X;
      v = covarianceFromPsuTotals(layout, [t])[0][0];
    } else {
      let ok = 0;
      const H = layout.psuCount.length;
      for (let h = 0; h < H; h++) {
        const nh = layout.psuCount[h];
        if (nh < 2) continue;
        ok++;
        const s1 = (this.y(h, l) - R * xAt(h)) / X;
        const k = h * d.stride + this.g[l];
        const s2 = (d.Q[k] - 2 * R * d.P[k] + R * R * d.Q[h * d.stride + this.xc]) / (X * X);
        v += (nh / (nh - 1)) * layout.fpcScale[h] * (s2 - (s1 * s1) / nh);
      }
      if (layout.lonelyPsu === 'average' && ok > 0) v *= H / ok;
    }
    const n = this.baseN;
    const se = Math.sqrt(Math.max(v, 0));
    const svyvar = ((d.mom[this.g[l]] / X - R * R) * n) / (n - 1);
    const vsrs = X > n ? (svyvar * (X - n)) / (X * n) : svyvar / n;
    const level = d.opts.level ?? 0.95;
    let ci: [number, number];
    if (proportion && d.simple) ci = wilsonInterval(d.cnt[this.g[l]], n, level);
    else {
      const q = criticalValue(level, d.df > 0 ? d.df : undefined);
      ci = [R - q * se, R + q * se];
    }
    return { estimate: R, se, ci, deff: v / vsrs, n: d.cnt[this.g[l]] };
  }
}
