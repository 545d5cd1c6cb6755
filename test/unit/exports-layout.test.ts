// The export layout: variable names valid in SPSS, Stata and R, one column per choice / matrix row /
// ranked item, the other-text and comment columns, and rows built from stored answers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportLayout } from '../../server/exports/layout.ts';
import { isPortableName, NameRegistry } from '../../server/exports/names.ts';

const root = path.resolve(import.meta.dirname, '../..');
const mini = JSON.parse(readFileSync(path.join(root, 'test/fixtures/surveys/mini/survey.json'), 'utf8'));
const demo = JSON.parse(readFileSync(path.join(root, 'surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));

const odd = {
  pages: [
    {
      elements: [
        { type: 'radiogroup', name: 'job', showOtherItem: true, choices: ['farmer', 'teacher'] },
        { type: 'checkbox', name: 'news', showOtherItem: true, showNoneItem: true, choices: [{ value: 'tv', text: 'TV' }, { value: 'báo giấy', text: 'Báo giấy' }] },
        { type: 'boolean', name: 'agree', title: { default: 'Agree?', vi: 'Đồng ý?' } },
        { type: 'ranking', name: 'prio', choices: ['roads', 'schools', 'parks'] },
        { type: 'multipletext', name: 'contact', items: [{ name: 'phone' }, { name: 'email' }] },
        { type: 'text', name: 'age', inputType: 'number' },
        { type: 'dropdown', name: 'if', showCommentArea: true, choices: [1, 2] },
        { type: 'text', name: '2nd question' },
        { type: 'text', name: 'a_very_long_question_name_that_goes_past_thirty_two_chars_1' },
        { type: 'text', name: 'a_very_long_question_name_that_goes_past_thirty_two_chars_2' },
      ],
    },
  ],
};

const names = (layout: ExportLayout) => layout.variables.map((v) => v.name);

describe('When variable names are derived', () => {
  it('then Vietnamese text loses its marks, reserved words and leading digits are avoided, and long names stay unique within 32 characters', () => {
    const reg = new NameRegistry();
    expect(reg.name(['câu hỏi', 'Đà Nẵng'])).toBe('cau_hoi_Da_Nang');
    expect(reg.name(['in'])).toBe('in_');
    expect(reg.name(['str12'])).toBe('str12_');
    expect(reg.name(['1st'])).toBe('v_1st');
    expect(reg.name(['CAU_HOI_DA_NANG'])).toBe('CAU_HOI_DA_NANG_2');
    const long = 'x'.repeat(40);
    expect([reg.name([long]), reg.name([long])]).toEqual(['x'.repeat(32), `${'x'.repeat(30)}_2`]);
  });

  it('then every variable of the demo questionnaire is portable and unique, matrices give one column per row and checkboxes one per choice', () => {
    const layout = new ExportLayout(demo, { weight: true });
    const all = names(layout);
    expect(all.every(isPortableName)).toBe(true);
    expect(new Set(all.map((n) => n.toLowerCase())).size).toBe(all.length);
    expect(all.slice(0, 8)).toEqual(['response_id', 'version', 'channel', 'locale', 'completed_at', 'duration_sec', 'flags', 'weight']);
    expect(all.filter((n) => n.startsWith('awareness_'))).toHaveLength(5);
    expect(all.filter((n) => n.startsWith('nq43_programmes_'))).toHaveLength(12);
    expect(all).toContain('info_channels_other');
    expect(all).toContain('info_channels_other_text');
    expect(all).toContain('content_known_none');
    // A title that ends in a colon does not get a second one before the row text.
    expect(layout.variables.find((v) => v.name === 'awareness_nq43')!.label).toMatch(/các nghị quyết sau đây: Nghị quyết số 43/);
  });

  it('then the names do not depend on the language of the labels', () => {
    expect(names(new ExportLayout(demo, { locale: 'en' }))).toEqual(names(new ExportLayout(demo, { locale: 'vi' })));
  });

  it('then odd questions get sensible columns', () => {
    const layout = new ExportLayout(odd);
    expect(names(layout).slice(7)).toEqual([
      'job', 'job_other_text',
      'news_tv', 'news_bao_giay', 'news_none', 'news_other', 'news_other_text',
      'agree',
      'prio_roads', 'prio_schools', 'prio_parks',
      'contact_phone', 'contact_email',
      'age',
      'if_', 'if_comment',
      'v_2nd_question',
      'a_very_long_question_name_that_g', 'a_very_long_question_name_that_2',
    ]);
    const byName = Object.fromEntries(layout.variables.map((v) => [v.name, v]));
    expect(byName.agree).toMatchObject({ type: 'numeric', values: [{ code: 1, label: 'Có' }, { code: 0, label: 'Không' }] });
    expect(byName.age).toMatchObject({ type: 'numeric', measure: 'scale' });
    expect(byName.prio_parks).toMatchObject({ type: 'numeric', measure: 'ordinal' });
    expect(byName.job).toMatchObject({ type: 'string', measure: 'nominal' });
    expect(byName.job_other_text.freeText).toBe(true);
  });
});

describe('When a response becomes a row', () => {
  const layout = new ExportLayout(mini);
  const col = (row: unknown[], name: string) => row[names(layout).indexOf(name)];
  const answers = { district: 'hai-chau', party_member: 'no', channels: ['tv', 'social'], awareness: { xiii: 2, nq43: 3 }, overall: 7, comments: 'Tốt, "rất" tốt' };

  it('then each answer lands in its column, unchecked choices are 0 and questions not shown are empty', () => {
    const row = layout.row({ id: 'r1', answers, version: 1, channel: 'phone', locale: 'vi', completedAt: new Date('2023-05-01T03:00:00Z'), durationSec: 420, flags: ['over_quota'] });
    expect(names(layout)).toEqual([
      'response_id', 'version', 'channel', 'locale', 'completed_at', 'duration_sec', 'flags',
      'district', 'party_member', 'party_study', 'channels_tv', 'channels_press', 'channels_social',
      'awareness_xiii', 'awareness_nq43', 'overall', 'comments',
    ]);
    expect(row).toEqual(['r1', 1, 'phone', 'vi', '2023-05-01T03:00:00.000Z', 420, 'over_quota', 'hai-chau', 'no', null, 1, 0, 1, 2, 3, 7, 'Tốt, "rất" tốt']);
    const empty = layout.row({ id: 'r2', answers: { district: 'hoa-vang' } });
    expect(col(empty, 'channels_tv')).toBeNull();
    expect(col(empty, 'awareness_xiii')).toBeNull();
  });

  it('then labels=text shows the Vietnamese texts, and lang=en the English ones', () => {
    const row = layout.toText(layout.row({ id: 'r1', answers }));
    expect([col(row, 'district'), col(row, 'channels_tv'), col(row, 'channels_press'), col(row, 'awareness_nq43'), col(row, 'overall')]).toEqual([
      'Hải Châu', 'Có chọn', 'Không chọn', 'Nắm rõ', '7',
    ]);
    const en = new ExportLayout(mini, { locale: 'en' });
    expect(en.toText(en.row({ id: 'r1', answers }))[7]).toBe('Hai Chau');
    expect(en.variables.find((v) => v.name === 'awareness_xiii')!.label).toBe('Awareness: 13th Congress');
  });

  it('then other texts, comments, booleans, ranks and text items are read from where SurveyJS keeps them', () => {
    const l = new ExportLayout(odd);
    const row = l.row({
      id: 'x',
      answers: {
        job: 'other', 'job-Comment': 'thợ may', news: ['tv', 'other'], 'news-Comment': 'loa phường', agree: false,
        prio: ['parks', 'roads', 'schools'], contact: { email: 'a@b.vn' }, age: 41, if: 2, 'if-Comment': 'ghi chú',
      },
    });
    const get = (n: string) => row[names(l).indexOf(n)];
    expect([get('job'), get('job_other_text'), get('news_tv'), get('news_bao_giay'), get('news_other'), get('news_other_text')]).toEqual(['other', 'thợ may', 1, 0, 1, 'loa phường']);
    expect([get('agree'), get('prio_parks'), get('prio_roads'), get('prio_schools'), get('contact_phone'), get('contact_email'), get('age'), get('if_'), get('if_comment')]).toEqual([0, 1, 2, 3, null, 'a@b.vn', 41, 2, 'ghi chú']);
  });
});
