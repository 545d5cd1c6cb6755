// The language of a staff reply's messages: English when the request prefers it, Vietnamese otherwise.
import type { TLocale } from './contract/public.ts';

export function requestLocale(acceptLanguage: string | undefined): TLocale {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'vi';
}
