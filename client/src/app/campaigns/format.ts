// Numbers, days and times as the campaign pages show them: vi-VN digits, Đà Nẵng's calendar and clock
// (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving) whatever the computer's own time zone says.
import type { TStaffUser } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { vnParts } from '../../vn-time';

/** Viet Nam keeps UTC+7 all year, so a wall-clock time there converts with a fixed offset. */
export const VN_OFFSET = '+07:00';

const intFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 1234 → "1.234" (vi-VN grouping in both languages: the readers are in Viet Nam). */
export const formatInt = (n: number) => intFormat.format(n);
/** 2.25 → "2,3". */
export const formatRate = (n: number) => oneDecimal.format(n);


/** An instant → "30/06/2023" in Đà Nẵng. */
export function vnDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = vnParts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant → "30/06/2023 23:59" in Đà Nẵng. */
export function vnDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = vnParts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A moment → "14:05" in Đà Nẵng. */
export function vnTime(date: Date): string {
  const p = vnParts(date);
  return `${p.hour}:${p.minute}`;
}

/** A local day "2023-06-30" (as the server counts days) → "30/06/2023". */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** An instant → the date and time inputs' values ("2023-06-30", "23:59") in Đà Nẵng. */
export function vnInputs(iso: string): { date: string; time: string } {
  const p = vnParts(new Date(iso));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Date and time inputs read as Đà Nẵng wall-clock time → "2023-06-30T23:59:00+07:00"; null if incomplete. */
export function vnInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date}T${time}:00${VN_OFFSET}`;
}

/** What a signed-in person may do with campaigns (the server decides; this only hides useless buttons). */
export function campaignRights(user: TStaffUser) {
  const admin = user.roles.includes('admin');
  const fieldwork = admin || user.roles.includes('fieldwork');
  const scoped = !admin && user.districts.length > 0;
  return {
    /** Create, pause, close or extend a whole campaign. */
    manage: fieldwork && !scoped,
    /** Issue and revoke invitations (in their districts' cells when scoped). */
    invite: fieldwork,
    /** See the invitation batches. */
    seeInvitations: admin || user.roles.some((r) => r === 'fieldwork' || r === 'analyst' || r === 'viewer'),
    scoped,
    districts: user.districts,
  };
}

export type Rights = ReturnType<typeof campaignRights>;

/** Title (Vietnamese or English) → a slug suggestion: "Khảo sát Đà Nẵng 2024" → "khao-sat-da-nang-2024". */
export function suggestSlug(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export type { Locale };
