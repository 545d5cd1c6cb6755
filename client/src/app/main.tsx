// Entry of the staff pages (/app/*): checks the session, shows the login page or the shell, and keeps the
// address, the language and `<html lang>` in step. Staff code has its own bundle; respondents never load it.
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/vietnamese-600.css';
import './app.css';
import type { TStaffUser } from '../../../server/contract/staff';
import { ApiError, onUnauthorized } from './api';
import { st, type Locale } from './i18n';
import { Login } from './Login';
import { navigate, pathnameOf, usePath } from './router';
import { fetchMe, HOME, LOGIN, loadLocale, loginPath, logout, nextFromSearch, saveLocale, type Session } from './session';
import { Loading, Panel, Shell } from './Shell';

function StaffApp() {
  const path = usePath();
  const pathname = pathnameOf(path);
  const [locale, setLocale] = useState<Locale>(loadLocale);
  const [session, setSession] = useState<Session>({ status: 'loading' });

  const check = useCallback(() => {
    setSession({ status: 'loading' });
    fetchMe().then(
      (user) => setSession(user ? { status: 'signed-in', user } : { status: 'anonymous' }),
      (error: unknown) =>
        setSession({ status: 'failed', error: error instanceof ApiError ? error : new ApiError({ status: 0, code: 'unknown' }) }),
    );
  }, []);

  useEffect(check, [check]);

  // Any 401 from any screen: the session ran out (idle expiry, signed out in another tab).
  useEffect(
    () => onUnauthorized(() => setSession((s) => (s.status === 'signed-in' ? { status: 'anonymous', reason: 'expired' } : s))),
    [],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
    saveLocale(locale);
  }, [locale]);

  const onLoginPage = pathname === LOGIN;
  // Addresses follow the session: no session → the login page remembering the wanted page; a session on
  // the login page → the wanted page; `/app/` → the questionnaires.
  useEffect(() => {
    if (pathname === '/app' || pathname === '/app/') navigate(HOME, { replace: true });
    else if (session.status === 'anonymous' && !onLoginPage) navigate(loginPath(path), { replace: true });
    else if (session.status === 'signed-in' && onLoginPage) navigate(nextFromSearch(window.location.search), { replace: true });
  }, [session.status, pathname, path, onLoginPage]);

  // Signed in, the shell names the section in the title.
  useEffect(() => {
    if (session.status !== 'signed-in') document.title = `${st(locale, 'login.title')} · ${st(locale, 'app.name')}`;
  }, [locale, session.status]);

  const onLoggedIn = useCallback((user: TStaffUser) => {
    setSession({ status: 'signed-in', user });
    navigate(nextFromSearch(window.location.search), { replace: true });
  }, []);

  const onLogout = useCallback(async () => {
    try {
      await logout();
    } catch {
      // Already signed out (401) or offline: either way this page forgets the user.
    }
    setSession({ status: 'anonymous', reason: 'logout' });
    navigate(LOGIN);
  }, []);

  switch (session.status) {
    case 'loading':
      return (
        <div className="boot">
          <Loading locale={locale} />
        </div>
      );
    case 'failed':
      return (
        <div className="boot">
          <Panel tone="error" title={st(locale, 'session.failed')}>
            <p>{session.error.message}</p>
            <button type="button" className="button" onClick={check}>
              {st(locale, 'retry')}
            </button>
          </Panel>
        </div>
      );
    case 'anonymous':
      return <Login locale={locale} onLocale={setLocale} reason={session.reason} onLoggedIn={onLoggedIn} />;
    case 'signed-in':
      if (onLoginPage) return null; // the effect above moves on to the wanted page
      return <Shell path={path} user={session.user} locale={locale} onLocale={setLocale} onLogout={onLogout} />;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StaffApp />
  </StrictMode>,
);
