// Every string a respondent sees must exist in each of the questionnaire's languages; otherwise
// survey-core quietly shows the default-language text in the middle of a translated form.
import type { TSurveyProblem } from '../../contract/staff';
import { childPath, isRecord, type Json } from './json';
import { defaultLocale, isLocalized, resolveLanguage, textIn } from './locales';
import { languageNames, problemOf, shown, type Locale } from './messages';
import { walkJson } from './walk';

/**
 * Properties whose value is shown, checked wherever they occur: on the survey, pages, panels,
 * questions, choices / rows / columns / rating values / multiple-text items (`text`, `title`),
 * validators (`text`, their error message) and completedHtmlOnCondition items (`html`).
 */
export const SHOWN_PROPERTIES = new Set([
  // survey, pages, panels, questions
  'title', 'description', 'navigationTitle', 'navigationDescription',
  'completedHtml', 'completedBeforeHtml', 'loadingHtml', 'html',
  'pagePrevText', 'pageNextText', 'completeText', 'previewText', 'editText', 'startSurveyText',
  // questions
  'placeholder', 'commentPlaceholder', 'commentText', 'otherText', 'otherPlaceholder', 'otherErrorText',
  'noneText', 'refuseText', 'dontKnowText', 'selectAllText', 'requiredErrorText',
  'labelTrue', 'labelFalse', 'minRateDescription', 'maxRateDescription',
  'addRowText', 'removeRowText', 'emptyRowsText', 'templateTitle', 'templateDescription', 'templateTabTitle',
  'panelAddText', 'panelRemoveText', 'panelPrevText', 'panelNextText', 'noEntriesText',
  // choices, rows, columns, rating values and validators
  'text',
]);

/** Answer-like data inside a questionnaire: not shown text even when a key looks like one. */
const DATA = new Set(['defaultValue', 'correctAnswer', 'defaultRowValue', 'defaultPanelValue', 'calculatedValues', 'triggers']);

interface ShownString {
  path: string;
  question?: string;
  value: string | Record<string, string>;
}

/** Every shown string that is set (a plain or localizable string with some non-empty text). */
export function shownStrings(json: unknown): ShownString[] {
  const out: ShownString[] = [];
  walkJson(json, (node, path, question, key) => {
    if (typeof key === 'string' && DATA.has(key)) return 'skip';
    if (isLocalized(node) && typeof key === 'string' && SHOWN_PROPERTIES.has(key)) return 'skip';
    if (!isRecord(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (!SHOWN_PROPERTIES.has(k)) continue;
      const set = typeof v === 'string' ? v.trim() !== '' : isLocalized(v) && Object.values(v).some((t) => t.trim() !== '');
      if (set) out.push({ path: childPath(path, k), question, value: v as ShownString['value'] });
    }
  });
  return out;
}

/**
 * The languages the questionnaire's strings are written in, its default locale first: the union of
 * the keys of every localizable string, `default` read as the default locale.
 */
export function languagesOf(json: unknown): string[] {
  const base = defaultLocale(json);
  const others = new Set<string>();
  for (const s of shownStrings(json)) {
    if (typeof s.value === 'string') continue;
    for (const k of Object.keys(s.value)) others.add(resolveLanguage(k, base));
  }
  others.delete(base);
  return [base, ...[...others].sort()];
}

export function checkTranslations(json: Json, languages: string[] | undefined, locale: Locale): TSurveyProblem[] {
  const base = defaultLocale(json);
  const wanted = languages && languages.length > 0 ? [...new Set(languages.map((l) => resolveLanguage(l, base)))] : languagesOf(json);
  if (wanted.length === 0) return [];
  const problems: TSurveyProblem[] = [];
  for (const s of shownStrings(json)) {
    const missing = wanted.filter((l) => textIn(s.value, l, base).trim() === '');
    if (missing.length === 0) continue;
    const sample = typeof s.value === 'string' ? s.value : textIn(s.value, base, base) || Object.values(s.value).find((t) => t.trim() !== '') || '';
    const params = { languages: languageNames(missing, locale), text: shown(sample.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), false) };
    problems.push(problemOf('text.missing_translation', { path: s.path, question: s.question, params }, locale));
  }
  return problems;
}
