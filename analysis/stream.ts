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

/** Registry of strata and PSUs met in the stream. */
export class StreamDesign {
  strata = new Map<string, number>();
  strataLabels: string[] = [];
  psus = new Map<string, number>();
  psuStratum: number[] = [];
  /** Responses per stratum (element mode: each is a PSU). */
  stratumCount: number[] = [];
  n = 0;
  /** Units every RatioSet has room for; grown (doubling) when a new PSU or stratum appears. */
  capacity = 64;
  private sets: RatioSet[] = [];
  constructor(readonly opts: StreamDesignOptions, readonly simple: boolean) {}

  register(set: RatioSet) {
    this.sets.push(set);
  }

  private ensure(unit: number) {
    if (unit < this.capacity) return;
    while (this.capacity <= unit) this.capacity *= 2;
    for (const s of this.sets) s.resize(this.capacity);
  }

  /** Register a response; returns its unit: the PSU index (or the stratum's, in element mode). */
  locate(stratum: string | undefined, psu: string | undefined): number {
    const s = stratum ?? '1';
    let h = this.strata.get(s);
    if (h === undefined) {
      h = this.strataLabels.length;
      this.strata.set(s, h);
      this.strataLabels.push(s);
      this.stratumCount.push(0);
      if (!this.opts.clustered) this.ensure(h);
    }
    this.stratumCount[h]++;
    this.n++;
    if (!this.opts.clustered) return h;
    if (psu === undefined) throw new DesignError(`a response in stratum '${s}' has no PSU id`);
    const key = h + '\u0000' + psu;
    let p = this.psus.get(key);
    if (p === undefined) {
      p = this.psuStratum.length;
      this.psus.set(key, p);
      this.psuStratum.push(h);
      this.ensure(p);
    }
    return p;
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
 * of numerators (answer levels, items). Sums are kept per unit (PSU, or stratum in element mode, where
 * Σw²·… moments stand in for PSU totals) in flat arrays indexed unit × columns, grown by the design.
 */
export class RatioSet {
  private cap = 0;
  private L = 0;
  private X = new Float64Array(0);
  private Xsq = new Float64Array(0); // element mode: Σ w² x
  private Y = new Float64Array(0); // [unit * L + l]
  private Ysq = new Float64Array(0); // element mode: Σ w² y²
  private XY = new Float64Array(0); // element mode: Σ w² x y
  private sumY2: number[] = []; // Σ w y² over all, for design effects
  private count: number[] = [];
  private element: boolean;
  baseN = 0;
  baseW = 0;
  constructor(private design: StreamDesign) {
    this.element = !design.opts.clustered;
    design.register(this);
    this.resize(design.capacity, 0);
  }

  /** Reallocate for `cap` units and `L` columns, keeping what is there. */
  resize(cap: number, L = this.L) {
    const grow = (a: Float64Array, w: number, oldW: number) => {
      const b = new Float64Array(cap * w);
      for (let u = 0; u < this.cap; u++) for (let l = 0; l < oldW; l++) b[u * w + l] = a[u * oldW + l];
      return b;
    };
    this.X = grow(this.X, 1, 1);
    this.Y = grow(this.Y, L, this.L);
    if (this.element) {
      this.Xsq = grow(this.Xsq, 1, 1);
      this.Ysq = grow(this.Ysq, L, this.L);
      this.XY = grow(this.XY, L, this.L);
    }
    this.cap = cap;
    this.L = L;
  }

  column(): number {
    this.resize(this.cap, this.L + 1);
    this.sumY2.push(0);
    this.count.push(0);
    return this.L - 1;
  }

  get columns() {
    return this.L;
  }

  addBase(unit: number, w: number) {
    this.X[unit] += w;
    this.baseN++;
    this.baseW += w;
    if (this.element) this.Xsq[unit] += w * w;
  }

  /** Put a respondent in the base and count them in indicator column l, in one call (the hot path). */
  addOne(unit: number, l: number, w: number) {
    this.X[unit] += w;
    this.baseN++;
    this.baseW += w;
    const k = unit * this.L + l;
    this.Y[k] += w;
    this.sumY2[l] += w;
    this.count[l]++;
    if (this.element) {
      const w2 = w * w;
      this.Xsq[unit] += w2;
      this.Ysq[k] += w2;
      this.XY[k] += w2;
    }
  }

  /** Add y for column l of a respondent already in the base (x = 1). */
  add(unit: number, l: number, w: number, y: number) {
    const k = unit * this.L + l;
    const wy = w * y;
    this.Y[k] += wy;
    this.sumY2[l] += wy * y;
    this.count[l]++;
    if (this.element) {
      this.Ysq[k] += wy * wy;
      this.XY[k] += w * wy;
    }
  }

  private y(u: number, l: number) {
    return this.Y[u * this.L + l];
  }

  total(l: number): number {
    let s = 0;
    for (let u = 0; u < this.design.units; u++) s += this.y(u, l);
    return s;
  }

  /** Estimate, SE, CI (t on design df; Wilson for proportions without a design), deff (R's rule). */
  estimate(l: number, layout: ReturnType<StreamDesign['layout']>, proportion: boolean): StreamEstimate {
    const d = this.design;
    const X = this.baseW;
    const R = this.total(l) / X;
    let v = 0;
    if (d.opts.clustered) {
      const t = new Float64Array(d.units);
      for (let u = 0; u < d.units; u++) t[u] = (this.y(u, l) - R * this.X[u]) / X;
      v = covarianceFromPsuTotals(layout, [t])[0][0];
    } else {
      let ok = 0;
      const H = layout.psuCount.length;
      for (let h = 0; h < H; h++) {
        const nh = layout.psuCount[h];
        if (nh < 2) continue;
        ok++;
        const s1 = (this.y(h, l) - R * this.X[h]) / X;
        const k = h * this.L + l;
        const s2 = (this.Ysq[k] - 2 * R * this.XY[k] + R * R * this.Xsq[h]) / (X * X);
        v += (nh / (nh - 1)) * layout.fpcScale[h] * (s2 - (s1 * s1) / nh);
      }
      if (layout.lonelyPsu === 'average' && ok > 0) v *= H / ok;
    }
    const n = this.baseN;
    const se = Math.sqrt(Math.max(v, 0));
    const svyvar = ((this.sumY2[l] / X - R * R) * n) / (n - 1);
    const vsrs = X > n ? (svyvar * (X - n)) / (X * n) : svyvar / n;
    const level = d.opts.level ?? 0.95;
    let ci: [number, number];
    if (proportion && d.simple) ci = wilsonInterval(this.count[l], n, level);
    else {
      const q = criticalValue(level, d.df > 0 ? d.df : undefined);
      ci = [R - q * se, R + q * se];
    }
    return { estimate: R, se, ci, deff: v / vsrs, n: this.count[l] };
  }
}
