// The results filters: one select per stratum variable (district, respondent group), and "filter by an
// answer" — a choice or rating question and one or more of its values (for a multiple choice: any of them
// ticked) — kept as removable chips.
import { useId, useState } from 'react';
import type { Locale } from '../i18n';
import { rt } from './i18n';
import { withAnswerFilter, type AnswerFilter } from './results-filter';

export interface FilterVariable {
  name: string;
  title: string;
  levels: { value: string; label: string }[];
}

const STRATUM_LABEL: Record<string, 'district' | 'group'> = { district: 'district', group: 'group' };

export function StratumSelects(props: { variables: FilterVariable[]; value: Record<string, string>; onChange: (name: string, value: string) => void; locale: Locale }) {
  const { variables, value, onChange, locale } = props;
  return (
    <>
      {variables.map((v) => (
        <div className="field" key={v.name}>
          <label htmlFor={`results-${v.name}`}>{STRATUM_LABEL[v.name] ? rt(locale, STRATUM_LABEL[v.name]) : v.title}</label>
          <select id={`results-${v.name}`} value={value[v.name] ?? ''} onChange={(e) => onChange(v.name, e.target.value)}>
            <option value="">{rt(locale, v.name === 'district' ? 'district.all' : 'stratum.all')}</option>
            {v.levels.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
      ))}
    </>
  );
}

export function AnswerFilters(props: { questions: FilterVariable[]; value: AnswerFilter[]; onChange: (next: AnswerFilter[]) => void; locale: Locale }) {
  const { questions, value, onChange, locale } = props;
  const id = useId();
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const question = questions.find((q) => q.name === name);
  const byName = new Map(questions.map((q) => [q.name, q]));

  return (
    <div className="results__answer-filter" data-testid="answer-filter">
      <form
        className="results__af-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name || !picked.length) return;
          onChange(withAnswerFilter(value, { name, values: picked }));
          setName('');
          setPicked([]);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-q`}>{rt(locale, 'af.title')}</label>
          <select
            id={`${id}-q`}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setPicked(value.find((a) => a.name === e.target.value)?.values ?? []);
            }}
          >
            <option value="">{rt(locale, 'af.pick')}</option>
            {questions.map((q) => (
              <option key={q.name} value={q.name}>
                {q.title}
              </option>
            ))}
          </select>
        </div>
        {question ? (
          <fieldset className="results__af-values">
            <legend>{rt(locale, 'af.values')}</legend>
            {question.levels.map((l) => (
              <label key={l.value} className="choice">
                <input
                  type="checkbox"
                  checked={picked.includes(l.value)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, l.value] : picked.filter((v) => v !== l.value))}
                />{' '}
                {l.label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button button--small" disabled={!name || !picked.length}>
          {rt(locale, 'af.add')}
        </button>
      </form>
      {value.length ? (
        <ul className="results__chips" aria-label={rt(locale, 'af.active')} data-testid="filter-chips">
          {value.map((a) => {
            const q = byName.get(a.name);
            const title = q?.title ?? a.name;
            const labels = a.values.map((v) => q?.levels.find((l) => l.value === v)?.label ?? v);
            return (
              <li key={a.name} className="results__chip" data-filter={a.name}>
                <span>
                  {title}: <strong>{labels.join(', ')}</strong>
                </span>
                <button type="button" aria-label={rt(locale, 'af.remove', { title })} onClick={() => onChange(value.filter((x) => x.name !== a.name))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
