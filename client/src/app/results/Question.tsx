// One question of the topline: a compact table (answer, count, %, and SE and ± margin when weighted) and
// a bar chart; a matrix gets one table row and one bar chart per statement.
import type { Locale } from '../i18n';
import { formatInt } from '../campaigns/format';
import { BarChart, type Bar } from './BarChart';
import { fmtNum, fmtPct, rt } from './i18n';

export interface Estimate {
  estimate: number;
  se: number;
  ci: [number, number];
  deff: number;
  n: number;
}
export interface Level extends Estimate {
  value: unknown;
  label: string;
}
interface MatrixRow {
  value: unknown;
  label: string;
  answered: number;
  levels: Level[];
  mean?: Estimate;
}
export interface ToplineQuestion {
  name: string;
  type: string;
  kind: string;
  title: string;
  answered: number;
  levels?: Level[];
  rows?: MatrixRow[];
  mean?: Estimate;
}

/** Kinds the page draws: choices with a fixed list of answers. */
export const DRAWN = new Set(['single', 'rating', 'multiple', 'matrix']);

const moe = (l: Estimate) => (100 * (l.ci[1] - l.ci[0])) / 2;
const bars = (levels: Level[], weighted: boolean): Bar[] =>
  levels.map((l) => ({ label: l.label, pct: 100 * l.estimate, ...(weighted ? { lo: 100 * l.ci[0], hi: 100 * l.ci[1] } : {}) }));

function LevelTable({ levels, weighted, locale, caption }: { levels: Level[]; weighted: boolean; locale: Locale; caption?: string }) {
  return (
    <table className="results__table">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{rt(locale, 'col.level')}</th>
          <th scope="col" className="num">{rt(locale, 'col.count')}</th>
          <th scope="col" className="num">{rt(locale, 'col.pct')}</th>
          {weighted ? (
            <>
              <th scope="col" className="num">{rt(locale, 'col.se')}</th>
              <th scope="col" className="num">{rt(locale, 'col.moe')}</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {levels.map((l) => (
          <tr key={String(l.value)} data-level={String(l.value)}>
            <th scope="row">{l.label}</th>
            <td className="num" data-testid="level-count">{formatInt(l.n)}</td>
            <td className="num" data-testid="level-pct">{fmtPct(100 * l.estimate)}</td>
            {weighted ? (
              <>
                <td className="num">{fmtPct(100 * l.se)}</td>
                <td className="num" data-testid="level-moe">±{fmtPct(moe(l))}</td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function QuestionBlock({ q, weighted, locale }: { q: ToplineQuestion; weighted: boolean; locale: Locale }) {
  const chartLabel = rt(locale, 'chart', { title: q.title });
  return (
    <section className="card results__question" data-question={q.name} aria-labelledby={`q-${q.name}`}>
      <h3 className="card__title" id={`q-${q.name}`}>
        {q.title} <span className="results__code">{q.name}</span>
      </h3>
      <p className="field__hint">
        {rt(locale, 'answered', { n: formatInt(q.answered) })}
        {q.mean && Number.isFinite(q.mean.estimate) ? ` · ${rt(locale, 'mean', { mean: fmtNum(q.mean.estimate) })}` : ''}
      </p>
      {q.levels ? (
        <div className="results__pair">
          <LevelTable levels={q.levels} weighted={weighted} locale={locale} />
          <BarChart bars={bars(q.levels, weighted)} label={chartLabel} />
        </div>
      ) : null}
      {q.rows
        ? q.rows.map((r) => (
            <div className="results__pair results__matrix-row" key={String(r.value)} data-row={String(r.value)}>
              <LevelTable levels={r.levels} weighted={weighted} locale={locale} caption={`${r.label} (${rt(locale, 'answered', { n: formatInt(r.answered) })})`} />
              <BarChart bars={bars(r.levels, weighted)} label={`${chartLabel} — ${r.label}`} />
            </div>
          ))
        : null}
    </section>
  );
}
