// A campaign's weights (/app/campaigns/:slug/weights): analysts and admins enter population counts per
// variable and save them; everyone who reads results sees the diagnostics of the raking weights and how the
// sample, the population and the weighted sample compare. Figures come from the weights API.
import { useEffect, useState, type FormEvent } from 'react';
import type { TCampaignItem, TStaffUser, TWeights } from '../../../../server/contract/staff';
import { api, type ApiError } from '../api';
import { formatInt } from '../campaigns/format';
import { asApiError, FormProblem, problemsOf } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { Loading, Panel } from '../Shell';
import { MarginEditor, type MarginLevels } from './MarginEditor';
import { ResultsNav } from './ResultsNav';
import { WeightsComparison, WeightsDiagnostics } from './WeightsFigures';
import { formatCount, parseCount, wt } from './weights-i18n';
import './results.css';
import './weights.css';

interface Draft {
  names: string[];
  counts: Record<string, Record<string, string>>;
  source: string;
}

function draftOf(w: TWeights): Draft {
  const counts = Object.fromEntries(
    Object.entries(w.margins).map(([name, levels]) => [name, Object.fromEntries(Object.entries(levels).map(([l, n]) => [l, formatCount(n)]))]),
  );
  return { names: Object.keys(w.margins), counts, source: w.source ?? '' };
}

/** A margin's levels: as the server compared them (crosses included), or the variable's own. */
function marginOf(name: string, w: TWeights): MarginLevels {
  const variable = w.variables.find((v) => v.name === name);
  const compared = w.comparison.find((c) => c.name === name);
  return {
    name,
    title: variable?.title ?? compared?.title ?? name,
    stratum: variable?.stratum ?? false,
    levels: compared?.levels.map((l) => ({ value: l.value, label: l.label })) ?? variable?.levels ?? [],
  };
}

export function WeightsPage({ slug, locale, user }: { slug: string; locale: Locale; user: TStaffUser }) {
  const base = `/campaigns/${encodeURIComponent(slug)}`;
  const editable = user.roles.some((r) => r === 'analyst' || r === 'admin');
  const [campaign, setCampaign] = useState<TCampaignItem | null>(null);
  const [data, setData] = useState<TWeights | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [adding, setAdding] = useState('');

  useEffect(() => {
    let live = true;
    api<TCampaignItem>('GET', base).then((c) => live && setCampaign(c), () => undefined);
    return () => {
      live = false;
    };
  }, [base]);

  // A change of language reloads the labels; what the analyst typed stays.
  useEffect(() => {
    let live = true;
    api<TWeights>('GET', `${base}/weights?lang=${locale}`).then(
      (w) => {
        if (!live) return;
        setData(w);
        setDraft((d) => d ?? draftOf(w));
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [base, locale]);

  useEffect(() => {
    document.title = `${wt(locale, 'title')} · ${campaign?.title ?? slug}`;
  }, [campaign, slug, locale]);

  const change = (next: (d: Draft) => Draft) => {
    setDraft((d) => (d ? next(d) : d));
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || saving) return;
    const margins = Object.fromEntries(
      draft.names.map((name) => [
        name,
        Object.fromEntries(Object.entries(draft.counts[name] ?? {}).flatMap(([level, text]) => {
          const n = parseCount(text);
          return n === null ? [] : [[level, n]];
        })),
      ]),
    );
    setSaving(true);
    setSaveError(null);
    try {
      const w = await api<TWeights>('PUT', `${base}/weights?lang=${locale}`, { margins, source: draft.source.trim() });
      setData(w);
      setDraft(draftOf(w));
      setSaved(true);
    } catch (e) {
      setSaveError(asApiError(e));
    } finally {
      setSaving(false);
    }
  }

  const problems = problemsOf(saveError);
  const unused = data && draft ? data.variables.filter((v) => !draft.names.includes(v.name)) : [];

  return (
    <div className="page results weights" data-testid="weights-page">
      <p className="page__back">
        <Link href={`/app${base}`}>{wt(locale, 'back')}</Link>
      </p>
      <ResultsNav slug={slug} current="weights" user={user} locale={locale} />
      <header className="card">
        <h1 className="page__title">
          {wt(locale, 'title')}: {campaign?.title ?? slug}
        </h1>
        <p>{wt(locale, 'intro')}</p>
        {data ? <p data-testid="weights-total">{wt(locale, 'responses', { n: formatInt(data.total) })}</p> : null}
        {editable ? null : <p className="message message--info">{wt(locale, 'readOnly')}</p>}
      </header>

      {loadError ? (
        <Panel tone="error" title={wt(locale, 'loadFailed')} testId="weights-error">
          <p>{loadError.message}</p>
        </Panel>
      ) : null}
      {!data && !loadError ? <Loading locale={locale} /> : null}

      {data ? <WeightsDiagnostics data={data} locale={locale} /> : null}

      {data && draft ? (
        <form className="card weights__form" onSubmit={save} noValidate>
          <h2 className="card__title">{wt(locale, 'margins')}</h2>
          <div className="field">
            <label htmlFor="weights-source">{wt(locale, 'source')}</label>
            {editable ? (
              <input id="weights-source" value={draft.source} maxLength={500} aria-describedby="weights-source-hint" onChange={(e) => change((d) => ({ ...d, source: e.target.value }))} />
            ) : (
              <p id="weights-source">{data.source ?? wt(locale, 'source.none')}</p>
            )}
            {editable ? <p className="field__hint" id="weights-source-hint">{wt(locale, 'source.hint')}</p> : null}
          </div>
          {draft.names.length ? null : <p className="message message--info">{wt(locale, 'margins.none')}</p>}
          <div className="weights__margins">
            {draft.names.map((name) => (
              <MarginEditor
                key={name}
                margin={marginOf(name, data)}
                counts={draft.counts[name] ?? {}}
                problems={problems}
                editable={editable}
                locale={locale}
                onChange={(level, text) => change((d) => ({ ...d, counts: { ...d.counts, [name]: { ...d.counts[name], [level]: text } } }))}
                onRemove={() => change((d) => ({ ...d, names: d.names.filter((n) => n !== name) }))}
              />
            ))}
          </div>
          {editable ? (
            <>
              {unused.length ? (
                <div className="weights__add">
                  <div className="field">
                    <label htmlFor="weights-add">{wt(locale, 'add.label')}</label>
                    <select id="weights-add" value={adding} onChange={(e) => setAdding(e.target.value)}>
                      <option value="">{wt(locale, 'add.pick')}</option>
                      {unused.map((v) => (
                        <option key={v.name} value={v.name}>
                          {v.title} ({v.name})
                        </option>
                      ))}
                    </select>
                  </div>
                  <button
                    type="button"
                    className="button"
                    disabled={!adding}
                    onClick={() => {
                      change((d) => ({ ...d, names: [...d.names, adding], counts: { ...d.counts, [adding]: d.counts[adding] ?? {} } }));
                      setAdding('');
                    }}
                  >
                    {wt(locale, 'add.button')}
                  </button>
                </div>
              ) : null}
              <FormProblem error={saveError} locale={locale} />
              {saved ? (
                <p className={`message message--${data.failure ? 'warning' : 'success'}`} role="status" data-testid="weights-saved">
                  {wt(locale, data.failure ? 'saved.failed' : 'saved')}
                </p>
              ) : null}
              <button type="submit" className="button button--primary" disabled={saving}>
                {wt(locale, saving ? 'saving' : 'save')}
              </button>
            </>
          ) : null}
        </form>
      ) : null}

      {data ? <WeightsComparison data={data} locale={locale} /> : null}
    </div>
  );
}
