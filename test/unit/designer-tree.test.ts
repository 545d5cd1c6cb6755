// JSON tree edits behind the designer's outline and property panel, and the bilingual string helpers.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  addPage,
  deletePage,
  deleteQuestion,
  duplicateQuestion,
  findQuestion,
  insertQuestion,
  moveQuestion,
  moveQuestionBy,
  pagesOf,
  renameQuestion,
  uniqueName,
} from '../../client/src/app/designer/tree';
import { EN_DEFAULT, VI_DEFAULT, langKeys, readText, writeText } from '../../client/src/app/designer/localized';

const names = (json: Record<string, unknown>) =>
  pagesOf(json).map((p) => (p.elements as { name: string }[]).map((q) => q.name));

const sample = () => ({
  title: 'T',
  pages: [
    { name: 'p1', elements: [{ type: 'text', name: 'a' }, { type: 'text', name: 'b' }, { type: 'text', name: 'c' }] },
    { name: 'p2', elements: [{ type: 'text', name: 'd', visibleIf: "{a} = 'x' and {ab} = 1" }] },
  ],
});

describe('questionnaire tree edits', () => {
  it('When a question is moved within a page or across pages, then the order is what the user dropped', () => {
    const json = sample();
    expect(names(moveQuestion(json, 'a', 0, 3))).toEqual([['b', 'c', 'a'], ['d']]);
    expect(names(moveQuestion(json, 'c', 0, 0))).toEqual([['c', 'a', 'b'], ['d']]);
    expect(names(moveQuestion(json, 'b', 1, 0))).toEqual([['a', 'c'], ['b', 'd']]);
    expect(names(moveQuestion(json, 'd', 0, 1))).toEqual([['a', 'd', 'b', 'c'], []]);
    expect(names(json)).toEqual([['a', 'b', 'c'], ['d']]); // input untouched
  });

  it('When move up/down reaches the edge of a page, then the question crosses to the neighbouring page', () => {
    const json = sample();
    expect(names(moveQuestionBy(json, 'a', 1))).toEqual([['b', 'a', 'c'], ['d']]);
    expect(names(moveQuestionBy(json, 'c', 1))).toEqual([['a', 'b'], ['c', 'd']]);
    expect(names(moveQuestionBy(json, 'd', -1))).toEqual([['a', 'b', 'c', 'd'], []]);
    expect(moveQuestionBy(json, 'a', -1)).toBe(json);
  });

  it('When questions and pages are added, duplicated and deleted, then names stay unique', () => {
    const json = sample();
    const dup = duplicateQuestion(json, 'a');
    expect(dup.name).not.toBe('a');
    expect(names(dup.json)[0]).toEqual(['a', dup.name, 'b', 'c']);
    const added = addPage(json);
    expect(pagesOf(added.json).map((p) => p.name)).toEqual(['p1', 'p2', added.name]);
    expect(names(deletePage(added.json, 0))).toEqual([['d'], []]);
    expect(names(deleteQuestion(json, 'b'))).toEqual([['a', 'c'], ['d']]);
    expect(uniqueName(json, 'q')).toBe('q1');
    expect(names(insertQuestion({}, { type: 'text', name: 'z' }, 0))).toEqual([['z']]);
  });

  it('When a question is renamed, then conditions naming it follow and look-alike names do not', () => {
    const renamed = renameQuestion(sample(), 'a', 'alpha');
    expect(findQuestion(renamed, 'alpha')).not.toBeNull();
    expect(findQuestion(renamed, 'd')?.question.visibleIf).toBe("{alpha} = 'x' and {ab} = 1");
  });
});

describe('bilingual strings', () => {
  it('When English is added to a plain Vietnamese string, then it becomes {default, en} and collapses back', () => {
    const both = writeText('Xin chào', 'en', 'Hello', VI_DEFAULT);
    expect(both).toEqual({ default: 'Xin chào', en: 'Hello' });
    expect(readText(both, 'vi', VI_DEFAULT)).toBe('Xin chào');
    expect(writeText(both, 'en', '', VI_DEFAULT)).toBe('Xin chào');
    expect(writeText('x', 'vi', '', VI_DEFAULT)).toBeUndefined();
  });

  it('When the demo questionnaire keeps English in default, then Vietnamese is read from and written to vi', () => {
    const demo = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));
    expect(langKeys(demo)).toEqual(EN_DEFAULT);
    expect(langKeys({ title: { default: 'Tiêu đề', en: 'Title' } })).toEqual(VI_DEFAULT);
    expect(langKeys({})).toEqual(VI_DEFAULT);
    expect(writeText({ default: 'Title', vi: 'Cũ' }, 'vi', 'Mới', EN_DEFAULT)).toEqual({ default: 'Title', vi: 'Mới' });
  });
});
