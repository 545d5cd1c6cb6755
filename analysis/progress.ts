// Fieldwork progress against quotas and the deadline: per cell and overall, the pace so far, the pace
// needed to finish on time, and when the quota will be reached at the current pace. Pure: the counts come
// from counters kept up to date on submission, never from a scan of the responses.

export interface CellCounts {
  key: string;
  labels: Record<string, string>;
  quota: number;
  completed: number;
  partial: number;
  /** Completed responses per local day, "YYYY-MM-DD" → count. */
  daily: Record<string, number>;
}

export interface CellProgress {
  key: string;
  labels: Record<string, string>;
  quota: number;
  completed: number;
  partial: number;
  remaining: number;
  /** Completed per day over the recent window (the last PACE_DAYS days, or since opening). */
  pacePerDay: number;
  /** Completed per day needed from today to reach the quota by the deadline; 0 when reached. */
  neededPerDay: number;
  /** Local day the quota is reached at the current pace; null when the pace is zero. */
  projectedCompletion: string | null;
  /** Quota reached already, or on course to be reached by the deadline. */
  onTrack: boolean;
}

export interface Progress {
  total: { quota: number; completed: number; partial: number };
  strata: CellProgress[];
  opensAt: string;
  closesAt: string;
  /** Local days from today to the closing day, today included; 0 once closed. */
  daysLeft: number;
  projectedCompletion: string | null;
  daily: { day: string; completed: number }[];
}

export const PACE_DAYS = 7;
const DAY = 86_400_000;

/** "YYYY-MM-DD" of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(at);
}
const formats = new Map<string, Intl.DateTimeFormat>();

const dayNumber = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY;
const dayString = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

function pace(daily: Record<string, number>, today: number, first: number): number {
  const from = Math.max(first, today - PACE_DAYS + 1);
  const days = today - from + 1;
  if (days <= 0) return 0;
  let sum = 0;
  for (let d = from; d <= today; d++) sum += daily[dayString(d)] ?? 0;
  return sum / days;
}

function cellProgress(c: CellCounts, today: number, first: number, last: number): CellProgress {
  const remaining = Math.max(0, c.quota - c.completed);
  const pacePerDay = pace(c.daily, today, first);
  const daysToGo = Math.max(0, last - today + 1);
  const neededPerDay = remaining === 0 ? 0 : daysToGo === 0 ? Infinity : remaining / daysToGo;
  const projected = remaining === 0 ? today : pacePerDay > 0 ? today + Math.ceil(remaining / pacePerDay) : null;
  return {
    key: c.key,
    labels: c.labels,
    quota: c.quota,
    completed: c.completed,
    partial: c.partial,
    remaining,
    pacePerDay,
    neededPerDay,
    projectedCompletion: projected === null ? null : dayString(projected),
    onTrack: remaining === 0 || (projected !== null && projected <= last),
  };
}

export function computeProgress(input: {
  cells: CellCounts[];
  opensAt: Date;
  closesAt: Date;
  now: Date;
  timeZone: string;
}): Progress {
  const first = dayNumber(localDay(input.opensAt, input.timeZone));
  const last = dayNumber(localDay(input.closesAt, input.timeZone));
  const today = Math.min(dayNumber(localDay(input.now, input.timeZone)), last);
  const strata = input.cells.map((c) => cellProgress(c, today, first, last));
  const total = {
    quota: strata.reduce((s, c) => s + c.quota, 0),
    completed: strata.reduce((s, c) => s + c.completed, 0),
    partial: strata.reduce((s, c) => s + c.partial, 0),
  };
  const days = new Map<string, number>();
  for (const c of input.cells) for (const [day, n] of Object.entries(c.daily)) days.set(day, (days.get(day) ?? 0) + n);
  const allDaily = Object.fromEntries(days);
  // Overall: the day the last cell is projected to fill (a cell that never fills means never).
  const projections = strata.map((c) => c.projectedCompletion);
  const overall = projections.includes(null) ? null : projections.reduce<string | null>((a, b) => (a && b && a > b ? a : b), dayString(today));
  return {
    total,
    strata,
    opensAt: input.opensAt.toISOString(),
    closesAt: input.closesAt.toISOString(),
    daysLeft: input.now > input.closesAt ? 0 : Math.max(0, last - dayNumber(localDay(input.now, input.timeZone)) + 1),
    projectedCompletion: strata.length ? overall : total.completed > 0 ? dayString(today) : null,
    daily: [...days.keys()].sort().map((day) => ({ day, completed: allDaily[day] })),
  };
}
