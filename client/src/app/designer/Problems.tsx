// The problems found by validation, each a button that takes the designer to the question (or page) at fault.
import type { TSurveyProblem } from '../../../../server/contract/staff';
import type { Locale } from '../../locale';
import { dt } from './i18n';

interface Props {
  locale: Locale;
  problems: TSurveyProblem[];
  onPick?(problem: TSurveyProblem): void;
}

export function ProblemList({ locale, problems, onPick }: Props) {
  if (problems.length === 0) return <p className="dz-ok" role="status">{dt(locale, 'check.ok')}</p>;
  return (
    <ul className="dz-problems" aria-label={dt(locale, 'check.list')}>
      {problems.map((p, i) => (
        <li key={`${p.path}-${p.code}-${i}`}>
          {onPick ? (
            <button type="button" className="dz-problem" onClick={() => onPick(p)}>
              {p.question ? <code>{p.question}</code> : null} {p.message}
            </button>
          ) : (
            <span className="dz-problem">
              {p.question ? <code>{p.question}</code> : null} {p.message}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
