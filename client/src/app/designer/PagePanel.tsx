// Property panels of a page (name, title, description, show-if) and of the questionnaire itself (title,
// description).
import type { Locale } from '../../locale';
import { ConditionBuilder } from './ConditionBuilder';
import { BilingualField, TextField } from './fields';
import { dt } from './i18n';
import type { Json, LangKeys } from './localized';
import { conditionTargets } from './targets';
import { setProp } from './tree';

interface PageProps {
  locale: Locale;
  json: Json;
  page: Json;
  index: number;
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: Json): void;
}

export function PagePanel({ locale, json, page, index, keys, disabled, onChange }: PageProps) {
  const set = (key: string, value: unknown) => onChange(setProp(page, key, value));
  return (
    <div className="dz-panel">
      <h2 className="dz-panel__title">{dt(locale, 'panel.page', { n: index + 1 })}</h2>
      <fieldset className="dz-plain" disabled={disabled}>
        <TextField label={dt(locale, 'page.name')} value={String(page.name ?? '')} onChange={(v) => set('name', v.trim() || undefined)} />
        <BilingualField locale={locale} label={dt(locale, 'prop.title')} value={page.title} keys={keys} onChange={(v) => set('title', v)} />
        <BilingualField locale={locale} label={dt(locale, 'prop.description')} value={page.description} keys={keys} multiline onChange={(v) => set('description', v)} />
        <ConditionBuilder
          key={`page-${index}`}
          locale={locale}
          expression={typeof page.visibleIf === 'string' ? page.visibleIf : ''}
          targets={conditionTargets(json)}
          keys={keys}
          onChange={(v) => set('visibleIf', v)}
        />
      </fieldset>
    </div>
  );
}

interface SurveyProps {
  locale: Locale;
  json: Json;
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: Json): void;
}

export function SurveyPanel({ locale, json, keys, disabled, onChange }: SurveyProps) {
  const set = (key: string, value: unknown) => onChange(setProp(json, key, value));
  return (
    <div className="dz-panel">
      <h2 className="dz-panel__title">{dt(locale, 'panel.survey')}</h2>
      <fieldset className="dz-plain" disabled={disabled}>
        <BilingualField locale={locale} label={dt(locale, 'survey.title')} value={json.title} keys={keys} multiline onChange={(v) => set('title', v)} />
        <BilingualField locale={locale} label={dt(locale, 'prop.description')} value={json.description} keys={keys} multiline onChange={(v) => set('description', v)} />
      </fieldset>
      <p className="dz-hint">{dt(locale, 'panel.surveyOthers')}</p>
    </div>
  );
}
