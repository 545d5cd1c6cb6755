// The survey-aware topline on the real demo questionnaire (surveys/giua-nhiem-ky-2023/survey.json).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tabulate } from '../../../analysis/tabulate.js';
import { readQuestionnaire } from '../../../analysis/questionnaire.js';

const survey = JSON.parse(readFileSync(new URL('../../../surveys/giua-nhiem-ky-2023/survey.json', import.meta.url), 'utf8'));
const member = { district: 'hai-chau', group: 'party-members', party_member: 'yes', pm_study: 1, pm_party_years: 2, propaganda_rating: 1, propaganda_gaps: ['other'] };
const business = { district: 'hoa-vang', group: 'business', party_member: 'no', propaganda_rating: 4, business_env: {} };

describe('the demo questionnaire', () => {
  it('reads every question with a Vietnamese title and an analysis kind', () => {
    const qs = readQuestionnaire(survey, 'vi');
    expect(qs.length).toBe(50);
    expect(qs.find((q) => q.name === 'district')!.choices.map((c) => c.label)).toContain('Quận Hải Châu');
    expect(new Set(qs.map((q) => q.kind))).toEqual(new Set(['single', 'multiple', 'matrix', 'text', 'ranking', 'rating']));
  });
  it('When respondents are not party members or not in business, then their questions count as not shown', async () => {
    const t = await tabulate(survey, [member, business].map((data) => ({ data })), { locale: 'en' });
    const q = (n: string) => t.questions.find((x) => x.name === n)!;
    expect(q('pm_party_years')).toMatchObject({ shown: 1, notShown: 1, answered: 1 });
    expect(q('pm_commitment')).toMatchObject({ shown: 1, notShown: 1, noAnswer: 1 });
    expect(q('business_env')).toMatchObject({ shown: 1, notShown: 1, noAnswer: 1 });
    expect(q('urban_gov_effect')).toMatchObject({ shown: 1, notShown: 1 }); // not asked in rural Hòa Vang
    expect(q('propaganda_gaps')).toMatchObject({ shown: 1, notShown: 1, answered: 1 });
    expect(q('district').title).not.toBe('district');
  });
});
