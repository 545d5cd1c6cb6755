// One margin of the weights page: the variable's levels with their population counts (inputs for
// analysts, plain figures for viewers), its total, and the server's refusals beside the fields.
import type { FieldProblem } from '../campaigns/parts';
import { FieldError } from '../campaigns/parts';
import type { Locale } from '../i18n';
import { formatCount, parseCount, wt } from './weights-i18n';

export interface MarginLevels {
  name: string;
  title: string;
  stratum: boolean;
  levels: { value: string; label: string }[];
}

const fieldId = (name: string, level?: string) =>
  `w-${name.replace(/[^a-zA-Z0-9_-]/g, '_')}${level === undefined ? '' : `-${level.replace(/[^a-zA-Z0-9_-]/g, '_')}`}`;

export function MarginEditor(props: {
  margin: MarginLevels;
  counts: Record<string, string>;
  problems: FieldProblem[];
  editable: boolean;
  locale: Locale;
  onChange: (level: string, text: string) => void;
  onRemove: () => void;
}) {
  const { margin, counts, problems, editable, locale } = props;
  const own = problems.filter((p) => p.path === `margins.${margin.name}`).map((p) => p.message);
  const total = Object.values(counts).reduce((sum, text) => {
    const n = parseCount(text);
    return typeof n === 'number' ? sum + n : sum;
  }, 0);
  return (
    // A heading rather than a legend: question titles are long, and a legend does not wrap in a grid cell.
    <fieldset className="weights__margin" data-margin={margin.name} aria-labelledby={`${fieldId(margin.name)}-title`}>
      <h3 className="weights__margin-title" id={`${fieldId(margin.name)}-title`}>
        {margin.title} <span className="results__code">{margin.name}</span>
        {margin.stratum ? <span className="badge">{wt(locale, 'margin.stratum')}</span> : null}
      </h3>
      <table className="results__table weights__levels">
        <thead>
          <tr>
            <th scope="col">{wt(locale, 'col.level')}</th>
            <th scope="col" className="num">
              {wt(locale, 'col.population')}
            </th>
          </tr>
        </thead>
        <tbody>
          {margin.levels.map((l) => {
            const id = fieldId(margin.name, l.value);
            const messages = problems.filter((p) => p.path === `margins.${margin.name}.${l.value}`).map((p) => p.message);
            return (
              <tr key={l.value} data-level={l.value}>
                <th scope="row">
                  <label htmlFor={editable ? id : undefined}>{l.label}</label>
                </th>
                <td className="num">
                  {editable ? (
                    <>
                      <input
                        id={id}
                        className="weights__count"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={wt(locale, 'count.label', { level: l.label })}
                        aria-invalid={messages.length ? true : undefined}
                        aria-describedby={messages.length ? `${id}-error` : undefined}
                        value={counts[l.value] ?? ''}
                        onChange={(e) => props.onChange(l.value, e.target.value)}
                      />
                      <FieldError id={`${id}-error`} messages={messages} />
                    </>
                  ) : (
                    <span data-testid="population-count">{counts[l.value] || '—'}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="weights__total" data-testid="margin-total">
        {wt(locale, 'margin.total', { total: formatCount(total) })}
      </p>
      <FieldError id={`${fieldId(margin.name)}-error`} messages={own} />
      {editable ? (
        <button type="button" className="button button--small" onClick={props.onRemove}>
          {wt(locale, 'margin.remove', { name: margin.name })}
        </button>
      ) : null}
    </fieldset>
  );
}
