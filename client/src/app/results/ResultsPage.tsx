// A campaign's results for analysts (/app/campaigns/:slug/results): n and the weighted/unweighted switch,
// a district filter, every choice question's table and bar chart (± margin of error when weighted), the
// crosstab builder, and downloads for analysts and admins. Figures come from the Results API.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TCampaignItem, TStaffUser, TTopline } from '../../../../server/contract/staff';
import { api, type ApiError } from '../api';
import { formatInt } from '../campaigns/format';
import { asApiError, FormProblem } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { Loading, Panel } from '../Shell';
import { CrosstabBuilder, type Variable } from './CrosstabBuilder';
import { fmtNum, fmtPct, rt } from './i18n';
import { DRAWN, QuestionBlock, type ToplineQuestion } from './Question';
import './results.css';

const FILTER_VARIABLE = 'district';

export function ResultsPage({ slug, locale, user }: { slug: string; locale: Locale; user: TStaffUser }) {
  const base = `/campaigns/${encodeURIComponent(slug)}`;
  const [campaign, setCampaign] = useState<TCampaignItem | null>(null);
  const [weighted, setWeighted] = useState(false);
  const [district, setDistrict] = useState('');
  const [topline, setTopline] = useState<TTopline | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  /** District value → label, kept from the first answer so the select does not change with the filter. */
  const [districts, setDistricts] = useState<{ value: string; label: string }[]>([]);
  const canExport = user.roles.some((r) => r === 'analyst' || r === 'admin');

  const query = useCallback(
    (extra: Record<string, string> = {}) => {
      const p = new URLSearchParams({ weighted: String(weighted), lang: locale, ...extra });
      if (district) p.set('filter', `${FILTER_VARIABLE}:${district}`);
      return p.toString();
    },
    [weighted, locale, district],
  );

  useEffect(() => {
    let live = true;
    api<TCampaignItem>('GET', base).then(
      (c) => live && setCampaign(c),
      () => undefined, // the topline's error says what went wrong
    );
    return () => {
      live = false;
    };
  }, [base]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api<TTopline>('GET', `${base}/topline?${query()}`).then(
      (t) => {
        if (!live) return;
        setTopline(t);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [base, query]);

  const questions = useMemo(() => (topline?.topline.questions ?? []) as unknown as ToplineQuestion[], [topline]);

  // The filter's choices: the district values the campaign's cells use, named by the questionnaire.
  useEffect(() => {
    const q = questions.find((x) => x.name === FILTER_VARIABLE);
    if (!q?.levels || district) return;
    const inCells = new Set((campaign?.strata.cells ?? []).map((c) => c.key[FILTER_VARIABLE]).filter(Boolean));
    const levels = q.levels.map((l) => ({ value: String(l.value), label: l.label }));
    setDistricts(inCells.size ? levels.filter((l) => inCells.has(l.value)) : levels);
  }, [questions, campaign, district]);

  const crossVariables: Variable[] = useMemo(
    () => questions.filter((q) => q.kind === 'single' || q.kind === 'rating').map((q) => ({ name: q.name, title: q.title })),
    [questions],
  );

  useEffect(() => {
    document.title = `${rt(locale, 'title')} · ${campaign?.title ?? slug}`;
  }, [campaign, slug, locale]);

  const w = topline?.weighting;
  const effN = w?.diagnostics.kishEffectiveN ?? 0;
  const maxMoe = effN > 0 ? 100 * 1.96 * Math.sqrt(0.25 / effN) : NaN;
  const download = (path: string, params: Record<string, string>) => `/api/v1${base}/${path}?${new URLSearchParams(params).toString()}`;

  return (
    <div className="page results">
      <p className="page__back">
        <Link href={`/app/campaigns/${encodeURIComponent(slug)}`}>{rt(locale, 'back')}</Link>
      </p>
      <header className="card results__head">
        <h1 className="page__title">
          {rt(locale, 'title')}: {campaign?.title ?? slug}
        </h1>
        <p data-testid="results-n">{topline ? rt(locale, 'n', { n: formatInt(topline.n), total: formatInt(topline.total) }) : '—'}</p>
        <div className="results__controls">
          <fieldset className="results__mode">
            <legend>{rt(locale, 'mode')}</legend>
            {[false, true].map((value) => (
              <label key={String(value)} className="choice">
                <input type="radio" name="weighted" checked={weighted === value} onChange={() => setWeighted(value)} />{' '}
                {rt(locale, value ? 'mode.weighted' : 'mode.unweighted')}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="results-district">{rt(locale, 'district')}</label>
            <select id="results-district" value={district} onChange={(e) => setDistrict(e.target.value)}>
              <option value="">{rt(locale, 'district.all')}</option>
              {districts.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          {canExport ? (
            <div className="results__exports" data-testid="exports">
              <span>{rt(locale, 'export.title')}:</span>
              <a className="button button--small" href={download('export', { format: 'csv', labels: 'codes', lang: locale })} download>
                {rt(locale, 'export.csv')}
              </a>
              <a className="button button--small" href={download('export', { format: 'xlsx', labels: 'codes', lang: locale })} download>
                {rt(locale, 'export.xlsx')}
              </a>
              <a className="button button--small" href={download('codebook', { format: 'xlsx', lang: locale })} download>
                {rt(locale, 'export.codebook')}
              </a>
            </div>
          ) : null}
        </div>
        {topline?.weighted && w ? (
          <p className="message message--info" data-testid="weighting">
            {rt(locale, 'weighting', {
              method: rt(locale, w.method === 'rake' ? 'weighting.rake' : 'weighting.none'),
              eff: fmtNum(effN),
              deff: fmtNum(w.diagnostics.kishDeff),
              moe: fmtPct(maxMoe),
            })}
            {w.converged ? '' : ` ${rt(locale, 'weighting.notConverged')}`}
          </p>
        ) : null}
      </header>

      {error ? (
        error.status === 404 || error.status === 403 ? (
          <Panel tone="error" title={rt(locale, 'loadFailed')} testId="results-error">
            <p>{error.message}</p>
          </Panel>
        ) : (
          <div data-testid="results-error">
            <FormProblem error={error} locale={locale} />
          </div>
        )
      ) : null}
      {loading ? <Loading locale={locale} /> : null}

      {topline && !error ? (
        <>
          {topline.n === 0 ? <p className="message message--info">{rt(locale, 'empty')}</p> : null}
          <div className={`results__questions${loading ? ' results--stale' : ''}`} aria-busy={loading}>
            {questions
              .filter((q) => DRAWN.has(q.kind) && (q.levels?.length || q.rows?.length))
              .map((q) => (
                <QuestionBlock key={q.name} q={q} weighted={topline.weighted} locale={locale} />
              ))}
          </div>
          {crossVariables.length >= 2 ? <CrosstabBuilder slug={slug} variables={crossVariables} query={query} locale={locale} /> : null}
        </>
      ) : null}
    </div>
  );
}
