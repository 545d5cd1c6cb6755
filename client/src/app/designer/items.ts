// Choices, matrix rows and columns: SurveyJS accepts a bare value (`1`, `"yes"`) or an object
// `{value, text, …}`. These helpers edit either form and keep any other property an item carries.
import { isRecord } from './localized';

export type ItemValue = string | number;

export function itemValue(item: unknown): ItemValue {
  const value = isRecord(item) ? item.value : item;
  return typeof value === 'number' ? value : String(value ?? '');
}

export function itemText(item: unknown): unknown {
  return isRecord(item) ? item.text : undefined;
}

/** The item with a new value and text; no text and nothing else → the bare value. */
export function makeItem(previous: unknown, value: ItemValue, text: unknown): unknown {
  const next: Record<string, unknown> = isRecord(previous) ? { ...previous, value } : { value };
  if (text === undefined) delete next.text;
  else next.text = text;
  return Object.keys(next).length === 1 ? value : next;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** What the user typed as a value: a number where the item (or, for a new item, its list) uses numbers. */
export function coerceValue(typed: string, previous: ItemValue | undefined, siblings: ItemValue[]): ItemValue {
  const numeric = previous === undefined ? siblings.length > 0 && siblings.every((v) => typeof v === 'number') : typeof previous === 'number';
  return numeric && NUMERIC.test(typed.trim()) ? Number(typed) : typed;
}

/** A value for a new item: the next number when the list is numbered, else the next free "itemN". */
export function nextValue(items: unknown[], prefix = 'item'): ItemValue {
  const values = items.map(itemValue);
  if (values.length === 0 || values.every((v) => typeof v === 'number')) {
    return values.length === 0 ? 1 : Math.max(...(values as number[])) + 1;
  }
  for (let n = items.length + 1; ; n++) if (!values.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
