// The value lists of a question (choices, matrix rows and columns, rating values, multiple-text
// items): an answer stores these values, so within one list each must be unique.
import type { TSurveyProblem } from '../../contract/staff';
import { childPath, isRecord, type Json } from './json';
import { problemOf, shown, type Locale } from './messages';
import { listElements } from './walk';

export type ListKind = 'choices' | 'rows' | 'columns' | 'rateValues' | 'items';

export interface ListItem {
  value: unknown;
  /** The item's shown text as written (plain or localizable); undefined when the value is shown. */
  text: unknown;
  path: string;
}

export interface ValueList {
  kind: ListKind;
  path: string;
  items: ListItem[];
}

/** Types whose `columns` and `items` are named sub-questions rather than values. */
const NAMED_COLUMNS = new Set(['matrixdropdown', 'matrixdynamic']);

/** Every value list of one question (matrix-dropdown cell choices included), as written. */
export function valueLists(q: Json, path: string): ValueList[] {
  const out: ValueList[] = [];
  const add = (kind: ListKind, key: string, byName = false, textKey = 'text') => {
    const list = q[key];
    if (!Array.isArray(list)) return;
    const at = childPath(path, key);
    out.push({ kind, path: at, items: list.map((item, i) => itemOf(item, childPath(at, i), byName, textKey)) });
  };
  add('choices', 'choices');
  add('rows', 'rows');
  add('rateValues', 'rateValues');
  if (NAMED_COLUMNS.has(String(q.type))) {
    add('columns', 'columns', true, 'title');
    if (Array.isArray(q.columns)) {
      q.columns.forEach((c, i) => {
        if (isRecord(c)) out.push(...valueLists(c, childPath(childPath(path, 'columns'), i)).filter((l) => l.kind === 'choices'));
      });
    }
  } else {
    add('columns', 'columns');
  }
  if (q.type === 'multipletext') add('items', 'items', true, 'title');
  return out;
}

function itemOf(item: unknown, path: string, byName: boolean, textKey: string): ListItem {
  if (!isRecord(item)) return { value: item, text: undefined, path };
  return { value: byName ? item.name : item.value, text: item[textKey], path };
}

/** survey-core matches values loosely ("1" is 1), so they are compared as text. */
export function valueKey(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value) ?? '';
}

export function checkChoiceValues(json: Json, locale: Locale): TSurveyProblem[] {
  const problems: TSurveyProblem[] = [];
  for (const e of listElements(json)) {
    if (e.kind !== 'question') continue;
    const question = typeof e.node.name === 'string' ? e.node.name : undefined;
    for (const list of valueLists(e.node, e.path)) {
      const seen = new Set<string>();
      for (const item of list.items) {
        if (item.value === undefined || item.value === null) continue;
        const key = valueKey(item.value);
        if (seen.has(key)) {
          problems.push(problemOf('choice.duplicate_value', { path: item.path, question, params: { value: shown(item.value), list: list.kind } }, locale));
        }
        seen.add(key);
      }
    }
  }
  return problems;
}
