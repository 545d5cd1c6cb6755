// The login page: username and password, one message for any wrong pair (never which field), the wait
// after too many attempts, and the way back to the page the person wanted.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TStaffUser } from '../../../server/contract/staff';
import { ApiError } from './api';
import { st, type Locale } from './i18n';
import { login } from './session';
import { LangSwitch } from './Shell';

interface LoginProps {
  locale: Locale;
  onLocale: (locale: Locale) => void;
  /** Why the person is here again: the session ran out, or they signed out. */
  reason?: 'expired' | 'logout';
  onLoggedIn: (user: TStaffUser) => void;
}

export function Login({ locale, onLocale, reason, onLoggedIn }: LoginProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => usernameRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await login(username.trim(), password));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError({ status: 0, code: 'unknown' }));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <div className="login__top">
        <LangSwitch locale={locale} onLocale={onLocale} />
      </div>
      <main className="login__card">
        <p className="login__org">{st(locale, 'app.org')}</p>
        <h1 className="login__title">
          {st(locale, 'app.name')}
          <span className="login__subtitle">{st(locale, 'login.title')}</span>
        </h1>
        <p className="login__intro">{st(locale, 'login.intro')}</p>
        {reason && !error ? (
          <p className={`message ${reason === 'expired' ? 'message--warning' : 'message--info'}`} role="status">
            {st(locale, reason === 'expired' ? 'login.expired' : 'login.loggedOut')}
          </p>
        ) : null}
        {error ? (
          <p className="message message--error" role="alert" data-testid="login-error">
            {loginErrorText(error, locale)}
          </p>
        ) : null}
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="login-username">{st(locale, 'login.username')}</label>
            <input
              id="login-username"
              ref={usernameRef}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={100}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{st(locale, 'login.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={200}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary button--wide" disabled={busy} aria-busy={busy}>
            {st(locale, busy ? 'login.busy' : 'login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}

/**
 * The server writes its problem details in Vietnamese; in English the catalogue says the same. A wait
 * the server states (seconds, in the problem) is shown in whole minutes.
 */
export function loginErrorText(error: ApiError, locale: Locale): string {
  const { problem } = error;
  const serverText = locale === 'vi' ? problem.detail : undefined;
  if (problem.code === 'auth.invalid_credentials' || problem.status === 401)
    return serverText ?? st(locale, 'login.invalid');
  if (problem.code === 'auth.throttled' || problem.status === 429) {
    const seconds = retryAfterSeconds(problem);
    if (seconds !== undefined)
      return st(locale, 'login.throttledMinutes', { minutes: String(Math.max(1, Math.ceil(seconds / 60))) });
    return serverText ?? st(locale, 'login.throttled');
  }
  return problem.detail ?? problem.title ?? error.message;
}

function retryAfterSeconds(problem: Record<string, unknown>): number | undefined {
  for (const key of ['retryAfter', 'retryAfterSeconds', 'retry_after']) {
    const value = Number(problem[key]);
    if (problem[key] !== undefined && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}
