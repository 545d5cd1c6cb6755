// Property panel of the selected question: name, wording in both languages, required, the type's own
// settings and show-if. Properties it does not edit are listed, to be edited in the JSON view.
import { useEffect, useId, useState } from 'react';
import type { Locale } from '../../locale';
import { ConditionBuilder } from './ConditionBuilder';
import { BilingualField, CheckField } from './fields';
import { dt, type DesignerKey } from './i18n';
import type { Json, LangKeys } from './localized';
import { isEditableType } from './questionTypes';
import { conditionTargets } from './targets';
import { allNames, setProp } from './tree';
import { TypeFields } from './TypeFields';

interface Props {
  locale: Locale;
  json: Json;
  question: Json;
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: Json): void;
  onRename(name: string): void;
}

/** Keys the panel shows; the rest is reported as "edit in JSON". */
const EDITED = new Set([
  'type', 'name', 'title', 'description', 'isRequired', 'visibleIf', 'choices', 'maxSelectedChoices', 'rateMin', 'rateMax', 'rateCount',
  'minRateDescription', 'maxRateDescription', 'rows', 'columns', 'inputType', 'min', 'max', 'validators',
]);

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function NameField({ locale, json, name, disabled, onRename }: { locale: Locale; json: Json; name: string; disabled?: boolean; onRename(name: string): void }) {
  const id = useId();
  const [text, setText] = useState(name);
  useEffect(() => setText(name), [name]);
  const trimmed = text.trim();
  const error = trimmed === name ? '' : !NAME_PATTERN.test(trimmed) ? dt(locale, 'name.invalid') : allNames(json).has(trimmed) ? dt(locale, 'name.taken') : '';
  const commit = () => {
    if (!error && trimmed !== name) onRename(trimmed);
    else setText(name);
  };
  return (
    <div className="dz-field">
      <label htmlFor={id}>{dt(locale, 'prop.name')}</label>
      <input
        id={id}
        type="text"
        className="dz-mono"
        value={text}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <small id={`${id}-help`} className={error ? 'dz-error' : 'dz-hint'}>{error || dt(locale, 'name.help')}</small>
    </div>
  );
}

export function QuestionPanel({ locale, json, question, keys, disabled, onChange, onRename }: Props) {
  const name = String(question.name ?? '');
  const type = String(question.type ?? '');
  const set = (key: string, value: unknown) => onChange(setProp(question, key, value));
  const others = Object.keys(question).filter((k) => !EDITED.has(k));
  const typeKey = `type.${type}` as DesignerKey;
  return (
    <div className="dz-panel">
      <h2 className="dz-panel__title">
        {dt(locale, 'panel.question')} <code>{name}</code> <span className="dz-badge">{isEditableType(type) ? dt(locale, typeKey) : type}</span>
      </h2>
      <fieldset className="dz-plain" disabled={disabled}>
        <NameField locale={locale} json={json} name={name} onRename={onRename} />
        {type !== 'html' ? (
          <>
            <BilingualField locale={locale} label={dt(locale, 'prop.title')} value={question.title} keys={keys} multiline onChange={(v) => set('title', v)} />
            <BilingualField locale={locale} label={dt(locale, 'prop.description')} value={question.description} keys={keys} multiline onChange={(v) => set('description', v)} />
            <CheckField label={dt(locale, 'prop.isRequired')} checked={question.isRequired === true} onChange={(v) => set('isRequired', v || undefined)} />
          </>
        ) : null}
        {isEditableType(type) ? <TypeFields locale={locale} question={question} keys={keys} onChange={onChange} /> : <p className="dz-hint">{dt(locale, 'panel.jsonOnly')}</p>}
        <ConditionBuilder
          key={name}
          locale={locale}
          expression={typeof question.visibleIf === 'string' ? question.visibleIf : ''}
          targets={conditionTargets(json, name)}
          keys={keys}
          onChange={(v) => set('visibleIf', v)}
        />
      </fieldset>
      {others.length ? <p className="dz-hint">{dt(locale, 'panel.others', { keys: others.join(', ') })}</p> : null}
    </div>
  );
}
