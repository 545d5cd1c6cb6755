// Pieces the create and edit forms share: role checkboxes, the districts list (fieldwork only) and the
// server's reasons for refusing a form (409 conflict, 422 with one message per field).
import type { TRole } from '../../../../server/contract/staff';
import type { ApiError } from '../api';
import { st, type Locale } from '../i18n';

// The contract's ROLES, restated so the staff bundle does not pull zod in for one array; the type below
// fails to compile if a role is added to the contract and not here.
const ROLES = ['admin', 'designer', 'fieldwork', 'analyst', 'viewer'] as const satisfies readonly TRole[];
type MissingRole = Exclude<TRole, (typeof ROLES)[number]>;
const _allRoles: [MissingRole] extends [never] ? true : never = true;

export function RoleChoices(props: { idPrefix: string; locale: Locale; roles: TRole[]; onChange: (roles: TRole[]) => void }) {
  const { idPrefix, locale, roles, onChange } = props;
  const toggle = (role: TRole, on: boolean) => onChange(ROLES.filter((r) => (r === role ? on : roles.includes(r))));
  return (
    <fieldset className="field field--choices">
      <legend>{st(locale, 'users.field.roles')}</legend>
      {ROLES.map((role) => (
        <div className="choice" key={role}>
          <input
            type="checkbox"
            id={`${idPrefix}-role-${role}`}
            checked={roles.includes(role)}
            onChange={(e) => toggle(role, e.target.checked)}
          />
          <label htmlFor={`${idPrefix}-role-${role}`}>{st(locale, `role.${role}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function DistrictsField(props: { id: string; locale: Locale; value: string; onChange: (value: string) => void }) {
  const { id, locale, value, onChange } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{st(locale, 'users.field.districts')}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} />
      <p className="field__hint" id={`${id}-hint`}>
        {st(locale, 'users.field.districtsHint')}
      </p>
    </div>
  );
}

/** "Hải Châu, Sơn Trà ," → ["Hải Châu", "Sơn Trà"]. */
export function parseDistricts(text: string): string[] {
  return [...new Set(text.split(',').map((d) => d.trim()).filter(Boolean))];
}

/** The server's refusal: its detail, and for a 422 each field's message. */
export function FormErrors({ error, locale }: { error: ApiError | string | null; locale: Locale }) {
  if (!error) return null;
  if (typeof error === 'string')
    return (
      <div className="message message--error" role="alert">
        {error}
      </div>
    );
  const errors = Array.isArray(error.problem.errors) ? (error.problem.errors as { path?: unknown; message?: unknown }[]) : [];
  return (
    <div className="message message--error" role="alert" data-testid="form-error">
      <p>{error.problem.detail ?? (errors.length ? st(locale, 'users.formErrors') : error.message)}</p>
      {errors.length ? (
        <ul>
          {errors.map((e, i) => (
            <li key={i}>
              {e.path ? <code>{String(e.path)}</code> : null} {String(e.message ?? '')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A new password (10–200 characters) with its hint; `required` when creating an account. */
export function PasswordField(props: {
  id: string;
  label: string;
  hint: string;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        required={props.required}
        minLength={10}
        maxLength={200}
        autoComplete="new-password"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={`${props.id}-hint`}
      />
      <p className="field__hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}
