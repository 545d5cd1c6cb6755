// When a respondent's answers break one of the questionnaire's rules, then the server's validator
// names the question, gives the stable code and explains it in Vietnamese (or English on request).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileValidator, findForbiddenKeys } from '../../server/responses/validator/index';

const survey = JSON.parse(readFileSync('test/fixtures/validator/kitchen-sink.json', 'utf8'));
const validator = compileValidator(survey);

/** A complete, valid response to the kitchen-sink questionnaire (not a party member). */
const BASE = {
  district: 'hai-chau',
  age: 30,
  member: false,
  occupation: 1,
  channels: ['tv'],
  topics: ['economy', 'health'],
  overall: 7,
  trust: { council: 1, police: 2, press: 3 },
  household: { adults: 2 },
  years: 5,
};

function check(patch: Record<string, unknown>, locale: 'vi' | 'en' = 'vi', remove: string[] = []) {
  const answers: Record<string, unknown> = { ...BASE, ...patch };
  for (const key of remove) delete answers[key];
  return validator.validate(answers, locale);
}
const codes = (patch: Record<string, unknown>, remove: string[] = []) =>
  check(patch, 'vi', remove).map((e) => [e.question, e.code]);

describe('a complete response', () => {
  it('is accepted', () => expect(check({})).toEqual([]));
  it('is accepted with every optional question answered as the page would', () => {
    expect(check({
      consent: 'yes', income: 2, free_other: 'Tự ghi', email: 'an@example.vn', phone: '0905123456', filtered: ['tv'],
      priorities: ['jobs', 'housing', 'transport', 'environment'], mood: 'ok', logo: 'red', remarks: 'Rất hài lòng',
      services: { water: { quality: 2, issues: ['price'], note: 'ổn' } }, satisfied: 'yes', 'satisfied-Comment': 'tốt',
    })).toEqual([]);
  });
});

describe('unknown questions and forbidden keys', () => {
  it('refuses a key that is not a question', () => {
    expect(check({ favourite_colour: 'blue' })).toEqual([{
      question: 'favourite_colour', code: 'unknown_question', message: 'Bảng hỏi không có câu hỏi “favourite_colour”.',
    }]);
  });
  it('refuses a comment key on a question without an "other" or comment box', () => {
    expect(codes({ 'district-Comment': 'x' })).toEqual([['district-Comment', 'unknown_question']]);
  });
  it('refuses operator, dotted and prototype keys at any depth, and checks nothing else', () => {
    const answers = JSON.parse('{"$where": "1", "trust": {"__proto__": {"x": 1}, "a.b": 2}, "zz": 1}');
    expect(validator.validate(answers, 'vi').map((e) => [e.question, e.code])).toEqual([
      ['$where', 'forbidden_key'], ['trust.__proto__', 'forbidden_key'], ['trust["a.b"]', 'forbidden_key'],
    ]);
  });
  it('lists the path of every forbidden key', () => {
    expect(findForbiddenKeys({ a: [{ $gt: 1 }, { ok: { constructor: 1 } }], 'x.y': 1, prototype: 2 })).toEqual([
      'a[0].$gt', 'a[1].ok.constructor', '["x.y"]', 'prototype',
    ]);
    expect(findForbiddenKeys({ a: { b: [1, 'c'] }, 'd-Comment': 'e' })).toEqual([]);
  });
});

describe('values outside the choices', () => {
  it('refuses a radio value that is not a choice', () => {
    expect(check({ district: 'da-nang' })[0]).toEqual({
      question: 'district', code: 'not_in_choices', message: 'Giá trị “da-nang” không nằm trong các phương án trả lời của câu hỏi.',
    });
  });
  it('refuses unknown checkbox, dropdown, image and boolean values', () => {
    expect(codes({ channels: ['tv', 'tiktok', 'other'] })).toEqual([['channels', 'not_in_choices']]);
    expect(codes({ income: 9 })).toEqual([['income', 'not_in_choices']]);
    expect(codes({ logo: 'green' })).toEqual([['logo', 'not_in_choices']]);
    expect(codes({ member: 'yes' })).toEqual([['member', 'not_in_choices']]);
    expect(codes({ consent: true })).toEqual([['consent', 'not_in_choices']]); // valueTrue is "yes"
  });
  it('takes any text as the "other" answer and a numeric string for a numeric choice, as survey-core does', () => {
    expect(check({ occupation: 'Thợ điện' })).toEqual([]);
    expect(check({ occupation: 'other', 'occupation-Comment': 'Thợ điện' })).toEqual([]);
    expect(check({ channels: ['tv', 'Zalo'] })).toEqual([]);
    expect(check({ occupation: '1' })).toEqual([]);
  });
  it('asks for the text of a ticked "other"', () => {
    expect(check({ occupation: 'other' })[0]).toMatchObject({ question: 'occupation', code: 'required', message: 'Vui lòng ghi rõ nội dung cho phương án “Khác”.' });
  });
  it('refuses a choice hidden by its visibleIf or the question\'s choicesVisibleIf', () => {
    // with showOtherItem survey-core reads a hidden choice as the "other" text, so it passes
    expect(check({ age: 16, occupation: 4 })).toEqual([]);
    expect(codes({ topics: ['economy', 'party'] })).toEqual([['topics', 'not_in_choices']]);
    expect(check({ member: true, member_years: 1, topics: ['economy', 'party'] })).toEqual([]);
    expect(codes({ filtered: ['radio'] })).toEqual([['filtered', 'not_in_choices']]);
  });
  it('refuses "none" ticked with other options, the select-all marker, duplicates and partial rankings', () => {
    expect(codes({ channels: ['none', 'tv'] })).toEqual([['channels', 'invalid']]);
    expect(check({ channels: ['none'] }).filter((e) => e.question === 'channels')).toEqual([]);
    expect(codes({ topics: ['selectall'] })).toEqual([['topics', 'not_in_choices']]);
    expect(codes({ topics: ['health', 'health'] })).toEqual([['topics', 'invalid']]);
    expect(codes({ priorities: ['jobs', 'housing'] })).toEqual([['priorities', 'invalid']]);
    expect(codes({ priorities: ['jobs', 'housing', 'transport', 'parks'] })).toEqual([['priorities', 'not_in_choices']]);
  });
});

describe('wrong shapes', () => {
  it.each([
    ['channels', 'tv', 'Câu trả lời phải là một danh sách các phương án.'],
    ['trust', 'x', 'Câu trả lời phải là một bảng, mỗi dòng một giá trị.'],
    ['overall', '7', 'Câu trả lời phải là một số.'],
    ['age', '30', 'Câu trả lời phải là một số.'],
    ['remarks', 42, 'Câu trả lời phải là văn bản.'],
    ['district', ['hai-chau'], 'Câu hỏi này chỉ nhận một phương án.'],
    ['household', [2], 'Câu trả lời phải là một bảng, mỗi dòng một giá trị.'],
  ])('refuses %s = %j', (question, value, message) => {
    expect(check({ [question]: value })[0]).toEqual({ question, code: 'wrong_type', message });
  });
});

describe('matrix rows and columns', () => {
  it('refuses an unknown row or column value', () => {
    expect(codes({ trust: { council: 1, police: 2, press: 3, mayor: 4 } })).toEqual([['trust', 'unknown_row']]);
    expect(check({ trust: { council: 9, police: 2, press: 3 } })[0]).toMatchObject({ code: 'unknown_column', message: 'Dòng “council” không có cột hoặc giá trị 9.' });
    expect(codes({ services: { gas: { quality: 1 } } })).toEqual([['services', 'unknown_row']]);
    expect(codes({ services: { water: { colour: 1 } } })).toEqual([['services', 'unknown_column']]);
    expect(codes({ services: { water: { quality: 7 } } })).toEqual([['services', 'unknown_column']]);
    expect(codes({ household: { adults: 2, pets: 1 } })).toEqual([['household', 'unknown_row']]);
  });
});

describe('selection counts, scales and limits', () => {
  it('refuses more than maxSelectedChoices and fewer than minSelectedChoices', () => {
    expect(check({ channels: ['tv', 'radio', 'press', 'web'] })[0]).toEqual({ question: 'channels', code: 'too_many_choices', message: 'Chỉ được chọn tối đa 3 phương án.' });
    expect(check({ topics: ['economy'] })[0]).toMatchObject({ question: 'topics', code: 'invalid', message: 'Vui lòng chọn ít nhất 2 phương án.' });
  });
  it('refuses a rating outside its scale', () => {
    expect(check({ overall: 11 })[0]).toEqual({ question: 'overall', code: 'out_of_range', message: 'Điểm đánh giá phải là một trong các mức: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.' });
    expect(codes({ overall: 6.5 })).toEqual([['overall', 'out_of_range']]);
    expect(codes({ mood: 'great' })).toEqual([['mood', 'out_of_range']]);
  });
  it('refuses numbers outside min/max and text over maxLength', () => {
    expect(check({ age: 120 })[0]).toMatchObject({ question: 'age', code: 'out_of_range', message: 'Giá trị không được lớn hơn 99.' });
    expect(check({ age: 14 })[0]).toMatchObject({ question: 'age', code: 'out_of_range', message: 'Giá trị phải từ 15 trở lên.' });
    expect(check({ phone: '0905123456789' })[0]).toMatchObject({ question: 'phone', code: 'out_of_range', message: 'Câu trả lời dài quá 12 ký tự.' });
    expect(codes({ household: { adults: 2, note: 'x'.repeat(31) } })).toEqual([['household', 'out_of_range']]);
  });
  it('runs the questionnaire\'s validators', () => {
    expect(check({ email: 'an@' })[0]).toMatchObject({ question: 'email', code: 'invalid', message: 'Địa chỉ email không hợp lệ.' });
    expect(codes({ phone: '12345' })).toEqual([['phone', 'invalid']]);
    expect(codes({ remarks: 'ok' })).toEqual([['remarks', 'invalid']]);
    expect(codes({ years: 90 })).toEqual([['years', 'out_of_range']]);
    expect(codes({ years: 40 })).toEqual([['years', 'invalid']]); // expression {years} <= {age}
  });
});

describe('required answers', () => {
  it('asks for a missing required answer, an empty one, and every row of an eachRowRequired matrix', () => {
    expect(check({}, 'vi', ['district'])).toEqual([{ question: 'district', code: 'required', message: 'Vui lòng trả lời câu hỏi này.' }]);
    expect(codes({ channels: [] })).toEqual([['channels', 'required']]);
    expect(check({ trust: { council: 1, police: 2 } })[0]).toMatchObject({ question: 'trust', code: 'required', message: 'Vui lòng trả lời tất cả các dòng.' });
    expect(codes({ household: { children: 1 } })).toEqual([['household', 'required']]);
  });
  it('applies requiredIf', () => {
    expect(codes({ occupation: 2 })).toEqual([['income', 'required']]);
    expect(check({ occupation: 2, income: 3 })).toEqual([]);
  });
  it('keeps the answer of a question disabled by enableIf without validating it, as survey-core does', () => {
    expect(check({ age: 16, income: 2 })).toEqual([]);
    expect(codes({ age: 16, income: 'lots' })).toEqual([['income', 'not_in_choices']]);
  });
});

describe('hidden questions', () => {
  it('refuses an answer to a question hidden by its visibleIf', () => {
    expect(check({ why_low: 'Tắc đường' })).toEqual([{
      question: 'why_low', code: 'hidden_question',
      message: 'Câu hỏi này không hiển thị với các câu trả lời đã chọn nên không được trả lời.',
    }]);
    expect(check({ overall: 2, why_low: 'Tắc đường' })).toEqual([]);
    expect(codes({ overall: 2 })).toEqual([['why_low', 'required']]);
  });
  it('refuses answers on a hidden page or panel, and down a chain of conditions', () => {
    expect(codes({ member_years: 1 })).toEqual([['member_years', 'hidden_question']]);
    expect(codes({ member: true, member_years: 1, roles: ['member'] })).toEqual([['roles', 'hidden_question']]);
    expect(check({ member: true, member_years: 3, roles: ['secretary'], role_detail: 'Bí thư chi bộ' })).toEqual([]);
    expect(codes({ member: true, member_years: 3, roles: ['member'], role_detail: 'x' })).toEqual([['role_detail', 'hidden_question']]);
  });
});

describe('messages', () => {
  it('speak English when the request asks for it', () => {
    expect(check({ district: 'da-nang', why_low: 'x', zz: 1 }, 'en').map((e) => e.message)).toEqual([
      'The questionnaire has no question “zz”.',
      '“da-nang” is not one of the question\'s answer options.',
      'This question is not shown for the answers given, so it must not be answered.',
    ]);
  });
});
