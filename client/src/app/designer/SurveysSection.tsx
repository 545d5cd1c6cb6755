// Entry of the questionnaire pages under /app/surveys: the list (with "create") and the editor of one
// questionnaire. Designers and admins edit; every other role sees the same pages read-only.
import type { TStaffUser } from '../../../../server/contract/staff';
import type { Locale } from '../../locale';
import { Editor } from './Editor';
import { SurveyList } from './SurveyList';
import './designer.css';
import './panel.css';

interface Props {
  path: string;
  navigate: (to: string) => void;
  locale: Locale;
  user: TStaffUser;
}

export function canDesign(user: TStaffUser): boolean {
  return user.roles.includes('designer') || user.roles.includes('admin');
}

export function SurveysSection({ path, navigate, locale, user }: Props) {
  const match = /^\/app\/surveys\/([^/]+)\/?$/.exec(path);
  if (match) return <Editor key={match[1]} id={decodeURIComponent(match[1])} locale={locale} canEdit={canDesign(user)} navigate={navigate} />;
  return <SurveyList locale={locale} canEdit={canDesign(user)} navigate={navigate} />;
}
