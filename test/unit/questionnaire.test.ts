// The demo questionnaire (surveys/giua-nhiem-ky-2023/survey.json) and its campaign file:
// they load cleanly in survey-core, every shown string is bilingual, variable names suit
// SPSS/Stata/R, conditions name real questions, and the campaign's strata match the choices.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConditionRunner, Model, type Question } from 'survey-core';

type Json = Record<string, unknown>;
type Choice = { value: string | number; text?: unknown };
type Localized = { default: string; vi: string };

const dir = new URL('../../surveys/giua-nhiem-ky-2023/', import.meta.url);
const surveyJson = JSON.parse(readFileSync(new URL('survey.json', dir), 'utf8')) as Json;
const campaign = JSON.parse(readFileSync(new URL('campaign.json', dir), 'utf8')) as {
  slug: string;
  title: Localized;
  fieldwork: { opensAt: string; closesAt: string; timezone: string };
  access: string;
  anonymity: string;
  strata: { variables: string[]; cells: { key: Record<string, string>; quota: number }[] };
  whenFull: string;
  population?: { source: string; margins: Record<string, Record<string, number>> };
};

const DISTRICTS = ['hai-chau', 'thanh-khe', 'son-tra', 'ngu-hanh-son', 'lien-chieu', 'cam-le', 'hoa-vang'];
const GROUPS = ['cadres-civil-servants', 'party-members', 'mass-organisations', 'business', 'residents'];
const PROFILE = ['district', 'group', 'gender', 'age_group', 'education', 'occupation', 'party_member'];
const ALLOWED_TYPES = new Set([
  'radiogroup', 'checkbox', 'dropdown', 'matrix', 'rating', 'ranking', 'comment', 'text', 'boolean', 'html',
]);
// Properties whose value a respondent sees: each must be {"default": English, "vi": Vietnamese}.
const SHOWN = new Set([
  'title', 'description', 'text', 'html', 'completedHtml', 'otherText', 'noneText', 'labelTrue', 'labelFalse',
  'minRateDescription', 'maxRateDescription', 'placeholder', 'otherPlaceholder', 'requiredErrorText',
]);
const CONDITIONS = ['visibleIf', 'enableIf', 'requiredIf'];
const VI_DIACRITICS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
// Vietnamese words that are written without diacritics, allowed as a whole shown string.
const VI_PLAIN = new Set(['Nam']);
// Letters, digits and underscores, starting with a letter, at most 32 characters (SPSS, Stata, R).
const VAR_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const SPSS_RESERVED = new Set(['all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with']);

const model = new Model(surveyJson);
const questions: Question[] = model.getAllQuestions();
const answerable = questions.filter((q) => q.getType() !== 'html');
const byName = new Map(questions.map((q) => [q.name, q]));

/** Every {path, value} pair in the raw JSON whose key is a shown property. */
function shownStrings(node: unknown, path = '$'): { path: string; value: unknown }[] {
  const found: { path: string; value: unknown }[] = [];
  if (Array.isArray(node)) {
    node.forEach((item, i) => found.push(...shownStrings(item, `${path}[${i}]`)));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Json)) {
      if (SHOWN.has(key)) found.push({ path: `${path}.${key}`, value });
      else found.push(...shownStrings(value, `${path}.${key}`));
    }
  }
  return found;
}

/** Every object in the raw JSON that carries a condition, with the condition. */
function conditions(node: unknown, path = '$'): { path: string; expr: string }[] {
  const found: { path: string; expr: string }[] = [];
  if (Array.isArray(node)) {
    node.forEach((item, i) => found.push(...conditions(item, `${path}[${i}]`)));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Json)) {
      if (CONDITIONS.includes(key) && typeof value === 'string') found.push({ path: `${path}.${key}`, expr: value });
      else found.push(...conditions(value, `${path}.${key}`));
    }
  }
  return found;
}

function rawQuestions(): Json[] {
  return (surveyJson.pages as { elements: Json[] }[]).flatMap((p) => p.elements);
}

function choiceValues(name: string): (string | number)[] {
  const q = rawQuestions().find((e) => e.name === name);
  return ((q?.choices ?? []) as Choice[]).map((c) => c.value);
}

describe('demo questionnaire: loads in survey-core', () => {
  it('has no jsonErrors and only standard question types', () => {
    expect(model.jsonErrors ?? []).toEqual([]);
    for (const q of questions) expect(ALLOWED_TYPES, q.name).toContain(q.getType());
  });

  it('does not fix the locale in JSON (the page sets it) and uses the settings the platform expects', () => {
    expect(surveyJson.locale).toBeUndefined();
    expect(surveyJson.questionsOnPageMode).toBe('standard');
    expect(surveyJson.showProgressBar).toBe(true);
    expect(surveyJson.completedHtml).toMatchObject({ default: expect.any(String), vi: expect.any(String) });
  });

  it('has 40–70 questions over 7–9 pages', () => {
    expect(answerable.length).toBeGreaterThanOrEqual(40);
    expect(questions.length).toBeLessThanOrEqual(70);
    expect(model.pages.length).toBeGreaterThanOrEqual(7);
    expect(model.pages.length).toBeLessThanOrEqual(9);
  });

  it('gives every question a unique name that is a valid SPSS/Stata/R variable name', () => {
    const names = questions.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name, name).toMatch(VAR_NAME);
      expect(SPSS_RESERVED.has(name.toLowerCase()), name).toBe(false);
    }
  });

  it('uses short codes for matrix rows and checkbox choices so that derived names stay within 32 chars', () => {
    for (const q of rawQuestions()) {
      const codes: (string | number)[] = [];
      if (q.type === 'matrix') codes.push(...(q.rows as Choice[]).map((r) => r.value));
      if (q.type === 'checkbox' || q.type === 'ranking') codes.push(...(q.choices as Choice[]).map((c) => c.value));
      for (const code of codes) {
        expect(String(code), `${String(q.name)}: ${code}`).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
        expect(`${String(q.name)}_${code}`.length, `${String(q.name)}_${code}`).toBeLessThanOrEqual(32);
      }
    }
  });

  it('codes every Likert matrix column 1..5', () => {
    const matrices = rawQuestions().filter((q) => q.type === 'matrix');
    expect(matrices.length).toBeGreaterThanOrEqual(4);
    for (const m of matrices) {
      expect((m.columns as Choice[]).map((c) => c.value), String(m.name)).toEqual([1, 2, 3, 4, 5]);
    }
  });
});

describe('demo questionnaire: bilingual text', () => {
  const strings = shownStrings(surveyJson);

  it('finds the shown strings', () => {
    expect(strings.length).toBeGreaterThan(300);
  });

  it('gives every shown string both an English default and a Vietnamese text with diacritics', () => {
    for (const { path, value } of strings) {
      expect(value, path).toEqual({ default: expect.any(String), vi: expect.any(String) });
      const { default: en, vi } = value as Localized;
      expect(en.trim().length, path).toBeGreaterThan(0);
      expect(vi.trim().length, path).toBeGreaterThan(0);
      expect(vi, path).not.toBe(en);
      if (!VI_PLAIN.has(vi)) expect(vi, path).toMatch(VI_DIACRITICS);
    }
  });

  it('gives every choice, row and column a text, every page and answerable question a title', () => {
    for (const q of rawQuestions()) {
      for (const key of ['choices', 'rows', 'columns']) {
        for (const item of (q[key] ?? []) as Choice[]) {
          expect(typeof item, `${String(q.name)}.${key}`).toBe('object');
          expect(item.text, `${String(q.name)}.${key}.${item.value}`).toBeDefined();
        }
      }
      if (q.type !== 'html') expect(q.title, String(q.name)).toBeDefined();
      else expect(q.html, String(q.name)).toBeDefined();
    }
    for (const page of surveyJson.pages as Json[]) expect(page.title, String(page.name)).toBeDefined();
  });

  it('is understood by survey-core in both locales', () => {
    const vi = new Model(surveyJson);
    vi.locale = 'vi';
    expect(vi.title).toBe((surveyJson.title as Localized).vi);
    const en = new Model(surveyJson);
    expect(en.title).toBe((surveyJson.title as Localized).default);
    for (const q of vi.getAllQuestions().filter((q) => q.getType() !== 'html')) {
      expect(q.title, q.name).toMatch(VI_DIACRITICS);
      expect(en.getQuestionByName(q.name).title, q.name).not.toBe(q.title);
    }
  });
});

describe('demo questionnaire: respondent profile and campaign strata', () => {
  it('has the required profile variables on the first page', () => {
    const firstPage = model.pages[0];
    expect(firstPage.name).toBe('p1_profile');
    for (const name of PROFILE) {
      const q = byName.get(name);
      expect(q, name).toBeDefined();
      expect(q!.isRequired, name).toBe(true);
      expect(firstPage.questions).toContain(q);
    }
    expect(choiceValues('party_member')).toEqual(['yes', 'no']);
  });

  it('offers exactly the 7 districts with residents and the 5 respondent groups', () => {
    expect(choiceValues('district')).toEqual(DISTRICTS);
    expect(choiceValues('group')).toEqual(GROUPS);
  });

  it('describes the demo campaign', () => {
    expect(campaign.slug).toBe('giua-nhiem-ky-2023');
    expect(campaign.title.vi).toMatch(VI_DIACRITICS);
    expect(campaign.title.default).not.toBe(campaign.title.vi);
    expect(campaign.fieldwork).toEqual({
      opensAt: '2023-04-01T00:00:00+07:00',
      closesAt: '2023-06-30T23:59:59+07:00',
      timezone: 'Asia/Ho_Chi_Minh',
    });
    expect(campaign.access).toBe('public');
    expect(campaign.anonymity).toBe('anonymous');
    expect(campaign.whenFull).toBe('accept-and-flag');
  });

  it('has one stratum per district × group, keyed by values that exist among the questions\' choices', () => {
    const { variables, cells } = campaign.strata;
    expect(variables).toEqual(['district', 'group']);
    expect(cells).toHaveLength(DISTRICTS.length * GROUPS.length);
    const seen = new Set<string>();
    for (const cell of cells) {
      expect(Object.keys(cell.key).sort()).toEqual([...variables].sort());
      for (const variable of variables) {
        expect(byName.has(variable), variable).toBe(true);
        expect(choiceValues(variable), `${variable}=${cell.key[variable]}`).toContain(cell.key[variable]);
      }
      const id = `${cell.key.district}|${cell.key.group}`;
      expect(seen.has(id), id).toBe(false);
      seen.add(id);
      expect(Number.isInteger(cell.quota) && cell.quota > 0, id).toBe(true);
    }
  });

  it('plans 2,000–3,000 respondents, more in the bigger districts', () => {
    const cells = campaign.strata.cells;
    const total = cells.reduce((sum, c) => sum + c.quota, 0);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(total).toBeLessThanOrEqual(3000);
    const byDistrict = (d: string) => cells.filter((c) => c.key.district === d).reduce((s, c) => s + c.quota, 0);
    expect(byDistrict('hai-chau')).toBeGreaterThan(byDistrict('ngu-hanh-son'));
  });

  it('gives population margins for the districts the questionnaire offers, marked as demo figures', () => {
    const population = campaign.population!;
    expect(population.source).toMatch(/demo/i);
    expect(Object.keys(population.margins.district).sort()).toEqual([...DISTRICTS].sort());
    for (const n of Object.values(population.margins.district)) expect(n).toBeGreaterThan(10_000);
  });
});

describe('demo questionnaire: skip logic', () => {
  const found = conditions(surveyJson);

  it('has conditions, and every one names only existing questions', () => {
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const { path, expr } of found) {
      const variables = new ConditionRunner(expr).getVariables();
      expect(variables.length, path).toBeGreaterThan(0);
      for (const v of variables) expect(byName.has(v), `${path}: ${v}`).toBe(true);
    }
  });

  it('shows the Party-member questions to Party members only', () => {
    const partyOnly = questions.filter((q) => q.visibleIf?.includes("{party_member} = 'yes'"));
    expect(partyOnly.length).toBeGreaterThanOrEqual(5);
    const m = new Model(surveyJson);
    m.setValue('party_member', 'no');
    for (const q of partyOnly) expect(m.getQuestionByName(q.name).isVisible, q.name).toBe(false);
    m.setValue('party_member', 'yes');
    m.setValue('pm_study', 2);
    for (const q of partyOnly) expect(m.getQuestionByName(q.name).isVisible, q.name).toBe(true);
  });

  it('shows follow-up questions only for the answers that call for them', () => {
    const m = new Model(surveyJson);
    const gaps = m.getQuestionByName('propaganda_gaps');
    expect(gaps.isVisible).toBe(false);
    m.setValue('propaganda_rating', 2);
    expect(gaps.isVisible).toBe(true);
    m.setValue('propaganda_rating', 4);
    expect(gaps.isVisible).toBe(false);

    const business = m.getQuestionByName('business_env');
    m.setValue('group', 'residents');
    expect(business.isVisible).toBe(false);
    m.setValue('group', 'business');
    expect(business.isVisible).toBe(true);

    const urban = m.getQuestionByName('urban_gov_effect');
    m.setValue('district', 'hoa-vang');
    expect(urban.isVisible).toBe(false);
    m.setValue('district', 'hai-chau');
    expect(urban.isVisible).toBe(true);
  });
});

describe('demo questionnaire: the instrument\'s parts', () => {
  const raw = rawQuestions();
  const ofType = (type: string) => raw.filter((q) => q.type === type);

  it('asks awareness of each resolution in a matrix', () => {
    const awareness = raw.find((q) => q.name === 'awareness')!;
    expect(awareness.type).toBe('matrix');
    expect((awareness.rows as Choice[]).map((r) => r.value)).toEqual(expect.arrayContaining(['nq13', 'nq22', 'nq43']));
  });

  it('assesses the 3 breakthrough tasks and the 10 programmes and 2 plans under 43-NQ/TW', () => {
    expect((raw.find((q) => q.name === 'breakthrough')!.rows as unknown[]).length).toBe(3);
    const rows = (raw.find((q) => q.name === 'nq43_programmes')!.rows as Choice[]).map((r) => String(r.value));
    expect(rows.filter((r) => r.startsWith('prog'))).toHaveLength(10);
    expect(rows.filter((r) => r.startsWith('plan'))).toHaveLength(2);
    expect((surveyJson.description as Localized).default).toMatch(/edit/i);
  });

  it('has information channels with "other" and a selection limit', () => {
    const channels = raw.find((q) => q.name === 'info_channels')!;
    expect(channels.type).toBe('checkbox');
    expect(channels.showOtherItem).toBe(true);
    expect(channels.maxSelectedChoices).toBeGreaterThan(0);
  });

  it('asks for objective and subjective causes of limitations', () => {
    for (const name of ['limitations', 'causes_objective', 'causes_subjective']) {
      expect(raw.find((q) => q.name === name)?.type, name).toBe('checkbox');
    }
  });

  it('has a short ranking of priorities and an overall 0–10 rating', () => {
    const rankings = ofType('ranking');
    expect(rankings).toHaveLength(1);
    const n = (rankings[0].choices as unknown[]).length;
    expect(n).toBeGreaterThanOrEqual(5);
    expect(n).toBeLessThanOrEqual(7);
    const rating = byName.get('overall_rating')!;
    expect(rating.getType()).toBe('rating');
    expect(rating.getPropertyValue('rateMin')).toBe(0);
    expect(rating.getPropertyValue('rateMax')).toBe(10);
    expect(rating.isRequired).toBe(true);
  });

  it('leaves open comments optional', () => {
    const comments = ofType('comment');
    expect(comments.length).toBeGreaterThanOrEqual(2);
    for (const q of comments) expect(q.isRequired, String(q.name)).toBeFalsy();
  });
});

describe('demo questionnaire: a complete response', () => {
  // A party member invited as a business person, who rated dissemination poor, attended some study
  // conferences and finds life harder than in 2020: every follow-up question is shown.
  const answers: Record<string, unknown> = {
    district: 'son-tra', group: 'business', gender: 'female', age_group: 2, education: 4,
    occupation: 'entrepreneur', party_member: 'yes', residence_years: 3,
    awareness: { nq13: 3, nq22: 4, nq_local: 3, nq43: 4, nq119: 2 },
    content_known: ['livable_city', 'breakthroughs'],
    info_channels: ['tv_radio', 'social_media', 'cell_meetings'],
    propaganda_rating: 2, propaganda_gaps: ['one_way'], draft_contribution: 3,
    breakthrough: { bt1: 3, bt2: 3, bt3: 4 }, bt_hardest: 1, bt_hardest_why: 'Cơ chế đặc thù chậm ban hành',
    urban_gov_effect: 4,
    nq43_programmes: { prog01: 4, plan02: 3 }, nq43_change: 4, nq43_feasibility: 3,
    leadership: { concretise: 4, resolute: 4, oversight: 3, example: 4, democracy: 3, unity: 4, responsive: 3 },
    grassroots_party_change: 3, local_consultation: 3, cadre_avoidance: 2,
    field_results: { economy: 3, culture_society: 4, environment: 3, security: 4, party_building: 4, admin_reform: 4 },
    services: { online_services: 5 }, life_change: 2, life_worse_reasons: ['covid', 'prices'], safety_feeling: 4,
    business_env: { procedures: 3, land_access: 2, credit_access: 3, recovery_support: 3, transparency: 3, officials: 4 },
    limitations: ['stalled_projects', 'public_invest'], causes_objective: ['covid', 'legacy'],
    causes_subjective: ['coordination'], main_cause_type: 3,
    pm_party_years: 2, pm_theory_level: 3, pm_study: 2, pm_absence_reason: ['work'],
    pm_study_quality: { practical: 4, presenter: 4, duration: 3, materials: 4, discussion: 3 },
    pm_cell_agenda: 4, pm_action_plan: 3, pm_commitment: false,
    priorities: ['land', 'projects', 'human_capital', 'digital', 'environment', 'welfare', 'party_cadres'],
    target_adjust: 9, confidence: 4, overall_rating: 7,
  };

  function check(data: Record<string, unknown>) {
    const m = new Model(surveyJson);
    m.data = structuredClone(data);
    const before = JSON.stringify(m.data);
    m.clearIncorrectValues(true);
    const valid = m.validate(true, false);
    return {
      unchanged: JSON.stringify(m.data) === before,
      valid,
      errors: m.getAllQuestions().filter((q) => q.errors.length > 0).map((q) => q.name),
    };
  }

  it('is accepted by survey-core unchanged', () => {
    expect(check(answers)).toEqual({ unchanged: true, valid: true, errors: [] });
  });

  it('is rejected when a required profile answer or a shown follow-up is missing', () => {
    const { district: _district, ...noDistrict } = answers;
    expect(check(noDistrict).errors).toEqual(['district']);
    const { propaganda_gaps: _gaps, ...noGaps } = answers;
    expect(check(noGaps).errors).toEqual(['propaganda_gaps']);
  });

  it('needs no Party-member answers from a respondent who is not a party member', () => {
    const nonMember = Object.fromEntries(Object.entries(answers).filter(([k]) => !k.startsWith('pm_')));
    expect(check({ ...nonMember, party_member: 'no' })).toMatchObject({ valid: true, errors: [] });
  });
});
