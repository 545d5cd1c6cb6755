// One response's answers as the tabulation pass reads them: each top-level answer read from the response
// object at most once, and each distinct skip-logic condition evaluated at most once per response.
// Why: response objects are wide and keyed by question name (dictionary-mode in V8), so a read costs tens
// of ns, and the same answers are read by conditions, tallies, the fingerprint and indices.
import type { QuestionInfo } from './questionnaire.js';
import { Visibility, valueAt } from './visibility.js';
import { BATCH } from './batch.js';

/** Rows of a matrix question t, read with the top-level answers into `out` (slot j at j·names.length). */
export interface NestedRead {
  t: number;
  names: string[];
  out: unknown[];
  /** 1 at slot j when the answer is an object (its rows were read), else 0. */
  isObject: Uint8Array;
}

/** Elements of the array answers of question t (up to `cap`), read with the top-level answers. */
export interface ArrayRead {
  t: number;
  cap: number;
  /** Slot j's elements at j·cap … j·cap + len[j] − 1. */
  out: unknown[];
  /** Elements copied for slot j; −1: an array longer than cap (not copied); −2: not an array. */
  len: Int32Array;
}

type Read = (data: Record<string, unknown>, out: unknown[], j?: number) => void;

/**
 * `out[i·stride + j] = data[names[i]]` for every i, for each nested read whose answer is an object
 * `n.out[j·rows + r] = answer[rowName]`, and for each array read whose answer is an array the elements,
 * compiled into one function of literal-key loads (names embedded as JSON string literals, so any name is
 * safe). Why: a load with a literal key is a monomorphic dictionary probe with a known internalised key,
 * and ~50 independent loads in straight-line code, then the ~50 matrix cells and the arrays' items, let
 * the processor overlap their cache misses; the tallies come later, a batch at a time, from these compact
 * copies, without touching the answer objects again. A shared `data[name]` site is a megamorphic keyed
 * load per answer. Plain loops where code generation is not allowed. Reading every answer up front has no effect
 * on results: reads of plain data have no side effects, and each is the value a lazy read would see.
 */
export function compileReader(names: string[], stride = 1, nested: NestedRead[] = [], arrays: ArrayRead[] = []): Read {
  if (!Number.isSafeInteger(stride) || stride < 1) throw new RangeError('stride must be a positive integer');
  try {
    const top = names.map((n, i) => `const v${i} = data[${JSON.stringify(n)}]; out[j + ${i * stride}] = v${i};`);
    const deep = nested.map((n, k) => {
      const at = `j * ${n.names.length}`;
      const cells = n.names.map((r, i) => `n${k}[${at} + ${i}] = v${n.t}[${JSON.stringify(r)}];`).join(' ');
      return `if (v${n.t} && typeof v${n.t} === 'object') { o${k}[j] = 1; ${cells} } else o${k}[j] = 0;`;
    });
    const items = arrays.map((a, k) => {
      const v = `v${a.t}`;
      return `if (Array.isArray(${v})) { const L = ${v}.length; if (L <= ${a.cap}) { l${k}[j] = L; for (let i = 0; i < L; i++) a${k}[j * ${a.cap} + i] = ${v}[i]; } else l${k}[j] = -1; } else l${k}[j] = -2;`;
    });
    const outs = [
      ...nested.map((_, k) => `const n${k} = nested[${k}].out, o${k} = nested[${k}].isObject;`),
      ...arrays.map((_, k) => `const a${k} = arrays[${k}].out, l${k} = arrays[${k}].len;`),
    ].join('\n');
    const body = `${outs}\nreturn function read(data, out, j) {\nj = j | 0;\n${top.join('\n')}\n${deep.join('\n')}\n${items.join('\n')}\n};`;
    return new Function('nested', 'arrays', body)(nested, arrays) as Read;
  } catch {
    return (data, out, j = 0) => {
      for (let i = 0; i < names.length; i++) out[i * stride + j] = data[names[i]];
      for (const n of nested) {
        const v = data[names[n.t]] as Record<string, unknown>;
        n.isObject[j] = v && typeof v === 'object' ? 1 : 0;
        if (v && typeof v === 'object') for (let i = 0; i < n.names.length; i++) n.out[j * n.names.length + i] = v[n.names[i]];
      }
      for (const a of arrays) {
        const v = data[names[a.t]];
        if (!Array.isArray(v)) a.len[j] = -2;
        else if (v.length > a.cap) a.len[j] = -1;
        else {
          a.len[j] = v.length;
          for (let i = 0; i < v.length; i++) a.out[j * a.cap + i] = v[i];
        }
      }
    };
  }
}

export class ResponseReader {
  /** Question t's answer for slot j of the batch at [t·BATCH + j]. */
  readonly vals: unknown[];
  /** Reads every question's answer into `vals` (compiled once: see compileReader). */
  private readAll: Read;
  /** Distinct conditions (by expression text), where each of their variables comes from, their outcome. */
  private conds: Visibility[] = [];
  private condSrc: Int32Array[] = [];
  private condBuf: unknown[][] = [];
  /** Outcome of condition c for slot j at [c·BATCH + j] (1 holds), for the batch hide() last saw. */
  private condOut: Uint8Array;
  /** Per question: indices of the conditions that must all hold; null when never shown. */
  private questionConds: (Int32Array | null)[];
  /** Per question: shown to everyone (no conditions)? */
  readonly always: boolean[];

  /** `nested`, `arrays`: matrices and multiple choices whose rows or items are read with the top-level answers (see compileReader). */
  constructor(questions: QuestionInfo[], nested: NestedRead[] = [], arrays: ArrayRead[] = []) {
    this.vals = new Array(questions.length * BATCH).fill(undefined);
    this.readAll = compileReader(questions.map((q) => q.name), BATCH, nested, arrays);
    const byName = new Map<string, number>();
    questions.forEach((q, t) => { if (!byName.has(q.name)) byName.set(q.name, t); });
    const byText = new Map<string, number>();
    this.questionConds = questions.map((q) => {
      if (q.neverShown) return null;
      return Int32Array.from(q.conditions, (text) => {
        let c = byText.get(text);
        if (c === undefined) {
          const v = new Visibility(text);
          c = this.conds.length;
          byText.set(text, c);
          this.conds.push(v);
          // A plain variable that names a question reads through the answer cache (same value:
          // valueAt(data, name) is data[name] when the name has no dot).
          this.condSrc.push(Int32Array.from(v.vars, (name) => (name.includes('.') ? -1 : byName.get(name) ?? -1)));
          this.condBuf.push(new Array(v.vars.length).fill(undefined));
        }
        return c;
      });
    });
    this.condOut = new Uint8Array(this.conds.length * BATCH);
    this.always = questions.map((q) => !q.neverShown && q.conditions.length === 0);
  }

  /** Read the next response into slot j of the batch: every top-level answer is read here, once. */
  start(data: Record<string, unknown>, j: number) {
    this.readAll(data, this.vals, j);
  }

  /**
   * Skip logic for slots 0…size−1 of the batch: hidden[t·BATCH + j] = 1 when question t was not shown to
   * response j (a page, panel or own condition failed), 0 when it was, for every question in `conditional`.
   * Each distinct condition is decided once a response, condition by condition over the batch (a tight
   * loop per condition instead of a dispatch per question and response);
   * `data(j)` is response j's answers, for variables with a path (`a.b`). Conditions are pure, so deciding
   * all of them (no short cut after a failed one) shows and hides exactly the same questions.
   */
  hide(hidden: Uint8Array, conditional: Int32Array, size: number, data: (j: number) => Record<string, unknown>) {
    const { vals, conds, condSrc, condBuf, condOut: out } = this;
    for (let c = 0; c < conds.length; c++) {
      const v = conds[c], src = condSrc[c], buf = condBuf[c], at = c * BATCH;
      for (let j = 0; j < size; j++) {
        for (let i = 0; i < src.length; i++) buf[i] = src[i] >= 0 ? vals[src[i] * BATCH + j] : valueAt(data(j), v.vars[i]);
        out[at + j] = v.decide(buf) ? 1 : 0;
      }
    }
    for (let k = 0; k < conditional.length; k++) {
      const t = conditional[k], cs = this.questionConds[t], base = t * BATCH;
      if (cs === null) { hidden.fill(1, base, base + size); continue; }
      for (let j = 0; j < size; j++) {
        let h = 0;
        for (let i = 0; i < cs.length; i++) if (out[cs[i] * BATCH + j] === 0) { h = 1; break; }
        hidden[base + j] = h;
      }
    }
  }
}
