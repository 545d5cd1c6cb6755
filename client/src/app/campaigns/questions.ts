// The choice questions of a published questionnaire version (SurveyJS JSON) that can define strata, with
// their choices in words, and the names of cells built from them ("Quận Hải Châu · Người dân").
import type { Locale } from '../i18n';

export interface Choice {
  value: string;
  text: string;
}

export interface ChoiceQuestion {
  name: string;
  title: string;
  choices: Choice[];
}

/** Single-answer questions with a fixed list of choices: what a stratum variable can be. */
const SINGLE_CHOICE = new Set(['radiogroup', 'dropdown', 'imagepicker', 'buttongroup']);

type Json = Record<string, unknown>;

/** A SurveyJS localizable string: "text" or {default, vi, en…}. Vietnamese pages prefer `vi`. */
export function localized(value: unknown, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const pick = locale === 'vi' ? (v.vi ?? v.default) : (v.en ?? v.default ?? v.vi);
    if (typeof pick === 'string') return pick;
    const any = Object.values(v).find((x) => typeof x === 'string');
    if (typeof any === 'string') return any;
  }
  return '';
}

function* elements(nodes: unknown): Generator<Json> {
  if (!Array.isArray(nodes)) return;
  for (const node of nodes) {
    if (!node || typeof node !== 'object') continue;
    const n = node as Json;
    yield n;
    // Panels nest questions; a dynamic panel's template questions are repeated, so not strata.
    if (n.type === 'panel') yield* elements(n.elements);
  }
}

export function choiceQuestions(json: Json | undefined, locale: Locale): ChoiceQuestion[] {
  if (!json) return [];
  const out: ChoiceQuestion[] = [];
  const pages = Array.isArray(json.pages) ? json.pages : [{ elements: json.elements }];
  for (const page of pages as Json[]) {
    for (const el of elements(page?.elements)) {
      if (typeof el.name !== 'string' || typeof el.type !== 'string' || !SINGLE_CHOICE.has(el.type)) continue;
      if (el.type === 'imagepicker' && el.multiSelect) continue;
      if (!Array.isArray(el.choices) || !el.choices.length) continue;
      const choices = (el.choices as unknown[]).map((c): Choice => {
        if (c && typeof c === 'object') {
          const o = c as Json;
          const value = String(o.value);
          return { value, text: localized(o.text, locale) || value };
        }
        return { value: String(c), text: String(c) };
      });
      out.push({ name: el.name, title: localized(el.title, locale) || el.name, choices });
    }
  }
  return out;
}

/** Short column headings for the variables everyone knows; any other variable goes by its name. */
const KNOWN: Record<string, { vi: string; en: string }> = {
  district: { vi: 'Quận/huyện', en: 'District' },
  group: { vi: 'Nhóm đối tượng', en: 'Group' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  age: { vi: 'Nhóm tuổi', en: 'Age group' },
  area: { vi: 'Khu vực', en: 'Area' },
};

export function variableHeading(name: string, locale: Locale): string {
  return KNOWN[name]?.[locale] ?? name;
}

/** value → text per variable, for the cells' names. */
export type Labels = Map<string, Map<string, string>>;

export function labelsOf(questions: ChoiceQuestion[]): Labels {
  return new Map(questions.map((q) => [q.name, new Map(q.choices.map((c) => [c.value, c.text]))]));
}

/** {district: "hai-chau", group: "residents"} → ["Quận Hải Châu", "Người dân"] in the variables' order. */
export function cellParts(key: Record<string, string>, variables: string[], labels: Labels, fallback?: Record<string, string>): string[] {
  return variables.map((v) => labels.get(v)?.get(key[v]) ?? fallback?.[v] ?? key[v] ?? '');
}

export function cellName(key: Record<string, string>, variables: string[], labels: Labels, fallback?: Record<string, string>): string {
  return cellParts(key, variables, labels, fallback).join(' · ');
}

/** The same order of variables the server uses for a cell's identity. */
export function cellId(key: Record<string, string>, variables: string[]): string {
  return variables.map((v) => `${v}=${key[v] ?? ''}`).join('|');
}
