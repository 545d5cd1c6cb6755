// A campaign's effective status: staff's switch first, then the fieldwork window.
import type { CampaignStatus } from '../contract/public.ts';

export interface Window {
  status: string;
  opensAt: Date;
  closesAt: Date;
}

export function effectiveStatus(c: Window, now: Date = new Date()): CampaignStatus {
  if (c.status === 'closed') return 'closed';
  if (c.status === 'paused') return 'paused';
  if (now < c.opensAt) return 'scheduled';
  if (now > c.closesAt) return 'closed';
  return 'open';
}

/** "30/06/2023 23:59" in Đà Nẵng's time, for messages shown to respondents. */
export function formatLocal(d: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
