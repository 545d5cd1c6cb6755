// The checks survey-core runs only on a visible, editable question (it skips read-only ones):
// required answers, the other text, selection counts, number bounds, text length, and the
// questionnaire's own validators. Each mirrors the survey-core rule named beside it.
import { Helpers } from 'survey-core';
import { isPlainObject } from './checks';
import { problem, type Problem } from './messages';
import type { QuestionSpec, ValidatorSpec } from './spec';

type Values = Record<string, unknown>;

const OTHER = 'other';

export function checkLimits(
  q: QuestionSpec,
  value: unknown,
  comment: unknown,
  required: boolean,
  values: Values,
): Problem | null {
  const empty = Helpers.isValueEmpty(value);
  if (required && empty) return problem('required', 'required'); // Question.hasRequiredError
  if (!empty && q.choices?.other && otherLeftEmpty(q, value, comment)) return problem('required', 'other_empty');
  const count = Array.isArray(value) ? value.length : 0;
  // checkbox.checkMinSelectedChoicesUnreached: an empty answer counts as too few, a lone "none" does not
  if (q.minSelected > 0 && count < q.minSelected && !(count === 1 && (value as unknown[])[0] == q.choices?.none)) {
    return problem('invalid', 'too_few_choices', { n: q.minSelected });
  }
  if (q.maxSelected > 0 && count > q.maxSelected) return problem('too_many_choices', 'too_many_choices', { n: q.maxSelected });
  if (q.kind === 'number' && typeof value === 'number') {
    if (q.min !== undefined && value < q.min) return problem('out_of_range', 'below_min', { min: q.min });
    if (q.max !== undefined && value > q.max) return problem('out_of_range', 'above_max', { max: q.max });
  }
  if (q.maxLength > 0 && typeof value === 'string' && value.length > q.maxLength) {
    return problem('out_of_range', 'too_long', { n: q.maxLength });
  }
  if (q.eachRowRequired && q.rows) {
    const answered = isPlainObject(value) ? value : {};
    for (const row of q.rows) if (Helpers.isValueEmpty(answered[row])) return problem('required', 'required_rows');
  }
  if (q.items) {
    const answered = isPlainObject(value) ? value : {};
    for (const item of q.items.values()) {
      const v = answered[item.name];
      if (item.isRequired && Helpers.isValueEmpty(v)) return problem('required', 'required_item', { row: item.name });
      if (item.maxLength > 0 && typeof v === 'string' && v.length > item.maxLength) {
        return problem('out_of_range', 'too_long', { n: item.maxLength });
      }
    }
  }
  for (const v of q.validators) {
    const p = runValidator(v, value, values);
    if (p) return p;
  }
  return null;
}

/** selectbase: the "other" item is ticked but its text is missing (OtherEmptyError). */
function otherLeftEmpty(q: QuestionSpec, value: unknown, comment: unknown): boolean {
  const ticked = Array.isArray(value) ? value.includes(OTHER) : value === OTHER;
  if (!ticked) return false;
  // With storeOthersAsComment off the text replaces the value, so a bare "other" has none.
  if (!q.choices!.otherAsComment) return true;
  return typeof comment !== 'string' || comment === '';
}

/** survey-core's validator classes (validators.ts), rule for rule. */
function runValidator(v: ValidatorSpec, value: unknown, values: Values): Problem | null {
  if (v.type === 'expression') {
    // ExpressionValidator runs even on an empty answer
    return v.runner.runValues(values, {}) ? null : problem('invalid', 'failed_condition');
  }
  if (v.type === 'answercount') {
    if (!Array.isArray(value) || value.length === 0) return null;
    if (v.minCount && value.length < v.minCount) return problem('invalid', 'too_few_choices', { n: v.minCount });
    if (v.maxCount && value.length > v.maxCount) return problem('too_many_choices', 'too_many_choices', { n: v.maxCount });
    return null;
  }
  if (v.type === 'email') {
    return !value || EMAIL.test(value as string) ? null : problem('invalid', 'bad_email');
  }
  if (Helpers.isValueEmpty(value)) return null;
  if (v.type === 'numeric') {
    if (!Helpers.isNumber(value)) return problem('invalid', 'not_numeric');
    const n = Helpers.getNumber(value);
    if ((v.minValue !== null && v.minValue > n) || (v.maxValue !== null && v.maxValue < n)) {
      return problem('out_of_range', 'numeric_range', { range: range(v.minValue, v.maxValue) });
    }
    return null;
  }
  if (v.type === 'text') {
    const s = value as string;
    if (!v.allowDigits && /\d+$/.test(s)) return problem('invalid', 'text_no_digits');
    if ((v.minLength > 0 && s.length < v.minLength) || (v.maxLength > 0 && s.length > v.maxLength)) {
      return problem('invalid', 'text_length', { range: range(v.minLength || null, v.maxLength || null) });
    }
    return null;
  }
  // regex: an array answer must match element by element
  const list = Array.isArray(value) ? value : [value];
  return list.every((s) => v.re.test(s as string)) ? null : problem('invalid', 'bad_format');
}

// survey-core's EmailValidator pattern, unchanged
const EMAIL =
  /^(([^<>()[\].,;:\s@"]+(\.[^<>()[\].,;:\s@"]+)*)|(".+"))@(([^<>()=[\].,;:\s@"]+\.)+[^<>()=[\].,;:\s@"]{2,})$/i;

function range(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min}–${max}`;
  return min !== null ? `≥ ${min}` : `≤ ${max}`;
}
