// Checks a questionnaire draft before it may be published, and summarises what publishing changes.
// Pure functions over SurveyJS JSON (survey-core only for its parser and jsonErrors): the browser
// designer imports them too, so no node: modules and no database here.
import type { TSurveyProblem } from '../../contract/staff';
import { checkChoiceValues } from './choices';
import { checkCompatibility } from './compat';
import { checkConditions } from './conditions';
import type { Json } from './json';
import type { Locale } from './messages';
import { checkNames } from './names';
import { checkShape, checkSurveyJsErrors } from './structure';
import { checkTranslations } from './translations';

export { listQuestions, type QuestionInfo } from './walk';
export { languagesOf, SHOWN_PROPERTIES } from './translations';
export { defaultLocale } from './locales';
export { summarizeChanges } from './summary';
export type { Locale } from './messages';

export interface CheckOptions {
  /** Languages every shown string must have (`default` = the survey's own locale); else those its strings use. */
  languages?: string[];
  /** The latest published version: kept names must keep their type and the meaning of their codes. */
  previous?: Record<string, unknown>;
  /** Language of the messages; Vietnamese unless told. */
  locale?: Locale;
}

export function checkQuestionnaire(json: unknown, opts: CheckOptions = {}): TSurveyProblem[] {
  const locale = opts.locale ?? 'vi';
  const shape = checkShape(json, locale);
  if (shape.length > 0) return shape;
  const survey = json as Json;
  const names = checkNames(survey, locale);
  // A question without a name is reported once, as name.missing, not again as survey-core's required 'name'.
  const unnamed = new Set(names.filter((p) => p.code === 'name.missing').map((p) => p.path));
  const surveyJs = checkSurveyJsErrors(survey, locale).filter((p) => !(p.code === 'surveyjs.requiredproperty' && unnamed.has(p.path)));
  return [
    ...surveyJs,
    ...names,
    ...checkChoiceValues(survey, locale),
    ...checkConditions(survey, locale),
    ...checkTranslations(survey, opts.languages, locale),
    ...(opts.previous ? checkCompatibility(opts.previous, survey, locale) : []),
  ];
}
