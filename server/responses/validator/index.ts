// The answer validator of submitted responses: each published questionnaire version is compiled
// once into plain data (compile.ts) and every submission is checked against it (validate.ts),
// with survey-core's expression engine for conditions but no survey-core Model per request.
import type { TAnswerError } from '../../contract/public';
import { compileSurvey } from './compile';
import type { Locale } from './messages';
import { validateAnswers } from './validate';

export { findForbiddenKeys } from './forbidden-keys';

export interface CompiledValidator {
  /** Problems with the answers, worded in `locale`; an empty array means accept. */
  validate(answers: Record<string, unknown>, locale: Locale): TAnswerError[];
}

export function compileValidator(surveyJson: object): CompiledValidator {
  const survey = compileSurvey(surveyJson);
  return { validate: (answers, locale) => validateAnswers(survey, answers, locale ?? 'vi') };
}
