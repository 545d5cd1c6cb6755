// Section 3 of the report: each page of the questionnaire as a heading, and under it each question with its
// key figures and its chart (the results page's QuestionChart, compact, without save buttons).
import type { Locale } from '../i18n';
import { QuestionChart } from '../results/charts';
import { keyFigures, sectionsOf, type Figure, type ReportQuestion } from './figures';
import { fmtInt, fmtNum, fmtPct, rp } from './report-i18n';
import type { ReportData } from './useReportData';

const share = (f: Figure, locale: Locale) => `${fmtPct(f.pct)}%${f.moe !== undefined ? rp(locale, 'kf.moe', { moe: fmtPct(f.moe) }) : ''}`;

function KeyFigureText({ q, weighted, locale }: { q: ReportQuestion; weighted: boolean; locale: Locale }) {
  const k = keyFigures(q, weighted);
  switch (k.kind) {
    case 'top': {
      const label = k.top.map((f) => f.label).join(' / ') + (k.top.length > 1 ? rp(locale, 'kf.tie') : '');
      return (
        <ul className="report__figures" data-testid="key-figures">
          {k.mean ? (
            <li>
              {rp(locale, 'kf.mean', { mean: fmtNum(k.mean.value) })}
              {k.mean.moe !== undefined ? rp(locale, 'kf.meanMoe', { moe: fmtNum(k.mean.moe) }) : ''}
            </li>
          ) : null}
          <li>{rp(locale, q.kind === 'multiple' ? 'kf.topMany' : 'kf.top', { label, share: share(k.top[0], locale) })}</li>
        </ul>
      );
    }
    case 'rows':
      return (
        <table className="report__table report__table--compact" data-testid="key-figures">
          <caption>{rp(locale, k.measure === 'positive' ? 'kf.positive' : 'kf.rowsTop')}</caption>
          <thead>
            <tr>
              <th scope="col">{rp(locale, 'col.item')}</th>
              <th scope="col" className="num">{rp(locale, 'col.share')}</th>
            </tr>
          </thead>
          <tbody>
            {k.rows.map((f) => (
              <tr key={f.label}>
                <th scope="row">{f.label}</th>
                <td className="num">{share(f, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'rank':
      return (
        <p className="report__figures" data-testid="key-figures">
          {rp(locale, 'kf.rank', { label: k.first.label, share: share(k.first, locale) })}
        </p>
      );
    case 'count':
      return <p className="report__figures">{rp(locale, 'kf.count', { n: fmtInt(k.answered) })}</p>;
    default:
      return <p className="report__figures">{rp(locale, 'kf.none')}</p>;
  }
}

export function Sections({ data, locale }: { data: ReportData; locale: Locale }) {
  const { topline, survey } = data;
  const weighted = topline.weighted;
  const byName = new Map((topline.topline.questions as unknown as ReportQuestion[]).map((q) => [q.name, q]));
  const sections = sectionsOf(survey, locale)
    .map((s) => ({ ...s, items: s.questions.flatMap((name) => byName.get(name) ?? []) }))
    .filter((s) => s.items.length);
  return (
    <section className="report__results" aria-labelledby="report-s3">
      <h2 id="report-s3" className="report__part">{rp(locale, 's3')}</h2>
      {topline.n === 0 ? <p>{rp(locale, 'empty')}</p> : null}
      {sections.map((s, i) => (
        <section key={s.name} className="report__section report__section--questionnaire" data-section={s.name} aria-labelledby={`report-sec-${s.name}`}>
          <h3 id={`report-sec-${s.name}`} data-testid="report-section">
            {rp(locale, 'sec', { i: String(i + 1), title: s.title })}
          </h3>
          {s.items.map((q) => (
            <article key={q.name} className="report__question" data-question={q.name}>
              <h4>
                {q.title} <span className="report__code">{q.name}</span>
              </h4>
              {q.kind === 'text' ? null : <p className="report__meta">{rp(locale, 'q.answered', { n: fmtInt(q.answered) })}</p>}
              <KeyFigureText q={q} weighted={weighted} locale={locale} />
              {q.answered > 0 ? (
                <QuestionChart
                  question={q as unknown as Parameters<typeof QuestionChart>[0]['question']}
                  locale={locale}
                  weighted={weighted}
                  compact
                  saveButtons={false}
                />
              ) : null}
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}
