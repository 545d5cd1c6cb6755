// Dates shown to respondents are Đà Nẵng's wall-clock time, whatever the phone's own time zone says.
import type { Locale } from '../i18n';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** "30/06/2023 23:59" (both languages use day/month/year: the audience is in Viet Nam). */
export function formatVnDateTime(iso: string, _locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`;
}

/** "30/06/2023": the day in Đà Nẵng, for the fieldwork dates shown above the questionnaire. */
export function formatVnDate(iso: string): string {
  return formatVnDateTime(iso, 'vi').split(' ')[1] ?? iso;
}
