// Who is signed in, and the few calls that change it. The session itself is an httpOnly cookie the
// pages never see; GET /auth/me is the only way to learn whether it is still alive.
import type { TMe, TStaffUser } from '../../../server/contract/staff';
import { api, ApiError } from './api';
import { isLocale, type Locale } from './i18n';

export type Session =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'anonymous'; reason?: 'expired' | 'logout' }
  | { status: 'signed-in'; user: TStaffUser };

export const HOME = '/app/surveys';
export const LOGIN = '/app/login';

/** The signed-in user, or null when there is no (more) session. */
export async function fetchMe(): Promise<TStaffUser | null> {
  try {
    return (await api<TMe>('GET', '/auth/me')).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function login(username: string, password: string): Promise<TStaffUser> {
  return (await api<TMe>('POST', '/auth/login', { username, password })).user;
}

export async function logout(): Promise<void> {
  await api<void>('POST', '/auth/logout');
}

export function isAdmin(user: TStaffUser): boolean {
  return user.roles.includes('admin');
}

/** The login page's address, remembering where the person wanted to go. */
export function loginPath(wanted: string): string {
  const next = safeNext(wanted);
  return next === HOME ? LOGIN : `${LOGIN}?next=${encodeURIComponent(next)}`;
}

/** Where to go after login: only a staff page of this site (never `//evil.example` or the login page). */
export function safeNext(wanted: string | null | undefined): string {
  if (!wanted || !wanted.startsWith('/app/') || wanted.startsWith('//') || wanted.includes('\\')) return HOME;
  if (wanted === LOGIN || wanted.startsWith(`${LOGIN}?`) || wanted.startsWith(`${LOGIN}/`)) return HOME;
  return wanted;
}

/** `next` of the login page's query string. */
export function nextFromSearch(search: string): string {
  return safeNext(new URLSearchParams(search).get('next'));
}

const LOCALE_KEY = 'staff.locale';

/** Staff read Vietnamese unless they chose English on this browser before. */
export function loadLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    return isLocale(saved) ? saved : 'vi';
  } catch {
    return 'vi';
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}
