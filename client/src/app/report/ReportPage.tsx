// The printable report of a campaign (/app/campaigns/:slug/report) for the editorial team: a title block,
// 1. fieldwork, 2. methodology, 3. each section of the questionnaire with its charts and key figures.
// A4 through the browser's print (report.css); weighted figures when the campaign has population margins.
import { useEffect } from 'react';
import type { TStaffUser } from '../../../../server/contract/staff';
import { vnParts } from '../../vn-time';
import { FormProblem } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { Loading, Panel } from '../Shell';
import { Fieldwork } from './Fieldwork';
import { Methodology } from './Methodology';
import { fmtInt, rp } from './report-i18n';
import { Sections } from './Sections';
import { useReportData, type ReportData } from './useReportData';
import './report.css';

function TitleBlock({ data, locale }: { data: ReportData; locale: Locale }) {
  const today = vnParts(new Date());
  const n = fmtInt(data.topline.n);
  return (
    <header className="report__cover">
      <div className="report__letterhead">
        <p className="report__org">
          {rp(locale, 'org.parent')}
          <br />
          <strong>{rp(locale, 'org.board')}</strong>
        </p>
        <p className="report__date" data-testid="report-date">
          {rp(locale, 'date', { day: today.day, month: today.month, year: today.year })}
        </p>
      </div>
      <p className="report__kicker">{rp(locale, 'kicker')}</p>
      <h1 className="report__title">{data.campaign.title}</h1>
      <p className="report__author">{rp(locale, 'author')}</p>
      <p className="report__basis" data-testid="report-basis">
        {rp(locale, data.topline.weighted ? 'basis.weighted' : 'basis.unweighted', { n })}
      </p>
    </header>
  );
}

export function ReportPage({ slug, locale, user }: { slug: string; locale: Locale; user: TStaffUser }) {
  const state = useReportData(slug, locale);
  const title = state.status === 'ready' ? state.data.campaign.title : slug;

  useEffect(() => {
    document.title = `${rp(locale, 'title')} · ${title}`;
  }, [title, locale]);

  return (
    <div className="report" data-testid="report">
      <div className="report__bar">
        <Link href={`/app/campaigns/${encodeURIComponent(slug)}/results`}>{rp(locale, 'back')}</Link>
        <span className="report__hint">{rp(locale, 'printHint')}</span>
        <button type="button" className="button" onClick={() => window.print()} disabled={state.status !== 'ready'}>
          {rp(locale, 'print')}
        </button>
      </div>
      {state.status === 'loading' ? <Loading locale={locale} /> : null}
      {state.status === 'failed' ? (
        state.error.status === 404 || state.error.status === 403 ? (
          <Panel tone="error" title={rp(locale, 'loadFailed')} testId="report-error">
            <p>{state.error.message}</p>
          </Panel>
        ) : (
          <div data-testid="report-error">
            <FormProblem error={state.error} locale={locale} />
          </div>
        )
      ) : null}
      {state.status === 'ready' ? (
        <article className="report__paper" lang={locale}>
          <TitleBlock data={state.data} locale={locale} />
          <Fieldwork data={state.data} locale={locale} user={user} />
          <Methodology data={state.data} locale={locale} user={user} />
          <Sections data={state.data} locale={locale} />
        </article>
      ) : null}
    </div>
  );
}
