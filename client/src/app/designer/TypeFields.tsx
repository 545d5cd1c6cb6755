// The part of the property panel that depends on the question type: choices, the rating scale, matrix
// rows and columns, the text input's kind and range, and answer checks.
import { useId } from 'react';
import type { Locale } from '../../locale';
import { BilingualField, NumberField } from './fields';
import { dt } from './i18n';
import { ItemsEditor } from './ItemsEditor';
import type { Json, LangKeys } from './localized';
import { WITH_CHOICES } from './questionTypes';
import { setProp } from './tree';
import { Validators } from './Validators';

interface Props {
  locale: Locale;
  question: Json;
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: Json): void;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function TypeFields({ locale, question, keys, disabled, onChange }: Props) {
  const id = useId();
  const set = (key: string, value: unknown) => onChange(setProp(question, key, value));
  const type = question.type;
  const common = { locale, keys, disabled };
  return (
    <>
      {WITH_CHOICES.has(type) ? <ItemsEditor {...common} kind="choice" items={list(question.choices)} onChange={(v) => set('choices', v)} /> : null}
      {type === 'checkbox' ? (
        <NumberField label={dt(locale, 'prop.maxSelected')} value={question.maxSelectedChoices} disabled={disabled} onChange={(v) => set('maxSelectedChoices', v)} />
      ) : null}
      {type === 'rating' ? (
        <fieldset className="dz-group" disabled={disabled}>
          <legend>{dt(locale, 'prop.scale')}</legend>
          <div className="dz-row">
            <NumberField label={dt(locale, 'prop.rateMin')} value={question.rateMin} onChange={(v) => set('rateMin', v)} />
            <NumberField label={dt(locale, 'prop.rateMax')} value={question.rateMax} onChange={(v) => set('rateMax', v)} />
            <NumberField label={dt(locale, 'prop.rateCount')} value={question.rateCount} onChange={(v) => set('rateCount', v)} />
          </div>
          <BilingualField {...common} label={dt(locale, 'prop.minRateDescription')} value={question.minRateDescription} onChange={(v) => set('minRateDescription', v)} />
          <BilingualField {...common} label={dt(locale, 'prop.maxRateDescription')} value={question.maxRateDescription} onChange={(v) => set('maxRateDescription', v)} />
        </fieldset>
      ) : null}
      {type === 'matrix' ? (
        <>
          <ItemsEditor {...common} kind="row" items={list(question.rows)} onChange={(v) => set('rows', v)} />
          <ItemsEditor {...common} kind="column" items={list(question.columns)} onChange={(v) => set('columns', v)} />
        </>
      ) : null}
      {type === 'text' ? (
        <fieldset className="dz-group" disabled={disabled}>
          <legend>{dt(locale, 'prop.input')}</legend>
          <div className="dz-field">
            <label htmlFor={`${id}-input`}>{dt(locale, 'prop.inputType')}</label>
            <select id={`${id}-input`} value={typeof question.inputType === 'string' ? question.inputType : 'text'} onChange={(e) => set('inputType', e.target.value === 'text' ? undefined : e.target.value)}>
              <option value="text">{dt(locale, 'input.text')}</option>
              <option value="number">{dt(locale, 'input.number')}</option>
              <option value="email">{dt(locale, 'input.email')}</option>
              {typeof question.inputType === 'string' && !['text', 'number', 'email'].includes(question.inputType) ? (
                <option value={question.inputType}>{question.inputType}</option>
              ) : null}
            </select>
          </div>
          {question.inputType === 'number' ? (
            <div className="dz-row">
              <NumberField label={dt(locale, 'prop.min')} value={question.min} onChange={(v) => set('min', v)} />
              <NumberField label={dt(locale, 'prop.max')} value={question.max} onChange={(v) => set('max', v)} />
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {type === 'text' || type === 'comment' ? <Validators {...common} question={question} onChange={onChange} /> : null}
    </>
  );
}
