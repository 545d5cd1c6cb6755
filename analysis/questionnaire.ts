// Reads a SurveyJS questionnaire into a flat codebook: each question's analysis kind, labels in the
// chosen language, choices, matrix rows and columns, rating scale, and the conditions that show it.

export type Locale = 'vi' | 'en';
export type Kind = 'single' | 'multiple' | 'rating' | 'matrix' | 'ranking' | 'number' | 'text' | 'multipletext' | 'other';

export type Key = string | number | boolean;

export interface Option {
  value: string | number | boolean;
  key: Key;
  label: string;
}

export interface QuestionInfo {
  name: string;
  type: string;
  kind: Kind;
  title: string;
  choices: Option[];
  rows: Option[];
  columns: Option[];
  /** Conditions (page, panels, question) that must all hold for the question to be shown. */
  conditions: string[];
  neverShown: boolean;
}

/** SurveyJS localisable text: a string (default language) or {default, vi, en, …}. */
export function localize(text: unknown, locale: Locale, fallback: string): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const t = text as Record<string, string>;
    return t[locale] ?? t.default ?? t.en ?? Object.values(t)[0] ?? fallback;
  }
  return fallback;
}

/** Key used to tally an answer value: primitives as they are (Map keys, no string building), others as JSON. */
export const valueKey = (v: unknown): Key =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

function options(list: unknown, locale: Locale): Option[] {
  if (!Array.isArray(list)) return [];
  return list.map((c) => {
    if (c !== null && typeof c === 'object') {
      const o = c as { value?: unknown; text?: unknown; name?: unknown; title?: unknown };
      const value = (o.value ?? o.name) as string | number;
      return { value, key: valueKey(value), label: localize(o.text ?? o.title, locale, String(value)) };
    }
    return { value: c as string | number, key: valueKey(c), label: String(c) };
  });
}

function ratingScale(q: Record<string, any>, locale: Locale): Option[] {
  if (Array.isArray(q.rateValues) && q.rateValues.length) return options(q.rateValues, locale);
  const min = q.rateMin ?? 1;
  const step = q.rateStep ?? 1;
  const max = q.rateMax ?? (q.rateCount ? min + (q.rateCount - 1) * step : 5);
  const out: Option[] = [];
  for (let v = min; v <= max + 1e-9; v += step) out.push({ value: v, key: valueKey(v), label: String(v) });
  return out;
}

const KIND: Record<string, Kind> = {
  radiogroup: 'single', dropdown: 'single', boolean: 'single', imagepicker: 'single',
  checkbox: 'multiple', tagbox: 'multiple', rating: 'rating', matrix: 'matrix', ranking: 'ranking',
  text: 'text', comment: 'text', multipletext: 'multipletext',
};
const LAYOUT = new Set(['html', 'image', 'expression', 'signaturepad', 'file']);

function describeQuestion(q: Record<string, any>, locale: Locale, conditions: string[], hidden: boolean): QuestionInfo {
  let kind: Kind = KIND[q.type] ?? 'other';
  if (q.type === 'text' && ['number', 'range'].includes(q.inputType)) kind = 'number';
  if (q.type === 'imagepicker' && q.multiSelect) kind = 'multiple';
  let choices = q.type === 'rating' ? ratingScale(q, locale) : options(q.choices, locale);
  if (q.type === 'boolean')
    choices = [
      { value: q.valueTrue ?? true, key: valueKey(q.valueTrue ?? true), label: localize(q.labelTrue, locale, locale === 'vi' ? 'Có' : 'Yes') },
      { value: q.valueFalse ?? false, key: valueKey(q.valueFalse ?? false), label: localize(q.labelFalse, locale, locale === 'vi' ? 'Không' : 'No') },
    ];
  if (q.showNoneItem || q.hasNone)
    choices.push({ value: 'none', key: 'none', label: localize(q.noneText, locale, locale === 'vi' ? 'Không có' : 'None') });
  if (q.showOtherItem || q.hasOther)
    choices.push({ value: 'other', key: 'other', label: localize(q.otherText, locale, locale === 'vi' ? 'Khác' : 'Other') });
  const own = q.visibleIf ? [...conditions, q.visibleIf] : conditions;
  return {
    name: q.name, type: q.type, kind, title: localize(q.title, locale, q.name), choices,
    rows: options(q.rows ?? q.items, locale), columns: options(q.columns, locale),
    conditions: own, neverShown: hidden || q.visible === false,
  };
}

/** All questions of the questionnaire, in order, with the conditions inherited from pages and panels. */
export function readQuestionnaire(json: Record<string, any>, locale: Locale = 'vi'): QuestionInfo[] {
  const out: QuestionInfo[] = [];
  const walk = (elements: any[], conditions: string[], hidden: boolean) => {
    for (const e of elements ?? []) {
      if (e.type === 'panel') {
        walk(e.elements, e.visibleIf ? [...conditions, e.visibleIf] : conditions, hidden || e.visible === false);
      } else if (!LAYOUT.has(e.type)) out.push(describeQuestion(e, locale, conditions, hidden));
    }
  };
  const pages = json.pages ?? [{ elements: json.elements ?? json.questions ?? [] }];
  for (const p of pages) walk(p.elements, p.visibleIf ? [p.visibleIf] : [], p.visible === false);
  // Ranking items are its choices; keep them as rows too so ranking output reads item by item.
  for (const q of out) if (q.kind === 'ranking') q.rows = q.choices;
  return out;
}
