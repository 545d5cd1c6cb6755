// Admin: a new staff account. The server checks every rule (username shape, password length, unique
// name); the form only keeps the obvious mistakes from a round trip.
import { useState, type FormEvent } from 'react';
import type { TRole, TUserItem } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import { st, type Locale } from '../i18n';
import { DistrictsField, FormErrors, parseDistricts, RoleChoices, PasswordField } from './fields';

export function CreateUser({ locale, onCreated }: { locale: Locale; onCreated: (user: TUserItem) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<TRole[]>([]);
  const [districts, setDistricts] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    if (!roles.length) return setError(st(locale, 'users.rolesRequired'));
    setBusy(true);
    setError(null);
    try {
      const body = {
        username: username.trim().toLowerCase(),
        password,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        roles,
        districts: roles.includes('fieldwork') ? parseDistricts(districts) : [],
      };
      const { user } = await api<{ user: TUserItem }>('POST', '/users', body);
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRoles([]);
      setDistricts('');
      setCreated(st(locale, 'users.create.done', { username: user.username }));
      onCreated(user);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="new-user-title">
      <h2 id="new-user-title" className="card__title">
        {st(locale, 'users.create.title')}
      </h2>
      <form className="form form--grid" onSubmit={submit} aria-labelledby="new-user-title">
        <div className="field">
          <label htmlFor="new-user-username">{st(locale, 'users.field.username')}</label>
          <input
            id="new-user-username"
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            pattern="[A-Za-z0-9._\-]{3,40}"
            maxLength={40}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-describedby="new-user-username-hint"
          />
          <p className="field__hint" id="new-user-username-hint">
            {st(locale, 'users.field.usernameHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="new-user-display-name">{st(locale, 'users.field.displayName')}</label>
          <input id="new-user-display-name" maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <PasswordField
          id="new-user-password"
          label={st(locale, 'users.field.password')}
          hint={st(locale, 'users.field.passwordHint')}
          required
          value={password}
          onChange={setPassword}
        />
        <RoleChoices idPrefix="new-user" locale={locale} roles={roles} onChange={setRoles} />
        {roles.includes('fieldwork') ? (
          <DistrictsField id="new-user-districts" locale={locale} value={districts} onChange={setDistricts} />
        ) : null}
        <FormErrors error={error} locale={locale} />
        {created ? (
          <p className="message message--success" role="status" data-testid="user-created">
            {created}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
            {st(locale, busy ? 'users.create.busy' : 'users.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
