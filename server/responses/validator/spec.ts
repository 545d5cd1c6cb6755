// Plain data a published questionnaire version is compiled into once, so that validating a
// submission never needs a survey-core Model (see compile.ts for how it is built).
import type { ConditionRunner } from 'survey-core';

/** How a question's answer is shaped and checked; several SurveyJS types share one kind. */
export type QuestionKind =
  | 'single' // radiogroup, dropdown, imagepicker (single), buttongroup
  | 'multi' // checkbox, tagbox, imagepicker with multiSelect
  | 'ranking'
  | 'boolean'
  | 'rating'
  | 'text'
  | 'number' // text with a numeric inputType (number, range)
  | 'comment'
  | 'matrix'
  | 'matrixdropdown'
  | 'multipletext'
  | 'rows' // matrixdynamic, paneldynamic: an array of objects, only its shape is checked
  | 'free'; // expression and other value types we only accept as given

/** The choice list of a choice question or a matrix-dropdown cell. */
export interface ChoiceSet {
  /** Choice values for the exact lookup that valid answers hit. */
  exact: Set<unknown>;
  /** The same values in order, for survey-core's looser comparison ("1" equals 1) on a miss. */
  values: unknown[];
  /** Per-choice visibleIf (and the question's choicesVisibleIf), only for choices that have one. */
  conditional: { value: unknown; visibleIf: ConditionRunner[] }[];
  /** Special items survey-core accepts besides the choices. */
  none?: unknown;
  refuse?: unknown;
  dontKnow?: unknown;
  /** showOtherItem: any value outside the choices counts as the "other" text (survey-core's rule). */
  other: boolean;
  /** storeOthersAsComment: the value is "other" and the text lives in `<name>-Comment`. */
  otherAsComment: boolean;
}

export interface CellSpec {
  name: string;
  kind: 'choice' | 'multi' | 'free';
  choices?: ChoiceSet;
}

export interface ItemSpec {
  name: string;
  numeric: boolean;
  maxLength: number;
  isRequired: boolean;
}

export type ValidatorSpec =
  | { type: 'numeric'; minValue: number | null; maxValue: number | null }
  | { type: 'text'; minLength: number; maxLength: number; allowDigits: boolean }
  | { type: 'regex'; re: RegExp }
  | { type: 'email' }
  | { type: 'answercount'; minCount: number; maxCount: number }
  | { type: 'expression'; runner: ConditionRunner };

export interface QuestionSpec {
  /** The key under which the answer is stored (valueName or name). */
  key: string;
  /** The question's name as the questionnaire author wrote it; used in error reports. */
  name: string;
  kind: QuestionKind;
  /** `visible: false` on the question or one of its containers. */
  hiddenStatically: boolean;
  /** visibleIf of the question, then of every panel and the page holding it. All must be true. */
  visibleIf: ConditionRunner[];
  /** enableIf of the question and its containers; false makes it read-only (not validated). */
  enableIf: ConditionRunner[];
  readOnlyStatically: boolean;
  isRequired: boolean;
  requiredIf?: ConditionRunner;
  /** Whether a `<key>-Comment` entry may accompany the answer (other item or comment area). */
  acceptsComment: boolean;
  choices?: ChoiceSet;
  minSelected: number;
  maxSelected: number;
  /** ranking: a partial ranking is allowed only with selectToRankEnabled. */
  partialRanking: boolean;
  /** rating: the scale's values; numeric scales also require a JSON number. */
  rateValues?: unknown[];
  rateNumeric: boolean;
  /** boolean: the two stored values (true/false unless valueTrue/valueFalse are set). */
  booleanValues?: [unknown, unknown];
  min?: number;
  max?: number;
  maxLength: number;
  rows?: Set<string>;
  columns?: ChoiceSet;
  eachRowRequired: boolean;
  cells?: Map<string, CellSpec>;
  items?: Map<string, ItemSpec>;
  validators: ValidatorSpec[];
}

export interface CompiledSurvey {
  questions: QuestionSpec[];
  byKey: Map<string, QuestionSpec>;
  /** Calculated values stored with the answers (includeIntoResult) or read by conditions. */
  calculated: { name: string; expression: import('survey-core').ExpressionRunner; stored: boolean }[];
  /** True when no question carries a condition: the values object is then never needed. */
  hasConditions: boolean;
  /** Lower-cased top-level names the conditions can read (reads.ts); null: they may read any. */
  reads: Set<string> | null;
}
