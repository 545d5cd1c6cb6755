// Admin: change one account: display name, roles, districts, a new password, and disabling it (after a
// confirmation, since the person is locked out at once). Only changed fields are sent.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TRole, TUserItem } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import { st, type Locale } from '../i18n';
import { DistrictsField, FormErrors, parseDistricts, RoleChoices, PasswordField } from './fields';

interface EditUserProps {
  user: TUserItem;
  locale: Locale;
  onSaved: (user: TUserItem, message: string) => void;
  onClose: () => void;
}

type Update = { displayName?: string; roles?: TRole[]; districts?: string[]; password?: string; disabled?: boolean };

export function EditUser({ user, locale, onSaved, onClose }: EditUserProps) {
  const [displayName, setDisplayName] = useState(user.displayName ?? '');
  const [roles, setRoles] = useState<TRole[]>(user.roles);
  const [districts, setDistricts] = useState(user.districts.join(', '));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    titleRef.current?.scrollIntoView({ block: 'nearest' });
    titleRef.current?.focus();
  }, [user.username]);

  async function send(update: Update, message: string) {
    setBusy(true);
    setError(null);
    setInfo(null);
    try {
      const { user: saved } = await api<{ user: TUserItem }>('PATCH', `/users/${encodeURIComponent(user.username)}`, update);
      setPassword('');
      setConfirming(false);
      onSaved({ ...user, ...saved }, message);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : String(caught));
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    if (!roles.length) return setError(st(locale, 'users.rolesRequired'));
    const update: Update = {};
    if (displayName.trim() !== (user.displayName ?? '')) update.displayName = displayName.trim();
    if (roles.join() !== user.roles.join()) update.roles = roles;
    const newDistricts = roles.includes('fieldwork') ? parseDistricts(districts) : [];
    if (newDistricts.join('\n') !== user.districts.join('\n')) update.districts = newDistricts;
    if (password) update.password = password;
    if (!Object.keys(update).length) {
      setError(null);
      return setInfo(st(locale, 'users.edit.nothing'));
    }
    void send(update, st(locale, 'users.edit.done', { username: user.username }));
  }

  const titleId = 'edit-user-title';
  return (
    <section className="card card--edit" aria-labelledby={titleId} data-testid="edit-user">
      <div className="card__head">
        <h2 id={titleId} className="card__title" ref={titleRef} tabIndex={-1}>
          {st(locale, 'users.edit.title', { username: user.username })}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {st(locale, 'users.edit.close')}
        </button>
      </div>
      <form className="form form--grid" onSubmit={save} aria-labelledby={titleId}>
        <div className="field">
          <label htmlFor="edit-user-display-name">{st(locale, 'users.field.displayName')}</label>
          <input id="edit-user-display-name" maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <PasswordField
          id="edit-user-password"
          label={st(locale, 'users.field.newPassword')}
          hint={st(locale, 'users.field.newPasswordHint')}
          value={password}
          onChange={setPassword}
        />
        <RoleChoices idPrefix="edit-user" locale={locale} roles={roles} onChange={setRoles} />
        {roles.includes('fieldwork') ? (
          <DistrictsField id="edit-user-districts" locale={locale} value={districts} onChange={setDistricts} />
        ) : null}
        <FormErrors error={error} locale={locale} />
        {info ? (
          <p className="message message--info" role="status">
            {info}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {st(locale, busy ? 'saving' : 'save')}
          </button>
          {user.disabled ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => send({ disabled: false }, st(locale, 'users.enabled.done', { username: user.username }))}
            >
              {st(locale, 'users.enable')}
            </button>
          ) : (
            <button type="button" className="button button--danger" disabled={busy || confirming} onClick={() => setConfirming(true)}>
              {st(locale, 'users.disable')}
            </button>
          )}
        </div>
        {confirming ? (
          <div className="confirm" role="alertdialog" aria-labelledby="disable-confirm-text">
            <p id="disable-confirm-text">{st(locale, 'users.disable.confirm', { username: user.username })}</p>
            <div className="form__actions">
              <button
                type="button"
                className="button button--danger-solid"
                disabled={busy}
                onClick={() => send({ disabled: true }, st(locale, 'users.disabled.done', { username: user.username }))}
              >
                {st(locale, 'users.disable.yes')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {st(locale, 'cancel')}
              </button>
            </div>
          </div>
        ) : null}
      </form>
    </section>
  );
}
