// The respondent page's outer shell: find the campaign named in the address (and the invitation, for
// `?t=` links), say clearly why it cannot be filled in (unknown, closed, not yet open, offline, an
// invitation link needed, used or withdrawn), and otherwise hand over to the survey itself.
// The survey code (survey-core, ~400 kB gzip) is fetched in parallel with the campaign, so the first
// message appears before it arrives.
import { Component, Suspense, lazy, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { TPublicCampaign } from '../../../server/contract/public';
import { isLocale, t, type Locale } from '../i18n';
import { loadCampaign, type TokenProblem } from './api';
import { formatVnDateTime } from './dates';
import { Header } from './Header';
import { Notice } from './Notice';
import { OutboxPanel } from './OutboxPanel';
import { startOutbox } from './sender';
import { loadCachedCampaign, loadDraft, loadReceipt, saveCachedCampaign, type Link } from './storage';

const surveyFlowModule = import('./SurveyFlow');
const SurveyFlow = lazy(() => surveyFlowModule);

type Load =
  | { kind: 'loading' }
  | { kind: 'notFound' }
  | { kind: 'failed' }
  | { kind: 'token'; code: TokenProblem; detail?: string }
  | { kind: 'ready'; campaign: TPublicCampaign; offline: boolean };

/** `/s/<slug>` → slug; anything else has no campaign. */
export function slugFromPath(pathname: string): string {
  const match = /^\/s\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : '';
}

/** The link opened: `/s/<slug>` and, on an invitation link, `?t=<token>`. */
export function linkFromLocation(where: { pathname: string; search: string }): Link {
  const params = new URLSearchParams(where.search);
  const token = params.get('t')?.trim();
  const cell = Object.fromEntries([...params].filter(([k, v]) => k !== 't' && /^[\w-]{1,60}$/.test(k) && v.length <= 100));
  return { slug: slugFromPath(where.pathname), ...(token ? { token } : {}), ...(Object.keys(cell).length ? { cell } : {}) };
}

export function App() {
  const [link] = useState(() => linkFromLocation(location));
  const { slug } = link;
  const [locale, setLocale] = useState<Locale>(() => {
    const saved = loadDraft(link)?.locale;
    return isLocale(saved) ? saved : 'vi';
  });
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  const fetchCampaign = useCallback(async () => {
    if (!slug) return setLoad({ kind: 'notFound' });
    setLoad({ kind: 'loading' });
    const cached = loadCachedCampaign(link);
    const outcome = await loadCampaign(link, cached !== undefined);
    if (outcome.kind === 'ok') {
      saveCachedCampaign(link, outcome.campaign);
      return setLoad({ kind: 'ready', campaign: outcome.campaign, offline: false });
    }
    if (outcome.kind === 'notFound') return setLoad({ kind: 'notFound' });
    if (outcome.kind === 'token') return setLoad(outcome);
    // Weak connection: a copy loaded earlier on this phone is enough to go on answering.
    setLoad(cached ? { kind: 'ready', campaign: cached, offline: true } : { kind: 'failed' });
  }, [slug, link]);

  useEffect(() => {
    void fetchCampaign();
  }, [fetchCampaign]);

  // Responses completed earlier on this phone go out as soon as the page opens (and when the connection returns).
  useEffect(() => startOutbox(), []);

  const campaign = load.kind === 'ready' ? load.campaign : undefined;
  useEffect(() => {
    document.documentElement.lang = locale;
    const name = campaign ? localized(campaign.survey.title, locale) || campaign.campaign.title : '';
    document.title = name ? `${name} · ${t(locale, 'page.title')}` : t(locale, 'page.title');
  }, [locale, campaign]);

  return (
    <div className="page">
      <Header locale={locale} onLocale={setLocale} window={campaign?.campaign} />
      <main className="page__main">
        {slug ? <OutboxPanel link={link} locale={locale} /> : null}
        <Body load={load} link={link} locale={locale} retry={fetchCampaign} />
      </main>
    </div>
  );
}

function Body({ load, link, locale, retry }: { load: Load; link: Link; locale: Locale; retry: () => void }) {
  const retryButton = (
    <button type="button" className="button button--primary" onClick={retry}>
      {t(locale, 'retry')}
    </button>
  );
  switch (load.kind) {
    case 'loading':
      return <Loading locale={locale} />;
    case 'notFound':
      return (
        <Notice tone="error" title={t(locale, 'notFound.title')} testId="not-found">
          <p>{t(locale, 'notFound.body')}</p>
        </Notice>
      );
    case 'failed':
      return (
        <Notice tone="warning" title={t(locale, 'loadFailed.title')} actions={retryButton} testId="load-failed">
          <p>{t(locale, 'loadFailed.body')}</p>
        </Notice>
      );
    case 'token': {
      const receipt = load.code === 'token.used' ? loadReceipt(link) : undefined;
      return (
        <Notice tone={load.code === 'token.used' ? 'info' : 'error'} title={t(locale, `${load.code}.title`)} testId={load.code.replace('.', '-')}>
          {/* The server's reason is in Vietnamese; in English our own sentence says the same. */}
          <p>{locale === 'vi' && load.detail ? load.detail : t(locale, `${load.code}.body`)}</p>
          {receipt ? (
            <p className="notice__meta">
              {t(locale, 'token.yourReceipt', { at: formatVnDateTime(receipt.sentAt, locale), id: receipt.id.slice(-8).toUpperCase() })}
            </p>
          ) : null}
        </Notice>
      );
    }
    case 'ready': {
      const { campaign } = load.campaign;
      if (campaign.status !== 'open') {
        const dates = { from: formatVnDateTime(campaign.opensAt, locale), to: formatVnDateTime(campaign.closesAt, locale) };
        return (
          <Notice tone="info" title={t(locale, `${campaign.status}.title`)} testId={`campaign-${campaign.status}`}>
            <p>{t(locale, `${campaign.status}.body`, dates)}</p>
          </Notice>
        );
      }
      if (campaign.access === 'token' && !link.token) {
        return (
          <Notice tone="info" title={t(locale, 'token.required.title')} testId="token-required">
            <p>{t(locale, 'token.required.body')}</p>
          </Notice>
        );
      }
      return (
        <SurveyLoadBoundary locale={locale}>
          {load.offline ? <p className="page__note">{t(locale, 'offlineCopy')}</p> : null}
          <Suspense fallback={<Loading locale={locale} />}>
            {/* A public campaign ignores a `?t=`: its answers are kept under the public link. */}
            <SurveyFlow link={campaign.access === 'public' ? { slug: link.slug } : link} campaign={load.campaign} locale={locale} />
          </Suspense>
        </SurveyLoadBoundary>
      );
    }
  }
}

function Loading({ locale }: { locale: Locale }) {
  return (
    <p className="page__loading" role="status">
      {t(locale, 'loading')}
    </p>
  );
}

/** A localised questionnaire string (`"…"` or `{"default": …, "vi": …, "en": …}`) in `locale`. */
function localized(value: unknown, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const strings = value as Record<string, unknown>;
    const text = strings[locale] ?? strings.default;
    return typeof text === 'string' ? text : '';
  }
  return '';
}

/**
 * If the survey code itself fails to download (connection dropped mid-way), say so instead of a blank
 * page. Browsers remember a failed module import, so the retry reloads the page; the draft is safe.
 */
class SurveyLoadBoundary extends Component<{ locale: Locale; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    const { locale, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <Notice
        tone="warning"
        title={t(locale, 'loadFailed.title')}
        testId="load-failed"
        actions={
          <button type="button" className="button button--primary" onClick={() => location.reload()}>
            {t(locale, 'retry')}
          </button>
        }
      >
        <p>{t(locale, 'loadFailed.body')}</p>
      </Notice>
    );
  }
}
