// Edits a list of choices, matrix rows or matrix columns: value + Vietnamese text + English text side by
// side, with add, remove and move up/down. Labels name the list and the position ("Phương án 2 (tiếng Anh)").
import type { Locale } from '../../locale';
import { dt, type DesignerKey } from './i18n';
import { coerceValue, itemText, itemValue, makeItem, moveItem, nextValue } from './items';
import { readText, writeText, type LangKeys } from './localized';

interface Props {
  locale: Locale;
  /** Which list: its heading and the stem of every label. */
  kind: 'choice' | 'row' | 'column';
  items: unknown[];
  keys: LangKeys;
  disabled?: boolean;
  onChange(next: unknown[]): void;
}

const HEADINGS: Record<Props['kind'], DesignerKey> = { choice: 'items.choices', row: 'items.rows', column: 'items.columns' };
const STEMS: Record<Props['kind'], DesignerKey> = { choice: 'items.choice', row: 'items.row', column: 'items.column' };
const ADD: Record<Props['kind'], DesignerKey> = { choice: 'items.addChoice', row: 'items.addRow', column: 'items.addColumn' };

export function ItemsEditor({ locale, kind, items, keys, disabled, onChange }: Props) {
  const values = items.map(itemValue);
  const set = (index: number, item: unknown) => onChange(items.map((old, i) => (i === index ? item : old)));
  const prefix = kind === 'row' ? 'r' : kind === 'column' ? 'c' : 'item';
  return (
    <fieldset className="dz-items" disabled={disabled}>
      <legend>{dt(locale, HEADINGS[kind])}</legend>
      <div className="dz-items__head" aria-hidden="true">
        <span>{dt(locale, 'items.value')}</span>
        <span>{dt(locale, 'lang.vi')}</span>
        <span>{dt(locale, 'lang.en')}</span>
      </div>
      <ol className="dz-items__list">
        {items.map((item, index) => {
          const stem = dt(locale, STEMS[kind], { n: index + 1 });
          const text = itemText(item);
          const duplicate = values.indexOf(values[index]) !== index;
          return (
            <li key={index} className="dz-items__row">
              <input
                type="text"
                className={duplicate ? 'dz-invalid' : undefined}
                aria-invalid={duplicate || undefined}
                aria-label={dt(locale, 'items.valueOf', { item: stem })}
                value={String(values[index])}
                onChange={(e) => set(index, makeItem(item, coerceValue(e.target.value, values[index], values), text))}
              />
              {(['vi', 'en'] as const).map((lang) => (
                <input
                  key={lang}
                  type="text"
                  lang={lang}
                  aria-label={dt(locale, lang === 'vi' ? 'field.vi' : 'field.en', { label: stem })}
                  value={readText(text, lang, keys)}
                  onChange={(e) => set(index, makeItem(item, values[index], writeText(text, lang, e.target.value, keys)))}
                />
              ))}
              <span className="dz-items__actions">
                <button type="button" className="dz-icon" aria-label={dt(locale, 'items.up', { item: stem })} disabled={index === 0} onClick={() => onChange(moveItem(items, index, index - 1))}>
                  ↑
                </button>
                <button type="button" className="dz-icon" aria-label={dt(locale, 'items.down', { item: stem })} disabled={index === items.length - 1} onClick={() => onChange(moveItem(items, index, index + 1))}>
                  ↓
                </button>
                <button type="button" className="dz-icon dz-icon--danger" aria-label={dt(locale, 'items.remove', { item: stem })} onClick={() => onChange(items.filter((_, i) => i !== index))}>
                  ×
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {values.some((v, i) => values.indexOf(v) !== i) ? <p className="dz-warning">{dt(locale, 'items.duplicate')}</p> : null}
      <button type="button" className="dz-button dz-button--small" onClick={() => onChange([...items, nextValue(items, prefix)])}>
        {dt(locale, ADD[kind])}
      </button>
    </fieldset>
  );
}
