// The review queue for analysts (/app/campaigns/:slug/review): responses analysis/ suggests (too fast,
// one column in a grid, duplicates), flagged and excluded ones; select several and exclude them from the
// results or flag them with a reason (prefilled from the suggestion), read a response, put one back.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TCampaignItem, TReviewKind, TReviewList, TStaffUser } from '../../../../server/contract/staff';
import { api, type ApiError } from '../api';
import { formatInt } from '../campaigns/format';
import { asApiError, FormProblem } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { Loading, Panel } from '../Shell';
import { useLoad } from '../useLoad';
import { ResultsNav } from './ResultsNav';
import { fmtDuration, rv } from './review-i18n';
import { ResponseView, shortId } from './ResponseView';
import { ReviewTable } from './ReviewTable';
import './results.css';
import './review.css';

type Status = TReviewList['status'];
interface Tab {
  key: 'suggested' | TReviewKind | 'flagged' | 'excluded';
  status: Status;
  kind?: TReviewKind;
}
const TABS: Tab[] = [
  { key: 'suggested', status: 'suggested' },
  { key: 'speeder', status: 'suggested', kind: 'speeder' },
  { key: 'straightliner', status: 'suggested', kind: 'straightliner' },
  { key: 'duplicate', status: 'suggested', kind: 'duplicate' },
  { key: 'flagged', status: 'flagged' },
  { key: 'excluded', status: 'excluded' },
];
const LIMIT = 50;

export function ReviewPage({ slug, locale, user }: { slug: string; locale: Locale; user: TStaffUser }) {
  const base = `/campaigns/${encodeURIComponent(slug)}`;
  const [campaignTitle, setCampaignTitle] = useState(slug);
  const [tab, setTab] = useState<Tab>(TABS[0]);
  const [offset, setOffset] = useState(0);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [reasonEdited, setReasonEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<TCampaignItem>('GET', base).then((c) => live && setCampaignTitle(c.title), () => undefined);
    return () => {
      live = false;
    };
  }, [base]);

  useEffect(() => {
    document.title = `${rv(locale, 'title')} · ${campaignTitle}`;
  }, [locale, campaignTitle]);

  const listQuery = new URLSearchParams({ status: tab.status, offset: String(offset), limit: String(LIMIT), lang: locale });
  if (tab.kind) listQuery.set('kind', tab.kind);
  const { data: list, error, loading } = useLoad<TReviewList>(`${base}/review?${listQuery.toString()}`, reload);

  // The reason follows the selection until the analyst types their own.
  const suggestedReason = useMemo(() => {
    const items = (list?.items ?? []).filter((i) => selected.has(i.id));
    if (items.length === 1 && items[0].suggestion) return items[0].suggestion[locale].replace(/\.$/, '');
    const kinds = [...new Set(items.flatMap((i) => i.kinds))];
    return kinds.map((k) => rv(locale, `reason.${k}`)).join('; ');
  }, [list, selected, locale]);
  useEffect(() => {
    if (!reasonEdited) setReason(suggestedReason);
  }, [suggestedReason, reasonEdited]);

  const choose = (t: Tab) => {
    setTab(t);
    setOffset(0);
    setSelected(new Set());
    setNotice(null);
    setActionError(null);
  };
  const select = useCallback((ids: string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  async function act(work: () => Promise<string>) {
    setBusy(true);
    setNotice(null);
    setActionError(null);
    try {
      setNotice(await work());
      setSelected(new Set());
      setReasonEdited(false);
      setReload((n) => n + 1);
    } catch (e) {
      setActionError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }
  const ids = [...selected];
  const exclude = () =>
    act(async () => {
      await api('POST', `${base}/responses/exclude`, { ids, reason });
      return rv(locale, 'done.exclude', { n: formatInt(ids.length) });
    });
  const flag = () =>
    act(async () => {
      for (const id of ids) await api('POST', `${base}/responses/${encodeURIComponent(id)}/flag`, { reason });
      return rv(locale, 'done.flag', { n: formatInt(ids.length) });
    });
  const include = (id: string) =>
    act(async () => {
      await api('POST', `${base}/responses/${encodeURIComponent(id)}/include`, { reason: rv(locale, 'include.reason') });
      return rv(locale, 'done.include', { id: shortId(id) });
    });
  const unflag = (id: string) =>
    act(async () => {
      await api('POST', `${base}/responses/${encodeURIComponent(id)}/unflag`, {});
      return rv(locale, 'done.unflag', { id: shortId(id) });
    });

  const count = (t: Tab) => (list ? (t.kind ? list.counts[t.kind] : list.counts[t.status]) : null);
  const tooShort = reason.trim().length < 3;

  return (
    <div className="page review">
      <p className="page__back">
        <Link href={`/app/campaigns/${encodeURIComponent(slug)}`}>{rv(locale, 'back')}</Link>
      </p>
      <ResultsNav slug={slug} current="review" user={user} locale={locale} />
      <header className="card">
        <h1 className="page__title">
          {rv(locale, 'title')}: {campaignTitle}
        </h1>
        <p data-testid="review-included">{list ? rv(locale, 'included', { n: formatInt(list.included) }) : '—'}</p>
        {list?.medianDurationSec != null && list.speederThresholdSec != null ? (
          <p className="table__muted">
            {rv(locale, 'median', { median: fmtDuration(locale, list.medianDurationSec), threshold: fmtDuration(locale, list.speederThresholdSec) })}
          </p>
        ) : null}
      </header>

      {error ? (
        <div data-testid="review-error">
          <Panel tone="error" title={rv(locale, 'loadFailed')}>
            <p>{error.message}</p>
          </Panel>
        </div>
      ) : null}

      <div className="review__tabs" role="tablist" aria-label={rv(locale, 'tabs')}>
        {TABS.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={tab.key === t.key} className={`review__tab${tab.key === t.key ? ' review__tab--on' : ''}`} onClick={() => choose(t)}>
            {rv(locale, `tab.${t.key}`)} <span className="badge">{count(t) === null ? '…' : formatInt(count(t)!)}</span>
          </button>
        ))}
      </div>

      {notice ? <p className="message message--success" role="status" data-testid="review-notice">{notice}</p> : null}
      <FormProblem error={actionError} locale={locale} />

      {tab.status !== 'excluded' && list && list.items.length ? (
        <div className="card review__bar">
          <p>{rv(locale, 'selected', { n: formatInt(selected.size) })}</p>
          <div className="field review__reason-field">
            <label htmlFor="review-reason">{rv(locale, 'reason')}</label>
            <input id="review-reason" value={reason} maxLength={500} aria-describedby="review-reason-hint" onChange={(e) => { setReason(e.target.value); setReasonEdited(true); }} />
            <p className="field__hint" id="review-reason-hint">{rv(locale, 'reason.hint')}</p>
          </div>
          <div className="form__actions">
            <button type="button" className="button button--danger" disabled={busy || !selected.size || tooShort} onClick={exclude}>
              {busy ? rv(locale, 'busy') : rv(locale, 'exclude')}
            </button>
            <button type="button" className="button" disabled={busy || !selected.size || tooShort} onClick={flag}>
              {rv(locale, 'flag')}
            </button>
          </div>
        </div>
      ) : null}

      {loading && !list ? <Loading locale={locale} /> : null}
      {list && !error ? (
        <section className={loading ? 'results--stale' : ''} aria-busy={loading}>
          {list.items.length ? (
            <ReviewTable list={list} locale={locale} selected={selected} busy={busy} onSelect={select} onView={setViewing} onInclude={include} onUnflag={unflag} />
          ) : (
            <p className="message message--info" data-testid="review-empty">{rv(locale, `empty.${tab.status}`)}</p>
          )}
          {list.total > LIMIT ? (
            <p className="review__pager">
              <button type="button" className="button button--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
                {rv(locale, 'prev')}
              </button>{' '}
              {rv(locale, 'page', { from: formatInt(offset + 1), to: formatInt(Math.min(offset + LIMIT, list.total)), total: formatInt(list.total) })}{' '}
              <button type="button" className="button button--small" disabled={offset + LIMIT >= list.total} onClick={() => setOffset(offset + LIMIT)}>
                {rv(locale, 'next')}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}

      {viewing ? <ResponseView base={base} id={viewing} locale={locale} onClose={() => setViewing(null)} /> : null}
    </div>
  );
}
