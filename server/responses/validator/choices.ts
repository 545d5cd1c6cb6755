// Whether a value is one of a question's choices, by survey-core's own rules: an exact hit first
// (what every answer from the real client is), then survey-core's comparison, under which "1"
// equals 1 but "A" does not equal "a".
import { Helpers } from 'survey-core';
import type { ConditionRunner } from 'survey-core';
import type { ChoiceSet } from './spec';

export type ChoiceMatch = 'choice' | 'special' | 'other' | 'unknown';

/** `values` are the condition values of the response; needed only for conditional choices. */
export function matchChoice(set: ChoiceSet, value: unknown, values: Record<string, unknown>): ChoiceMatch {
  // survey-core compares the none/refuse/don't-know items with ==, before the choices
  if (set.none !== undefined && value == set.none) return 'special';
  if (set.refuse !== undefined && value == set.refuse) return 'special';
  if (set.dontKnow !== undefined && value == set.dontKnow) return 'special';
  const hit = findChoice(set, value);
  if (hit !== NOT_FOUND && isChoiceVisible(set, hit, values)) return 'choice';
  // With showOtherItem survey-core takes any other value as the respondent's own "other" text.
  if (set.other) return 'other';
  return 'unknown';
}

export function isExclusive(set: ChoiceSet, value: unknown): boolean {
  return (
    (set.none !== undefined && value == set.none) ||
    (set.refuse !== undefined && value == set.refuse) ||
    (set.dontKnow !== undefined && value == set.dontKnow)
  );
}

const NOT_FOUND = Symbol('not found');

function findChoice(set: ChoiceSet, value: unknown): unknown {
  if (set.exact.has(value)) return value;
  for (const choice of set.values) {
    if (Helpers.isTwoValueEquals(choice, value, false, true, false)) return choice;
  }
  return NOT_FOUND;
}

function isChoiceVisible(set: ChoiceSet, choice: unknown, values: Record<string, unknown>): boolean {
  if (set.conditional.length === 0) return true;
  const entry = set.conditional.find((c) => c.value === choice);
  if (!entry) return true;
  // choicesVisibleIf reads the choice under test as {item}
  const withItem = { ...values, item: choice };
  return entry.visibleIf.every((r: ConditionRunner) => r.runValues(withItem, {}) === true);
}
