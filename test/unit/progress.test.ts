// Fieldwork progress: pace, pace needed, projected completion and days left, in Đà Nẵng's days.
import { describe, expect, it } from 'vitest';
import { computeProgress, localDay, type CellCounts } from '../../analysis/progress.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const opensAt = new Date('2023-04-01T00:00:00+07:00');
const closesAt = new Date('2023-06-30T23:59:59+07:00');
const cell = (key: string, quota: number, daily: Record<string, number>, partial = 0): CellCounts => ({
  key,
  labels: { district: key },
  quota,
  completed: Object.values(daily).reduce((a, b) => a + b, 0),
  partial,
  daily,
});

describe('When fieldwork is under way', () => {
  it('then a local day follows Đà Nẵng time, not UTC', () => {
    expect(localDay(new Date('2023-05-31T17:30:00Z'), TZ)).toBe('2023-06-01');
    expect(localDay(new Date('2023-05-31T16:59:59Z'), TZ)).toBe('2023-05-31');
  });

  it('then pace is the last 7 days average, and the projection and the pace needed follow from it', () => {
    // 2 a day over the last 7 days (20–26 June), 30 before; quota 60 → 16 left, 8 days to go from 23 June.
    const daily: Record<string, number> = { '2023-06-01': 30 };
    for (let d = 20; d <= 26; d++) daily[`2023-06-${d}`] = 2;
    const now = new Date('2023-06-26T10:00:00+07:00');
    const p = computeProgress({ cells: [cell('hai-chau', 60, daily, 3), cell('son-tra', 10, { '2023-06-02': 10 })], opensAt, closesAt, now, timeZone: TZ });
    const [hc, st] = p.strata;
    expect(hc.completed).toBe(44);
    expect(hc.remaining).toBe(16);
    expect(hc.pacePerDay).toBe(2);
    expect(hc.neededPerDay).toBeCloseTo(16 / 5, 12); // 26, 27, 28, 29, 30 June
    expect(hc.projectedCompletion).toBe('2023-07-04');
    expect(hc.onTrack).toBe(false);
    expect(st).toMatchObject({ remaining: 0, neededPerDay: 0, projectedCompletion: '2023-06-26', onTrack: true });
    expect(p.total).toEqual({ quota: 70, completed: 54, partial: 3 });
    expect(p.daysLeft).toBe(5);
    expect(p.projectedCompletion).toBe('2023-07-04');
    expect(p.daily[0]).toEqual({ day: '2023-06-01', completed: 30 });
    expect(p.daily.reduce((s, d) => s + d.completed, 0)).toBe(54);
  });

  it('then a cell with no recent responses has no projected date and is at risk', () => {
    const now = new Date('2023-06-26T10:00:00+07:00');
    const p = computeProgress({ cells: [cell('lien-chieu', 50, { '2023-04-03': 5 })], opensAt, closesAt, now, timeZone: TZ });
    expect(p.strata[0]).toMatchObject({ pacePerDay: 0, projectedCompletion: null, onTrack: false });
    expect(p.projectedCompletion).toBeNull();
  });

  it('then early on the pace counts only the days since opening, and after the deadline no days are left', () => {
    const second = new Date('2023-04-02T09:00:00+07:00');
    const early = computeProgress({ cells: [cell('x', 100, { '2023-04-01': 6, '2023-04-02': 4 })], opensAt, closesAt, now: second, timeZone: TZ });
    expect(early.strata[0].pacePerDay).toBe(5);
    expect(early.daysLeft).toBe(90);
    const after = computeProgress({ cells: [cell('x', 100, { '2023-04-01': 6 })], opensAt, closesAt, now: new Date('2023-07-03T00:00:00+07:00'), timeZone: TZ });
    expect(after.daysLeft).toBe(0);
    expect(after.strata[0].onTrack).toBe(false);
  });
});
