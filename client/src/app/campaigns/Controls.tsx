// The staff switches of a whole campaign: pause, resume (or reopen), close early after a confirmation,
// and extend to a new closing time in Đà Nẵng time. Only shown to those who may change a campaign.
import { useState, type FormEvent } from 'react';
import type { TCampaignItem } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import { st, type Locale } from '../i18n';
import { vnDateTime, vnInputs, vnInstant } from './format';
import { ct } from './i18n';
import { asApiError, DateTime, FormProblem, messagesFor, problemsOf } from './parts';

interface Props {
  campaign: TCampaignItem;
  locale: Locale;
  onChanged: (campaign: TCampaignItem) => void;
}

export function Controls({ campaign, locale, onChanged }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [extending, setExtending] = useState(false);
  const [until, setUntil] = useState(() => vnInputs(campaign.closesAt));

  async function patch(body: Record<string, unknown>, message: (c: TCampaignItem) => string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await api<TCampaignItem>('PATCH', `/campaigns/${encodeURIComponent(campaign.slug)}`, body);
      setDone(message(updated));
      setConfirming(false);
      setExtending(false);
      onChanged(updated);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  function extend(event: FormEvent) {
    event.preventDefault();
    const closesAt = vnInstant(until.date, until.time);
    if (!closesAt) return;
    // Extending a closed campaign also reopens it: the new deadline is the point.
    void patch({ closesAt, ...(campaign.setting === 'closed' ? { status: 'active' } : {}) }, (c) =>
      ct(locale, 'cockpit.done.extended', { date: vnDateTime(c.closesAt) }),
    );
  }

  const setting = campaign.setting;
  return (
    <div className="controls" role="group" aria-label={ct(locale, 'cockpit.actions')}>
      <div className="form__actions">
        {setting === 'active' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void patch({ status: 'paused' }, () => ct(locale, 'cockpit.done.paused'))}>
            {ct(locale, 'cockpit.pause')}
          </button>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => void patch({ status: 'active' }, () => ct(locale, 'cockpit.done.active'))}>
            {ct(locale, setting === 'paused' ? 'cockpit.resume' : 'cockpit.reopen')}
          </button>
        )}
        <button type="button" className="button" aria-expanded={extending} disabled={busy} onClick={() => (setExtending((x) => !x), setConfirming(false))}>
          {ct(locale, 'cockpit.extend')}
        </button>
        {setting !== 'closed' ? (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => (setConfirming(true), setExtending(false))}>
            {ct(locale, 'cockpit.close')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="close-confirm-text">
          <p id="close-confirm-text">{ct(locale, 'cockpit.closeConfirm')}</p>
          <div className="form__actions">
            <button type="button" className="button button--danger-solid" disabled={busy} onClick={() => void patch({ status: 'closed' }, () => ct(locale, 'cockpit.done.closed'))}>
              {ct(locale, 'cockpit.closeYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {st(locale, 'cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {extending ? (
        <form className="form extend" onSubmit={extend} aria-label={ct(locale, 'cockpit.extendTitle')}>
          <DateTime idPrefix="extend" locale={locale} dateLabel="cockpit.extendDate" timeLabel="cockpit.extendTime" date={until.date} time={until.time}
            errors={messagesFor(problemsOf(error), 'closesAt')} onChange={(date, time) => setUntil({ date, time })} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {ct(locale, 'cockpit.extendSave')}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <FormProblem error={error} locale={locale} /> : null}
      {done ? (
        <p className="message message--success" role="status" data-testid="control-done">
          {done}
        </p>
      ) : null}
    </div>
  );
}
