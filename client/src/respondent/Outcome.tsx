// The screens after "Gửi phiếu": sending, saved on the phone and waiting for a connection, sent (the
// thank-you page), and refused by the server, with its reason. A refused response is never dropped
// silently: the screen says why and the response stays in the phone's outbox.
import type { Model } from 'survey-core';
import type { TAnswerError } from '../../../server/contract/public';
import { t, type Locale, type MessageKey } from '../i18n';
import { formatVnDateTime } from './dates';
import { Notice } from './Notice';
import type { OutboxEntry } from './outbox';
import type { Receipt } from './storage';
import { questionTitle } from './surveyModel';

export type Phase =
  | { kind: 'filling' }
  | { kind: 'submitting' }
  | { kind: 'sent'; receipt: Receipt }
  | { kind: 'queued'; entry: OutboxEntry }
  | { kind: 'invalid'; errors: TAnswerError[] }
  | { kind: 'refused'; entry: OutboxEntry };

interface Props {
  phase: Exclude<Phase, { kind: 'filling' }>;
  locale: Locale;
  model: Model;
  onResend: () => void;
  onReview: (errors?: TAnswerError[]) => void;
  /** Absent for an invitation: its link answers once. */
  onStartAgain?: () => void;
}

const button = (label: string, onClick: () => void, primary = false) => (
  <button type="button" className={`button ${primary ? 'button--primary' : ''}`} onClick={onClick}>
    {label}
  </button>
);

export function Outcome({ phase, locale, model, onResend, onReview, onStartAgain }: Props) {
  switch (phase.kind) {
    case 'submitting':
      return (
        <Notice tone="info" title={t(locale, 'submitting')} testId="submitting">
          <div className="spinner" aria-hidden="true" />
        </Notice>
      );
    case 'sent':
      return (
        <Notice
          tone="success"
          title={t(locale, 'thanks.title')}
          testId="thank-you"
          actions={onStartAgain ? button(t(locale, 'thanks.again'), onStartAgain) : undefined}
        >
          <p>{t(locale, 'thanks.body')}</p>
          <p className="notice__meta">
            {t(locale, 'thanks.receipt', { id: phase.receipt.id.slice(-8).toUpperCase() })}
            <br />
            {t(locale, 'thanks.sentAt', { at: formatVnDateTime(phase.receipt.sentAt, locale) })}
          </p>
        </Notice>
      );
    case 'queued': {
      const { entry } = phase;
      return (
        <Notice
          tone="warning"
          title={t(locale, 'network.title')}
          testId="send-failed"
          actions={
            <>
              {button(t(locale, 'resend'), onResend, true)}
              {button(t(locale, 'review'), () => onReview())}
            </>
          }
        >
          <p className="notice__saved" data-testid="saved-on-phone">
            <strong>{t(locale, 'queued.saved')}</strong>
          </p>
          <p>{t(locale, entry.lastFailure === 'server' ? 'server.body' : 'network.body')}</p>
          <ul className="notice__list" data-testid="outbox">
            <li data-testid="outbox-item" data-state={entry.state}>
              {t(locale, 'outbox.item', { title: entry.title ?? entry.slug, at: formatVnDateTime(entry.queuedAt, locale) })}
              <br />
              {t(locale, 'outbox.pending', { n: String(entry.attempts) })}
            </li>
          </ul>
        </Notice>
      );
    }
    case 'invalid':
      return (
        <Notice tone="warning" title={t(locale, 'invalid.title')} testId="invalid" actions={button(t(locale, 'invalid.back'), () => onReview(phase.errors), true)}>
          <p>{t(locale, 'invalid.body')}</p>
          <ul className="notice__list">
            {phase.errors.map((error, index) => (
              <li key={`${error.question}-${index}`}>
                <strong>{questionTitle(model, error.question)}</strong>: {error.message}
              </li>
            ))}
          </ul>
        </Notice>
      );
    case 'refused': {
      const problem = phase.entry.problem ?? { status: 0 };
      const { title, body, testId } = refusal(problem.code, problem.status);
      // The server's reason is written in Vietnamese; in English our own sentence stands in for it.
      const reason =
        locale === 'vi' && problem.detail ? problem.detail : t(locale, body, { status: String(problem.status) });
      return (
        <Notice tone="error" title={t(locale, title)} testId={testId} actions={button(t(locale, 'review'), () => onReview())}>
          <p>{reason}</p>
          <p>{t(locale, 'refused.kept')}</p>
        </Notice>
      );
    }
  }
}

/** Which messages explain a refusal, by the server's code. */
export function refusal(code: string | undefined, status: number): { title: MessageKey; body: MessageKey; testId: string } {
  if (status === 404) return { title: 'notFound.title', body: 'notFound.body', testId: 'not-found' };
  if (code === 'campaign.closed') return { title: 'closed.title', body: 'closedOnSubmit.body', testId: 'campaign-closed' };
  if (code === 'campaign.not_open') return { title: 'scheduled.title', body: 'closedOnSubmit.body', testId: 'campaign-scheduled' };
  if (code === 'campaign.paused') return { title: 'paused.title', body: 'paused.body', testId: 'campaign-paused' };
  if (code === 'token.used' || code === 'token.revoked' || code === 'token.invalid' || code === 'token.required') {
    return { title: `${code}.title`, body: `${code}.body`, testId: code.replace('.', '-') };
  }
  if (code === 'quota.full') return { title: 'quota.title', body: 'quota.body', testId: 'quota-full' };
  return { title: 'rejected.title', body: 'rejected.body', testId: 'rejected' };
}
