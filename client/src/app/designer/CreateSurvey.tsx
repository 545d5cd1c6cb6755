// Creating a questionnaire: blank, from a template (a folder under surveys/), or by importing a SurveyJS
// JSON file (chosen or pasted). The server checks and stores it; the editor opens on the new draft.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TTemplateItem } from '../../../../server/contract/staff';
import type { Locale } from '../../locale';
import { api, ApiError } from '../api';
import { dt } from './i18n';
import { anyText, isRecord, langKeys } from './localized';

interface Props {
  locale: Locale;
  onCancel(): void;
  onCreated(id: string): void;
}

type Source = 'blank' | 'template' | 'import';

export function CreateSurvey({ locale, onCancel, onCreated }: Props) {
  const id = useId();
  const [source, setSource] = useState<Source>('blank');
  const [title, setTitle] = useState('');
  const [templates, setTemplates] = useState<TTemplateItem[]>([]);
  const [template, setTemplate] = useState('');
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ items: TTemplateItem[] }>('GET', '/surveys/templates')
      .then((r) => {
        setTemplates(r.items);
        setTemplate((t) => t || r.items[0]?.key || '');
      })
      .catch(() => setTemplates([]));
  }, []);

  const readFile = async (file: File | undefined) => {
    if (file) setPasted(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    const body: Record<string, unknown> = { title: title.trim() };
    if (source === 'template') {
      body.template = template;
      if (!body.title) body.title = templates.find((t) => t.key === template)?.title ?? template;
    }
    if (source === 'import') {
      let json: unknown;
      try {
        json = JSON.parse(pasted);
      } catch (e) {
        return setError(dt(locale, 'json.invalid', { reason: e instanceof Error ? e.message : String(e) }));
      }
      if (!isRecord(json)) return setError(dt(locale, 'json.notObject'));
      body.json = json;
      if (!body.title) body.title = anyText(json.title, 'vi', langKeys(json));
    }
    if (!body.title) return setError(dt(locale, 'create.needTitle'));
    setBusy(true);
    try {
      const reply = await api<{ id: string }>('POST', '/surveys', body);
      onCreated(reply.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <form className="dz-create" onSubmit={(e) => void submit(e)} aria-label={dt(locale, 'create.title')}>
      <h2>{dt(locale, 'create.title')}</h2>
      <div className="dz-field">
        <label htmlFor={`${id}-title`}>{dt(locale, 'create.name')}</label>
        <input id={`${id}-title`} type="text" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={dt(locale, 'create.namePlaceholder')} />
      </div>
      <fieldset className="dz-plain">
        <legend>{dt(locale, 'create.source')}</legend>
        {(['blank', 'template', 'import'] as const).map((s) => (
          <div className="dz-check" key={s}>
            <input id={`${id}-source-${s}`} type="radio" name={`${id}-source`} checked={source === s} onChange={() => setSource(s)} />
            <label htmlFor={`${id}-source-${s}`}>{dt(locale, `create.${s}`)}</label>
          </div>
        ))}
      </fieldset>
      {source === 'template' ? (
        <div className="dz-field">
          <label htmlFor={`${id}-template`}>{dt(locale, 'create.templatePick')}</label>
          <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.target.value)}>
            {templates.map((t) => (
              <option key={t.key} value={t.key}>{t.title}</option>
            ))}
          </select>
        </div>
      ) : null}
      {source === 'import' ? (
        <>
          <div className="dz-field">
            <label htmlFor={`${id}-file`}>{dt(locale, 'create.file')}</label>
            <input id={`${id}-file`} type="file" accept="application/json,.json" onChange={(e) => void readFile(e.target.files?.[0])} />
          </div>
          <div className="dz-field">
            <label htmlFor={`${id}-paste`}>{dt(locale, 'create.paste')}</label>
            <textarea id={`${id}-paste`} className="dz-mono" rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </div>
        </>
      ) : null}
      {error ? <p className="dz-error" role="alert">{error}</p> : null}
      <div className="dz-row">
        <button type="submit" className="dz-button dz-button--primary" disabled={busy}>{dt(locale, 'create.submit')}</button>
        <button type="button" className="dz-button" onClick={onCancel}>{dt(locale, 'cancel')}</button>
      </div>
    </form>
  );
}
