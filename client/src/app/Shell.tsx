// The frame of every signed-in staff page: the header (name, navigation by role, who is signed in,
// language, sign out) and the section the address points to.
import { Component, lazy, Suspense, useLayoutEffect, useState, type ReactNode } from 'react';
import type { TStaffUser } from '../../../server/contract/staff';
import { AuditPage } from './audit/AuditPage';
import { LOCALES, st, type Locale } from './i18n';
import { isWithin, Link, navigate, pathnameOf } from './router';
import { HOME, isAdmin } from './session';
import { UsersPage } from './users/UsersPage';

// The questionnaire designer is heavy (SurveyJS): it loads when someone opens it, not with the shell.
const SurveysSection = lazy(() => import('./designer/SurveysSection').then((m) => ({ default: m.SurveysSection })));
// Campaigns (cockpit, quota grid, QR sheets) load when opened too.
const CampaignsSection = lazy(() => import('./campaigns/CampaignsSection').then((m) => ({ default: m.CampaignsSection })));

interface ShellProps {
  path: string;
  user: TStaffUser;
  locale: Locale;
  onLocale: (locale: Locale) => void;
  onLogout: () => Promise<void>;
}

export function Shell({ path, user, locale, onLocale, onLogout }: ShellProps) {
  const [leaving, setLeaving] = useState(false);
  const admin = isAdmin(user);
  const links = [
    { href: '/app/surveys', label: st(locale, 'nav.surveys'), show: true },
    { href: '/app/campaigns', label: st(locale, 'nav.campaigns'), show: true },
    { href: '/app/users', label: st(locale, 'nav.users'), show: admin },
    { href: '/app/audit', label: st(locale, 'nav.audit'), show: admin },
  ].filter((link) => link.show);

  const section = sectionOf(path);
  // A layout effect, so a section's own title (a questionnaire's name, set in a plain effect) wins.
  useLayoutEffect(() => {
    const name = st(locale, SECTION_TITLES[section]);
    document.title = `${name} · ${st(locale, 'app.name')}`;
  }, [section, locale]);

  async function logout() {
    setLeaving(true);
    try {
      await onLogout();
    } finally {
      setLeaving(false);
    }
  }

  return (
    <div className="shell">
      <header className="header">
        <div className="header__brand">
          <Link href={HOME} className="header__name">
            {st(locale, 'app.name')}
          </Link>
          <span className="header__org">{st(locale, 'app.org')}</span>
        </div>
        <div className="header__tools">
          <p className="header__user" data-testid="current-user">
            <span className="visually-hidden">{st(locale, 'user.label')}: </span>
            <span className="header__user-name">{user.displayName || user.username}</span>
            <span className="header__roles">{user.roles.map((role) => st(locale, `role.${role}`)).join(', ')}</span>
          </p>
          <LangSwitch locale={locale} onLocale={onLocale} />
          <button type="button" className="button button--small" onClick={logout} disabled={leaving}>
            {st(locale, 'nav.logout')}
          </button>
        </div>
        <nav className="nav" aria-label={st(locale, 'nav.label')}>
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="nav__link"
              aria-current={isWithin(path, link.href) ? 'page' : undefined}
            >
              {link.label}
            </Link>
          ))}
        </nav>
      </header>
      <main className="content" id="content">
        <Section path={path} user={user} locale={locale} />
      </main>
    </div>
  );
}

type SectionName = 'surveys' | 'campaigns' | 'users' | 'audit' | 'other';
const SECTION_TITLES = { surveys: 'nav.surveys', campaigns: 'nav.campaigns', users: 'nav.users', audit: 'audit.title', other: 'app.title' } as const;

function sectionOf(path: string): SectionName {
  if (isWithin(path, '/app/surveys')) return 'surveys';
  if (isWithin(path, '/app/campaigns')) return 'campaigns';
  const pathname = pathnameOf(path);
  return pathname === '/app/users' ? 'users' : pathname === '/app/audit' ? 'audit' : 'other';
}

function Section({ path, user, locale }: { path: string; user: TStaffUser; locale: Locale }) {
  const pathname = pathnameOf(path);
  if (isWithin(path, '/app/surveys'))
    return (
      <SectionBoundary locale={locale} key="surveys">
        <Suspense fallback={<Loading locale={locale} />}>
          <SurveysSection path={pathname} navigate={navigate} locale={locale} user={user} />
        </Suspense>
      </SectionBoundary>
    );
  if (isWithin(path, '/app/campaigns'))
    return (
      <SectionBoundary locale={locale} key="campaigns">
        <Suspense fallback={<Loading locale={locale} />}>
          <CampaignsSection path={path} user={user} locale={locale} />
        </Suspense>
      </SectionBoundary>
    );
  if (pathname === '/app/users' || pathname === '/app/audit') {
    if (!isAdmin(user))
      return (
        <Panel tone="error" title={st(locale, 'forbidden.title')} testId="forbidden">
          <p>{st(locale, 'forbidden.body')}</p>
        </Panel>
      );
    return pathname === '/app/users' ? <UsersPage locale={locale} /> : <AuditPage locale={locale} path={path} />;
  }
  return (
    <Panel tone="warning" title={st(locale, 'notFound.title')} testId="not-found">
      <p>{st(locale, 'notFound.body', { path: pathname })}</p>
      <p>
        <Link href={HOME}>{st(locale, 'notFound.home')}</Link>
      </p>
    </Panel>
  );
}

export function LangSwitch({ locale, onLocale }: { locale: Locale; onLocale: (locale: Locale) => void }) {
  return (
    <div className="lang" role="group" aria-label={st(locale, 'lang.label')}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="lang__button"
          aria-pressed={code === locale}
          title={st(code, `lang.${code}`)}
          onClick={() => onLocale(code)}
        >
          {code.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

/** The one shape of a page-level message (not found, no access, failed to load). */
export function Panel(props: { tone: 'info' | 'warning' | 'error'; title: string; children?: ReactNode; testId?: string }) {
  return (
    <section className={`panel panel--${props.tone}`} role={props.tone === 'info' ? 'status' : 'alert'} data-testid={props.testId}>
      <h1 className="panel__title">{props.title}</h1>
      {props.children}
    </section>
  );
}

export function Loading({ locale }: { locale: Locale }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {st(locale, 'loading')}
    </p>
  );
}

/** A section whose code failed to download (new release, lost connection) gets a message, not a blank page. */
class SectionBoundary extends Component<{ locale: Locale; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    const { locale, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <Panel tone="error" title={st(locale, 'sectionFailed.title')}>
        <p>{st(locale, 'sectionFailed.body')}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {st(locale, 'reload')}
        </button>
      </Panel>
    );
  }
}
