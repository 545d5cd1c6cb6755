// The strip above the questionnaire: language switch and the fieldwork dates, on every screen, so a
// respondent can read even the "closed" message in English.
import { LOCALES, t, type Locale } from '../i18n';
import { formatVnDate } from './dates';

interface HeaderProps {
  locale: Locale;
  onLocale: (locale: Locale) => void;
  window?: { opensAt: string; closesAt: string; plannedWindow?: { opensAt: string; closesAt: string } };
}

export function Header({ locale, onLocale, window }: HeaderProps) {
  return (
    <header className="topbar">
      <div className="topbar__lang" role="group" aria-label={t(locale, 'lang.label')}>
        {LOCALES.map((code) => (
          <button
            key={code}
            type="button"
            lang={code}
            className="topbar__lang-button"
            aria-pressed={code === locale}
            title={t(code, `lang.${code}`)}
            onClick={() => onLocale(code)}
          >
            {code.toUpperCase()}
          </button>
        ))}
      </div>
      {window ? (
        <p className="topbar__dates" data-testid="fieldwork">
          {t(locale, 'fieldwork', {
            from: formatVnDate(window.opensAt),
            to: formatVnDate(window.closesAt),
          })}
        </p>
      ) : null}
      {window?.plannedWindow ? (
        <p className="topbar__dates" data-testid="planned-window">
          {t(locale, 'plannedWindow', {
            from: formatVnDate(window.plannedWindow.opensAt),
            to: formatVnDate(window.plannedWindow.closesAt),
          })}
        </p>
      ) : null}
    </header>
  );
}
