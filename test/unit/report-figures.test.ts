// The printable report's figures: the margin of error a reader quotes, fieldwork sums per district and
// group, the questionnaire's sections, and which figure each kind of question puts forward.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldworkBy, keyFigures, marginOfError, responseRate, sectionsOf, type ReportQuestion } from '../../client/src/app/report/figures';

const root = path.resolve(import.meta.dirname, '../..');
const survey = JSON.parse(fs.readFileSync(path.join(root, 'surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));

const est = (estimate: number, half = 0.05, n = 10) => ({ estimate, ci: [estimate - half, estimate + half] as [number, number], n });

describe('margin of error', () => {
  it('When 1,000 respondents answer, then a 50% share is ±3.1 points (the pollster’s rule of thumb)', () => {
    expect(marginOfError(1000)).toBeCloseTo(3.099, 3);
    // Four times the respondents halve the margin.
    expect(marginOfError(4000)).toBeCloseTo(marginOfError(1000) / 2, 10);
    expect(marginOfError(400)).toBeCloseTo(4.9, 2);
  });

  it('When the share is not 50%, then the margin is smaller; without respondents there is none', () => {
    expect(marginOfError(1000, 0.1)).toBeCloseTo(1.859, 3);
    expect(marginOfError(1000, 0.1)).toBeLessThan(marginOfError(1000));
    expect(marginOfError(0)).toBeNaN();
    expect(marginOfError(-5)).toBeNaN();
  });
});

describe('fieldwork', () => {
  const cells = [
    { key: { district: 'hai-chau', group: 'a' }, labels: { district: 'Hải Châu', group: 'A' }, quota: 80, completed: 40 },
    { key: { district: 'hai-chau', group: 'b' }, labels: { district: 'Hải Châu', group: 'B' }, quota: 20, completed: 30 },
    { key: { district: 'son-tra', group: 'a' }, labels: { district: 'Sơn Trà', group: 'A' }, quota: 50, completed: 0 },
  ];

  it('When cells are summed by district, then each district has its quota, completed and % of quota, in campaign order', () => {
    expect(fieldworkBy(cells, 'district')).toEqual([
      { value: 'hai-chau', label: 'Hải Châu', quota: 100, completed: 70, pctOfQuota: 70 },
      { value: 'son-tra', label: 'Sơn Trà', quota: 50, completed: 0, pctOfQuota: 0 },
    ]);
  });

  it('When a label in the report’s language is known, then it replaces the Vietnamese one', () => {
    const rows = fieldworkBy(cells, 'group', (v) => ({ a: 'Group A' })[v]);
    expect(rows.map((r) => [r.label, r.quota, r.completed])).toEqual([['Group A', 130, 40], ['B', 20, 30]]);
    // Over quota is shown as it is (150%), not capped.
    expect(rows[1].pctOfQuota).toBe(150);
  });

  it('When invitations were issued, then the rate is used over issued less revoked; none issued → no rate', () => {
    expect(responseRate([{ total: 100, used: 30, revoked: 20 }, { total: 20, used: 10, revoked: 0 }])).toEqual({ issued: 100, used: 40, pct: 40 });
    expect(responseRate([])).toBeNull();
    expect(responseRate([{ total: 5, used: 0, revoked: 5 }])).toBeNull();
  });
});

describe('sections of the questionnaire', () => {
  it('When the demo questionnaire is read, then each page is a section titled in the report’s language with its questions', () => {
    const vi = sectionsOf(survey, 'vi');
    const en = sectionsOf(survey, 'en');
    expect(vi.map((s) => s.title)).toEqual(survey.pages.map((p: { title: { vi: string } }) => p.title.vi));
    expect(en[0].title).toBe(survey.pages[0].title.default);
    // The intro (html) is no question; every question sits in exactly one section.
    expect(vi[0].questions).not.toContain('intro');
    expect(vi[0].questions.slice(0, 2)).toEqual(['district', 'group']);
    const all = vi.flatMap((s) => s.questions);
    expect(new Set(all).size).toBe(all.length);
    expect(vi.at(-1)!.questions).toContain('overall_rating');
  });

  it('When questions sit in a panel or the questionnaire has no pages, then they are still found', () => {
    const json = { elements: [{ type: 'panel', name: 'p', elements: [{ type: 'text', name: 'a' }, { type: 'html', name: 'h' }] }, { type: 'radiogroup', name: 'b' }] };
    expect(sectionsOf(json, 'vi')).toEqual([{ name: 'page1', title: 'page1', questions: ['a', 'b'] }]);
  });
});

describe('key figures', () => {
  const level = (value: string, estimate: number) => ({ value, label: value.toUpperCase(), ...est(estimate) });

  it('When a single choice is shown, then its most chosen answer leads, with ± only when weighted', () => {
    const q: ReportQuestion = { name: 'q', kind: 'single', title: 'Q', answered: 10, levels: [level('a', 0.2), level('b', 0.5), level('c', 0.3)] };
    expect(keyFigures(q, false)).toEqual({ kind: 'top', top: [{ label: 'B', pct: 50, n: 10 }] });
    const weighted = keyFigures(q, true);
    expect(weighted.kind === 'top' && weighted.top[0].moe).toBeCloseTo(5, 10);
  });

  it('When two answers tie, then both are named; when nobody answered, there is no top answer', () => {
    const tie: ReportQuestion = { name: 'q', kind: 'multiple', title: 'Q', answered: 4, levels: [level('a', 0.5), level('b', 0.25), level('c', 0.5)] };
    const k = keyFigures(tie, false);
    expect(k.kind === 'top' && k.top.map((f) => f.label)).toEqual(['A', 'C']);
    expect(keyFigures({ ...tie, answered: 0, levels: [level('a', 0), level('b', 0)] }, false)).toEqual({ kind: 'none' });
  });

  it('When a rating scale is shown, then its mean comes with the top answer', () => {
    const q: ReportQuestion = { name: 'r', kind: 'rating', title: 'R', answered: 3, levels: [level('5', 0.6), level('7', 0.4)], mean: est(5.8, 0.4) };
    const k = keyFigures(q, true);
    expect(k.kind === 'top' && k.mean).toEqual({ value: 5.8, moe: expect.closeTo(0.4, 10) });
  });

  it('When a Likert matrix is shown, then each row gives its share positive; a matrix without a scale gives each row’s top answer', () => {
    const likert: ReportQuestion = {
      name: 'm', kind: 'matrix', title: 'M', answered: 10,
      rows: [
        { value: 'r1', label: 'Row 1', answered: 10, levels: [level('1', 0.7), level('5', 0.3)], top2: est(0.3) },
        { value: 'r2', label: 'Row 2', answered: 10, levels: [level('1', 0.1), level('5', 0.9)], top2: est(0.9) },
      ],
    };
    expect(keyFigures(likert, false)).toEqual({ kind: 'rows', measure: 'positive', rows: [{ label: 'Row 1', pct: 30, n: 10 }, { label: 'Row 2', pct: 90, n: 10 }] });
    const nominal: ReportQuestion = { ...likert, rows: likert.rows!.map(({ top2: _top2, ...r }) => r) };
    const k = keyFigures(nominal, false);
    expect(k.kind === 'rows' && k.measure).toBe('top');
    expect(k.kind === 'rows' && k.rows.map((f) => f.label)).toEqual(['Row 1: 1', 'Row 2: 5']);
  });

  it('When a ranking is shown, then the item most often put first leads; free text gives how many answered', () => {
    const ranking: ReportQuestion = {
      name: 'p', kind: 'ranking', title: 'P', answered: 20,
      items: [{ value: 'x', label: 'X', first: est(0.25) }, { value: 'y', label: 'Y', first: est(0.45) }, { value: 'z', label: 'Z', first: est(0.3) }],
    };
    expect(keyFigures(ranking, false)).toEqual({ kind: 'rank', first: { label: 'Y', pct: 45, n: 10 } });
    expect(keyFigures({ name: 't', kind: 'text', title: 'T', answered: 17 }, false)).toEqual({ kind: 'count', answered: 17 });
  });
});
