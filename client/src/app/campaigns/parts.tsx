// Small pieces the campaign pages share: the status badge, a completed/quota bar, the server's
// per-field refusals (422) and a way to turn any failure into an ApiError.
import type { TCampaignItem } from '../../../../server/contract/staff';
import { ApiError } from '../api';
import type { Locale } from '../i18n';
import { formatInt } from './format';
import { ct } from './i18n';

export function StatusBadge({ status, locale }: { status: TCampaignItem['status']; locale: Locale }) {
  return <span className={`badge status status--${status}`}>{ct(locale, `status.${status}`)}</span>;
}

/** A bar of completed against quota; the numbers are always written next to it. */
export function QuotaBar(props: { completed: number; quota: number; locale: Locale; risk?: boolean; big?: boolean }) {
  const { completed, quota, locale, risk, big } = props;
  const share = quota > 0 ? Math.min(1, completed / quota) : 0;
  return (
    <span className={`quota${big ? ' quota--big' : ''}`}>
      <span
        className="quota__bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={quota}
        aria-valuenow={Math.min(completed, quota)}
        aria-label={ct(locale, 'bar.label', { completed: formatInt(completed), quota: formatInt(quota) })}
      >
        <span className={`quota__fill${risk ? ' quota__fill--risk' : ''}${completed >= quota ? ' quota__fill--full' : ''}`} style={{ width: `${share * 100}%` }} />
      </span>
      <span className="quota__text">
        {formatInt(completed)} / {formatInt(quota)}
      </span>
    </span>
  );
}

export const asApiError = (caught: unknown) =>
  caught instanceof ApiError ? caught : new ApiError({ status: 0, code: 'unknown', detail: String(caught) });

export interface FieldProblem {
  path: string;
  message: string;
}

/** The 422's `errors` ([{path, message}]), or none. */
export function problemsOf(error: ApiError | null): FieldProblem[] {
  const errors = error?.problem.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e: { path?: unknown; message?: unknown }) => ({ path: String(e.path ?? ''), message: String(e.message ?? '') }));
}

/** Messages for one field: its exact path or anything below it (`strata.cells.3.key` under `strata`). */
export function messagesFor(problems: FieldProblem[], ...paths: string[]): string[] {
  return problems.filter((p) => paths.some((path) => p.path === path || p.path.startsWith(`${path}.`))).map((p) => p.message);
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p className="field__error" id={id} data-testid={id}>
      {messages.join(' ')}
    </p>
  );
}

/** The whole refusal above a form: the server's detail and every field message, for screen readers too. */
export function FormProblem({ error, locale }: { error: ApiError | string | null; locale: Locale }) {
  if (!error) return null;
  if (typeof error === 'string')
    return (
      <div className="message message--error" role="alert">
        <p>{error}</p>
      </div>
    );
  const problems = problemsOf(error);
  return (
    <div className="message message--error" role="alert" data-testid="form-error">
      <p>{error.problem.detail ?? (problems.length ? ct(locale, 'new.errors') : error.message)}</p>
      {problems.length ? (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {p.path ? <code>{p.path}</code> : null} {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A day and a time read as Đà Nẵng wall-clock time, each with its own label. */
export function DateTime(props: {
  idPrefix: string;
  locale: Locale;
  dateLabel: 'field.opensDate' | 'field.closesDate' | 'cockpit.extendDate';
  timeLabel: 'field.opensTime' | 'field.closesTime' | 'cockpit.extendTime';
  date: string;
  time: string;
  errors?: string[];
  onChange: (date: string, time: string) => void;
}) {
  const { idPrefix, locale, date, time, errors = [], onChange } = props;
  const errorId = errors.length ? `${idPrefix}-error` : undefined;
  return (
    <div className="field datetime">
      <div className="datetime__pair">
        <div className="field">
          <label htmlFor={`${idPrefix}-date`}>{ct(locale, props.dateLabel)}</label>
          <input id={`${idPrefix}-date`} type="date" required value={date} onChange={(e) => onChange(e.target.value, time)} aria-describedby={errorId} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-time`}>{ct(locale, props.timeLabel)}</label>
          <input id={`${idPrefix}-time`} type="time" required value={time} onChange={(e) => onChange(date, e.target.value)} aria-describedby={errorId} />
        </div>
      </div>
      <FieldError id={`${idPrefix}-error`} messages={errors} />
    </div>
  );
}
