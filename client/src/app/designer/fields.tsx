// Small form controls of the property panel: a bilingual text (Vietnamese and English side by side), a
// plain text and a number field. Each renders a real <label for>, so tests and screen readers find it.
import { useId, useState, useEffect } from 'react';
import type { Locale } from '../../locale';
import { dt } from './i18n';
import { readText, writeText, type LangKeys } from './localized';

interface BilingualProps {
  locale: Locale;
  /** The label's stem, e.g. "Tiêu đề": the two fields read "Tiêu đề (tiếng Việt)" and "Tiêu đề (tiếng Anh)". */
  label: string;
  value: unknown;
  keys: LangKeys;
  multiline?: boolean;
  disabled?: boolean;
  onChange(next: unknown): void;
}

export function BilingualField({ locale, label, value, keys, multiline, disabled, onChange }: BilingualProps) {
  const id = useId();
  return (
    <div className="dz-bilingual">
      {(['vi', 'en'] as const).map((lang) => {
        const fieldId = `${id}-${lang}`;
        const props = {
          id: fieldId,
          value: readText(value, lang, keys),
          disabled,
          lang,
          onChange: (e: { target: { value: string } }) => onChange(writeText(value, lang, e.target.value, keys)),
        };
        return (
          <div className="dz-field" key={lang}>
            <label htmlFor={fieldId}>{dt(locale, lang === 'vi' ? 'field.vi' : 'field.en', { label })}</label>
            {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
          </div>
        );
      })}
    </div>
  );
}

interface NumberProps {
  label: string;
  value: unknown;
  disabled?: boolean;
  onChange(next: number | undefined): void;
}

/** A number property; cleared = undefined (the property is removed). */
export function NumberField({ label, value, disabled, onChange }: NumberProps) {
  const id = useId();
  const shown = typeof value === 'number' ? String(value) : '';
  const [text, setText] = useState(shown);
  useEffect(() => setText((t) => (Number(t) === value && t !== '' ? t : shown)), [shown, value]);
  return (
    <div className="dz-field dz-field--number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value === '' ? undefined : Number(e.target.value);
          if (n === undefined || Number.isFinite(n)) onChange(n);
        }}
      />
    </div>
  );
}

interface TextProps {
  label: string;
  value: string;
  disabled?: boolean;
  onChange(next: string): void;
}

export function TextField({ label, value, disabled, onChange }: TextProps) {
  const id = useId();
  return (
    <div className="dz-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

interface CheckProps {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange(next: boolean): void;
}

export function CheckField({ label, checked, disabled, onChange }: CheckProps) {
  const id = useId();
  return (
    <div className="dz-check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
