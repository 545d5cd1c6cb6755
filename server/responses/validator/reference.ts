// The slow, trusted way to judge a submission: a survey-core Model runs the STACK.md recipe
// (clearIncorrectValues diff + validate) and then the hand checks for what that recipe lets
// through. The differential test and the bench hold the compiled validator against it; the server
// never calls it.
import { Helpers, Model } from 'survey-core';
import type { AnswerErrorCode } from '../../contract/public';
import { findForbiddenKeys } from './forbidden-keys';
import { handCheck } from './reference-hand-checks';

export interface ReferenceError {
  question: string;
  code: AnswerErrorCode;
}

export interface Reference {
  check(answers: Record<string, unknown>): ReferenceError[];
  /** Checks many responses on one Model, yielding to the event loop so that freed data can be collected. */
  checkAll(list: Record<string, unknown>[]): Promise<ReferenceError[][]>;
}

const COMMENT = '-Comment';
const YIELD_EVERY = 25;

export function createReference(surveyJson: object): Reference {
  const model = new Model(surveyJson);
  const check = (answers: Record<string, unknown>) => checkWithModel(model, answers);
  return {
    check,
    async checkAll(list) {
      const out: ReferenceError[][] = [];
      for (let i = 0; i < list.length; i++) {
        out.push(check(list[i]));
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((r) => setImmediate(r));
      }
      return out;
    },
  };
}

function checkWithModel(model: Model, answers: Record<string, unknown>): ReferenceError[] {
  const forbidden = findForbiddenKeys(answers);
  if (forbidden.length > 0) return forbidden.map((question) => ({ question, code: 'forbidden_key' as const }));
  const errors = new Map<string, AnswerErrorCode>();
  const add = (question: string, code: AnswerErrorCode) => {
    if (!errors.has(question)) errors.set(question, code);
  };
  const warn = console.warn;
  console.warn = () => {}; // survey-core warns on every wrongly shaped value we feed it on purpose
  try {
    model.clear(true, true);
    model.data = structuredClone(answers);
    model.clearIncorrectValues(true);
    const after = model.data;
    const questions = model.getAllQuestions(false) as any[];
    // validate() skips hidden questions without resetting them: drop errors left by the last response
    for (const q of questions) q.errors = [];
    model.validate(true, false);
    // Hand checks first: they name hidden answers, which survey-core's validate() skips silently.
    for (const q of questions) {
      const p = handCheck(q, answers);
      if (p) add(q.name, p);
    }
    for (const key of Object.keys(answers)) {
      const q = model.getQuestionByValueName(key) as any;
      if (!q) {
        if (!strayKeyAccepted(model, key)) add(key, 'unknown_question');
        continue;
      }
      if (q.getType() === 'ranking') continue; // survey-core rewrites rankings on assignment; hand-checked
      if (!Helpers.isTwoValueEquals(after[key], answers[key], false, true, false)) add(q.name, codeOfDroppedValue(q));
    }
    for (const q of questions) {
      if (!q.isVisible || !q.isParentVisible) continue;
      // containsErrors also covers errors kept on inner editors (multiple-text items, matrix cells)
      if (q.errors.length > 0) add(q.name, codeOfSurveyError(q.errors[0].getErrorType()));
      else if (q.containsErrors) add(q.name, 'required');
    }
  } finally {
    console.warn = warn;
  }
  return [...errors].map(([question, code]) => ({ question, code }));
}

/** Keys survey-core keeps besides questions: stored calculated values and `<question>-Comment`. */
function strayKeyAccepted(model: Model, key: string): boolean {
  const calc = model.getCalculatedValueByName(key) as any;
  if (calc?.includeIntoResult) return true;
  if (!key.endsWith(COMMENT)) return false;
  // survey-core keeps any `<question>-Comment`; the issue wants it only where a comment box exists
  const owner = model.getQuestionByValueName(key.slice(0, -COMMENT.length)) as any;
  return !!owner && (!!owner.showOtherItem || !!owner.showCommentArea);
}

function codeOfDroppedValue(q: any): AnswerErrorCode {
  const type = q.getType();
  if (type === 'matrix' || type === 'matrixdropdown') return 'unknown_column';
  return 'not_in_choices';
}

function codeOfSurveyError(type: string): AnswerErrorCode {
  if (type === 'required' || type === 'otherempty' || type === 'requireoneanswer' || type === 'requiredinallrowserror') return 'required';
  return 'invalid';
}
