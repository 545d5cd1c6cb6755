// Opening a campaign on a published questionnaire version: address, title, window in Đà Nẵng time,
// access, anonymity, strata with a quota per cell. The server checks everything again (422 per field).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { TCampaignItem, TSurveyItem, TVersionItem } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import type { Locale } from '../i18n';
import { Link, navigate } from '../router';
import { Loading, Panel } from '../Shell';
import { suggestSlug, vnDate, vnInputs, vnInstant, type Rights } from './format';
import { ct } from './i18n';
import { asApiError, DateTime, FieldError, FormProblem, messagesFor, problemsOf } from './parts';
import { choiceQuestions, cellId, type ChoiceQuestion } from './questions';
import { cellsOf, StrataGrid, type Quotas } from './StrataGrid';

const SLOTS = ['strata.var1', 'strata.var2', 'strata.var3'] as const;
const MAX_VARIABLES = SLOTS.length;
const DAY_MS = 86_400_000;

type Access = TCampaignItem['access'];
type Anonymity = TCampaignItem['anonymity'];
type WhenFull = TCampaignItem['whenFull'];

export function CreateCampaign({ locale, rights }: { locale: Locale; rights: Rights }) {
  const [surveys, setSurveys] = useState<TSurveyItem[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [surveyId, setSurveyId] = useState('');
  const [versions, setVersions] = useState<TVersionItem[] | null>(null);
  const [version, setVersion] = useState('');
  const [json, setJson] = useState<Record<string, unknown> | undefined>();
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [window_, setWindow] = useState(() => {
    const now = new Date();
    return { opensDate: vnInputs(now.toISOString()).date, opensTime: '07:00', closesDate: vnInputs(new Date(now.getTime() + 30 * DAY_MS).toISOString()).date, closesTime: '23:59' };
  });
  const [access, setAccess] = useState<Access>('public');
  const [anonymity, setAnonymity] = useState<Anonymity>('anonymous');
  const [whenFull, setWhenFull] = useState<WhenFull>('accept-and-flag');
  const [variables, setVariables] = useState<string[]>([]);
  const [quotas, setQuotas] = useState<Quotas>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);

  useEffect(() => {
    api<{ items: TSurveyItem[] }>('GET', '/surveys').then(
      ({ items }) => setSurveys(items.filter((s) => s.latestVersion > 0)),
      (caught: unknown) => setLoadError(asApiError(caught)),
    );
  }, []);

  useEffect(() => {
    setVersions(null);
    setVersion('');
    if (!surveyId) return;
    let live = true;
    api<{ items: TVersionItem[] }>('GET', `/surveys/${encodeURIComponent(surveyId)}/versions`).then(
      ({ items }) => {
        if (!live) return;
        const sorted = [...items].sort((a, b) => b.number - a.number);
        setVersions(sorted);
        setVersion(sorted[0] ? String(sorted[0].number) : '');
      },
      (caught: unknown) => live && setError(asApiError(caught)),
    );
    return () => {
      live = false;
    };
  }, [surveyId]);

  useEffect(() => {
    setJson(undefined);
    setVariables([]);
    setQuotas({});
    if (!surveyId || !version) return;
    let live = true;
    api<{ json: Record<string, unknown> }>('GET', `/surveys/${encodeURIComponent(surveyId)}/versions/${version}`).then(
      (v) => live && setJson(v.json),
      (caught: unknown) => live && setError(asApiError(caught)),
    );
    return () => {
      live = false;
    };
  }, [surveyId, version]);

  const questions = useMemo(() => choiceQuestions(json, locale), [json, locale]);
  const chosen = useMemo(
    () => variables.map((name) => questions.find((q) => q.name === name)).filter((q): q is ChoiceQuestion => !!q),
    [variables, questions],
  );
  const cells = useMemo(() => cellsOf(chosen), [chosen]);

  if (!rights.manage)
    return (
      <Panel tone="error" title={ct(locale, 'new.title')} testId="forbidden">
        <p>{ct(locale, 'new.forbidden')}</p>
      </Panel>
    );

  const problems = typeof error === 'string' ? [] : problemsOf(error);
  const errs = (...paths: string[]) => messagesFor(problems, ...paths);
  const described = (id: string, messages: string[], hint?: string) =>
    [hint, messages.length ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;

  function pickSurvey(id: string) {
    setSurveyId(id);
    const survey = surveys?.find((s) => s.id === id);
    if (survey && !title.trim()) {
      setTitle(survey.title);
      if (!slugEdited) setSlug(suggestSlug(survey.title));
    }
  }

  function changeTitle(value: string) {
    setTitle(value);
    if (!slugEdited) setSlug(suggestSlug(value));
  }

  /** Slot i takes a question (or none: the later slots move up). */
  function chooseVariable(i: number, name: string) {
    setVariables((list) => {
      const next = [...list];
      if (name) next[i] = name;
      else next.splice(i, 1);
      return next.filter(Boolean).slice(0, MAX_VARIABLES);
    });
    setQuotas({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const opensAt = vnInstant(window_.opensDate, window_.opensTime);
    const closesAt = vnInstant(window_.closesDate, window_.closesTime);
    if (opensAt && closesAt && new Date(closesAt) <= new Date(opensAt)) return setError(ct(locale, 'new.windowOrder'));
    const designed = cells.filter((c) => /^\d+$/.test(quotas[cellId(c.key, variables)]?.trim() ?? '') && Number(quotas[cellId(c.key, variables)]) > 0);
    const body = {
      slug: slug.trim(),
      surveyId,
      version: Number(version),
      ...(title.trim() ? { title: title.trim() } : {}),
      opensAt,
      closesAt,
      timezone: 'Asia/Ho_Chi_Minh',
      access,
      anonymity,
      whenFull,
      strata: {
        variables: designed.length ? variables : [],
        cells: designed.map((c) => ({ key: c.key, quota: Number(quotas[cellId(c.key, variables)]) })),
      },
    };
    setBusy(true);
    setError(null);
    try {
      const created = await api<TCampaignItem>('POST', '/campaigns', body);
      navigate(`/app/campaigns/${encodeURIComponent(created.slug)}`);
    } catch (caught) {
      const apiError = asApiError(caught);
      // Cell errors name the index of the cell sent; the grid shows them by cell.
      if (Array.isArray(apiError.problem.errors))
        apiError.problem.errors = (apiError.problem.errors as { path?: string; message?: string }[]).map((e) => {
          const m = /^strata\.cells\.(\d+)(.*)$/.exec(String(e.path ?? ''));
          const cell = m ? designed[Number(m[1])] : undefined;
          return cell ? { ...e, path: `strata.cells.${cellId(cell.key, variables)}` } : e;
        });
      setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  if (loadError)
    return (
      <Panel tone="error" title={ct(locale, 'new.loadFailed')}>
        <p>{loadError.message}</p>
      </Panel>
    );
  if (!surveys) return <Loading locale={locale} />;

  const slugErr = errs('slug');
  const surveyErr = errs('surveyId');
  const versionErr = errs('version');
  const titleErr = errs('title');
  const opensErr = errs('opensAt');
  const closesErr = errs('closesAt');
  const strataErr = errs('strata.variables');

  return (
    <div className="page">
      <p className="page__back">
        <Link href="/app/campaigns">{ct(locale, 'new.back')}</Link>
      </p>
      <h1 className="page__title" id="new-campaign-title">
        {ct(locale, 'new.title')}
      </h1>
      <form className="form campaign-form" onSubmit={submit} aria-labelledby="new-campaign-title" noValidate>
        <section className="card form form--grid">
          <div className="field">
            <label htmlFor="campaign-survey">{ct(locale, 'field.survey')}</label>
            <select id="campaign-survey" required value={surveyId} onChange={(e) => pickSurvey(e.target.value)} aria-describedby={described('campaign-survey', surveyErr)}>
              <option value="">{ct(locale, 'field.surveyPick')}</option>
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <FieldError id="campaign-survey-error" messages={surveyErr} />
          </div>
          <div className="field">
            <label htmlFor="campaign-version">{ct(locale, 'field.version')}</label>
            <select id="campaign-version" required value={version} disabled={!versions?.length} onChange={(e) => setVersion(e.target.value)} aria-describedby={described('campaign-version', versionErr)}>
              {!versions?.length ? <option value="">{ct(locale, 'field.versionPick')}</option> : null}
              {(versions ?? []).map((v) => (
                <option key={v.number} value={v.number}>
                  {ct(locale, 'field.versionPublished', { n: String(v.number), date: vnDate(v.publishedAt) })}
                </option>
              ))}
            </select>
            {versions && !versions.length ? <p className="field__hint">{ct(locale, 'field.noVersion')}</p> : null}
            <FieldError id="campaign-version-error" messages={versionErr} />
          </div>
          <div className="field field--wide">
            <label htmlFor="campaign-title">{ct(locale, 'field.title')}</label>
            <input id="campaign-title" maxLength={300} value={title} onChange={(e) => changeTitle(e.target.value)} aria-describedby={described('campaign-title', titleErr)} />
            <FieldError id="campaign-title-error" messages={titleErr} />
          </div>
          <div className="field">
            <label htmlFor="campaign-slug">{ct(locale, 'field.slug')}</label>
            <input
              id="campaign-slug"
              required
              autoCapitalize="none"
              spellCheck={false}
              maxLength={60}
              value={slug}
              onChange={(e) => (setSlug(e.target.value), setSlugEdited(true))}
              aria-describedby={described('campaign-slug', slugErr, 'campaign-slug-hint')}
              aria-invalid={slugErr.length ? true : undefined}
            />
            <p className="field__hint" id="campaign-slug-hint">
              {ct(locale, 'field.slugHint', { slug: slug || '…' })}
            </p>
            <FieldError id="campaign-slug-error" messages={slugErr} />
          </div>
        </section>

        <section className="card form form--grid" aria-labelledby="campaign-window-title">
          <h2 className="card__title" id="campaign-window-title">
            {ct(locale, 'col.window')} <span className="card__note">{ct(locale, 'field.windowHint')}</span>
          </h2>
          <DateTime idPrefix="campaign-opens" locale={locale} dateLabel="field.opensDate" timeLabel="field.opensTime" date={window_.opensDate} time={window_.opensTime} errors={opensErr}
            onChange={(date, time) => setWindow((w) => ({ ...w, opensDate: date, opensTime: time }))} />
          <DateTime idPrefix="campaign-closes" locale={locale} dateLabel="field.closesDate" timeLabel="field.closesTime" date={window_.closesDate} time={window_.closesTime} errors={closesErr}
            onChange={(date, time) => setWindow((w) => ({ ...w, closesDate: date, closesTime: time }))} />
        </section>

        <section className="card form form--grid">
          <Choices name="campaign-access" legend={ct(locale, 'field.access')} value={access} onChange={setAccess} errors={errs('access')}
            options={(['public', 'token', 'both'] as const).map((v) => ({ value: v, label: ct(locale, `access.${v}`), hint: ct(locale, `field.access.${v}`) }))} />
          <Choices name="campaign-anonymity" legend={ct(locale, 'field.anonymity')} value={anonymity} onChange={setAnonymity} errors={errs('anonymity')}
            options={(['anonymous', 'confidential'] as const).map((v) => ({ value: v, label: ct(locale, `anonymity.${v}`), hint: ct(locale, `field.anonymity.${v}`) }))} />
        </section>

        <section className="card" aria-labelledby="campaign-strata-title">
          <h2 className="card__title" id="campaign-strata-title">
            {ct(locale, 'strata.title')}
          </h2>
          <p className="field__hint">{ct(locale, 'strata.intro')}</p>
          {!json ? (
            surveyId && version ? <Loading locale={locale} /> : null
          ) : questions.length === 0 ? (
            <p>{ct(locale, 'strata.noChoice')}</p>
          ) : (
            <fieldset className="field strata-variables" aria-describedby={strataErr.length ? 'campaign-strata-error' : undefined}>
              <legend>{ct(locale, 'strata.variables')}</legend>
              <div className="strata-variables__slots">
                {SLOTS.map((slot, i) => (
                  <div className="field" key={slot}>
                    <label htmlFor={`campaign-var-${i + 1}`}>{ct(locale, slot)}</label>
                    <select
                      id={`campaign-var-${i + 1}`}
                      value={variables[i] ?? ''}
                      disabled={i > variables.length}
                      onChange={(e) => chooseVariable(i, e.target.value)}
                    >
                      <option value="">{ct(locale, 'strata.noVariable')}</option>
                      {questions
                        .filter((q) => q.name === variables[i] || !variables.includes(q.name))
                        .map((q) => (
                          <option key={q.name} value={q.name}>
                            {q.name} — {shorten(q.title)} ({q.choices.length})
                          </option>
                        ))}
                    </select>
                  </div>
                ))}
              </div>
              <FieldError id="campaign-strata-error" messages={strataErr} />
            </fieldset>
          )}
          {chosen.length ? (
            <StrataGrid locale={locale} questions={chosen} quotas={quotas} onChange={setQuotas} problems={problems} />
          ) : json ? (
            <p className="field__hint">{ct(locale, 'strata.none')}</p>
          ) : null}
          {chosen.length ? (
            <Choices name="campaign-when-full" legend={ct(locale, 'field.whenFull')} value={whenFull} onChange={setWhenFull} errors={errs('whenFull')}
              options={[
                { value: 'accept-and-flag' as const, label: ct(locale, 'field.whenFull.accept') },
                { value: 'refuse' as const, label: ct(locale, 'field.whenFull.refuse') },
              ]} />
          ) : null}
        </section>

        <FormProblem error={error} locale={locale} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !surveyId || !version} aria-busy={busy}>
            {ct(locale, busy ? 'new.busy' : 'new.submit')}
          </button>
          <Link href="/app/campaigns" className="button">
            {ct(locale, 'new.back').replace(/^← /, '')}
          </Link>
        </div>
      </form>
    </div>
  );
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 58)}…` : text);


function Choices<T extends string>(props: {
  name: string;
  legend: string;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string; hint?: string }[];
  errors: string[];
}) {
  const { name, legend, value, onChange, options, errors } = props;
  return (
    <fieldset className="field field--choices field--radios">
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="choice choice--described" key={o.value}>
          <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)}
            aria-describedby={o.hint ? `${name}-${o.value}-hint` : undefined} />
          <div>
            <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
            {o.hint ? (
              <span className="choice__hint" id={`${name}-${o.value}-hint`}>
                {o.hint}
              </span>
            ) : null}
          </div>
        </div>
      ))}
      <FieldError id={`${name}-error`} messages={errors} />
    </fieldset>
  );
}
