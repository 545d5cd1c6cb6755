// Admin: the audit log, newest first: who did what to which object, when (Đà Nẵng time), from where.
// Filtered by the address's query; "Xem thêm" fetches the next page with the server's cursor.
import { useEffect, useState, type FormEvent } from 'react';
import type { TAuditEvent } from '../../../../server/contract/staff';
import { formatVnDateTime } from '../../respondent/dates';
import { api, ApiError } from '../api';
import { actionLabel, objectTypeLabel, st, type Locale } from '../i18n';
import { navigate } from '../router';
import { Loading } from '../Shell';
import { apiQuery, auditPath, filtersFromSearch, NO_FILTERS, type AuditFilters } from './filters';

interface Page {
  items: TAuditEvent[];
  next?: string;
}

export function AuditPage({ locale, path }: { locale: Locale; path: string }) {
  const search = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  const [form, setForm] = useState<AuditFilters>(() => filtersFromSearch(search));
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // The address is the truth: a new query (submit, back button) resets the form and reloads.
  useEffect(() => {
    const filters = filtersFromSearch(search);
    setForm(filters);
    setPage(null);
    setError(null);
    let current = true;
    api<Page>('GET', apiQuery(filters)).then(
      (result) => current && setPage(result),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [search, attempt]);

  async function more() {
    if (!page?.next) return;
    setLoadingMore(true);
    setError(null);
    try {
      const result = await api<Page>('GET', apiQuery(filtersFromSearch(search), page.next));
      setPage({ items: [...page.items, ...result.items], next: result.next });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setLoadingMore(false);
    }
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const to = auditPath(form);
    if (to === path) setAttempt((n) => n + 1);
    else navigate(to);
  }

  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const field = (key: keyof AuditFilters, type = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{st(locale, `audit.field.${key}`)}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={form[key]}
        onChange={set(key)}
        autoCapitalize="none"
        spellCheck={false}
        aria-describedby={hint ? `audit-${key}-hint` : undefined}
      />
      {hint ? (
        <p className="field__hint" id={`audit-${key}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <div className="page">
      <h1 className="page__title">{st(locale, 'audit.title')}</h1>
      <section className="card" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title" className="card__title">
          {st(locale, 'audit.filters')}
        </h2>
        <form className="form form--filters" onSubmit={apply} aria-labelledby="audit-filters-title">
          {field('actor')}
          {field('action', 'text', st(locale, 'audit.field.actionHint'))}
          {field('objectType')}
          {field('objectId')}
          {field('from', 'date')}
          {field('to', 'date')}
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {st(locale, 'audit.apply')}
            </button>
            <button type="button" className="button" onClick={() => (setForm(NO_FILTERS), navigate('/app/audit'))}>
              {st(locale, 'audit.clear')}
            </button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="audit-list-title">
        <h2 id="audit-list-title" className="visually-hidden">
          {st(locale, 'audit.title')}
        </h2>
        <p className="field__hint">{st(locale, 'audit.timeNote')}</p>
        {page === null && !error ? <Loading locale={locale} /> : null}
        {page && page.items.length === 0 ? <p>{st(locale, 'audit.empty')}</p> : null}
        {page && page.items.length > 0 ? <AuditTable events={page.items} locale={locale} /> : null}
        {error ? (
          <div className="message message--error" role="alert">
            <p>
              {st(locale, 'audit.loadFailed')} {error.message}
            </p>
            <button type="button" className="button button--small" onClick={() => (page ? void more() : setAttempt((n) => n + 1))}>
              {st(locale, 'retry')}
            </button>
          </div>
        ) : null}
        {page?.next ? (
          <div className="form__actions">
            <button type="button" className="button" onClick={more} disabled={loadingMore} aria-busy={loadingMore}>
              {st(locale, loadingMore ? 'audit.loadingMore' : 'audit.more')}
            </button>
          </div>
        ) : page && page.items.length > 0 ? (
          <p className="field__hint">{st(locale, 'audit.end')}</p>
        ) : null}
      </section>
    </div>
  );
}

function AuditTable({ events, locale }: { events: TAuditEvent[]; locale: Locale }) {
  return (
    <div className="table-wrap" tabIndex={0} aria-labelledby="audit-list-title">
      <table className="table table--audit table--stack" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{st(locale, 'audit.col.at')}</th>
            <th scope="col">{st(locale, 'audit.col.actor')}</th>
            <th scope="col">{st(locale, 'audit.col.action')}</th>
            <th scope="col">{st(locale, 'audit.col.object')}</th>
            <th scope="col">{st(locale, 'audit.col.ip')}</th>
            <th scope="col">{st(locale, 'audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const words = actionLabel(locale, event.action);
            const details = compactDetails(event.details);
            return (
              <tr key={event.id}>
                <td className="table__nowrap" data-label={st(locale, 'audit.col.at')}>
                  <time dateTime={event.at}>{formatVnDateTime(event.at, locale)}</time>
                </td>
                <td data-label={st(locale, 'audit.col.actor')}>{event.actor ?? <em>{st(locale, 'audit.system')}</em>}</td>
                <td data-label={st(locale, 'audit.col.action')}>
                  <div>
                    {words !== event.action ? <span className="table__words">{words}</span> : null}
                    <code className="table__code">{event.action}</code>
                  </div>
                </td>
                <td data-label={st(locale, 'audit.col.object')}>
                  <div>
                    <span className="table__muted">{objectTypeLabel(locale, event.object.type)}</span>{' '}
                    {event.object.label ?? event.object.id ?? ''}
                    {event.object.label && event.object.id && event.object.label !== event.object.id ? (
                      <code className="table__code">{event.object.id}</code>
                    ) : null}
                  </div>
                </td>
                <td data-label={st(locale, 'audit.col.ip')}>
                  <code>{event.ip}</code>
                </td>
                <td className="table__details" title={details.full} data-label={st(locale, 'audit.col.details')}>
                  {details.short}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const MAX_DETAILS = 140;

/** `{roles: ["designer"], disabled: true}` → "roles: designer · disabled: true", cut at a readable length. */
function compactDetails(details: Record<string, unknown> | undefined): { short: string; full?: string } {
  if (!details || !Object.keys(details).length) return { short: '' };
  const text = Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
  return text.length > MAX_DETAILS
    ? { short: `${text.slice(0, MAX_DETAILS - 1)}…`, full: JSON.stringify(details, null, 1) }
    : { short: text, full: undefined };
}

function toApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError({ status: 0, code: 'unknown', detail: String(caught) });
}
