// The tabs above a campaign's analysis pages: results, weights, response review, report. Review is for
// analysts and admins; a viewer still sees the weights (read-only there).
import type { TStaffUser } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { Link } from '../router';
import { rt } from './i18n';

type Tab = 'results' | 'weights' | 'review' | 'report';

export function ResultsNav({ slug, current, user, locale }: { slug: string; current: Tab; user: TStaffUser; locale: Locale }) {
  const analyst = user.roles.some((r) => r === 'analyst' || r === 'admin');
  const tabs: Tab[] = analyst ? ['results', 'weights', 'review', 'report'] : ['results', 'weights', 'report'];
  const base = `/app/campaigns/${encodeURIComponent(slug)}`;
  return (
    <nav className="results__nav" aria-label={rt(locale, 'nav.label')} data-testid="results-nav">
      <ul>
        {tabs.map((t) => (
          <li key={t}>
            <Link href={`${base}/${t}`} aria-current={t === current ? 'page' : undefined}>
              {rt(locale, `nav.${t}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
