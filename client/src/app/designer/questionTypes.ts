// The question types the designer adds and edits in its panel, and the starting JSON of each. New
// questions carry no wording (SurveyJS shows the name until a title is written) so that no text lands
// in the wrong language key.
import type { Json } from './localized';

export const QUESTION_TYPES = ['radiogroup', 'checkbox', 'dropdown', 'rating', 'matrix', 'text', 'comment', 'boolean', 'ranking'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export function isEditableType(type: unknown): type is QuestionType {
  return (QUESTION_TYPES as readonly unknown[]).includes(type);
}

/** Types whose answers are chosen from `choices`. */
export const WITH_CHOICES = new Set<unknown>(['radiogroup', 'checkbox', 'dropdown', 'ranking']);

export function newQuestion(type: QuestionType, name: string): Json {
  switch (type) {
    case 'radiogroup':
    case 'checkbox':
    case 'dropdown':
    case 'ranking':
      return { type, name, choices: [1, 2, 3] };
    case 'rating':
      return { type, name, rateMin: 1, rateMax: 5 };
    case 'matrix':
      return { type, name, columns: [1, 2, 3, 4, 5], rows: ['r1', 'r2'] };
    case 'text':
      return { type, name };
    case 'comment':
    case 'boolean':
      return { type, name };
  }
}

/** Properties the panel edits, per type; everything else is left as it is and shown in the JSON view. */
export const PANEL_PROPERTIES: Record<QuestionType | 'common', string[]> = {
  common: ['name', 'title', 'description', 'isRequired', 'visibleIf'],
  radiogroup: ['choices'],
  checkbox: ['choices', 'maxSelectedChoices'],
  dropdown: ['choices'],
  ranking: ['choices'],
  rating: ['rateMin', 'rateMax', 'rateCount', 'minRateDescription', 'maxRateDescription'],
  matrix: ['rows', 'columns'],
  text: ['inputType', 'min', 'max', 'validators (numeric, text, regex, email)'],
  comment: ['validators (text maxLength, regex)'],
  boolean: [],
};
