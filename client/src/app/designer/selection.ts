// What the editor has selected, and where a validation problem points: by question name when the server
// gives one, else by its path ("pages[2].elements[3].choices[1]", "/pages/2/elements/3" or similar).
import type { TSurveyProblem } from '../../../../server/contract/staff';
import type { Json } from './localized';
import { elementsOf, findQuestion, pagesOf } from './tree';

export type Selection = { kind: 'survey' } | { kind: 'page'; index: number } | { kind: 'question'; name: string };

export function selectionForProblem(json: Json, problem: TSurveyProblem): Selection {
  if (problem.question && findQuestion(json, problem.question)) return { kind: 'question', name: problem.question };
  const path = problem.path ?? '';
  const element = /pages\D{0,3}(\d+)\D{1,3}elements\D{0,3}(\d+)/.exec(path);
  if (element) {
    const question = elementsOf(pagesOf(json)[Number(element[1])] ?? {})[Number(element[2])];
    if (typeof question?.name === 'string') return { kind: 'question', name: question.name };
  }
  const page = /pages\D{0,3}(\d+)/.exec(path);
  if (page && Number(page[1]) < pagesOf(json).length) return { kind: 'page', index: Number(page[1]) };
  return { kind: 'survey' };
}

/** The page a selection lives on (for the preview), if any. */
export function pageOfSelection(json: Json, selection: Selection): number | undefined {
  if (selection.kind === 'page') return selection.index;
  if (selection.kind === 'question') return findQuestion(json, selection.name)?.page;
  return undefined;
}
