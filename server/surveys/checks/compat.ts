// A published question name is a promise to the analyst: answers under one name mean the same thing
// in every version. Against the latest published version a kept name may not change what its answer
// stores (its type) or what its codes mean (choice values dropped, or re-worded into something else).
import type { TSurveyProblem } from '../../contract/staff';
import { valueKey, valueLists, type ListKind, type ValueList } from './choices';
import type { Json } from './json';
import { defaultLocale, textIn } from './locales';
import { problemOf, shown, type Locale } from './messages';
import { listElements } from './walk';

/**
 * What an answer is, as far as comparing versions goes. Radio group and dropdown store one value,
 * checkbox and tag box a list of values, text and comment free text: within each group a switch
 * keeps old answers valid. A text question's inputType counts (a number is not a date is not text).
 */
export function answerKind(q: Json): string {
  const type = String(q.type ?? '');
  if (type === 'radiogroup' || type === 'dropdown') return 'single-choice';
  if (type === 'checkbox' || type === 'tagbox') return 'multiple-choice';
  if (type === 'comment') return 'free-text';
  if (type === 'imagepicker') return q.multiSelect ? 'imagepicker:multi' : 'imagepicker';
  if (type === 'text') {
    const input = String(q.inputType ?? 'text');
    if (input === 'number' || input === 'range') return 'number';
    if (['date', 'datetime', 'datetime-local', 'month', 'week', 'time'].includes(input)) return `date:${input}`;
    return 'free-text';
  }
  return type;
}

/** The shown type of a question: `text (number)` says more than `text`. */
function typeLabel(q: Json): string {
  const type = String(q.type ?? '');
  return type === 'text' && q.inputType && q.inputType !== 'text' ? `${type} (${String(q.inputType)})` : type;
}

/** Values survey-core adds on its own when the special items are shown. */
const SPECIAL: [string, string, string][] = [
  ['showOtherItem', 'hasOther', 'other'],
  ['showNoneItem', 'hasNone', 'none'],
  ['showRefuseItem', 'hasRefuse', 'refused'],
  ['showDontKnowItem', 'hasDontKnow', 'dontknow'],
];

interface Coded {
  kind: ListKind;
  /** valueKey → the item's Vietnamese (or, lacking it, default-locale) text; null for a special item. */
  texts: Map<string, string | null>;
  shown: Map<string, unknown>;
  paths: Map<string, string>;
}

const emptyCoded = (kind: ListKind): Coded => ({ kind, texts: new Map(), shown: new Map(), paths: new Map() });

function codesOf(q: Json, path: string, json: Json): Coded[] {
  const base = defaultLocale(json);
  const byKind = new Map<string, Coded>();
  for (const list of valueLists(q, path)) {
    // cell choices of matrix columns are folded into one list per kind; rare enough to keep simple
    const c = byKind.get(list.kind) ?? emptyCoded(list.kind);
    byKind.set(list.kind, c);
    addItems(c, list, base);
  }
  if (q.type === 'rating' && (byKind.get('rateValues')?.texts.size ?? 0) === 0) {
    const c = emptyCoded('rateValues');
    for (const v of ratingRange(q)) {
      c.texts.set(String(v), String(v));
      c.shown.set(String(v), v);
    }
    byKind.set('rateValues', c);
  }
  for (const [prop, old, value] of SPECIAL) {
    if (!q[prop] && !q[old]) continue;
    const c = byKind.get('choices') ?? emptyCoded('choices');
    byKind.set('choices', c);
    if (!c.texts.has(value)) {
      c.texts.set(value, null);
      c.shown.set(value, value);
    }
  }
  return [...byKind.values()];
}

/** A rating scale written as a range (survey-core's defaults: 1 to 5 in steps of 1). */
function ratingRange(q: Json): number[] {
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  const min = num(q.rateMin, 1);
  const step = num(q.rateStep, 1) > 0 ? num(q.rateStep, 1) : 1;
  const max = num(q.rateMax, typeof q.rateCount === 'number' ? min + (q.rateCount - 1) * step : 5);
  const out: number[] = [];
  for (let v = min; v <= max && out.length < 100; v += step) out.push(v);
  return out;
}

function addItems(c: Coded, list: ValueList, base: string) {
  for (const item of list.items) {
    if (item.value === undefined || item.value === null) continue;
    const key = valueKey(item.value);
    const text = item.text === undefined ? valueKey(item.value) : textIn(item.text, 'vi', base) || textIn(item.text, base, base);
    c.texts.set(key, text.replace(/\s+/g, ' ').trim());
    c.shown.set(key, item.value);
    c.paths.set(key, item.path);
  }
}

export function checkCompatibility(previous: Json, next: Json, locale: Locale): TSurveyProblem[] {
  const before = new Map<string, Json>();
  for (const e of listElements(previous)) {
    if (e.kind === 'question' && e.scope === 'survey' && typeof e.node.name === 'string') before.set(e.node.name, e.node);
  }
  const problems: TSurveyProblem[] = [];
  for (const e of listElements(next)) {
    const name = e.node.name;
    if (e.kind !== 'question' || e.scope !== 'survey' || typeof name !== 'string') continue;
    const old = before.get(name);
    if (!old) continue;
    const at = { path: e.path, question: name };
    if (answerKind(old) !== answerKind(e.node)) {
      problems.push(problemOf('compat.type_changed', { ...at, params: { name, before: typeLabel(old), after: typeLabel(e.node) } }, locale));
      continue;
    }
    const now = new Map(codesOf(e.node, e.path, next).map((c) => [c.kind, c]));
    for (const was of codesOf(old, '', previous)) {
      const is = now.get(was.kind);
      const removed = [...was.texts.keys()].filter((k) => !is?.texts.has(k));
      if (removed.length > 0) {
        const values = removed.map((k) => shown(was.shown.get(k))).join(', ');
        problems.push(problemOf('compat.choices_removed', { ...at, params: { name, values, list: was.kind } }, locale));
      }
      if (!is) continue;
      for (const [k, text] of was.texts) {
        const after = is.texts.get(k);
        if (text === null || after === undefined || after === null || after === text) continue;
        const params = { name, value: shown(was.shown.get(k)), before: shown(text, false), after: shown(after, false) };
        problems.push(problemOf('compat.choice_meaning_changed', { path: is.paths.get(k) ?? e.path, question: name, params }, locale));
      }
    }
  }
  return problems;
}

