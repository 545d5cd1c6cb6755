// What the weights page reports from the server: why raking failed (level by level), the diagnostics of
// the weights with their histogram, and per margin the sample, population and weighted shares.
import type { TWeights } from '../../../../server/contract/staff';
import { formatInt } from '../campaigns/format';
import type { Locale } from '../i18n';
import { ComparisonChart, WeightHistogram } from './WeightsCharts';
import { fmtNum, fmtPct, wt } from './weights-i18n';

export function WeightsDiagnostics({ data, locale }: { data: TWeights; locale: Locale }) {
  const w = data.weighting;
  const d = w?.diagnostics;
  const titles = new Map(data.comparison.map((m) => [m.name, m.title]));
  const rows: [string, string, string][] = d
    ? [
        ['diag-n', wt(locale, 'diag.n'), formatInt(d.n)],
        ['diag-effN', wt(locale, 'diag.effN'), fmtNum(d.kishEffectiveN)],
        ['diag-deff', wt(locale, 'diag.deff'), fmtNum(d.kishDeff)],
        ['diag-min', wt(locale, 'diag.min'), fmtNum(d.min)],
        ['diag-max', wt(locale, 'diag.max'), fmtNum(d.max)],
        ['diag-mean', wt(locale, 'diag.mean'), fmtNum(d.mean)],
        ['diag-ratio', wt(locale, 'diag.ratio'), fmtNum(d.max / d.min)],
        ['diag-cv', wt(locale, 'diag.cv'), fmtNum(d.cv)],
      ]
    : [];
  return (
    <section className="card" data-testid="weights-diagnostics" aria-labelledby="weights-diag-title">
      <h2 className="card__title" id="weights-diag-title">
        {wt(locale, 'diag.title')}
      </h2>
      {data.failure ? (
        <div className="message message--error" role="alert" data-testid="weights-failure">
          <p>
            <strong>{wt(locale, 'failure.title')}.</strong> {data.failure.message}
          </p>
          <p>{wt(locale, 'failure.why')}</p>
          <ul>
            {data.problems.map((p, i) => (
              <li key={i} data-testid="weights-problem">
                {p.message}
              </li>
            ))}
            {data.problems.length || !data.failure.detail ? null : <li data-testid="weights-problem">{data.failure.detail}</li>}
          </ul>
        </div>
      ) : null}
      {w && d ? (
        <>
          <dl className="weights__diag">
            <dt>{wt(locale, 'diag.method')}</dt>
            <dd data-testid="diag-method">
              {w.method === 'rake'
                ? wt(locale, 'diag.method.rake', { margins: w.margins.map((m) => titles.get(m) ?? m).join(', ') })
                : wt(locale, 'diag.method.none')}
            </dd>
            {w.method === 'rake' ? (
              <>
                <dt>{wt(locale, 'diag.converged')}</dt>
                <dd data-testid="diag-converged" className={w.converged ? undefined : 'weights__warn'}>
                  {wt(locale, w.converged ? 'diag.converged.yes' : 'diag.converged.no', { n: String(w.iterations) })}
                </dd>
              </>
            ) : null}
            {rows.map(([id, label, value]) => (
              <div key={id} className="weights__diag-row">
                <dt>{label}</dt>
                <dd data-testid={id}>{value}</dd>
              </div>
            ))}
          </dl>
          <h3 className="weights__subtitle">{wt(locale, 'hist.title')}</h3>
          <WeightHistogram bins={data.histogram} locale={locale} />
        </>
      ) : null}
    </section>
  );
}

export function WeightsComparison({ data, locale }: { data: TWeights; locale: Locale }) {
  if (!data.comparison.length) return null;
  return (
    <section className="card" data-testid="weights-comparison" aria-labelledby="weights-cmp-title">
      <h2 className="card__title" id="weights-cmp-title">
        {wt(locale, 'cmp.title')}
      </h2>
      <p className="field__hint">{wt(locale, 'cmp.saveFirst')}</p>
      {data.comparison.map((m) => (
        <div key={m.name} className="results__pair weights__cmp" data-comparison={m.name}>
          <div className="results__scroll">
            <table className="results__table">
              <caption>{wt(locale, 'cmp.caption', { title: m.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{wt(locale, 'col.level')}</th>
                  <th scope="col" className="num">{wt(locale, 'cmp.n')}</th>
                  <th scope="col" className="num">{wt(locale, 'cmp.sample')} %</th>
                  <th scope="col" className="num">{wt(locale, 'cmp.population')} %</th>
                  <th scope="col" className="num">{wt(locale, 'cmp.weighted')} %</th>
                </tr>
              </thead>
              <tbody>
                {m.levels.map((l) => (
                  <tr key={l.value} data-level={l.value}>
                    <th scope="row">{l.label}</th>
                    <td className="num" data-testid="cmp-n">{formatInt(l.sample)}</td>
                    <td className="num" data-testid="cmp-sample">{fmtPct(l.samplePct)}</td>
                    <td className="num" data-testid="cmp-population">{fmtPct(l.populationPct)}</td>
                    <td className="num" data-testid="cmp-weighted">{fmtPct(l.weightedPct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {m.missing ? <p className="field__hint">{wt(locale, 'cmp.missing', { n: formatInt(m.missing) })}</p> : null}
          </div>
          <ComparisonChart margin={m} locale={locale} />
        </div>
      ))}
    </section>
  );
}
