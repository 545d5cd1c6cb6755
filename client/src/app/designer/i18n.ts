// Strings of the questionnaire designer (/app/surveys), Vietnamese first, English second. Kept apart
// from the shell's catalogue so the designer's many labels stay next to the code that uses them.
// The Vietnamese labels are what the browser tests look controls up by: keep them stable.
import { fill, type Locale } from '../../locale';
import { en } from './strings.en';
import { vi } from './strings.vi';

export type DesignerKey = keyof typeof vi;

export function dt(locale: Locale, key: DesignerKey, params: Record<string, string | number> = {}): string {
  const strings: Record<DesignerKey, string> = locale === 'vi' ? vi : en;
  return fill(strings[key], Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
}
