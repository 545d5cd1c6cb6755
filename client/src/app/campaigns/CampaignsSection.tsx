// The campaigns section (/app/campaigns/*): the list, the new campaign form and one campaign's cockpit.
import type { TStaffUser } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { pathnameOf } from '../router';
import { ReportPage } from '../report/ReportPage';
import { ResultsPage } from '../results/ResultsPage';
import { WeightsPage } from '../results/WeightsPage';
import { ReviewPage } from '../results/ReviewPage';
import { CampaignList } from './CampaignList';
import { Cockpit } from './Cockpit';
import { CreateCampaign } from './CreateCampaign';
import { campaignRights } from './format';
import './campaigns.css';

export function CampaignsSection({ path, user, locale }: { path: string; user: TStaffUser; locale: Locale }) {
  const rights = campaignRights(user);
  const rest = pathnameOf(path).replace(/^\/app\/campaigns\/?/, '');
  if (!rest) return <CampaignList locale={locale} rights={rights} />;
  if (rest === 'new') return <CreateCampaign locale={locale} rights={rights} />;
  const slug = decodeURIComponent(rest.split('/')[0]);
  if (rest.split('/')[1] === 'results') return <ResultsPage key={slug} slug={slug} locale={locale} user={user} />;
  if (rest.split('/')[1] === 'weights') return <WeightsPage key={slug} slug={slug} locale={locale} user={user} />;
  if (rest.split('/')[1] === 'review') return <ReviewPage key={slug} slug={slug} locale={locale} user={user} />;
  if (rest.split('/')[1] === 'report') return <ReportPage key={slug} slug={slug} locale={locale} user={user} />;
  return <Cockpit key={slug} slug={slug} locale={locale} rights={rights} results={user.roles.some((r) => r === 'analyst' || r === 'admin' || r === 'viewer')} />;
}
