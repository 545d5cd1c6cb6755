// Responses on this phone that are not on the server yet and belong to another link than the one open
// (another campaign, another invitation): listed so that nothing waits unseen, with "Gửi ngay" for
// those waiting for a connection and the reason for those the server refused.
import { useEffect, useState } from 'react';
import { t, type Locale } from '../i18n';
import { formatVnDateTime } from './dates';
import { allEntries, deleteEntry, type OutboxEntry } from './outbox';
import { onOutboxChange, sendResponse } from './sender';
import { loadDraft, type Link } from './storage';

export function OutboxPanel({ link, locale }: { link: Link; locale: Locale }) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let live = true;
    const refresh = () => void allEntries().then((all) => live && setEntries(all));
    refresh();
    const unsubscribe = onOutboxChange(refresh);
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const current = loadDraft(link)?.submissionId;
  const shown = entries.filter((e) => e.state !== 'sent' && e.submissionId !== current);
  if (!shown.length) return null;
  return (
    <section className="outbox" data-testid="outbox-panel" aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="outbox__title">
        {t(locale, 'outbox.title')}
      </h2>
      <ul className="outbox__list">
        {shown.map((entry) => (
          <li key={entry.submissionId} className="outbox__item" data-testid="outbox-item" data-state={entry.state}>
            <span>{t(locale, 'outbox.item', { title: entry.title ?? entry.slug, at: formatVnDateTime(entry.queuedAt, locale) })}</span>
            <br />
            {entry.state === 'pending' ? (
              <>
                <span>{t(locale, 'outbox.pending', { n: String(entry.attempts) })}</span>{' '}
                <button type="button" className="button button--small" onClick={() => void sendResponse(entry.submissionId)}>
                  {t(locale, 'outbox.sendNow')}
                </button>
              </>
            ) : (
              <>
                <span>{t(locale, 'outbox.rejected', { reason: entry.problem?.detail ?? `HTTP ${entry.problem?.status ?? '?'}` })}</span>{' '}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void deleteEntry(entry.submissionId).then(() => setEntries((all) => all.filter((e) => e !== entry)))}
                >
                  {t(locale, 'outbox.dismiss')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
