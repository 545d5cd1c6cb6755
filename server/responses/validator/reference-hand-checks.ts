// The reference's own checks for what survey-core's clearIncorrectValues + validate() let through
// (STACK.md): hidden answers, value shapes, rating scales, numbers in number inputs, selection
// counts, text length, boolean values, rankings, exclusive "none". They read the live survey-core
// question (its visibility, read-only state, scale…), never the compiled data, so that the
// differential test compares two independent derivations of the same rules.
import { Helpers } from 'survey-core';
import type { AnswerErrorCode } from '../../contract/public';

const COMMENT = '-Comment';

export function handCheck(q: any, answers: Record<string, unknown>): AnswerErrorCode | null {
  const key: string = q.getValueName();
  const value = Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : undefined;
  const comment = answers[key + COMMENT];
  if (q.getType() === 'html' || q.getType() === 'image') return Helpers.isValueEmpty(value) ? null : 'unknown_question';
  if (!q.isVisible || !q.isParentVisible) {
    const answered = !Helpers.isValueEmpty(value) || ((q.showOtherItem || q.showCommentArea) && !Helpers.isValueEmpty(comment));
    return answered ? 'hidden_question' : null;
  }
  if (comment !== undefined && comment !== null && typeof comment !== 'string' && (q.showOtherItem || q.showCommentArea)) return 'wrong_type';
  if (Helpers.isValueEmpty(value)) return null;
  const shape = shapeProblem(q, value);
  if (shape) return shape;
  if (q.isReadOnly) return null; // survey-core does not validate read-only questions either
  if (q.maxSelectedChoices > 0 && Array.isArray(value) && value.length > q.maxSelectedChoices) return 'too_many_choices';
  const maxLength = q.getMaxLength?.();
  if (maxLength > 0 && typeof value === 'string' && value.length > maxLength) return 'out_of_range';
  if (q.getType() === 'multipletext') {
    for (const item of q.items) {
      const v = (value as any)[item.name];
      const max = item.getMaxLength?.() ?? item.maxLength;
      if (max > 0 && typeof v === 'string' && v.length > max) return 'out_of_range';
    }
  }
  return null;
}

function shapeProblem(q: any, value: unknown): AnswerErrorCode | null {
  const type: string = q.getType();
  const isArray = Array.isArray(value);
  const isObject = typeof value === 'object' && value !== null && !isArray;
  const primitive = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  switch (type) {
    case 'checkbox':
    case 'tagbox':
      if (!isArray || !(value as unknown[]).every(primitive)) return 'wrong_type';
      return listProblem(q, value as unknown[]);
    case 'imagepicker':
      if (q.multiSelect) return isArray && (value as unknown[]).every(primitive) ? listProblem(q, value as unknown[]) : 'wrong_type';
      return primitive(value) ? null : 'wrong_type';
    case 'radiogroup':
    case 'dropdown':
    case 'buttongroup':
      return primitive(value) ? null : 'wrong_type';
    case 'ranking':
      return isArray ? rankingProblem(q, value as unknown[]) : 'wrong_type';
    case 'boolean':
      return value === q.getValueTrue() || value === q.getValueFalse() ? null : 'not_in_choices';
    case 'rating': {
      const scale = q.visibleRateValues.map((i: any) => i.value);
      const numeric = scale.every((v: unknown) => typeof v === 'number');
      if (numeric && typeof value !== 'number') return 'wrong_type';
      return scale.includes(value) ? null : 'out_of_range';
    }
    case 'text':
      if (q.inputType === 'number' || q.inputType === 'range') return typeof value === 'number' && isFinite(value) ? null : 'wrong_type';
      return typeof value === 'string' ? null : 'wrong_type';
    case 'comment':
      return typeof value === 'string' ? null : 'wrong_type';
    case 'matrix':
      if (!isObject) return 'wrong_type';
      return Object.values(value as object).every((v) => v === null || v === undefined || primitive(v)) ? null : 'unknown_column';
    case 'matrixdropdown':
      if (!isObject) return 'wrong_type';
      return matrixDropdownProblem(q, value as Record<string, unknown>);
    case 'multipletext':
      return isObject ? multipleTextProblem(q, value as Record<string, unknown>) : 'wrong_type';
    case 'matrixdynamic':
    case 'paneldynamic':
      return isArray && (value as unknown[]).every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)) ? null : 'wrong_type';
  }
  return null;
}

/** Duplicates, and "none"-like items ticked together with anything else (the page never allows it). */
function listProblem(q: any, list: unknown[]): AnswerErrorCode | null {
  if (new Set(list).size !== list.length) return 'invalid';
  const exclusive = [q.showNoneItem && q.noneItem.value, q.showRefuseItem && q.refuseItem.value, q.showDontKnowItem && q.dontKnowItem.value];
  if (list.length > 1 && list.some((v) => exclusive.some((e) => e !== false && v == e))) return 'invalid';
  return null;
}

function rankingProblem(q: any, list: unknown[]): AnswerErrorCode | null {
  const visible: unknown[] = q.visibleChoices.map((c: any) => c.value);
  for (const v of list) if (!visible.some((c) => Helpers.isTwoValueEquals(c, v, false, true, false))) return 'not_in_choices';
  if (new Set(list).size !== list.length) return 'invalid';
  if (!q.selectToRankEnabled && list.length !== visible.length) return 'invalid';
  return null;
}

function matrixDropdownProblem(q: any, value: Record<string, unknown>): AnswerErrorCode | null {
  for (const row of Object.values(value)) {
    if (row === null || row === undefined) continue;
    if (typeof row !== 'object' || Array.isArray(row)) return 'wrong_type';
    for (const [name, cell] of Object.entries(row)) {
      const column = q.getColumnByName(name);
      if (!column || cell === null || cell === undefined || cell === '') continue; // unknown columns: survey-core drops them
      const type = column.cellType === 'default' ? q.cellType : column.cellType;
      const multi = type === 'checkbox' || type === 'tagbox';
      const list = multi ? cell : [cell];
      if (!Array.isArray(list) || list.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) return 'wrong_type';
    }
  }
  return null;
}

function multipleTextProblem(q: any, value: Record<string, unknown>): AnswerErrorCode | null {
  for (const [name, v] of Object.entries(value)) {
    const item = q.getItemByName(name);
    if (!item) return 'unknown_row';
    if (v === null || v === undefined || v === '') continue;
    const numeric = item.inputType === 'number' || item.inputType === 'range';
    if (numeric ? typeof v !== 'number' || !isFinite(v) : typeof v !== 'string') return 'wrong_type';
  }
  return null;
}
