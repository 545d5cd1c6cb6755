// The audit filters live in the address (/app/audit?actor=an&action=survey.*), so a filtered view can be
// bookmarked, shared with another admin, and left with the back button.
export interface AuditFilters {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  /** Days in Đà Nẵng (YYYY-MM-DD), both included. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', objectType: '', objectId: '', from: '', to: '' };
const KEYS = Object.keys(NO_FILTERS) as (keyof AuditFilters)[];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const filters = { ...NO_FILTERS };
  for (const key of KEYS) filters[key] = params.get(key)?.trim() ?? '';
  if (!DAY.test(filters.from)) filters.from = '';
  if (!DAY.test(filters.to)) filters.to = '';
  return filters;
}

/** The page's own address for these filters. */
export function auditPath(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  const query = params.toString();
  return query ? `/app/audit?${query}` : '/app/audit';
}

/** The API query: days become instants at Đà Nẵng's midnight (UTC+7, no daylight saving). */
export function apiQuery(filters: AuditFilters, before?: string, limit = 50): string {
  const params = new URLSearchParams();
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.action) params.set('action', filters.action);
  if (filters.objectType) params.set('objectType', filters.objectType);
  if (filters.objectId) params.set('objectId', filters.objectId);
  if (filters.from) params.set('from', new Date(`${filters.from}T00:00:00+07:00`).toISOString());
  if (filters.to) params.set('to', new Date(`${filters.to}T23:59:59.999+07:00`).toISOString());
  params.set('limit', String(limit));
  if (before) params.set('before', before);
  return `/audit?${params}`;
}
