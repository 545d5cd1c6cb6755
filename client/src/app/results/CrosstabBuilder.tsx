// The crosstab builder: two single-choice questions, column percentages, small cells shown as "—", cells
// that differ significantly from independence marked ▲/▼ (adjusted residuals), the Rao–Scott test in
// plain words, and the column percentages as a stacked-bar chart.
import { useEffect, useId, useState } from 'react';
import type { TCrosstab } from '../../../../server/contract/staff';
import { api, type ApiError } from '../api';
import { formatInt } from '../campaigns/format';
import { asApiError, FormProblem } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { CrosstabChart } from './charts';
import { cellMark } from './crosstab-marks';
import { fmtNum, fmtP, fmtPct, rt } from './i18n';

export interface Variable {
  name: string;
  title: string;
}

export function CrosstabBuilder(props: { slug: string; variables: Variable[]; query: (extra: Record<string, string>) => string; locale: Locale }) {
  const { slug, variables, query, locale } = props;
  const id = useId();
  const [row, setRow] = useState('');
  const [col, setCol] = useState('');
  const [result, setResult] = useState<TCrosstab | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<{ row: string; col: string } | null>(null);
  const qs = asked ? query({ row: asked.row, col: asked.col }) : '';

  // Recomputed when the page's weighting, filter or language changes once a table was asked for.
  useEffect(() => {
    if (!asked) return;
    let live = true;
    setBusy(true);
    setError(null);
    api<TCrosstab>('GET', `/campaigns/${encodeURIComponent(slug)}/crosstab?${qs}`).then(
      (x) => {
        if (!live) return;
        setResult(x);
        setBusy(false);
      },
      (e: unknown) => {
        if (!live) return;
        setResult(null);
        setError(asApiError(e));
        setBusy(false);
      },
    );
    return () => {
      live = false;
    };
  }, [slug, asked, qs]);

  const x = result?.crosstab;
  const marked =
    !!result && !!x && result.row.levels.some((r) => result.col.levels.some((c) => cellMark(x.stdres[r.value]?.[c.value], x.colPct[r.value]?.[c.value] != null) !== null));
  return (
    <section className="card results__crosstab" aria-labelledby={`${id}-title`} data-testid="crosstab">
      <h2 className="card__title" id={`${id}-title`}>
        {rt(locale, 'xt.title')}
      </h2>
      <form
        className="results__xt-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (row && col) setAsked({ row, col });
        }}
      >
        <VariableSelect id={`${id}-row`} label={rt(locale, 'xt.row')} pick={rt(locale, 'xt.pick')} variables={variables} value={row} onChange={setRow} />
        <VariableSelect id={`${id}-col`} label={rt(locale, 'xt.col')} pick={rt(locale, 'xt.pick')} variables={variables} value={col} onChange={setCol} />
        <button type="submit" className="button" disabled={busy || !row || !col || row === col} aria-busy={busy}>
          {rt(locale, busy ? 'xt.busy' : 'xt.build')}
        </button>
      </form>
      <FormProblem error={error} locale={locale} />
      {result && x ? (
        <div className="results__scroll">
          <table className="results__table results__xt" data-testid="crosstab-table">
            <caption>{rt(locale, 'xt.caption', { row: result.row.title, col: result.col.title, n: formatInt(x.n) })}</caption>
            <thead>
              <tr>
                <th scope="col">{result.row.title}</th>
                {result.col.levels.map((c) => (
                  <th scope="col" className="num" key={c.value}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.row.levels.map((r) => (
                <tr key={r.value}>
                  <th scope="row">{r.label}</th>
                  {result.col.levels.map((c) => {
                    const v = x.counts[r.value]?.[c.value] === null ? null : (x.colPct[r.value]?.[c.value] ?? null);
                    const mark = cellMark(x.stdres[r.value]?.[c.value], v !== null);
                    return (
                      <td className="num" key={c.value} data-testid="crosstab-cell" data-sig={mark ?? undefined}>
                        {v === null ? '—' : fmtPct(v)}
                        {mark ? (
                          <span className={`results__sig results__sig--${mark}`} title={rt(locale, 'xt.legend')}>
                            {' '}
                            {rt(locale, mark === 'up' ? 'xt.mark.up' : 'xt.mark.down')}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {marked ? (
            <p className="field__hint" data-testid="crosstab-legend">
              {rt(locale, 'xt.legend')}
            </p>
          ) : null}
          {x.suppressed.length ? <p className="field__hint">{rt(locale, 'xt.suppressed', { k: String(x.suppressBelow) })}</p> : null}
          <p data-testid="crosstab-test">
            {rt(locale, 'xt.p', { F: fmtNum(x.raoScott.F), p: fmtP(x.raoScott.p) })}{' '}
            <strong>{rt(locale, x.raoScott.p < 0.05 ? 'xt.sig' : 'xt.notSig', { row: result.row.title, col: result.col.title })}</strong>
          </p>
          <CrosstabChart result={result} locale={locale} />
        </div>
      ) : null}
    </section>
  );
}

function VariableSelect(props: {
  id: string;
  label: string;
  pick: string;
  variables: { name: string; title: string }[];
  value: string;
  onChange: (name: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} required>
        <option value="">{props.pick}</option>
        {props.variables.map((v) => (
          <option key={v.name} value={v.name}>
            {v.title}
          </option>
        ))}
      </select>
    </div>
  );
}
