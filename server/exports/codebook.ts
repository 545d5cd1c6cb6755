// The codebook of an export: one entry per variable (name, question text, type, measurement level,
// values and labels), as markdown or as rows for a spreadsheet sheet.
import type { Locale } from '../../analysis/index.ts';
import type { ExportLayout, Variable } from './layout.ts';

const HEAD = {
  vi: ['Biến', 'Nội dung câu hỏi', 'Kiểu', 'Thang đo', 'Câu hỏi gốc', 'Giá trị và nhãn', 'Mã khuyết (không tính vào thang đo)'],
  en: ['Variable', 'Question text', 'Type', 'Measurement', 'Source question', 'Values and labels', 'Missing-value codes (off the scale)'],
};
const TYPE = { vi: { numeric: 'số', string: 'chuỗi' }, en: { numeric: 'numeric', string: 'string' } };
const MEASURE = {
  vi: { nominal: 'định danh', ordinal: 'thứ bậc', scale: 'khoảng/tỷ lệ' },
  en: { nominal: 'nominal', ordinal: 'ordinal', scale: 'scale' },
};

export function codebookHeader(locale: Locale): string[] {
  return HEAD[locale];
}

/** One row per variable; values as `code = label` lines. */
export function codebookRow(v: Variable, locale: Locale): string[] {
  return [
    v.name,
    v.label,
    TYPE[locale][v.type],
    MEASURE[locale][v.measure],
    v.question ? `${v.question} (${v.questionType})` : '',
    v.values.map((x) => `${x.code} = ${x.label}`).join('\n'),
    v.missing.join(', '),
  ];
}

const md = (s: string) => s.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');

export function codebookMarkdown(layout: ExportLayout, title: string, locale: Locale): string {
  const head = codebookHeader(locale);
  const intro =
    locale === 'vi'
      ? 'Mỗi dòng của tệp dữ liệu là một phiếu hoàn thành; ô trống là không trả lời (câu hỏi bị ẩn hoặc bỏ qua). Câu hỏi nhiều lựa chọn: mỗi phương án một cột 0/1. Câu hỏi ma trận: mỗi dòng một cột. Mã khuyết (9 hoặc 99 tách khỏi thang đo, như "Khó trả lời") được khai báo là giá trị khuyết trong tệp SPSS.'
      : 'Each data row is one completed response; an empty cell means no answer (the question was hidden or skipped). Multiple choice: one 0/1 column per choice. Matrix questions: one column per row. Missing-value codes (9 or 99 set apart from the scale, such as "Hard to say") are declared user-missing in the SPSS file.';
  const lines = [
    `# ${md(title)}`,
    '',
    intro,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...layout.variables.map((v) => `| ${codebookRow(v, locale).map((c, i) => (i === 0 ? `\`${c}\`` : md(c))).join(' | ')} |`),
  ];
  return lines.join('\n') + '\n';
}
