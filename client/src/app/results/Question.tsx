// One question of the topline: a compact table (answer, count, %, ± margin of error, and the SE when
// weighted) next to its chart; a matrix gets one stacked-bar chart and one table of statements × points.
import type { Locale } from '../i18n';
import { formatInt } from '../campaigns/format';
import { QuestionChart } from './charts';
import { marginOf, type Level, type ToplineQuestion } from './charts/model';
import { fmtNum, fmtPct, rt } from './i18n';

export { DRAWN, type ToplineQuestion } from './charts/model';

function LevelTable({ levels, weighted, locale }: { levels: Level[]; weighted: boolean; locale: Locale }) {
  return (
    <table className="results__table">
      <thead>
        <tr>
          <th scope="col">{rt(locale, 'col.level')}</th>
          <th scope="col" className="num">{rt(locale, 'col.count')}</th>
          <th scope="col" className="num">{rt(locale, 'col.pct')}</th>
          {weighted ? <th scope="col" className="num">{rt(locale, 'col.se')}</th> : null}
          <th scope="col" className="num">{rt(locale, 'col.moe')}</th>
        </tr>
      </thead>
      <tbody>
        {levels.map((l) => (
          <tr key={String(l.value)} data-level={String(l.value)}>
            <th scope="row">{l.label}</th>
            <td className="num" data-testid="level-count">{formatInt(l.n)}</td>
            <td className="num" data-testid="level-pct">{fmtPct(100 * l.estimate)}</td>
            {weighted ? <td className="num">{fmtPct(100 * l.se)}</td> : null}
            <td className="num" data-testid="level-moe">{Number.isFinite(marginOf(l)) ? `±${fmtPct(marginOf(l))}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Statements as rows, scale points as columns (% of those who answered the statement). */
function MatrixTable({ q, locale }: { q: ToplineQuestion; locale: Locale }) {
  const rows = q.rows ?? [];
  const points: { key: string; label: string }[] = [];
  for (const r of rows) for (const l of r.levels) if (!points.some((p) => p.key === String(l.value))) points.push({ key: String(l.value), label: l.label });
  return (
    <div className="results__scroll">
      <table className="results__table results__matrix">
        <thead>
          <tr>
            <th scope="col">{rt(locale, 'col.row')}</th>
            <th scope="col" className="num">n</th>
            {points.map((p) => (
              <th scope="col" className="num" key={p.key}>{p.label}</th>
            ))}
            {rows.some((r) => r.mean) ? <th scope="col" className="num">{rt(locale, 'col.mean')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r.value)} data-row={String(r.value)}>
              <th scope="row">{r.label}</th>
              <td className="num">{formatInt(r.answered)}</td>
              {points.map((p) => {
                const l = r.levels.find((x) => String(x.value) === p.key);
                return (
                  <td className="num" key={p.key} title={l ? `±${fmtPct(marginOf(l))}` : undefined}>
                    {l ? fmtPct(100 * l.estimate) : '—'}
                  </td>
                );
              })}
              {rows.some((x) => x.mean) ? <td className="num">{r.mean ? fmtNum(r.mean.estimate) : '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QuestionBlock({ q, weighted, locale }: { q: ToplineQuestion; weighted: boolean; locale: Locale }) {
  return (
    <section className="card results__question" data-question={q.name} data-kind={q.kind} aria-labelledby={`q-${q.name}`}>
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
          <QuestionChart question={q} weighted={weighted} locale={locale} />
        </div>
      ) : null}
      {q.rows ? (
        <>
          <QuestionChart question={q} weighted={weighted} locale={locale} />
          <MatrixTable q={q} locale={locale} />
        </>
      ) : null}
    </section>
  );
}
