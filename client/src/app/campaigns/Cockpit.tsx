// One campaign's cockpit: where it stands (status, window, days left, projected completion), the staff
// switches (pause, resume, close early, extend), totals, responses per day, progress per cell and the
// invitations. Progress refreshes every 30 seconds and whenever the window gets focus again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TCampaignItem, TProgress } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { rt } from '../results/i18n';
import { Loading, Panel } from '../Shell';
import { CellTable } from './CellTable';
import { Controls } from './Controls';
import { DailyChart } from './DailyChart';
import { dayText, formatInt, vnDateTime, vnTime, type Rights } from './format';
import { ct } from './i18n';
import { Invitations } from './Invitations';
import { asApiError, QuotaBar, StatusBadge } from './parts';
import { choiceQuestions, labelsOf, type Labels } from './questions';

const REFRESH_MS = 30_000;

export function Cockpit({ slug, locale, rights, results }: { slug: string; locale: Locale; rights: Rights; results?: boolean }) {
  const [campaign, setCampaign] = useState<TCampaignItem | null>(null);
  const [campaignError, setCampaignError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<TProgress | null>(null);
  const [progressError, setProgressError] = useState<ApiError | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [json, setJson] = useState<Record<string, unknown> | undefined>();
  const base = `/campaigns/${encodeURIComponent(slug)}`;
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRefreshing(true);
    try {
      const [c, p] = await Promise.allSettled([api<TCampaignItem>('GET', base), api<TProgress>('GET', `${base}/progress`)]);
      if (c.status === 'fulfilled') {
        setCampaign(c.value);
        setCampaignError(null);
      } else setCampaignError(asApiError(c.reason));
      if (p.status === 'fulfilled') {
        setProgress(p.value);
        setProgressError(null);
      } else setProgressError(asApiError(p.reason));
      if (c.status === 'fulfilled' || p.status === 'fulfilled') setUpdatedAt(new Date());
    } finally {
      inFlight.current = false;
      setRefreshing(false);
    }
  }, [base]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const onFocus = () => void refresh();
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  // The version's choice texts name the cells in the page's language (the progress labels are Vietnamese).
  const surveyId = campaign?.surveyId;
  const versionNumber = campaign?.version;
  useEffect(() => {
    if (!surveyId || !versionNumber) return;
    let live = true;
    api<{ json: Record<string, unknown> }>('GET', `/surveys/${encodeURIComponent(surveyId)}/versions/${versionNumber}`).then(
      (v) => live && setJson(v.json),
      () => undefined, // the progress labels will do
    );
    return () => {
      live = false;
    };
  }, [surveyId, versionNumber]);
  const labels: Labels = useMemo(() => labelsOf(choiceQuestions(json, locale)), [json, locale]);

  useEffect(() => {
    if (campaign) document.title = `${campaign.title} · ${ct(locale, 'title')}`;
  }, [campaign, locale]);

  if (!campaign) {
    if (campaignError)
      return (
        <Panel tone="error" title={campaignError.status === 404 ? ct(locale, 'cockpit.notFound', { slug }) : ct(locale, 'cockpit.loadFailed')} testId="campaign-error">
          <p>{campaignError.message}</p>
          <p>
            <Link href="/app/campaigns">{ct(locale, 'cockpit.back')}</Link>
          </p>
        </Panel>
      );
    return <Loading locale={locale} />;
  }

  const variables = campaign.strata.variables;
  const respondentUrl = `${window.location.origin}/s/${encodeURIComponent(campaign.slug)}`;
  const firstCell = campaign.strata.cells[0]?.key;
  const cellUrl = firstCell ? `${respondentUrl}?${new URLSearchParams(firstCell).toString()}` : undefined;

  return (
    <div className="page cockpit">
      <p className="page__back">
        <Link href="/app/campaigns">{ct(locale, 'cockpit.back')}</Link>
      </p>
      <header className="cockpit__head card">
        <div className="cockpit__title-row">
          <h1 className="page__title cockpit__title">{campaign.title}</h1>
          <StatusBadge status={campaign.status} locale={locale} />
          {results ? (
            <Link href={`/app/campaigns/${encodeURIComponent(campaign.slug)}/results`} className="button button--small" data-testid="results-link">
              {rt(locale, 'title')}
            </Link>
          ) : null}
        </div>
        <dl className="facts">
          <div>
            <dt>{ct(locale, 'cockpit.window')}</dt>
            <dd data-testid="campaign-window">
              {vnDateTime(campaign.opensAt)} – {vnDateTime(campaign.closesAt)}
            </dd>
          </div>
          <div>
            <dt>{ct(locale, 'cockpit.daysLeft')}</dt>
            <dd data-testid="days-left">{progress ? ct(locale, 'cockpit.days', { n: formatInt(progress.daysLeft) }) : '—'}</dd>
          </div>
          <div>
            <dt>{ct(locale, 'cockpit.projected')}</dt>
            <dd data-testid="projected">
              {progress ? (progress.projectedCompletion ? dayText(progress.projectedCompletion) : ct(locale, 'cockpit.projectedNever')) : '—'}
            </dd>
          </div>
          <div>
            <dt>{ct(locale, 'cockpit.access')}</dt>
            <dd>
              {ct(locale, `access.${campaign.access}`)} · {ct(locale, `anonymity.${campaign.anonymity}`)}
            </dd>
          </div>
          {campaign.access !== 'token' ? (
            <div className="facts__wide">
              <dt>{ct(locale, 'cockpit.respondentLink')}</dt>
              <dd>
                <a href={respondentUrl} target="_blank" rel="noreferrer">
                  {respondentUrl}
                </a>
                {cellUrl ? (
                  <p className="cockpit__cell-link">
                    {ct(locale, 'cockpit.cellLink')}{' '}
                    <a href={cellUrl} target="_blank" rel="noreferrer" data-testid="cell-link">
                      {cellUrl}
                    </a>
                  </p>
                ) : null}
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="cockpit__refresh">
          {campaign.access !== 'public' && progress?.strata.length ? (
            <a href="#invitations" className="cockpit__jump">
              {ct(locale, 'inv.title')} ↓
            </a>
          ) : null}
          <p className="cockpit__updated" role="status" data-testid="updated-at">
            {updatedAt ? ct(locale, 'cockpit.updatedAt', { time: vnTime(updatedAt) }) : ''}
          </p>
          <button type="button" className="button button--small" onClick={() => void refresh()} disabled={refreshing} aria-busy={refreshing}>
            {ct(locale, refreshing ? 'cockpit.refreshing' : 'cockpit.refresh')}
          </button>
        </div>
        {rights.manage ? <Controls campaign={campaign} locale={locale} onChanged={(c) => (setCampaign(c), void refresh())} /> : null}
      </header>

      {progressError ? (
        <div className="message message--warning" role="alert" data-testid="progress-error">
          <p>
            {progressError.status === 404
              ? ct(locale, 'cockpit.progressMissing')
              : ct(locale, 'cockpit.progressFailed', { detail: progressError.message })}
          </p>
        </div>
      ) : null}

      {progress ? (
        <>
          <div className="cockpit__grid">
            <section className="card totals" aria-labelledby="totals-title" data-testid="totals">
              <h2 className="card__title" id="totals-title">
                {ct(locale, 'totals.title')}
              </h2>
              <p className="totals__big">
                <span className="totals__label">{ct(locale, 'totals.completed')}</span>
                <span data-testid="total-completed">{ct(locale, 'totals.ofQuota', { completed: formatInt(progress.total.completed), quota: formatInt(progress.total.quota) })}</span>
              </p>
              <QuotaBar completed={progress.total.completed} quota={progress.total.quota} locale={locale} big />
              <p className="totals__line">
                {progress.total.quota > 0
                  ? ct(locale, 'totals.percent', { p: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format((100 * progress.total.completed) / progress.total.quota) })
                  : ''}
              </p>
              <p className="totals__line">
                {ct(locale, 'totals.partial')}: <strong data-testid="total-partial">{formatInt(progress.total.partial)}</strong>
              </p>
            </section>
            <DailyChart daily={progress.daily} locale={locale} />
          </div>
          {variables.length ? (
            <CellTable progress={progress} variables={variables} labels={labels} locale={locale} scoped={rights.scoped} />
          ) : null}
        </>
      ) : !progressError ? (
        <Loading locale={locale} />
      ) : null}

      {campaign.access !== 'public' && (rights.invite || rights.seeInvitations) ? (
        <Invitations campaign={campaign} labels={labels} progress={progress} locale={locale} rights={rights} />
      ) : null}
    </div>
  );
}
