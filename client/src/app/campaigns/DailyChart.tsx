// Completed responses per Đà Nẵng day as an inline SVG bar chart: a title and a description for screen
// readers, and the same figures as a (visually hidden) table.
import { useEffect, useId, useRef, useState } from 'react';
import type { TProgress } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { dayText, formatInt } from './format';
import { ct } from './i18n';

const H = 220;
const PAD = { top: 16, right: 12, bottom: 28, left: 40 };

/** A round top for the axis: 7 → 8, 23 → 25, 140 → 150. */
function niceMax(max: number): number {
  if (max <= 4) return Math.max(1, max);
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max) return m * step;
  return max;
}

const short = (day: string) => dayText(day).slice(0, 5); // "30/06"

export function DailyChart({ daily, locale }: { daily: TProgress['daily']; locale: Locale }) {
  const id = useId();
  // Drawn at the box's own width, so the labels keep their size on a phone instead of shrinking.
  const box = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(640);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setW(Math.max(240, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const days = daily;
  const max = days.reduce((m, d) => Math.max(m, d.completed), 0);
  const top = niceMax(max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = days.length ? plotW / days.length : plotW;
  const barW = Math.max(1, Math.min(28, slot * 0.75));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const from = days[0]?.day;
  const to = days[days.length - 1]?.day;
  const description = from && to ? ct(locale, 'daily.chart', { from: dayText(from), to: dayText(to), max: formatInt(max) }) : ct(locale, 'daily.empty');
  // Label a handful of days under the axis, never so many that they overlap.
  const every = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(W / 80))));

  return (
    <section className="card daily" aria-labelledby={`${id}-heading`}>
      <h2 className="card__title" id={`${id}-heading`}>
        {ct(locale, 'daily.title')}
      </h2>
      {days.length === 0 || max === 0 ? <p className="field__hint">{ct(locale, 'daily.empty')}</p> : null}
      <div ref={box} className="daily__box">
        {days.length ? (
          <svg className="daily__chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${ct(locale, 'daily.title')}. ${description}`} data-testid="daily-chart">
            <title>{ct(locale, 'daily.title')}</title>
            <desc>{description}</desc>
            {[0, top / 2, top].map((v) => (
              <g key={v} aria-hidden="true">
                <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="daily__grid" />
                <text x={PAD.left - 6} y={y(v)} dy="0.35em" textAnchor="end" className="daily__tick">
                  {formatInt(v)}
                </text>
              </g>
            ))}
            {days.map((d, i) => {
              const h = (d.completed / top) * plotH;
              const x = PAD.left + i * slot + (slot - barW) / 2;
              return (
                <g key={d.day}>
                  <rect x={x} y={PAD.top + plotH - h} width={barW} height={h} className="daily__bar">
                    <title>{`${dayText(d.day)}: ${formatInt(d.completed)}`}</title>
                  </rect>
                  {i % every === 0 || i === days.length - 1 ? (
                    <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="daily__tick" aria-hidden="true">
                      {short(d.day)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      <table className="visually-hidden" data-testid="daily-table">
        <caption>{ct(locale, 'daily.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{ct(locale, 'daily.day')}</th>
            <th scope="col">{ct(locale, 'daily.completed')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{dayText(d.day)}</th>
              <td>{formatInt(d.completed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
