// Validates one submission against a compiled questionnaire: the order of checks a respondent
// would expect (stray keys, then each question in questionnaire order), one problem per question.
import { Helpers, type ConditionRunner } from 'survey-core';
import type { TAnswerError } from '../../contract/public';
import { checkShape } from './checks';
import { findForbiddenKeys } from './forbidden-keys';
import { checkLimits } from './limits';
import { conditionHolds, readableValues } from './reads';
import { problem, toAnswerError, type Locale } from './messages';
import type { CompiledSurvey, QuestionSpec } from './spec';

const COMMENT = '-Comment';

export function validateAnswers(survey: CompiledSurvey, answers: Record<string, unknown>, locale: Locale): TAnswerError[] {
  const forbidden = findForbiddenKeys(answers);
  // A poisoned object is not evaluated further: conditions would read it.
  if (forbidden.length > 0) {
    return forbidden.map((path) => toAnswerError(path, problem('forbidden_key', 'forbidden_key', { path }), locale));
  }
  const errors: TAnswerError[] = [];
  for (const key of Object.keys(answers)) {
    const p = strayKeyProblem(survey, key);
    if (p) errors.push(toAnswerError(key, p.problem, locale));
  }
  const values = survey.hasConditions ? conditionValues(survey, answers) : answers;
  // Outcomes of the visibleIf/enableIf runners (shared between questions, see compile.ts) for these values.
  const memo = new Map<ConditionRunner, boolean>();
  for (const q of survey.questions) {
    const value = own(answers, q.key);
    const comment = q.acceptsComment ? own(answers, q.key + COMMENT) : undefined;
    if (!isVisible(q, values, memo)) {
      // survey-core keeps a hidden question's value until completion; the issue refuses it outright
      if (!Helpers.isValueEmpty(value) || !Helpers.isValueEmpty(comment)) {
        errors.push(toAnswerError(q.name, problem('hidden_question', 'hidden_question'), locale));
      }
      continue;
    }
    let p = Helpers.isValueEmpty(value) ? null : checkShape(q, value, values);
    if (!p && comment !== undefined && comment !== null && typeof comment !== 'string') p = problem('wrong_type', 'expected_text');
    if (!p && !isReadOnly(q, values, memo)) {
      const required = q.isRequired || (!!q.requiredIf && conditionHolds(q.requiredIf, values));
      p = checkLimits(q, value, comment, required, values);
    }
    if (p) errors.push(toAnswerError(q.name, p, locale));
  }
  return errors;
}

function strayKeyProblem(survey: CompiledSurvey, key: string) {
  if (survey.byKey.has(key)) return null;
  if (survey.calculated.some((c) => c.stored && c.name === key)) return null;
  if (key.endsWith(COMMENT)) {
    const owner = survey.byKey.get(key.slice(0, -COMMENT.length));
    if (owner?.acceptsComment) return null;
    if (owner) return { problem: problem('unknown_question', 'comment_not_allowed', { question: owner.name, key }) };
  }
  return { problem: problem('unknown_question', 'unknown_question', { key }) };
}

/** What survey-core's conditions read: the answers plus calculated values, in declaration order (the keys they can read). */
function conditionValues(survey: CompiledSurvey, answers: Record<string, unknown>): Record<string, unknown> {
  if (survey.calculated.length === 0) return readableValues(survey, answers);
  const values: Record<string, unknown> = { ...answers };
  for (const c of survey.calculated) values[c.name] = c.expression.runValues(values, {});
  return readableValues(survey, values);
}

type Memo = Map<ConditionRunner, boolean>;

function isVisible(q: QuestionSpec, values: Record<string, unknown>, memo: Memo): boolean {
  return !q.hiddenStatically && allTrue(q.visibleIf, values, memo);
}

function isReadOnly(q: QuestionSpec, values: Record<string, unknown>, memo: Memo): boolean {
  return q.readOnlyStatically || !allTrue(q.enableIf, values, memo);
}

function allTrue(runners: ConditionRunner[], values: Record<string, unknown>, memo: Memo): boolean {
  for (const r of runners) {
    let holds = memo.get(r);
    if (holds === undefined) memo.set(r, (holds = conditionHolds(r, values)));
    if (!holds) return false;
  }
  return true;
}

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
