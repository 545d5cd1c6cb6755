// The condition builder writes SurveyJS expressions and reads back what it wrote; what it cannot read
// faithfully is reported as unreadable, so the designer keeps it as raw text instead of dropping it.
import { describe, expect, it } from 'vitest';
import { ConditionRunner } from 'survey-core';
import { parseExpression, writeExpression, type ConditionSet } from '../../client/src/app/designer/expression';

describe('condition builder expressions', () => {
  it('When rows are joined with and, then the expression reads like SurveyJS and survives a round trip', () => {
    const set: ConditionSet = {
      join: 'and',
      rows: [
        { question: 'q1', op: '=', value: 'yes' },
        { question: 'q2', op: 'contains', value: 'a' },
        { question: 'age', op: '>=', value: 18 },
      ],
    };
    const text = writeExpression(set);
    expect(text).toBe("{q1} = 'yes' and {q2} contains 'a' and {age} >= 18");
    expect(parseExpression(text)).toEqual(set);
  });

  it('When every operator is written, then each is read back unchanged', () => {
    for (const op of ['=', '<>', '>', '<', '>=', '<=', 'contains', 'notcontains'] as const) {
      const set: ConditionSet = { join: 'or', rows: [{ question: 'x', op, value: 2 }, { question: 'y', op, value: 'b' }] };
      expect(parseExpression(writeExpression(set))).toEqual(set);
    }
    const emptiness: ConditionSet = { join: 'or', rows: [{ question: 'x', op: 'empty' }, { question: 'y', op: 'notempty' }] };
    expect(writeExpression(emptiness)).toBe('{x} empty or {y} notempty');
    expect(parseExpression('{x} empty or {y} notempty')).toEqual(emptiness);
  });

  it('When the demo questionnaire spells a condition its own way, then the builder still reads it', () => {
    expect(parseExpression("{district} <> 'hoa-vang'")).toEqual({ join: 'and', rows: [{ question: 'district', op: '<>', value: 'hoa-vang' }] });
    expect(parseExpression('{propaganda_rating} = 1 or {propaganda_rating} = 2')?.rows).toHaveLength(2);
    expect(parseExpression('{a} == "x" && {b} != true')).toEqual({
      join: 'and',
      rows: [
        { question: 'a', op: '=', value: 'x' },
        { question: 'b', op: '<>', value: true },
      ],
    });
    expect(parseExpression('')).toEqual({ join: 'and', rows: [] });
  });

  it('When an expression uses brackets, mixed joins or functions, then it is reported unreadable', () => {
    expect(parseExpression("{party_member} = 'yes' and ({pm_study} = 2 or {pm_study} = 3)")).toBeNull();
    expect(parseExpression('{a} = 1 and {b} = 2 or {c} = 3')).toBeNull();
    expect(parseExpression("{a} anyof ['x', 'y']")).toBeNull();
    expect(parseExpression('age({birth}) > 18')).toBeNull();
    expect(parseExpression('{a} =')).toBeNull();
    expect(parseExpression("'yes' = {a}")).toBeNull();
  });

  it('When survey-core runs a written expression, then it means what the rows say', () => {
    const text = writeExpression({ join: 'and', rows: [{ question: 'q1', op: '=', value: 'yes' }, { question: 'q2', op: 'contains', value: 'a' }] });
    const runner = new ConditionRunner(text);
    expect(runner.runValues({ q1: 'yes', q2: ['a', 'b'] })).toBe(true);
    expect(runner.runValues({ q1: 'yes', q2: ['b'] })).toBe(false);
    expect(runner.runValues({ q1: 'no', q2: ['a'] })).toBe(false);
  });

  it('When a text value holds a quote, then the written expression stays one literal', () => {
    const text = writeExpression({ join: 'and', rows: [{ question: 'q', op: '=', value: "it's" }] });
    expect(parseExpression(text)?.rows[0].value).toBe("it's");
  });
});
