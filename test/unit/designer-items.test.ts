// Helpers behind the designer's choice lists, answer checks, show-if targets and problem links.
import { describe, expect, it } from 'vitest';
import { coerceValue, makeItem, moveItem, nextValue } from '../../client/src/app/designer/items';
import { VI_DEFAULT, writeText } from '../../client/src/app/designer/localized';
import { selectionForProblem } from '../../client/src/app/designer/selection';
import { conditionTargets, operatorsFor } from '../../client/src/app/designer/targets';
import { editValidator, findValidator, setValidator } from '../../client/src/app/designer/validators';

const survey = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'member', choices: [{ value: 'yes', text: 'Có' }, 'no'] },
        { type: 'checkbox', name: 'channels', choices: [1, 2, 3] },
        { type: 'rating', name: 'score', rateMin: 1, rateMax: 3 },
        { type: 'matrix', name: 'grid', rows: ['a'], columns: [1] },
        { type: 'text', name: 'age', inputType: 'number' },
      ],
    },
  ],
};

describe('choice lists', () => {
  it('When an item gets a text, then it becomes {value, text}; without one it is the bare value again', () => {
    const withText = makeItem(1, 1, writeText(undefined, 'vi', 'Một', VI_DEFAULT));
    expect(withText).toEqual({ value: 1, text: 'Một' });
    expect(makeItem(withText, 1, undefined)).toBe(1);
    expect(makeItem({ value: 'x', text: 'X', visibleIf: '{a} = 1' }, 'y', undefined)).toEqual({ value: 'y', visibleIf: '{a} = 1' });
  });

  it('When values are typed, then numbered lists stay numbers and text lists stay text', () => {
    expect(coerceValue('4', 3, [1, 2, 3])).toBe(4);
    expect(coerceValue('yes', 3, [1, 2, 3])).toBe('yes');
    expect(coerceValue('4', '3', ['1'])).toBe('4');
    expect(nextValue([1, 2, 5])).toBe(6);
    expect(nextValue(['r1', 'r2'], 'r')).toBe('r3');
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });
});

describe('answer checks', () => {
  it('When a check is set and cleared, then only that validator changes and an empty list disappears', () => {
    let q: Record<string, unknown> = { type: 'text', name: 't', validators: [{ type: 'expression', expression: '{t} > 1' }] };
    q = editValidator(q, 'numeric', 'minValue', 1);
    q = editValidator(q, 'numeric', 'maxValue', 9);
    expect(findValidator(q, 'numeric')).toEqual({ type: 'numeric', minValue: 1, maxValue: 9 });
    q = editValidator(q, 'numeric', 'minValue', undefined);
    q = editValidator(q, 'numeric', 'maxValue', undefined);
    expect(q.validators).toEqual([{ type: 'expression', expression: '{t} > 1' }]);
    expect(setValidator({ type: 'text', name: 'e', validators: [{ type: 'email' }] }, 'email', undefined)).toEqual({ type: 'text', name: 'e' });
  });
});

describe('show-if targets and problem links', () => {
  it('When the builder lists questions, then each offers its own values and fitting operators', () => {
    const targets = conditionTargets(survey, 'age');
    expect(targets.map((t) => t.name)).toEqual(['member', 'channels', 'score']);
    expect(targets[0].options?.map((o) => o.value)).toEqual(['yes', 'no']);
    expect(targets[2].options?.map((o) => o.value)).toEqual([1, 2, 3]);
    expect(operatorsFor(targets[1])).toContain('contains');
    expect(operatorsFor(targets[0])).not.toContain('>');
  });

  it('When a problem names a question or only a path, then it leads to that question or page', () => {
    expect(selectionForProblem(survey, { path: 'x', code: 'c', message: 'm', question: 'score' })).toEqual({ kind: 'question', name: 'score' });
    expect(selectionForProblem(survey, { path: 'pages[0].elements[3].rows[0]', code: 'c', message: 'm' })).toEqual({ kind: 'question', name: 'grid' });
    expect(selectionForProblem(survey, { path: '/pages/0/title', code: 'c', message: 'm' })).toEqual({ kind: 'page', index: 0 });
    expect(selectionForProblem(survey, { path: 'title', code: 'c', message: 'm' })).toEqual({ kind: 'survey' });
  });
});
