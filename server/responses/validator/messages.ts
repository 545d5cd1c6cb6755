// What a respondent (or the developer of a client) reads when an answer is refused: one sentence per
// problem, Vietnamese first, English second. Kept apart from the rules so wording can change freely.
import type { AnswerErrorCode, TAnswerError } from '../../contract/public';

export type Locale = 'vi' | 'en';
type Params = Record<string, string | number>;
type Text = (p: Params) => string;

const MESSAGES = {
  forbidden_key: {
    vi: (p) => `Khóa “${p.path}” không được phép: khóa không được bắt đầu bằng “$”, chứa dấu chấm, hoặc là __proto__, constructor, prototype.`,
    en: (p) => `The key “${p.path}” is not allowed: keys may not start with “$”, contain a dot, or be __proto__, constructor or prototype.`,
  },
  unknown_question: {
    vi: (p) => `Bảng hỏi không có câu hỏi “${p.key}”.`,
    en: (p) => `The questionnaire has no question “${p.key}”.`,
  },
  comment_not_allowed: {
    vi: (p) => `Câu hỏi “${p.question}” không có ô ghi ý kiến khác, nên không nhận “${p.key}”.`,
    en: (p) => `Question “${p.question}” has no “other” or comment box, so “${p.key}” is not accepted.`,
  },
  not_in_choices: {
    vi: (p) => `Giá trị ${p.value} không nằm trong các phương án trả lời của câu hỏi.`,
    en: (p) => `${p.value} is not one of the question's answer options.`,
  },
  exclusive_choice: {
    vi: (p) => `Phương án ${p.value} không thể chọn cùng với các phương án khác.`,
    en: (p) => `The option ${p.value} cannot be selected together with other options.`,
  },
  duplicate_choice: {
    vi: (p) => `Phương án ${p.value} được chọn nhiều lần.`,
    en: (p) => `The option ${p.value} is selected more than once.`,
  },
  ranking_incomplete: {
    vi: () => `Vui lòng xếp hạng tất cả các phương án.`,
    en: () => `Please rank every option.`,
  },
  expected_array: { vi: () => `Câu trả lời phải là một danh sách các phương án.`, en: () => `The answer must be a list of options.` },
  expected_number: { vi: () => `Câu trả lời phải là một số.`, en: () => `The answer must be a number.` },
  expected_object: {
    vi: () => `Câu trả lời phải là một bảng, mỗi dòng một giá trị.`,
    en: () => `The answer must be a table with one entry per row.`,
  },
  expected_row_object: {
    vi: (p) => `Câu trả lời cho dòng “${p.row}” phải là một bảng, mỗi cột một giá trị.`,
    en: (p) => `The answer for row “${p.row}” must be a table with one entry per column.`,
  },
  expected_text: { vi: () => `Câu trả lời phải là văn bản.`, en: () => `The answer must be text.` },
  expected_single: { vi: () => `Câu hỏi này chỉ nhận một phương án.`, en: () => `This question takes a single option.` },
  expected_rows: { vi: () => `Câu trả lời phải là một danh sách các dòng.`, en: () => `The answer must be a list of rows.` },
  unknown_row: {
    vi: (p) => `Câu hỏi không có dòng “${p.row}”.`,
    en: (p) => `The question has no row “${p.row}”.`,
  },
  unknown_item: {
    vi: (p) => `Câu hỏi không có mục “${p.row}”.`,
    en: (p) => `The question has no item “${p.row}”.`,
  },
  unknown_column: {
    vi: (p) => `Dòng “${p.row}” không có cột hoặc giá trị ${p.value}.`,
    en: (p) => `Row “${p.row}” has no column or value ${p.value}.`,
  },
  too_many_choices: {
    vi: (p) => `Chỉ được chọn tối đa ${p.n} phương án.`,
    en: (p) => `Select at most ${p.n} options.`,
  },
  too_few_choices: {
    vi: (p) => `Vui lòng chọn ít nhất ${p.n} phương án.`,
    en: (p) => `Please select at least ${p.n} options.`,
  },
  required: { vi: () => `Vui lòng trả lời câu hỏi này.`, en: () => `Please answer this question.` },
  required_rows: { vi: () => `Vui lòng trả lời tất cả các dòng.`, en: () => `Please answer every row.` },
  required_item: {
    vi: (p) => `Vui lòng điền mục “${p.row}”.`,
    en: (p) => `Please fill in “${p.row}”.`,
  },
  other_empty: {
    vi: () => `Vui lòng ghi rõ nội dung cho phương án “Khác”.`,
    en: () => `Please specify your “Other” answer.`,
  },
  hidden_question: {
    vi: () => `Câu hỏi này không hiển thị với các câu trả lời đã chọn nên không được trả lời.`,
    en: () => `This question is not shown for the answers given, so it must not be answered.`,
  },
  rating_scale: {
    vi: (p) => `Điểm đánh giá phải là một trong các mức: ${p.values}.`,
    en: (p) => `The rating must be one of: ${p.values}.`,
  },
  below_min: { vi: (p) => `Giá trị phải từ ${p.min} trở lên.`, en: (p) => `The value must be at least ${p.min}.` },
  above_max: { vi: (p) => `Giá trị không được lớn hơn ${p.max}.`, en: (p) => `The value must be at most ${p.max}.` },
  too_long: {
    vi: (p) => `Câu trả lời dài quá ${p.n} ký tự.`,
    en: (p) => `The answer is longer than ${p.n} characters.`,
  },
  not_numeric: { vi: () => `Giá trị phải là số.`, en: () => `The value must be numeric.` },
  numeric_range: {
    vi: (p) => `Giá trị phải nằm trong khoảng ${p.range}.`,
    en: (p) => `The value must be within ${p.range}.`,
  },
  text_length: {
    vi: (p) => `Độ dài câu trả lời phải trong khoảng ${p.range} ký tự.`,
    en: (p) => `The answer must be ${p.range} characters long.`,
  },
  text_no_digits: { vi: () => `Câu trả lời không được chứa chữ số.`, en: () => `The answer may not contain digits.` },
  bad_format: { vi: () => `Câu trả lời không đúng định dạng yêu cầu.`, en: () => `The answer is not in the required format.` },
  bad_email: { vi: () => `Địa chỉ email không hợp lệ.`, en: () => `The e-mail address is not valid.` },
  failed_condition: {
    vi: () => `Câu trả lời không thỏa mãn điều kiện của bảng hỏi.`,
    en: () => `The answer does not meet the questionnaire's condition.`,
  },
} satisfies Record<string, Record<Locale, Text>>;

export type MessageId = keyof typeof MESSAGES;

/** A problem found by a check, before it is worded in the request's locale. */
export interface Problem {
  code: AnswerErrorCode;
  message: MessageId;
  params?: Params;
}

export function problem(code: AnswerErrorCode, message: MessageId, params?: Params): Problem {
  return { code, message, params };
}

export function toAnswerError(question: string, p: Problem, locale: Locale): TAnswerError {
  const texts: Record<Locale, Text> = MESSAGES[p.message];
  return { question, code: p.code, message: (texts[locale] ?? texts.vi)(p.params ?? {}) };
}

/** A submitted value as it should appear inside a message (quoted text, bounded length). */
export function shown(value: unknown): string {
  const s = typeof value === 'string' ? `“${value}”` : JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
