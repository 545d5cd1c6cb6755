// One response as the reviewer reads it: its answers in words under each question's title, the
// suggestion and any flag or exclusion. Loaded from GET /campaigns/:slug/responses/:id.
import { useEffect, useRef, useState } from 'react';
import type { TResponseDetail, TReviewMark } from '../../../../server/contract/staff';
import { api, type ApiError } from '../api';
import { vnDateTime } from '../campaigns/format';
import { asApiError, FormProblem } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { fmtDuration, rv } from './review-i18n';

export const shortId = (id: string) => id.slice(0, 8);

export function markText(locale: Locale, key: 'flaggedBy' | 'excludedBy', m: TReviewMark): string {
  return rv(locale, key, { by: m.by, at: vnDateTime(m.at), reason: m.reason });
}

export function ResponseView({ base, id, locale, onClose }: { base: string; id: string; locale: Locale; onClose: () => void }) {
  const [detail, setDetail] = useState<TResponseDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The view opens below a possibly long list: bring it (and keyboard focus) to the reader.
    title.current?.scrollIntoView({ block: 'start' });
    title.current?.focus();
    let live = true;
    setDetail(null);
    setError(null);
    api<TResponseDetail>('GET', `${base}/responses/${encodeURIComponent(id)}?lang=${locale}`).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [base, id, locale]);

  return (
    <section className="card review__view" data-testid="response-view" aria-labelledby="review-view-title">
      <div className="card__head">
        <h2 className="card__title" id="review-view-title" ref={title} tabIndex={-1}>
          {rv(locale, 'detail.title', { id: shortId(id) })}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {rv(locale, 'detail.close')}
        </button>
      </div>
      {error ? <FormProblem error={error} locale={locale} /> : null}
      {!detail && !error ? <p role="status">{rv(locale, 'detail.loading')}</p> : null}
      {detail ? (
        <>
          <p className="table__muted">
            {Object.values(detail.stratum).join(' · ')}
            {Object.keys(detail.stratum).length ? ' · ' : ''}
            {rv(locale, 'detail.meta', { at: detail.receivedAt ? vnDateTime(detail.receivedAt) : '—', d: fmtDuration(locale, detail.durationSec), channel: detail.channel })}
          </p>
          {detail.suggestion ? (
            <p className="message message--warning">
              {rv(locale, 'detail.suggestion')}: {detail.suggestion[locale]}
            </p>
          ) : null}
          {detail.flagged ? <p className="message message--info">{markText(locale, 'flaggedBy', detail.flagged)}</p> : null}
          {detail.excluded ? <p className="message message--error">{markText(locale, 'excludedBy', detail.excluded)}</p> : null}
          {detail.answers.length ? (
            <dl className="review__answers">
              {detail.answers.map((a) => (
                <div key={a.name} className="review__answer">
                  <dt>
                    {a.title} <code className="results__code">{a.name}</code>
                  </dt>
                  <dd>{a.text}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>{rv(locale, 'detail.none')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
