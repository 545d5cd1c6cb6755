// Which questions a show-if condition can test, and which values each offers to choose from.
import type { Literal, Operator } from './expression';
import { itemText, itemValue } from './items';
import type { Json } from './localized';
import { elementsOf, pagesOf } from './tree';

export interface Target {
  name: string;
  type: string;
  title: unknown;
  /** Values to pick from (choices, rating points, yes/no); absent = typed freely. */
  options?: { value: Literal; text: unknown }[];
  numeric: boolean;
}

const UNTESTABLE = new Set(['html', 'image', 'panel', 'paneldynamic', 'matrix', 'matrixdropdown', 'matrixdynamic', 'multipletext', 'expression']);

function ratingOptions(q: Json): Target['options'] {
  if (Array.isArray(q.rateValues) && q.rateValues.length) return q.rateValues.map((v) => ({ value: itemValue(v), text: itemText(v) }));
  const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
  const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
  const max = typeof q.rateMax === 'number' ? q.rateMax : typeof q.rateCount === 'number' ? min + (q.rateCount - 1) * step : 5;
  const options: Target['options'] = [];
  for (let v = min; v <= max && options.length < 50; v += step) options.push({ value: v, text: undefined });
  return options;
}

export function targetOf(q: Json): Target | null {
  const type = String(q.type ?? '');
  if (typeof q.name !== 'string' || UNTESTABLE.has(type)) return null;
  const base = { name: q.name, type, title: q.title };
  if (Array.isArray(q.choices)) {
    const options = q.choices.map((c) => ({ value: itemValue(c), text: itemText(c) }));
    return { ...base, options, numeric: options.every((o) => typeof o.value === 'number') };
  }
  if (type === 'rating') return { ...base, options: ratingOptions(q), numeric: true };
  if (type === 'boolean') return { ...base, options: [{ value: true, text: q.labelTrue }, { value: false, text: q.labelFalse }], numeric: false };
  return { ...base, numeric: type === 'text' && q.inputType === 'number' };
}

/** Every testable question of the questionnaire except `exclude` (a question never tests itself). */
export function conditionTargets(json: Json, exclude?: string): Target[] {
  return pagesOf(json)
    .flatMap(elementsOf)
    .map(targetOf)
    .filter((t): t is Target => t !== null && t.name !== exclude);
}

/** Operators that make sense for a target: contains for multi-answer questions, order for numbers. */
export function operatorsFor(target: Target | undefined): Operator[] {
  if (!target) return ['=', '<>', 'empty', 'notempty'];
  if (target.type === 'checkbox' || target.type === 'tagbox' || target.type === 'ranking') return ['contains', 'notcontains', 'empty', 'notempty'];
  if (target.numeric) return ['=', '<>', '>', '<', '>=', '<=', 'empty', 'notempty'];
  return ['=', '<>', 'empty', 'notempty'];
}
