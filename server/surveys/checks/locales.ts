// Which languages a questionnaire's strings are in. `"default"` is the survey's own locale: `json.locale`
// when set, else decided as the respondent client does (client/src/respondent/surveyModel.ts,
// defaultStringLocale): strings written {"default", "en"} are Vietnamese by default, {"default", "vi"} English.
import { isRecord } from './json';

/** A localizable string: an object of non-empty locale keys whose values are all strings. */
export function isLocalized(value: unknown): value is Record<string, string> {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => typeof v === 'string' && /^(default|[a-z]{2,3}(-[a-zA-Z0-9]{2,8})*)$/.test(k));
}

export function defaultLocale(json: unknown): string {
  if (isRecord(json) && typeof json.locale === 'string' && json.locale.trim()) return json.locale.trim();
  let withEn = 0;
  let withVi = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (typeof node.default === 'string') {
      if (typeof node.en === 'string') withEn++;
      if (typeof node.vi === 'string') withVi++;
    }
    Object.values(node).forEach(walk);
  };
  walk(json);
  // The client breaks a tie (no translations at all) towards English, where it changes nothing a
  // respondent sees; here the tie goes to Vietnamese, the platform's first language.
  return withVi > withEn ? 'en' : 'vi';
}

/** The text a string has in `lang` ('' when it has none); `default` and the default locale are one. */
export function textIn(value: unknown, lang: string, defaultLang: string): string {
  if (typeof value === 'string') return lang === 'default' || lang === defaultLang ? value : '';
  if (!isLocalized(value)) return '';
  const own = value[lang === 'default' ? defaultLang : lang];
  if (own) return own;
  return lang === 'default' || lang === defaultLang ? (value.default ?? '') : '';
}

/** A language as the designer names it, `default` resolved to the survey's own locale. */
export function resolveLanguage(lang: string, defaultLang: string): string {
  return lang === 'default' ? defaultLang : lang;
}
