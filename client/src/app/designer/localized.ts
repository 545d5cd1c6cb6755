// Bilingual strings of a SurveyJS questionnaire: a plain string, or {"default": …, "en": …} once a second
// language is used. Which key holds Vietnamese depends on the file: our own drafts put Vietnamese in
// `default`; the demo questionnaire (written earlier) puts English in `default` and Vietnamese in `vi`.
// The convention is read from the file so that editing never mixes the two.
import { defaultLocale } from '../../../../server/surveys/checks/locales';

export type Lang = 'vi' | 'en';
export type Json = Record<string, unknown>;

/** The JSON key of each language's text. */
export interface LangKeys {
  vi: string;
  en: string;
}

export const VI_DEFAULT: LangKeys = { vi: 'default', en: 'en' };
export const EN_DEFAULT: LangKeys = { vi: 'vi', en: 'default' };

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Vietnamese in `default` unless the file says `"locale": "en"` or its bilingual strings mostly carry a
 * `vi` key (the same rule as the server's checks, server/surveys/checks/locales.ts).
 */
export function langKeys(json: unknown): LangKeys {
  return defaultLocale(json) === 'en' ? EN_DEFAULT : VI_DEFAULT;
}

/** The text in `lang`, '' when there is none. A plain string is the default language's text. */
export function readText(value: unknown, lang: Lang, keys: LangKeys): string {
  if (typeof value === 'string') return keys[lang] === 'default' ? value : '';
  if (typeof value === 'number') return keys[lang] === 'default' ? String(value) : '';
  if (!isRecord(value)) return '';
  const text = value[keys[lang]];
  return typeof text === 'string' ? text : '';
}

/**
 * `value` with `lang`'s text replaced; '' removes that language. Only a default text left → a plain
 * string; nothing left → undefined (the caller drops the property).
 */
export function writeText(value: unknown, lang: Lang, text: string, keys: LangKeys): unknown {
  const next: Json = typeof value === 'string' ? { default: value } : isRecord(value) ? { ...value } : {};
  if (text === '') delete next[keys[lang]];
  else next[keys[lang]] = text;
  const remaining = Object.keys(next);
  if (remaining.length === 0) return undefined;
  if (remaining.length === 1 && remaining[0] === 'default' && typeof next.default === 'string') return next.default;
  return next;
}

/** Any text at all, preferring `lang`: what a list or outline shows for an item. */
export function anyText(value: unknown, lang: Lang, keys: LangKeys): string {
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return readText(value, lang, keys) || readText(value, other, keys) || (isRecord(value) ? String(Object.values(value).find((v) => typeof v === 'string') ?? '') : '');
}
