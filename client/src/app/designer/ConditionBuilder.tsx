// Show-if for a question or a page: rows of (question, operator, value) joined by "and"/"or", written
// to `visibleIf` as a SurveyJS expression. An expression the builder cannot read is shown raw in the
// advanced field, editable, and left exactly as it is until the designer changes it.
import { useEffect, useId, useState } from 'react';
import type { Locale } from '../../locale';
import { OPERATORS, parseExpression, takesValue, writeExpression, type Condition, type ConditionSet, type Literal, type Operator } from './expression';
import { dt, type DesignerKey } from './i18n';
import { anyText, type LangKeys } from './localized';
import { operatorsFor, type Target } from './targets';

interface Props {
  locale: Locale;
  expression: string;
  targets: Target[];
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: string | undefined): void;
}

const OP_LABELS: Record<Operator, DesignerKey> = {
  '=': 'op.eq', '<>': 'op.ne', '>': 'op.gt', '<': 'op.lt', '>=': 'op.ge', '<=': 'op.le',
  contains: 'op.contains', notcontains: 'op.notcontains', empty: 'op.empty', notempty: 'op.notempty',
};

const encode = (value: Literal | undefined) => (value === undefined ? '' : JSON.stringify(value));

function freeValue(typed: string, target: Target | undefined): Literal {
  return target?.numeric && /^-?\d+(\.\d+)?$/.test(typed.trim()) ? Number(typed) : typed;
}

export function ConditionBuilder({ locale, expression, targets, keys, disabled, onChange }: Props) {
  const id = useId();
  const parsed = parseExpression(expression);
  // Rows being built are kept here: a row without a question writes nothing yet but must stay on screen.
  const [set, setSet] = useState<ConditionSet>(parsed ?? { join: 'and', rows: [] });
  const [advanced, setAdvanced] = useState(parsed === null);
  useEffect(() => {
    const fresh = parseExpression(expression);
    if (fresh === null) setAdvanced(true);
    else setSet((current) => (writeExpression(current) === writeExpression(fresh) ? current : fresh));
  }, [expression]);

  const commit = (next: ConditionSet) => {
    setSet(next);
    onChange(writeExpression(next) || undefined);
  };
  const setRow = (index: number, row: Condition) => commit({ ...set, rows: set.rows.map((r, i) => (i === index ? row : r)) });
  const readable = parsed !== null;

  return (
    <fieldset className="dz-condition" disabled={disabled}>
      <legend>{dt(locale, 'cond.legend')}</legend>
      {!advanced ? (
        <>
          {set.rows.length === 0 ? <p className="dz-hint">{dt(locale, 'cond.always')}</p> : null}
          {set.rows.length > 1 ? (
            <div className="dz-field dz-field--inline">
              <label htmlFor={`${id}-join`}>{dt(locale, 'cond.join')}</label>
              <select id={`${id}-join`} value={set.join} onChange={(e) => commit({ ...set, join: e.target.value as 'and' | 'or' })}>
                <option value="and">{dt(locale, 'cond.and')}</option>
                <option value="or">{dt(locale, 'cond.or')}</option>
              </select>
            </div>
          ) : null}
          <ol className="dz-condition__rows">
            {set.rows.map((row, index) => {
              const n = index + 1;
              const target = targets.find((t) => t.name === row.question);
              const ops = operatorsFor(target);
              if (!ops.includes(row.op)) ops.push(row.op);
              const options = target?.options ?? [];
              const known = options.some((o) => encode(o.value) === encode(row.value));
              return (
                <li key={index} className="dz-condition__row">
                  <select aria-label={dt(locale, 'cond.question', { n })} value={row.question} onChange={(e) => {
                    const next = targets.find((t) => t.name === e.target.value);
                    const op = operatorsFor(next).includes(row.op) ? row.op : operatorsFor(next)[0];
                    setRow(index, { question: e.target.value, op, value: takesValue(op) ? next?.options?.[0]?.value ?? '' : undefined });
                  }}>
                    <option value="">{dt(locale, 'cond.pick')}</option>
                    {row.question && !target ? <option value={row.question}>{row.question}</option> : null}
                    {targets.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.name} — {anyText(t.title, locale, keys).slice(0, 50)}
                      </option>
                    ))}
                  </select>
                  <select aria-label={dt(locale, 'cond.operator', { n })} value={row.op} onChange={(e) => {
                    const op = e.target.value as Operator;
                    setRow(index, { ...row, op, value: takesValue(op) ? row.value ?? options[0]?.value ?? '' : undefined });
                  }}>
                    {OPERATORS.filter((op) => ops.includes(op)).map((op) => (
                      <option key={op} value={op}>{dt(locale, OP_LABELS[op])}</option>
                    ))}
                  </select>
                  {!takesValue(row.op) ? <span /> : options.length > 0 ? (
                    <select aria-label={dt(locale, 'cond.value', { n })} value={encode(row.value)} onChange={(e) => setRow(index, { ...row, value: JSON.parse(e.target.value) as Literal })}>
                      {!known ? <option value={encode(row.value)}>{String(row.value ?? '')}</option> : null}
                      {options.map((o) => (
                        <option key={encode(o.value)} value={encode(o.value)}>
                          {String(o.value)}{anyText(o.text, locale, keys) ? ` — ${anyText(o.text, locale, keys).slice(0, 40)}` : ''}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input type="text" aria-label={dt(locale, 'cond.value', { n })} value={String(row.value ?? '')} onChange={(e) => setRow(index, { ...row, value: freeValue(e.target.value, target) })} />
                  )}
                  <button type="button" className="dz-icon dz-icon--danger" aria-label={dt(locale, 'cond.remove', { n })} onClick={() => commit({ ...set, rows: set.rows.filter((_, i) => i !== index) })}>
                    ×
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="dz-row">
            <button type="button" className="dz-button dz-button--small" onClick={() => setSet({ ...set, rows: [...set.rows, { question: '', op: '=', value: '' }] })}>
              {dt(locale, 'cond.add')}
            </button>
            <button type="button" className="dz-link" onClick={() => setAdvanced(true)}>{dt(locale, 'cond.showAdvanced')}</button>
          </div>
        </>
      ) : (
        <>
          {!readable && expression ? <p className="dz-hint">{dt(locale, 'cond.unreadable')}</p> : null}
          <div className="dz-field">
            <label htmlFor={`${id}-raw`}>{dt(locale, 'cond.advanced')}</label>
            <textarea id={`${id}-raw`} className="dz-mono" rows={2} value={expression} onChange={(e) => onChange(e.target.value || undefined)} />
          </div>
          {readable ? <button type="button" className="dz-link" onClick={() => setAdvanced(false)}>{dt(locale, 'cond.showBuilder')}</button> : null}
        </>
      )}
    </fieldset>
  );
}
