// The two languages of every page and the placeholder filling both string catalogues share.

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/** `{name}` placeholders of `template` filled from `params` (unknown ones are left visible). */
export function fill(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
