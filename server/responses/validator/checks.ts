// What a single answer must look like, question kind by kind: its shape, and membership in the
// question's choices, rows, columns and scale. These hold even for a read-only (enableIf false)
// question, since survey-core also drops unknown choices from those.
import { isExclusive, matchChoice } from './choices';
import { problem, shown, type Problem } from './messages';
import type { ChoiceSet, QuestionSpec } from './spec';

type Values = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPrimitive(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Checks a non-empty answer; returns the first problem or null. */
export function checkShape(q: QuestionSpec, value: unknown, values: Values): Problem | null {
  switch (q.kind) {
    case 'single':
      if (!isPrimitive(value)) return problem('wrong_type', 'expected_single');
      return checkChoice(q.choices!, value, values);
    case 'multi':
      if (!Array.isArray(value)) return problem('wrong_type', 'expected_array');
      return checkMulti(q.choices!, value, values);
    case 'ranking':
      if (!Array.isArray(value)) return problem('wrong_type', 'expected_array');
      return checkRanking(q, value, values);
    case 'boolean':
      return q.booleanValues!.includes(value) ? null : problem('not_in_choices', 'not_in_choices', { value: shown(value) });
    case 'rating':
      return checkRating(q, value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : problem('wrong_type', 'expected_number');
    case 'text':
    case 'comment':
      return typeof value === 'string' ? null : problem('wrong_type', 'expected_text');
    case 'matrix':
      return checkMatrix(q, value, values);
    case 'matrixdropdown':
      return checkMatrixDropdown(q, value, values);
    case 'multipletext':
      return checkMultipleText(q, value);
    case 'rows':
      return Array.isArray(value) && value.every(isPlainObject) ? null : problem('wrong_type', 'expected_rows');
    case 'free':
      return null;
  }
}

function checkChoice(set: ChoiceSet, value: unknown, values: Values): Problem | null {
  return matchChoice(set, value, values) === 'unknown'
    ? problem('not_in_choices', 'not_in_choices', { value: shown(value) })
    : null;
}

function checkMulti(set: ChoiceSet, list: unknown[], values: Values): Problem | null {
  const seen = new Set<unknown>();
  let others = 0;
  for (const item of list) {
    if (!isPrimitive(item)) return problem('wrong_type', 'expected_array');
    const match = matchChoice(set, item, values);
    if (match === 'unknown') return problem('not_in_choices', 'not_in_choices', { value: shown(item) });
    // One "other" text per answer when it is stored as a comment: survey-core drops any second one.
    if (match === 'other' && set.otherAsComment && ++others > 1) {
      return problem('not_in_choices', 'not_in_choices', { value: shown(item) });
    }
    if (seen.has(item)) return problem('invalid', 'duplicate_choice', { value: shown(item) });
    seen.add(item);
  }
  // survey-core's page clears the other options when "none" (refuse, don't know) is ticked
  if (list.length > 1) {
    const exclusive = list.find((v) => isExclusive(set, v));
    if (exclusive !== undefined) return problem('invalid', 'exclusive_choice', { value: shown(exclusive) });
  }
  return null;
}

function checkRanking(q: QuestionSpec, list: unknown[], values: Values): Problem | null {
  const p = checkMulti(q.choices!, list, values);
  if (p) return p;
  if (q.partialRanking) return null;
  // Without selectToRankEnabled the page always submits every visible choice in some order.
  const visible = q.choices!.values.filter((v) => matchChoice(q.choices!, v, values) === 'choice');
  return list.length === visible.length ? null : problem('invalid', 'ranking_incomplete');
}

function checkRating(q: QuestionSpec, value: unknown): Problem | null {
  const scale = q.rateValues!;
  if (q.rateNumeric) {
    if (typeof value !== 'number') return problem('wrong_type', 'expected_number');
    if (scale.includes(value)) return null;
  } else if (isPrimitive(value) && scale.some((v) => v === value)) {
    return null;
  }
  return problem('out_of_range', 'rating_scale', { values: scale.join(', ') });
}

function checkMatrix(q: QuestionSpec, value: unknown, values: Values): Problem | null {
  if (!isPlainObject(value)) return problem('wrong_type', 'expected_object');
  for (const row of Object.keys(value)) {
    if (!q.rows!.has(row)) return problem('unknown_row', 'unknown_row', { row });
    const cell = value[row];
    if (cell === undefined || cell === null || cell === '') continue;
    if (!isPrimitive(cell) || matchChoice(q.columns!, cell, values) !== 'choice') {
      return problem('unknown_column', 'unknown_column', { row, value: shown(cell) });
    }
  }
  return null;
}

function checkMatrixDropdown(q: QuestionSpec, value: unknown, values: Values): Problem | null {
  if (!isPlainObject(value)) return problem('wrong_type', 'expected_object');
  for (const row of Object.keys(value)) {
    if (!q.rows!.has(row)) return problem('unknown_row', 'unknown_row', { row });
    const cells = value[row];
    if (cells === undefined || cells === null) continue;
    if (!isPlainObject(cells)) return problem('wrong_type', 'expected_row_object', { row });
    for (const column of Object.keys(cells)) {
      const spec = q.cells!.get(column);
      const cell = cells[column];
      if (!spec) return problem('unknown_column', 'unknown_column', { row, value: shown(column) });
      if (cell === undefined || cell === null || cell === '') continue;
      const list = spec.kind === 'multi' ? cell : [cell];
      if (!Array.isArray(list) || list.some((v) => !isPrimitive(v))) return problem('wrong_type', 'expected_row_object', { row });
      if (spec.kind === 'free') continue;
      const bad = list.find((v) => matchChoice(spec.choices!, v, values) === 'unknown');
      if (bad !== undefined) return problem('unknown_column', 'unknown_column', { row, value: shown(bad) });
    }
  }
  return null;
}

function checkMultipleText(q: QuestionSpec, value: unknown): Problem | null {
  if (!isPlainObject(value)) return problem('wrong_type', 'expected_object');
  for (const name of Object.keys(value)) {
    const item = q.items!.get(name);
    if (!item) return problem('unknown_row', 'unknown_item', { row: name });
    const v = value[name];
    if (v === undefined || v === null || v === '') continue;
    if (item.numeric ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string') {
      return problem('wrong_type', item.numeric ? 'expected_number' : 'expected_text');
    }
  }
  return null;
}
