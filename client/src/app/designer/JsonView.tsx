// The draft as JSON, editable: an edit applies as soon as the text parses to an object; until then the
// error is shown and the draft is left as it was. Edits made elsewhere show up here, except while the
// text holds an unparsed edit of the designer's own (that would throw their typing away).
import { useEffect, useId, useRef, useState } from 'react';
import type { Locale } from '../../locale';
import { dt } from './i18n';
import { isRecord, type Json } from './localized';

interface Props {
  locale: Locale;
  json: Json;
  readOnly?: boolean;
  onChange(next: Json): void;
}

const pretty = (json: Json) => JSON.stringify(json, null, 2);

export function JsonView({ locale, json, readOnly, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState(() => pretty(json));
  const [error, setError] = useState('');
  const applied = useRef(JSON.stringify(json));

  useEffect(() => {
    const current = JSON.stringify(json);
    if (current === applied.current) return;
    applied.current = current;
    setText(pretty(json));
    setError('');
  }, [json]);

  const edit = (value: string) => {
    setText(value);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (e) {
      setError(dt(locale, 'json.invalid', { reason: e instanceof Error ? e.message : String(e) }));
      return;
    }
    if (!isRecord(parsed)) {
      setError(dt(locale, 'json.notObject'));
      return;
    }
    setError('');
    applied.current = JSON.stringify(parsed);
    onChange(parsed);
  };

  return (
    <div className="dz-json">
      <label htmlFor={id}>{dt(locale, 'json.label')}</label>
      <p id={`${id}-help`} className={error ? 'dz-error' : 'dz-hint'} role={error ? 'alert' : undefined}>
        {error || dt(locale, 'json.help')}
      </p>
      <textarea
        id={id}
        className="dz-mono dz-json__text"
        spellCheck={false}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        value={text}
        onChange={(e) => edit(e.target.value)}
      />
    </div>
  );
}
