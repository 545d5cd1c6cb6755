// When conditions name an answer in another letter case, reach into a matrix answer or read a
// calculated value, then the validator (which evaluates them on the answer keys they can read) shows
// and hides exactly the questions survey-core's own Model does.
import { describe, expect, it } from 'vitest';
import { compileValidator } from '../../server/responses/validator/index';
import { createReference } from '../../server/responses/validator/reference';
import { conditionReads } from '../../server/responses/validator/reads';
import { compileSurvey } from '../../server/responses/validator/compile';

const survey = {
  calculatedValues: [{ name: 'trustSum', expression: '{trust.police} + {trust.press}' }],
  pages: [
    {
      elements: [
        { type: 'radiogroup', name: 'Member', choices: ['yes', 'no'] },
        { type: 'matrix', name: 'trust', columns: [1, 2, 3], rows: ['police', 'press'] },
        { type: 'text', name: 'why_member', visibleIf: "{member} = 'yes'" },
        { type: 'text', name: 'why_distrust', visibleIf: '{TRUST.police} = 1' },
        { type: 'text', name: 'low_trust', visibleIf: '{trustSum} <= 3' },
        { type: 'checkbox', name: 'media', choices: ['tv', 'radio', { value: 'party_press', visibleIf: "{member} = 'yes'" }] },
      ],
    },
  ],
};

const answerSets: Record<string, unknown>[] = [];
for (const member of ['yes', 'no', undefined])
  for (const police of [1, 2, 3, undefined])
    for (const extra of [{}, { why_member: 'a' }, { why_distrust: 'b' }, { low_trust: 'c' }, { media: ['party_press'] }, { media: ['tv'] }]) {
      const a: Record<string, unknown> = { ...extra, zeta: undefined };
      delete a.zeta;
      if (member !== undefined) a.Member = member;
      if (police !== undefined) a.trust = { police, press: 1 };
      answerSets.push(a);
    }

describe('conditions evaluated on the keys they read', () => {
  it('reads only the names the conditions use, whatever their case and path', () => {
    const reads = conditionReads(compileSurvey(survey).questions);
    expect(reads).not.toBeNull();
    expect([...reads!].sort()).toEqual(['member', 'trust', 'trust.police', 'trustsum']);
  });

  it(`accepts and refuses what survey-core does, on ${answerSets.length} answer sets`, () => {
    const validator = compileValidator(survey);
    const reference = createReference(survey);
    const key = (list: { question: string; code: string }[]) => list.map((e) => `${e.question}:${e.code}`).sort();
    let refused = 0;
    for (const answers of answerSets) {
      const ours = key(validator.validate(answers, 'vi'));
      expect(ours, JSON.stringify(answers)).toEqual(key(reference.check(answers)));
      if (ours.length) refused++;
    }
    // Both outcomes occur: the comparison is not between two empty lists.
    expect(refused).toBeGreaterThan(10);
    expect(refused).toBeLessThan(answerSets.length - 10);
  });

  it('falls back to all answers when a condition calls a function', () => {
    const withFunction = { pages: [{ elements: [{ type: 'text', name: 'a' }, { type: 'text', name: 'b', visibleIf: "iif({a} = 'x', true, false)" }] }] };
    expect(conditionReads(compileSurvey(withFunction).questions)).toBeNull();
  });
});

describe('remembered outcomes', () => {
  const s = { pages: [{ elements: [
    { type: 'text', name: 'a' }, { type: 'text', name: 'b' },
    { type: 'text', name: 'c', visibleIf: "{a} = 'x' and {b} = 'y'" },
  ] }] };
  it('cannot be planted by an answer that spells other answers', () => {
    const validator = compileValidator(s);
    // First a value that, badly encoded, would read as a = 'x' and b = 'y': c is hidden for it.
    expect(validator.validate({ a: 'x","b":"y', c: 'z' }, 'en').map((e) => e.code)).toEqual(['hidden_question']);
    expect(validator.validate({ a: 'x\u0000b\u0000sy', c: 'z' }, 'en').map((e) => e.code)).toEqual(['hidden_question']);
    // Then the real pair: c is shown and its answer accepted.
    expect(validator.validate({ a: 'x', b: 'y', c: 'z' }, 'en')).toEqual([]);
    expect(validator.validate({ a: 'x', b: 'yy', c: 'z' }, 'en').map((e) => e.code)).toEqual(['hidden_question']);
    expect(validator.validate({ a: 'x', b: 'y', c: 'z' }, 'en')).toEqual([]);
  });
});
