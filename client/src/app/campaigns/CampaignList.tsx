// Every campaign with its questionnaire version, status in words, fieldwork dates in Đà Nẵng time and,
// when the progress counters answer, how many responses are in against the quota.
import { useCallback, useEffect, useState } from 'react';
import type { TCampaignItem, TProgress } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { Loading } from '../Shell';
import { formatInt, vnDate, type Rights } from './format';
import { ct } from './i18n';
import { StatusBadge } from './parts';

type Totals = Record<string, TProgress['total'] | undefined>;

export function CampaignList({ locale, rights }: { locale: Locale; rights: Rights }) {
  const [items, setItems] = useState<TCampaignItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [totals, setTotals] = useState<Totals>({});

  const load = useCallback(async () => {
    setError(null);
    try {
      const { items } = await api<{ items: TCampaignItem[] }>('GET', '/campaigns');
      setItems(items);
      // Progress comes from counters kept on submission: one cheap call per campaign, best effort.
      const pairs = await Promise.all(
        items.map(async (c) => {
          try {
            return [c.slug, (await api<TProgress>('GET', `/campaigns/${encodeURIComponent(c.slug)}/progress`)).total] as const;
          } catch {
            return [c.slug, undefined] as const;
          }
        }),
      );
      setTotals(Object.fromEntries(pairs));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError({ status: 0, code: 'unknown', detail: String(caught) }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">{ct(locale, 'list.title')}</h1>
        {rights.manage ? (
          <Link href="/app/campaigns/new" className="button button--primary">
            {ct(locale, 'list.new')}
          </Link>
        ) : null}
      </div>
      <section className="card" aria-labelledby="campaigns-list-title">
        <h2 id="campaigns-list-title" className="visually-hidden">
          {ct(locale, 'list.title')}
        </h2>
        {error ? (
          <div className="message message--error" role="alert">
            <p>
              {ct(locale, 'list.loadFailed')} {error.message}
            </p>
          </div>
        ) : items === null ? (
          <Loading locale={locale} />
        ) : items.length === 0 ? (
          <p>{ct(locale, 'list.empty')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} aria-labelledby="campaigns-list-title">
            <table className="table table--stack" data-testid="campaigns-table">
              <thead>
                <tr>
                  <th scope="col">{ct(locale, 'col.title')}</th>
                  <th scope="col">{ct(locale, 'col.version')}</th>
                  <th scope="col">{ct(locale, 'col.status')}</th>
                  <th scope="col">{ct(locale, 'col.window')}</th>
                  <th scope="col">{ct(locale, 'col.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const total = totals[c.slug];
                  return (
                    <tr key={c.slug}>
                      <th scope="row" data-label={ct(locale, 'col.title')}>
                        <span>
                          <Link href={`/app/campaigns/${encodeURIComponent(c.slug)}`} className="campaign-link">
                            {c.title}
                          </Link>
                          <code className="table__code">{c.slug}</code>
                        </span>
                      </th>
                      <td className="table__nowrap" data-label={ct(locale, 'col.version')}>
                        {ct(locale, 'version', { n: String(c.version) })}
                      </td>
                      <td data-label={ct(locale, 'col.status')}>
                        <StatusBadge status={c.status} locale={locale} />
                      </td>
                      <td className="table__nowrap" data-label={ct(locale, 'col.window')}>
                        {ct(locale, 'window', { from: vnDate(c.opensAt), to: vnDate(c.closesAt) })}
                      </td>
                      <td className="table__nowrap" data-label={ct(locale, 'col.progress')}>
                        {total
                          ? `${formatInt(total.completed)} / ${formatInt(total.quota)}`
                          : c.strata.cells.length
                            ? ct(locale, 'cells', { n: formatInt(c.strata.cells.length) })
                            : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
