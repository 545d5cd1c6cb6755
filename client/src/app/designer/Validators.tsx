// Answer checks of text and comment questions: number range, maximum length, a pattern (regex) with its
// message in both languages, and e-mail format.
import type { Locale } from '../../locale';
import { BilingualField, CheckField, NumberField, TextField } from './fields';
import { dt } from './i18n';
import type { Json, LangKeys } from './localized';
import { editValidator, findValidator, setValidator } from './validators';

interface Props {
  locale: Locale;
  question: Json;
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: Json): void;
}

export function Validators({ locale, question, keys, disabled, onChange }: Props) {
  const numeric = findValidator(question, 'numeric');
  const text = findValidator(question, 'text');
  const regex = findValidator(question, 'regex');
  const email = findValidator(question, 'email');
  const isText = question.type === 'text';
  return (
    <fieldset className="dz-group" disabled={disabled}>
      <legend>{dt(locale, 'val.legend')}</legend>
      {isText ? (
        <div className="dz-row">
          <NumberField label={dt(locale, 'val.numMin')} value={numeric?.minValue} onChange={(v) => onChange(editValidator(question, 'numeric', 'minValue', v))} />
          <NumberField label={dt(locale, 'val.numMax')} value={numeric?.maxValue} onChange={(v) => onChange(editValidator(question, 'numeric', 'maxValue', v))} />
        </div>
      ) : null}
      <NumberField label={dt(locale, 'val.maxLength')} value={text?.maxLength} onChange={(v) => onChange(editValidator(question, 'text', 'maxLength', v))} />
      <TextField label={dt(locale, 'val.regex')} value={typeof regex?.regex === 'string' ? regex.regex : ''} onChange={(v) => onChange(editValidator(question, 'regex', 'regex', v))} />
      {regex ? (
        <BilingualField locale={locale} label={dt(locale, 'val.regexText')} value={regex.text} keys={keys} onChange={(v) => onChange(setValidator(question, 'regex', { ...regex, text: v }))} />
      ) : null}
      {isText ? (
        <CheckField label={dt(locale, 'val.email')} checked={email !== undefined} onChange={(on) => onChange(setValidator(question, 'email', on ? (email ?? {}) : undefined))} />
      ) : null}
    </fieldset>
  );
}
