// Strings of the staff pages (/app/*), Vietnamese first, English second. Separate from the respondent
// catalogue (src/i18n.ts) so that neither page downloads the other's strings.
import { fill, type Locale } from '../locale';

const vi = {
  'placeholder': 'Khu vực cán bộ — đang xây dựng',
} as const;

type StaffKey = keyof typeof vi;

const en: Record<StaffKey, string> = {
  'placeholder': 'Staff area — under construction',
};

export function st(locale: Locale, key: StaffKey, params: Record<string, string> = {}): string {
  return fill((locale === 'vi' ? vi : en)[key], params);
}
