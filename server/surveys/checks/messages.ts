// What a questionnaire designer reads about a problem in the draft, Vietnamese first, English second.
// Kept apart from the checks so wording can change freely; codes are stable, messages are not.
import type { TSurveyProblem } from '../../contract/staff';

export type Locale = 'vi' | 'en';
type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const NEW_NAME_VI = 'Câu trả lời đã thu sẽ không còn so sánh được: hãy giữ câu hỏi cũ hoặc đặt tên mới cho câu hỏi đã sửa.';
const NEW_NAME_EN = 'Answers already collected would no longer compare: keep the old question or give the changed one a new name.';

const MESSAGES = {
  'survey.not_object': {
    vi: () => 'Bảng hỏi phải là một đối tượng JSON của SurveyJS.',
    en: () => 'The questionnaire must be a SurveyJS JSON object.',
  },
  'survey.no_pages': { vi: () => 'Bảng hỏi chưa có trang nào.', en: () => 'The questionnaire has no pages.' },
  'surveyjs.unknownproperty': {
    vi: (p) => `SurveyJS không biết thuộc tính “${p.property}” của “${p.class}”.`,
    en: (p) => `SurveyJS does not know the property “${p.property}” of “${p.class}”.`,
  },
  'surveyjs.missingtypeproperty': {
    vi: () => 'Phần tử này thiếu thuộc tính “type” (loại câu hỏi).',
    en: () => 'This element has no “type” (question type).',
  },
  'surveyjs.incorrecttypeproperty': {
    vi: (p) => `SurveyJS không có loại “${p.type}”.`,
    en: (p) => `SurveyJS has no type “${p.type}”.`,
  },
  'surveyjs.requiredproperty': {
    vi: (p) => `Thiếu thuộc tính bắt buộc “${p.property}” của “${p.class}”.`,
    en: (p) => `The required property “${p.property}” of “${p.class}” is missing.`,
  },
  'surveyjs.arrayproperty': {
    vi: (p) => `Thuộc tính “${p.property}” phải là một danh sách.`,
    en: (p) => `The property “${p.property}” must be a list.`,
  },
  'surveyjs.incorrectvalue': {
    vi: (p) => `Giá trị ${p.value} không hợp lệ cho thuộc tính “${p.property}”.`,
    en: (p) => `${p.value} is not a valid value of the property “${p.property}”.`,
  },
  'surveyjs.json_error': {
    vi: (p) => `SurveyJS không đọc được phần này của bảng hỏi (${p.detail}).`,
    en: (p) => `SurveyJS cannot read this part of the questionnaire (${p.detail}).`,
  },
  'name.missing': { vi: () => 'Câu hỏi chưa có tên (name).', en: () => 'The question has no name.' },
  'name.invalid': {
    vi: (p) => `Tên “${p.name}” không dùng được làm tên biến: không được có khoảng trắng, dấu chấm, “$”, “{” hay “}”.`,
    en: (p) => `The name “${p.name}” cannot be used as a variable: no spaces, dots, “$”, “{” or “}”.`,
  },
  'name.duplicate': {
    vi: (p) => `Tên “${p.name}” đã được dùng ở ${p.first}; mỗi câu hỏi và giá trị tính toán cần một tên riêng.`,
    en: (p) => `The name “${p.name}” is already used at ${p.first}; every question and calculated value needs its own name.`,
  },
  'choice.duplicate_value': {
    vi: (p) => `Giá trị ${p.value} bị trùng trong ${listVi(p.list)}; mỗi giá trị chỉ được dùng một lần.`,
    en: (p) => `The value ${p.value} appears twice among ${listEn(p.list)}; each value may be used once.`,
  },
  'condition.syntax': {
    vi: (p) => `Biểu thức ${p.property} “${p.expression}” viết sai cú pháp.`,
    en: (p) => `The ${p.property} expression “${p.expression}” has a syntax error.`,
  },
  'condition.unknown_question': {
    vi: (p) => `Biểu thức ${p.property} nhắc đến {${p.variable}}, nhưng bảng hỏi không có câu hỏi hay giá trị tính toán nào tên “${p.root}”.`,
    en: (p) => `The ${p.property} expression refers to {${p.variable}}, but the questionnaire has no question or calculated value named “${p.root}”.`,
  },
  'text.missing_translation': {
    vi: (p) => `Chuỗi “${p.text}” chưa có bản ${p.languages}.`,
    en: (p) => `The text “${p.text}” has no ${p.languages} version.`,
  },
  'compat.type_changed': {
    vi: (p) => `Câu hỏi “${p.name}” đã đổi loại từ “${p.before}” sang “${p.after}” so với phiên bản đã phát hành. ${NEW_NAME_VI}`,
    en: (p) => `Question “${p.name}” changed its type from “${p.before}” to “${p.after}” since the published version. ${NEW_NAME_EN}`,
  },
  'compat.choices_removed': {
    vi: (p) => `Câu hỏi “${p.name}” đã bỏ ${p.values} khỏi ${listVi(p.list)} so với phiên bản đã phát hành. ${NEW_NAME_VI}`,
    en: (p) => `Question “${p.name}” dropped ${p.values} from ${listEn(p.list)} since the published version. ${NEW_NAME_EN}`,
  },
  'compat.choice_meaning_changed': {
    vi: (p) => `Câu hỏi “${p.name}”: giá trị ${p.value} trước là “${p.before}”, nay là “${p.after}”, nên cùng một mã mang nghĩa khác. ${NEW_NAME_VI}`,
    en: (p) => `Question “${p.name}”: the value ${p.value} used to mean “${p.before}” and now means “${p.after}”. ${NEW_NAME_EN}`,
  },
} satisfies Record<string, Record<Locale, Text>>;

export type ProblemCode = keyof typeof MESSAGES;

const LISTS: Record<string, [string, string]> = {
  choices: ['các phương án trả lời', 'the choices'],
  rows: ['các dòng', 'the rows'],
  columns: ['các cột', 'the columns'],
  rateValues: ['các mức đánh giá', 'the rating values'],
  items: ['các mục', 'the items'],
};
const listVi = (list: string | number | undefined) => LISTS[String(list)]?.[0] ?? String(list);
const listEn = (list: string | number | undefined) => LISTS[String(list)]?.[1] ?? String(list);

const LANGUAGES: Record<string, [string, string]> = { vi: ['tiếng Việt', 'Vietnamese'], en: ['tiếng Anh', 'English'] };

/** Languages as a reader names them: “tiếng Anh (en)”. */
export function languageNames(langs: string[], locale: Locale): string {
  return langs.map((l) => (LANGUAGES[l] ? `${LANGUAGES[l][locale === 'vi' ? 0 : 1]} (${l})` : l)).join(', ');
}

export interface ProblemOptions {
  path: string;
  question?: string;
  params?: Params;
}

/** A problem worded in `locale`. */
export function problemOf(code: ProblemCode, o: ProblemOptions, locale: Locale): TSurveyProblem {
  const texts: Record<Locale, Text> = MESSAGES[code];
  const out: TSurveyProblem = { path: o.path, code, message: (texts[locale] ?? texts.vi)(o.params ?? {}) };
  if (o.question !== undefined) out.question = o.question;
  return out;
}

/** A value or text as it should appear inside a message (quoted text, bounded length). */
export function shown(value: unknown, quote = true): string {
  const s = typeof value === 'string' ? (quote ? `“${value}”` : value) : (JSON.stringify(value) ?? String(value));
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
