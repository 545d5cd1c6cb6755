// Decides whether a question was shown to a respondent ("not shown" by skip logic vs "no answer"), using
// survey-core's own expression engine, memoised on the values each condition reads.
import { ConditionRunner } from 'survey-core';

export function valueAt(data: Record<string, unknown>, path: string): unknown {
  const direct = data[path];
  if (direct !== undefined || !path.includes('.')) return direct;
  let v: unknown = data;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export class Visibility {
  private runner: ConditionRunner;
  /** The answers the condition reads (survey-core's own list), in a fixed order. */
  readonly vars: string[];
  private cache = new Map<string, boolean>();
  private single = new Map<unknown, boolean>();
  private smallInts = new Int8Array(64).fill(-1);
  private tree = new Map<unknown, unknown>();
  private treeSize = 0;
  private buf: unknown[];
  private constant: boolean | undefined = undefined;

  constructor(readonly expression: string) {
    this.runner = new ConditionRunner(expression);
    this.vars = [...new Set(this.runner.getVariables())];
    this.buf = new Array(this.vars.length);
  }

  /** True when the condition holds for these answers. Why memoise: ~4.5 µs a run is too slow at 10⁶ responses. */
  shown(data: Record<string, unknown>): boolean {
    for (let i = 0; i < this.vars.length; i++) this.buf[i] = valueAt(data, this.vars[i]);
    return this.decide(this.buf);
  }

  /**
   * The same, given the values of `vars` (in order) already read by the caller. Each distinct tuple of
   * values is evaluated once by survey-core, then looked up (no string building when all are primitive).
   */
  decide(values: unknown[]): boolean {
    const k = this.vars.length;
    if (k === 0) return this.constant ?? (this.constant = this.run(values));
    if (k === 1) {
      const x = values[0];
      // Small integer codes (most answers conditions read): a flat table, −1 until met.
      if (typeof x === 'number' && x >= 0 && x < 64 && (x | 0) === x) {
        const known = this.smallInts[x];
        if (known >= 0) return known === 1;
        const r = this.run(values);
        this.smallInts[x] = r ? 1 : 0;
        return r;
      }
      if (x === null || typeof x !== 'object') {
        let r = this.single.get(x);
        if (r === undefined) {
          r = this.run(values);
          if (this.single.size < 100_000) this.single.set(x, r);
        }
        return r;
      }
    }
    // Several answers: a chain of Maps keyed on the values when all are primitive.
    let node: Map<unknown, unknown> = this.tree;
    let ok = true;
    for (let i = 0; i < k; i++) {
      const x = values[i];
      if (x !== null && typeof x === 'object') { ok = false; break; }
      if (i === k - 1) {
        const r = node.get(x) as boolean | undefined;
        if (r !== undefined) return r;
        break;
      }
      let next = node.get(x) as Map<unknown, unknown> | undefined;
      if (!next) node.set(x, (next = new Map()));
      node = next;
    }
    if (ok) {
      const r = this.run(values);
      if (this.treeSize++ < 100_000) node.set(values[k - 1], r);
      return r;
    }
    let key = '';
    for (let i = 0; i < k; i++) {
      const x = values[i];
      key += (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)) + '\u0001';
    }
    let r = this.cache.get(key);
    if (r === undefined) {
      r = this.run(values);
      if (this.cache.size < 100_000) this.cache.set(key, r);
    }
    return r;
  }

  private run(values: unknown[]): boolean {
    const named: Record<string, unknown> = {};
    for (let i = 0; i < this.vars.length; i++) named[this.vars[i]] = values[i];
    return Boolean(this.runner.runValues(named, {}));
  }
}

/** A question's visibility test: all of its page, panel and own conditions must hold. */
export function compileConditions(conditions: string[]): (data: Record<string, unknown>) => boolean {
  if (!conditions.length) return () => true;
  const tests = conditions.map((c) => new Visibility(c));
  if (tests.length === 1) return (data) => tests[0].shown(data);
  return (data) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i].shown(data)) return false;
    return true;
  };
}
