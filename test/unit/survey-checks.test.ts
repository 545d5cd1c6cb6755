// The checks a questionnaire draft passes before it may be published (server/surveys/checks): each
// check refuses a broken definition at the right place, with a message in the designer's language,
// and lets the matching correct one through; plus the version change summary.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TSurveyProblem } from '../../server/contract/staff';
import {
  checkQuestionnaire,
  languagesOf,
  listQuestions,
  summarizeChanges,
  type CheckOptions,
} from '../../server/surveys/checks/index';

type Json = Record<string, unknown>;

const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Json;
const demo = readJson('../../surveys/giua-nhiem-ky-2023/survey.json');
const imported = readJson('../fixtures/survey-checks/imported-single-language.json');

const VI_DIACRITICS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

const unquoted = (message: string) => message.replace(/“[^”]*”/g, '');

/** A one-page questionnaire of the given elements (plain strings: single-language). */
function survey(elements: unknown[], extra: Json = {}): Json {
  return { pages: [{ name: 'p1', elements }], ...extra };
}

const radio = (name: string, extra: Json = {}) => ({ type: 'radiogroup', name, choices: [1, 2], ...extra });

/**
 * Checks in both message languages and returns the Vietnamese problems; the two agree on everything
 * but the message, which is Vietnamese (with diacritics) in one and English (without) in the other.
 */
function problems(json: unknown, opts: Omit<CheckOptions, 'locale'> = {}): TSurveyProblem[] {
  const vi = checkQuestionnaire(json, { ...opts, locale: 'vi' });
  const en = checkQuestionnaire(json, { ...opts, locale: 'en' });
  expect(en.map(({ message: _, ...p }) => p)).toEqual(vi.map(({ message: _, ...p }) => p));
  vi.forEach((p, i) => {
    // quoted questionnaire text (“…”) may be in either language
    expect(unquoted(p.message), p.code).toMatch(VI_DIACRITICS);
    expect(unquoted(en[i].message), p.code).not.toMatch(VI_DIACRITICS);
    expect(en[i].message).not.toBe(p.message);
  });
  return vi;
}

/** The one problem of a definition, minus its message. */
function only(json: unknown, opts: Omit<CheckOptions, 'locale'> = {}) {
  const found = problems(json, opts);
  expect(found, JSON.stringify(found)).toHaveLength(1);
  const { message: _, ...rest } = found[0];
  return rest;
}

describe('checkQuestionnaire: shape', () => {
  it('When the draft is not an object, then it reports one survey.not_object problem', () => {
    for (const bad of [null, 'x', [1], 3]) expect(only(bad)).toEqual({ path: '', code: 'survey.not_object' });
  });

  it('When the draft has no pages, then it reports one survey.no_pages problem', () => {
    expect(only({ title: 'x' })).toEqual({ path: '', code: 'survey.no_pages' });
    expect(only({ pages: [] })).toEqual({ path: 'pages', code: 'survey.no_pages' });
  });

  it('When the questionnaire is clean, then there is no problem (root elements count as one page)', () => {
    expect(problems(survey([radio('q1')]))).toEqual([]);
    expect(problems({ elements: [radio('q1')] })).toEqual([]);
  });
});

describe('checkQuestionnaire: SurveyJS jsonErrors', () => {
  it('When a question has a property SurveyJS does not know, then the problem points at that property', () => {
    expect(only(survey([radio('q1', { colour: 'red' })]))).toEqual({
      path: 'pages[0].elements[0].colour',
      code: 'surveyjs.unknownproperty',
      question: 'q1',
    });
  });

  it('When a choice inside a panel has an unknown property, then the path leads into the panel and the choice', () => {
    const json = { pages: [{ elements: [radio('q0')] }, { elements: [{ type: 'panel', name: 'pn', elements: [radio('q1', { choices: [1, { value: 2, text: 'b', colour: 1 }] })] }] }] };
    expect(only(json)).toEqual({ path: 'pages[1].elements[0].elements[0].choices[1].colour', code: 'surveyjs.unknownproperty', question: 'q1' });
  });

  it('When an element has an unknown or no type, then SurveyJS drops it and the problem names it', () => {
    expect(only(survey([radio('q1'), { type: 'slider-ish', name: 'q2' }]))).toEqual({
      path: 'pages[0].elements[1]',
      code: 'surveyjs.incorrecttypeproperty',
      question: 'q2',
    });
    expect(only(survey([{ name: 'q2' }]))).toEqual({ path: 'pages[0].elements[0]', code: 'surveyjs.missingtypeproperty', question: 'q2' });
  });

  it('When the survey itself has an unknown property, then the path is that property', () => {
    expect(only(survey([radio('q1')], { colour: 'red' }))).toEqual({ path: 'colour', code: 'surveyjs.unknownproperty' });
  });
});

describe('checkQuestionnaire: names', () => {
  it('When a name repeats inside a panel, then the second one is name.duplicate', () => {
    const json = { pages: [{ elements: [radio('age')] }, { elements: [{ type: 'panel', name: 'pn', elements: [radio('q2'), radio('Age')] }] }] };
    expect(only(json)).toEqual({ path: 'pages[1].elements[0].elements[1]', code: 'name.duplicate', question: 'Age' });
  });

  it('When a calculated value takes a question name, then it is name.duplicate', () => {
    const json = survey([radio('q1')], { calculatedValues: [{ name: 'q1', expression: '1' }] });
    expect(only(json)).toEqual({ path: 'calculatedValues[0]', code: 'name.duplicate' });
  });

  it('When a name has a space, dot, $ or braces, then it is name.invalid', () => {
    for (const name of ['my q', 'a.b', '$x', 'x{1}']) {
      expect(only(survey([radio(name)]))).toEqual({ path: 'pages[0].elements[0]', code: 'name.invalid', question: name });
    }
  });

  it('When a question has no name, then it is reported once as name.missing', () => {
    expect(only(survey([radio('q1'), { type: 'text' }]))).toEqual({ path: 'pages[0].elements[1]', code: 'name.missing' });
  });

  it('When names differ, or repeat only inside a panel-dynamic template, then there is no problem', () => {
    const json = survey([radio('age'), { type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'age' }] }, radio('q_2-b')]);
    expect(problems(json)).toEqual([]);
  });
});

describe('checkQuestionnaire: choice values', () => {
  it('When a choice value repeats (plain and object forms alike), then the second is choice.duplicate_value', () => {
    const json = survey([radio('q0'), radio('q1', { choices: [1, { value: 2, text: 'b' }, 3, { value: 1, text: 'again' }] })]);
    expect(only(json)).toEqual({ path: 'pages[0].elements[1].choices[3]', code: 'choice.duplicate_value', question: 'q1' });
  });

  it('When matrix rows or columns, rating values or matrix-dropdown columns repeat, then each is reported', () => {
    const json = survey([
      { type: 'matrix', name: 'm', rows: ['a', 'b', 'a'], columns: [1, 2, { value: 2, text: 'x' }] },
      { type: 'rating', name: 'r', rateValues: [1, 2, 2] },
      { type: 'matrixdropdown', name: 'md', rows: ['a'], columns: [{ name: 'c1' }, { name: 'c1' }] },
    ]);
    expect(problems(json).map((p) => [p.code, p.path, p.question])).toEqual([
      ['choice.duplicate_value', 'pages[0].elements[0].rows[2]', 'm'],
      ['choice.duplicate_value', 'pages[0].elements[0].columns[2]', 'm'],
      ['choice.duplicate_value', 'pages[0].elements[1].rateValues[2]', 'r'],
      ['choice.duplicate_value', 'pages[0].elements[2].columns[1]', 'md'],
    ]);
  });

  it('When every value is unique, then there is no problem', () => {
    const json = survey([radio('q1', { choices: [1, '2', { value: 3, text: '3' }] }), { type: 'matrix', name: 'm', rows: ['a', 'b'], columns: [1, 2] }]);
    expect(problems(json)).toEqual([]);
  });
});

describe('checkQuestionnaire: conditions', () => {
  it('When a visibleIf does not parse, then it is condition.syntax at that property', () => {
    const json = survey([radio('q1'), radio('q2', { visibleIf: '{q1} = ' })]);
    expect(only(json)).toEqual({ path: 'pages[0].elements[1].visibleIf', code: 'condition.syntax', question: 'q2' });
  });

  it('When a condition names a question that does not exist, then it is condition.unknown_question', () => {
    const json = survey([radio('q1'), radio('q2', { enableIf: '{q1} = 1 or {q_1} = 2' })]);
    expect(only(json)).toEqual({ path: 'pages[0].elements[1].enableIf', code: 'condition.unknown_question', question: 'q2' });
    expect(problems(json)[0].message).toContain('q_1');
  });

  it('When pages, panels and choices carry conditions, then they are checked too', () => {
    const json = {
      pages: [
        { name: 'p1', elements: [radio('q1', { choices: [1, { value: 2, visibleIf: '{nope} = 1' }] })] },
        { name: 'p2', visibleIf: '{q1} =', elements: [{ type: 'panel', name: 'pn', requiredIf: '{ghost} = 1', elements: [radio('q2')] }] },
      ],
    };
    expect(problems(json).map((p) => [p.code, p.path, p.question])).toEqual([
      ['condition.unknown_question', 'pages[0].elements[0].choices[1].visibleIf', 'q1'],
      ['condition.syntax', 'pages[1].visibleIf', undefined],
      ['condition.unknown_question', 'pages[1].elements[0].requiredIf', undefined],
    ]);
  });

  it('When conditions use sub-paths, suffixes, calculated values, valueNames or built-in variables, then they pass', () => {
    const json = survey(
      [
        { type: 'matrix', name: 'm', rows: ['a'], columns: [1] },
        { type: 'checkbox', name: 'c', choices: [1, 2], choicesVisibleIf: '{item} != 2' },
        { type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'age' }, { type: 'text', name: 'x', visibleIf: '{panel.age} > 3' }] },
        { type: 'text', name: 'w', valueName: 'weight' },
        radio('q1', { visibleIf: "{m.a} = 1 and {c-unwrapped} notempty and {KIDS[0].age} > 1 and {total} > 0 and {weight} > 2 and {pageno} > 0" }),
        radio('q2', { requiredIf: "{q1-Comment} notempty and age({q1}) > 1 and {c} anyof [1, 2]" }),
      ],
      { calculatedValues: [{ name: 'total', expression: '{kids.length}' }] },
    );
    expect(problems(json)).toEqual([]);
  });
});

describe('checkQuestionnaire: translations', () => {
  const bilingual = (vi: string, en: string) => ({ default: vi, en });

  it('When a title lacks its English text, then it is text.missing_translation naming English', () => {
    const json = survey([radio('q1', { title: { default: 'Tuổi của bạn?' } })]);
    expect(only(json, { languages: ['vi', 'en'] })).toEqual({ path: 'pages[0].elements[0].title', code: 'text.missing_translation', question: 'q1' });
    expect(checkQuestionnaire(json, { languages: ['vi', 'en'] })[0].message).toContain('tiếng Anh (en)');
    expect(checkQuestionnaire(json, { languages: ['vi', 'en'], locale: 'en' })[0].message).toContain('English (en)');
  });

  it('When a choice text, a rating description or a validator text lacks a language, or is empty, then each is reported', () => {
    const json = survey([
      radio('q1', { title: bilingual('Câu 1', 'Question 1'), choices: [{ value: 1, text: bilingual('Có', '') }, { value: 2, text: bilingual('Không', 'No') }, 3] }),
      { type: 'rating', name: 'r', minRateDescription: 'Kém', maxRateDescription: bilingual('Tốt', 'Good') },
      { type: 'text', name: 't', validators: [{ type: 'numeric', text: { en: 'A number, please' } }] },
    ]);
    expect(problems(json, { languages: ['vi', 'en'] }).map((p) => [p.path, p.question])).toEqual([
      ['pages[0].elements[0].choices[0].text', 'q1'],
      ['pages[0].elements[1].minRateDescription', 'r'],
      ['pages[0].elements[2].validators[0].text', 't'],
    ]);
  });

  it('When no languages are given, then the languages the strings use are required of every string', () => {
    const json = survey([radio('q1', { title: bilingual('Câu 1', 'Question 1') }), radio('q2', { title: 'Câu 2' })], { title: bilingual('Khảo sát', 'Survey') });
    expect(languagesOf(json)).toEqual(['vi', 'en']);
    expect(only(json)).toEqual({ path: 'pages[0].elements[1].title', code: 'text.missing_translation', question: 'q2' });
  });

  it('When every shown string has every language, or a question has no title at all, then there is no problem', () => {
    const json = survey([radio('q1', { title: bilingual('Câu 1', 'Question 1'), choices: [{ value: 1, text: bilingual('Có', 'Yes') }, 2] }), radio('q2')], {
      completedHtml: bilingual('<p>Cảm ơn</p>', '<p>Thanks</p>'),
    });
    expect(problems(json, { languages: ['vi', 'en'] })).toEqual([]);
    expect(problems(json, { languages: ['default', 'en'] })).toEqual([]);
  });

  it('When the survey sets its locale, then `default` is that locale', () => {
    const json = survey([radio('q1', { title: { default: 'Age?', vi: 'Tuổi?' } })], { locale: 'en' });
    expect(languagesOf(json)).toEqual(['en', 'vi']);
    expect(problems(json, { languages: ['vi', 'en'] })).toEqual([]);
    expect(only(json, { languages: ['en', 'fr'] })).toMatchObject({ code: 'text.missing_translation' });
  });

  it('When every string is plain, then the questionnaire is single-language and passes without languages', () => {
    expect(languagesOf(imported)).toHaveLength(1);
    expect(problems(imported)).toEqual([]);
    // …but not when both languages are demanded
    expect(problems(imported, { languages: ['vi', 'en'] }).every((p) => p.code === 'text.missing_translation')).toBe(true);
  });
});

describe('checkQuestionnaire: compatibility with the published version', () => {
  const published = survey([
    radio('q1', { choices: [{ value: 1, text: { default: 'Có', en: 'Yes' } }, { value: 2, text: { default: 'Không', en: 'No' } }] }),
    { type: 'text', name: 'age', inputType: 'number' },
    { type: 'matrix', name: 'm', rows: ['a', 'b'], columns: [1, 2] },
    { type: 'rating', name: 'r', rateMin: 0, rateMax: 10 },
  ]);
  const edit = (change: (els: Json[]) => void) => {
    const next = structuredClone(published);
    change((next.pages as { elements: Json[] }[])[0].elements);
    return next;
  };

  it('When a kept name changes type, or a number becomes text, then it is compat.type_changed', () => {
    expect(only(edit((els) => (els[0].type = 'checkbox')), { previous: published })).toEqual({ path: 'pages[0].elements[0]', code: 'compat.type_changed', question: 'q1' });
    expect(only(edit((els) => delete els[1].inputType), { previous: published })).toEqual({ path: 'pages[0].elements[1]', code: 'compat.type_changed', question: 'age' });
  });

  it('When choices, matrix rows or rating values are removed, then it is compat.choices_removed', () => {
    expect(only(edit((els) => (els[0].choices as unknown[]).pop()), { previous: published })).toEqual({ path: 'pages[0].elements[0]', code: 'compat.choices_removed', question: 'q1' });
    expect(only(edit((els) => (els[2].rows = ['a'])), { previous: published })).toEqual({ path: 'pages[0].elements[2]', code: 'compat.choices_removed', question: 'm' });
    expect(only(edit((els) => (els[3].rateMax = 5)), { previous: published })).toEqual({ path: 'pages[0].elements[3]', code: 'compat.choices_removed', question: 'r' });
  });

  it('When a kept value gets another Vietnamese text, then it is compat.choice_meaning_changed', () => {
    const next = edit((els) => ((els[0].choices as Json[])[1].text = { default: 'Không rõ', en: 'No' }));
    expect(only(next, { previous: published })).toEqual({ path: 'pages[0].elements[0].choices[1]', code: 'compat.choice_meaning_changed', question: 'q1' });
    expect(problems(next, { previous: published })[0].message).toContain('tên mới');
  });

  it('When choices are added, English is reworded, radiogroup becomes dropdown or a question is renamed, then it passes', () => {
    const next = edit((els) => {
      els[0].type = 'dropdown';
      (els[0].choices as Json[]).push({ value: 3, text: { default: 'Có lẽ', en: 'Maybe' } });
      (els[0].choices as Json[])[0].text = { default: 'Có', en: 'Yes, indeed' };
      els[1].name = 'age_years';
      els[1].inputType = 'text';
    });
    expect(problems(next, { previous: published })).toEqual([]);
  });
});

describe('the demo questionnaire and an imported one', () => {
  it('When the demo is checked in Vietnamese and English, then it has no problem', () => {
    expect(problems(demo, { languages: ['vi', 'en'] })).toEqual([]);
    expect(problems(demo)).toEqual([]);
    expect(problems(demo, { previous: demo })).toEqual([]);
    expect(languagesOf(demo)).toEqual(['en', 'vi']); // its "default" strings are English, as the client reads them
  });

  it('lists the questions with their page, path and default-locale title', () => {
    const list = listQuestions(demo);
    expect(list).toHaveLength(51);
    expect(list[1]).toEqual({ name: 'district', type: 'radiogroup', path: 'pages[0].elements[1]', page: 0, title: expect.stringMatching(/district/) });
    expect(list.at(-1)).toMatchObject({ name: 'proposals', page: 8 });
    expect(listQuestions(imported).map((q) => q.name)).toContain('phone'); // inside a panel
    expect(listQuestions(imported).map((q) => q.name)).not.toContain('age'); // a panel-dynamic template question
  });
});

describe('summarizeChanges', () => {
  const v1 = { pages: [{ elements: [radio('q1'), radio('q2'), radio('q3')] }] };

  it('When questions are added, removed and edited, then the summary names each and counts pages', () => {
    const v2 = {
      pages: [
        { elements: [{ choices: [1, 2], name: 'q1', type: 'radiogroup' }, radio('q2', { title: 'New wording' })] },
        { elements: [{ type: 'panel', name: 'pn', elements: [radio('q4')] }] },
      ],
    };
    expect(summarizeChanges(v1, v2, 3)).toEqual({ previousVersion: 3, added: ['q4'], removed: ['q3'], changed: ['q2'], pages: { before: 1, after: 2 } });
  });

  it('When nothing is published yet, then every question is added', () => {
    expect(summarizeChanges(undefined, v1, 0)).toEqual({ previousVersion: 0, added: ['q1', 'q2', 'q3'], removed: [], changed: [], pages: { before: 0, after: 1 } });
  });
});
