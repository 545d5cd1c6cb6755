// The quota grid of the new campaign form: the cross product of the chosen variables' choices, rows by
// the first, columns by the second, one table per choice of a third; a blank quota leaves the cell out.
import { useId, useState } from 'react';
import type { Locale } from '../i18n';
import { formatInt } from './format';
import { ct } from './i18n';
import { messagesFor, type FieldProblem } from './parts';
import { cellId, variableHeading, type ChoiceQuestion } from './questions';

/** Quota text per cell id (`district=hai-chau|group=residents`). */
export type Quotas = Record<string, string>;

export interface DesignCell {
  key: Record<string, string>;
  names: string[];
}

/** Every combination of one choice per question, in the questions' and choices' order. */
export function cellsOf(questions: ChoiceQuestion[]): DesignCell[] {
  let cells: DesignCell[] = [{ key: {}, names: [] }];
  for (const q of questions)
    cells = cells.flatMap((cell) => q.choices.map((c) => ({ key: { ...cell.key, [q.name]: c.value }, names: [...cell.names, c.text] })));
  return questions.length ? cells : [];
}

const quotaOf = (text: string | undefined) => (text && /^\s*\d+\s*$/.test(text) ? Number(text) : 0);

interface Props {
  locale: Locale;
  questions: ChoiceQuestion[];
  quotas: Quotas;
  onChange: (quotas: Quotas) => void;
  problems: FieldProblem[];
}

export function StrataGrid({ locale, questions, quotas, onChange, problems }: Props) {
  const base = useId();
  const [same, setSame] = useState('');
  const variables = questions.map((q) => q.name);
  const cells = cellsOf(questions);
  const designed = cells.filter((c) => quotaOf(quotas[cellId(c.key, variables)]) > 0);
  const total = designed.reduce((n, c) => n + quotaOf(quotas[cellId(c.key, variables)]), 0);
  const [rows, cols, pages] = [questions[0], questions[1], questions[2]];

  const input = (key: Record<string, string>, names: string[]) => {
    const id = cellId(key, variables);
    const inputId = `${base}-${cells.findIndex((c) => cellId(c.key, variables) === id)}`;
    const errors = messagesFor(problems, `strata.cells.${id}`);
    return (
      <>
        <label htmlFor={inputId} className="visually-hidden">
          {ct(locale, 'strata.quota', { cell: names.join(' · ') })}
        </label>
        <input
          id={inputId}
          className="quota-input"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={quotas[id] ?? ''}
          onChange={(e) => onChange({ ...quotas, [id]: e.target.value })}
          aria-invalid={errors.length ? true : undefined}
          title={errors.join(' ') || undefined}
        />
      </>
    );
  };

  const table = (page?: { value: string; text: string }) => (
    <div className="table-wrap strata-grid" key={page?.value ?? 'all'}>
      <table className="table">
        {page ? (
          <caption>
            {variableHeading(pages!.name, locale)}: {page.text}
          </caption>
        ) : null}
        <thead>
          <tr>
            <th scope="col">{variableHeading(rows.name, locale)}</th>
            {cols ? (
              cols.choices.map((c) => (
                <th scope="col" key={c.value} className="strata-grid__col" title={c.text}>
                  {c.text}
                </th>
              ))
            ) : (
              <th scope="col">{ct(locale, 'col.quota')}</th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.choices.map((r) => (
            <tr key={r.value}>
              <th scope="row">{r.text}</th>
              {cols ? (
                cols.choices.map((c) => {
                  const key = { [rows.name]: r.value, [cols.name]: c.value, ...(page ? { [pages!.name]: page.value } : {}) };
                  return <td key={c.value}>{input(key, [r.text, c.text, ...(page ? [page.text] : [])])}</td>;
                })
              ) : (
                <td>{input({ [rows.name]: r.value }, [r.text])}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  function applySame() {
    if (!quotaOf(same)) return;
    onChange(Object.fromEntries(cells.map((c) => [cellId(c.key, variables), same.trim()])));
  }

  return (
    <div className="strata" role="group" aria-label={ct(locale, 'strata.grid')}>
      <div className="strata__tools">
        <div className="field">
          <label htmlFor={`${base}-same`}>{ct(locale, 'strata.sameAll')}</label>
          <div className="inline-input">
            <input
              id={`${base}-same`}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={same}
              onChange={(e) => setSame(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  applySame();
                }
              }}
            />
            <button type="button" className="button button--small" onClick={applySame}>
              {ct(locale, 'strata.apply')}
            </button>
            <button type="button" className="button button--small" onClick={() => onChange({})}>
              {ct(locale, 'strata.clear')}
            </button>
          </div>
        </div>
        <p className="strata__summary" role="status" data-testid="strata-summary">
          {ct(locale, 'strata.summary', { cells: formatInt(designed.length), total: formatInt(total) })}
        </p>
      </div>
      {pages ? pages.choices.map((p) => table(p)) : table()}
    </div>
  );
}
