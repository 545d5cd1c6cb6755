// Walking a SurveyJS questionnaire as plain JSON: every object with its JSON path and the question
// it belongs to, and the elements (pages, panels, questions) with their scope. No survey-core here.
import { childPath, isRecord, type Json } from './json';
import { defaultLocale, textIn } from './locales';

/** Arrays whose items are elements: a question there owns every string and condition inside it. */
const ELEMENT_ARRAYS = new Set(['elements', 'templateElements', 'questions']);

/**
 * Every object and array in `json`, depth first, with its path and the name of the innermost question
 * around it (undefined on pages, panels and the survey itself).
 */
export function walkJson(json: unknown, visit: (node: unknown, path: string, question: string | undefined, key: string | number | undefined) => void | 'skip'): void {
  const go = (node: unknown, path: string, question: string | undefined, key: string | number | undefined, inElements: boolean) => {
    let owner = question;
    if (inElements && isRecord(node)) owner = node.type === 'panel' ? undefined : typeof node.name === 'string' ? node.name : undefined;
    if (visit(node, path, owner, key) === 'skip') return;
    if (Array.isArray(node)) {
      const elements = typeof key === 'string' && ELEMENT_ARRAYS.has(key);
      node.forEach((item, i) => go(item, childPath(path, i), owner, i, elements));
    } else if (isRecord(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'object' && v !== null) go(v, childPath(path, k), owner, k, false);
      }
    }
  };
  go(json, '', undefined, undefined, false);
}

export interface ElementInfo {
  node: Json;
  path: string;
  /** Index into `pages` (0-based); 0 for a survey written with root `elements`. */
  page: number;
  kind: 'question' | 'panel';
  /** `survey` for the questionnaire's own namespace, else the path of the panel-dynamic whose template holds it. */
  scope: string;
}

/** The pages of a questionnaire as [path, page] pairs; root `elements` count as one page. */
export function pagesOf(json: unknown): { path: string; node: Json }[] {
  if (!isRecord(json)) return [];
  if (Array.isArray(json.pages)) {
    return json.pages.flatMap((p, i) => (isRecord(p) ? [{ path: childPath('pages', i), node: p }] : []));
  }
  if (Array.isArray(json.elements)) return [{ path: '', node: json }];
  return [];
}

/** Every panel and question, in questionnaire order, panel-dynamic templates included (their own scope). */
export function listElements(json: unknown): ElementInfo[] {
  const out: ElementInfo[] = [];
  const walk = (list: unknown, path: string, page: number, scope: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((node, i) => {
      if (!isRecord(node)) return;
      const at = childPath(path, i);
      const kind = node.type === 'panel' ? 'panel' : 'question';
      out.push({ node, path: at, page, kind, scope });
      walk(node.elements, childPath(at, 'elements'), page, scope);
      if (node.type === 'paneldynamic') walk(node.templateElements, childPath(at, 'templateElements'), page, at);
    });
  };
  pagesOf(json).forEach((p, i) => walk(p.node.elements, childPath(p.path, 'elements'), i, 'survey'));
  return out;
}

/** A questionnaire's questions whose answers it stores (not inside panel-dynamic templates). */
export interface QuestionInfo {
  name: string;
  type: string;
  path: string;
  page: number;
  /** The title in the questionnaire's default locale; the name when there is none (what SurveyJS shows). */
  title: string;
}

export function listQuestions(json: unknown): QuestionInfo[] {
  const locale = defaultLocale(json);
  return listElements(json)
    .filter((e) => e.kind === 'question' && e.scope === 'survey' && typeof e.node.name === 'string')
    .map((e) => ({
      name: e.node.name as string,
      type: typeof e.node.type === 'string' ? e.node.type : '',
      path: e.path,
      page: e.page,
      title: textIn(e.node.title, locale, locale) || (e.node.name as string),
    }));
}

