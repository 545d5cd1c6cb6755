// Builds the survey-core Model the respondent page renders, with the settings a phone on a weak
// connection needs. Kept apart from React so the rules are easy to read and to test.
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/vietnamese';
import type { Locale } from '../i18n';

// The library's Vietnamese strings are partly machine-translated; these read as a real form would.
Object.assign(surveyLocalization.locales.vi ?? {}, {
  pagePrevText: 'Quay lại',
  pageNextText: 'Tiếp theo',
  completeText: 'Gửi phiếu',
  noneItemText: 'Không có',
  otherItemText: 'Khác (ghi rõ)',
  commentText: 'Ý kiến khác',
  otherRequiredError: 'Vui lòng ghi rõ câu trả lời khác.',
  requiredError: 'Vui lòng trả lời câu hỏi này.',
  requiredInAllRowsError: 'Vui lòng trả lời tất cả các dòng.',
  placeholder: 'Chọn…',
  ratingOptionsCaption: 'Chọn…',
  maxSelectError: 'Vui lòng chọn không quá {0} phương án.',
  minSelectError: 'Vui lòng chọn ít nhất {0} phương án.',
  progressText: 'Trang {0}/{1}',
});
Object.assign(surveyLocalization.locales.en ?? {}, { completeText: 'Submit' });

/**
 * Which language the questionnaire's `"default"` strings are in. survey-core treats `"default"` as its
 * default locale (English): a questionnaire written `{"default": "<Vietnamese>", "en": "<English>"}` would
 * show Vietnamese under "en" unless the default locale is Vietnamese. Decided by the strings themselves.
 */
export function defaultStringLocale(json: unknown): Locale {
  let withEn = 0;
  let withVi = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.default === 'string') {
      if (typeof record.en === 'string') withEn++;
      if (typeof record.vi === 'string') withVi++;
    }
    Object.values(record).forEach(walk);
  };
  walk(json);
  return withEn > withVi ? 'vi' : 'en';
}

export interface ModelStart {
  answers: Record<string, unknown>;
  pageNo: number;
  locale: Locale;
  /** Answers fixed by an invitation (its stratum cell): shown filled in and read-only. */
  fixed?: Record<string, string>;
}

export function createSurveyModel(json: Record<string, unknown>, start: ModelStart): Model {
  surveyLocalization.defaultLocale = defaultStringLocale(json);
  const model = new Model(json);
  model.locale = start.locale;
  model.questionsOnPageMode = 'standard'; // one page at a time, as designed
  model.showProgressBar = true;
  // "Đã trả lời 12/48 câu hỏi" says more than the unlabelled step dots SurveyJS draws for 9 pages on a
  // narrow screen. Placed explicitly: the questionnaire's "aboveheader" showed below the title here anyway.
  model.progressBarLocation = 'top';
  model.progressBarType = 'questions';
  model.showCompletedPage = false; // our own thank-you screen says the answers actually arrived
  model.textUpdateMode = 'onTyping'; // every keystroke reaches the draft, so closing the tab loses nothing
  model.checkErrorsMode = 'onNextPage';
  model.autoFocusFirstQuestion = false; // a focused input pops the phone keyboard over the question
  // The page's font (bundled, with Vietnamese glyphs) and colours; SurveyJS's own theme names a web font.
  model.applyTheme({
    cssVariables: {
      '--sjs-font-family': "'Noto Sans', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
      '--sjs-primary-backcolor': '#1d4f91',
      '--sjs-primary-backcolor-dark': '#163d70',
      '--sjs-primary-backcolor-light': 'rgba(29, 79, 145, 0.1)',
      '--sjs-general-backcolor-dim': '#f2f4f7',
    },
  });
  model.data = { ...start.answers, ...start.fixed };
  for (const name of Object.keys(start.fixed ?? {})) {
    const question = model.getQuestionByName(name);
    if (question) question.readOnly = true;
  }
  if (start.pageNo > 0 && start.pageNo < model.visiblePageCount) model.currentPageNo = start.pageNo;
  return model;
}

/** The title a respondent sees for a question named in a server error, in the current language. */
export function questionTitle(model: Model, name: string): string {
  const question = model.getQuestionByName(name);
  return question?.title || name;
}

/** The answers whose keys are still questions (or their "other" comments) of `model`'s questionnaire. */
export function knownAnswers(model: Model, answers: Record<string, unknown>): Record<string, unknown> {
  const suffix = '-Comment';
  return Object.fromEntries(
    Object.entries(answers).filter(([key]) => {
      const name = key.endsWith(suffix) ? key.slice(0, -suffix.length) : key;
      return model.getQuestionByName(name) !== null && model.getQuestionByName(name) !== undefined;
    }),
  );
}
