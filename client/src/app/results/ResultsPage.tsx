// A campaign's results for analysts (/app/campaigns/:slug/results): n, the weighted/unweighted and content
// language switches, filters by stratum and by any answer, every choice question's table and chart, the
// crosstab builder, and downloads for analysts and admins. Figures come from the Results API.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TCampaignItem, TStaffUser, TTopline } from '../../../../server/contract/staff';
import { api } from '../api';
import { formatInt } from '../campaigns/format';
import { FormProblem } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { Loading, Panel } from '../Shell';
import { useLoad } from '../useLoad';
import { CrosstabBuilder, type Variable } from './CrosstabBuilder';
import { ExportDownloads } from './ExportDownloads';
import { fmtNum, fmtPct, rt } from './i18n';
import { DRAWN, QuestionBlock, type ToplineQuestion } from './Question';
import { filterParam, type AnswerFilter } from './results-filter';
import { AnswerFilters, StratumSelects, type FilterVariable } from './ResultsFilters';
import { ResultsNav } from './ResultsNav';
import './results.css';

// Multiple choice too: the filter keeps a respondent who ticked any of the chosen values.
const ANSWER_FILTER_KINDS = new Set(['single', 'rating', 'multiple']);

const asVariable = (q: ToplineQuestion): FilterVariable => ({
  name: q.name,
  title: q.title,
  levels: (q.levels ?? []).map((l) => ({ value: String(l.value), label: l.label })),
});

export function ResultsPage({ slug, locale, user }: { slug: string; locale: Locale; user: TStaffUser }) {
  const base = `/campaigns/${encodeURIComponent(slug)}`;
  const [campaign, setCampaign] = useState<TCampaignItem | null>(null);
  const [weighted, setWeighted] = useState(false);
  const [lang, setLang] = useState<'vi' | 'en'>(locale);
  const [strata, setStrata] = useState<Record<string, string>>({});
  const [answerFilters, setAnswerFilters] = useState<AnswerFilter[]>([]);
  const canExport = user.roles.some((r) => r === 'analyst' || r === 'admin');
  const filter = filterParam(strata, answerFilters);

  const query = useCallback(
    (extra: Record<string, string> = {}) => {
      const p = new URLSearchParams({ weighted: String(weighted), lang, ...extra });
      if (filter) p.set('filter', filter);
      return p.toString();
    },
    [weighted, lang, filter],
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

  const { data: topline, error, loading } = useLoad<TTopline>(`${base}/topline?${query()}`);

  const questions = useMemo(() => (topline?.topline.questions ?? []) as unknown as ToplineQuestion[], [topline]);

  // Stratum selects: the campaign's strata variables, with the values its cells use, named by the
  // questionnaire (every choice is listed whatever the filter, so the lists do not shift as it changes).
  const strataVars = useMemo((): FilterVariable[] => {
    const names = campaign?.strata.variables ?? [];
    return names.flatMap((name) => {
      const q = questions.find((x) => x.name === name);
      if (!q?.levels) return [];
      const inCells = new Set((campaign?.strata.cells ?? []).map((c) => c.key[name]).filter(Boolean));
      const v = asVariable(q);
      return [{ ...v, levels: inCells.size ? v.levels.filter((l) => inCells.has(l.value)) : v.levels }];
    });
  }, [questions, campaign]);

  const answerQuestions = useMemo(
    () => questions.filter((q) => ANSWER_FILTER_KINDS.has(q.kind) && q.levels?.length && !campaign?.strata.variables.includes(q.name)).map(asVariable),
    [questions, campaign],
  );

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

  return (
    <div className="page results">
      <p className="page__back">
        <Link href={`/app/campaigns/${encodeURIComponent(slug)}`}>{rt(locale, 'back')}</Link>
      </p>
      <ResultsNav slug={slug} current="results" user={user} locale={locale} />
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
          <fieldset className="results__mode" data-testid="content-lang">
            <legend>{rt(locale, 'lang')}</legend>
            {(['vi', 'en'] as const).map((value) => (
              <label key={value} className="choice" lang={value}>
                <input type="radio" name="content-lang" checked={lang === value} onChange={() => setLang(value)} /> {rt(locale, `lang.${value}`)}
              </label>
            ))}
          </fieldset>
          <StratumSelects variables={strataVars} value={strata} onChange={(name, value) => setStrata((s) => ({ ...s, [name]: value }))} locale={locale} />
        </div>
        <AnswerFilters questions={answerQuestions} value={answerFilters} onChange={setAnswerFilters} locale={locale} />
        {canExport ? <ExportDownloads slug={slug} lang={lang} locale={locale} /> : null}
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
