// Dates shown to respondents are Đà Nẵng's wall-clock time, whatever the phone's own time zone says.
import type { Locale } from '../i18n';
import { vnParts } from '../vn-time';

/** "30/06/2023 23:59" (both languages use day/month/year: the audience is in Viet Nam). */
export function formatVnDateTime(iso: string, _locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = vnParts(date);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** "30/06/2023": the day in Đà Nẵng, for the fieldwork dates shown above the questionnaire. */
export function formatVnDate(iso: string): string {
  return formatVnDateTime(iso, 'vi').split(' ')[1] ?? iso;
}
