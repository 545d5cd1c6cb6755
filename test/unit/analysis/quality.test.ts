// Per-response quality checks the server can also apply at submission time.
import { describe, expect, it } from 'vitest';
import { answerFingerprint, isSpeeder, isStraightLined } from '../../../analysis/quality.js';

describe('response quality checks', () => {
  const names = ['a', 'm', 'c'];
  it('When two responses give the same answers, then their fingerprints match; one changed answer changes it', () => {
    const x = { a: 1, m: { r1: 2, r2: 3 }, c: ['x', 'y'] };
    expect(answerFingerprint(x, names)).toBe(answerFingerprint(structuredClone(x), names));
    expect(answerFingerprint(x, names)).not.toBe(answerFingerprint({ ...x, c: ['x'] }, names));
    expect(answerFingerprint(x, names)).not.toBe(answerFingerprint({ ...x, a: '1' }, names));
  });
  it('A matrix is straight-lined only with enough rows, all in one column', () => {
    expect(isStraightLined({ r1: 3, r2: 3, r3: 3, r4: 3 })).toBe(true);
    expect(isStraightLined({ r1: 3, r2: 3, r3: 3 })).toBe(false);
    expect(isStraightLined({ r1: 3, r2: 3, r3: 4, r4: 3 })).toBe(false);
  });
  it('A speeder is below 0.3 × the median duration by default', () => {
    expect(isSpeeder(89, 300)).toBe(true);
    expect(isSpeeder(91, 300)).toBe(false);
  });
});
