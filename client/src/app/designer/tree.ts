// Edits of the questionnaire's JSON tree that the outline and the property panel make. Every function
// returns a new object and leaves its input untouched, so React sees each change and undo stays cheap.
// The outline works on the elements of each page; anything nested (panels) is edited in the JSON view.
import { isRecord, type Json } from './localized';

export interface QuestionRef {
  page: number;
  index: number;
  question: Json;
}

export function pagesOf(json: Json): Json[] {
  if (Array.isArray(json.pages)) return json.pages.filter(isRecord);
  // A single-page questionnaire may list its elements at the top; the outline shows it as one page.
  if (Array.isArray(json.elements)) return [{ name: 'page1', elements: json.elements }];
  return [];
}

export function elementsOf(page: Json): Json[] {
  return Array.isArray(page.elements) ? page.elements.filter(isRecord) : [];
}

/** The same questionnaire with `pages` as the one list of pages (top-level `elements` moved into page1). */
function withPages(json: Json, pages: Json[]): Json {
  const next: Json = { ...json, pages };
  if (!Array.isArray(json.pages)) delete next.elements;
  return next;
}

export function findQuestion(json: Json, name: string): QuestionRef | null {
  const pages = pagesOf(json);
  for (let page = 0; page < pages.length; page++) {
    const index = elementsOf(pages[page]).findIndex((q) => q.name === name);
    if (index >= 0) return { page, index, question: elementsOf(pages[page])[index] };
  }
  return null;
}

/** Every `name` in the questionnaire (pages, questions, nested elements), for making new unique ones. */
export function allNames(json: Json): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (typeof node.name === 'string' && (node.type !== undefined || Array.isArray(node.elements))) names.add(node.name);
    for (const key of ['pages', 'elements', 'templateElements']) if (key in node) walk(node[key]);
  };
  walk(pagesOf(json));
  return names;
}

export function uniqueName(json: Json, base: string): string {
  const taken = allNames(json);
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** `obj` with `key` set, or removed when `value` is undefined or ''. Keeps key order. */
export function setProp(obj: Json, key: string, value: unknown): Json {
  const next = { ...obj };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

export function updatePage(json: Json, pageIndex: number, change: (page: Json) => Json): Json {
  return withPages(json, pagesOf(json).map((p, i) => (i === pageIndex ? change(p) : p)));
}

export function updateQuestion(json: Json, name: string, change: (question: Json) => Json): Json {
  const ref = findQuestion(json, name);
  if (!ref) return json;
  return updatePage(json, ref.page, (page) => ({
    ...page,
    elements: elementsOf(page).map((q, i) => (i === ref.index ? change(q) : q)),
  }));
}

export function addPage(json: Json, afterIndex = pagesOf(json).length - 1): { json: Json; name: string } {
  const name = uniqueName(json, 'page');
  const pages = [...pagesOf(json)];
  pages.splice(afterIndex + 1, 0, { name, elements: [] });
  return { json: withPages(json, pages), name };
}

export function deletePage(json: Json, pageIndex: number): Json {
  return withPages(json, pagesOf(json).filter((_, i) => i !== pageIndex));
}

/** Moves a whole page to `toIndex` (used by the page's up/down buttons). */
export function movePage(json: Json, from: number, to: number): Json {
  const pages = [...pagesOf(json)];
  if (to < 0 || to >= pages.length || from === to) return json;
  const [page] = pages.splice(from, 1);
  pages.splice(to, 0, page);
  return withPages(json, pages);
}

export function insertQuestion(json: Json, question: Json, pageIndex: number, atIndex?: number): Json {
  let base = json;
  if (pagesOf(base).length === 0) base = addPage(base).json;
  const page = Math.min(Math.max(pageIndex, 0), pagesOf(base).length - 1);
  return updatePage(base, page, (p) => {
    const elements = [...elementsOf(p)];
    elements.splice(atIndex ?? elements.length, 0, question);
    return { ...p, elements };
  });
}

export function deleteQuestion(json: Json, name: string): Json {
  const ref = findQuestion(json, name);
  if (!ref) return json;
  return updatePage(json, ref.page, (p) => ({ ...p, elements: elementsOf(p).filter((_, i) => i !== ref.index) }));
}

/** A copy right below the original, under a new unique name. */
export function duplicateQuestion(json: Json, name: string): { json: Json; name: string } {
  const ref = findQuestion(json, name);
  if (!ref) return { json, name };
  const base = name.replace(/_?\d+$/, '') || 'q';
  const copyName = uniqueName(json, `${base}_`);
  const copy = { ...structuredClone(ref.question), name: copyName };
  return { json: insertQuestion(json, copy, ref.page, ref.index + 1), name: copyName };
}

/**
 * Moves question `name` to position `toIndex` of page `toPage` (`toIndex` counts the target page's
 * elements as they are before the move). Within one page, moving down past itself is accounted for.
 */
export function moveQuestion(json: Json, name: string, toPage: number, toIndex: number): Json {
  const ref = findQuestion(json, name);
  if (!ref || toPage < 0 || toPage >= pagesOf(json).length) return json;
  let index = toIndex;
  if (toPage === ref.page && toIndex > ref.index) index--;
  if (toPage === ref.page && index === ref.index) return json;
  return insertQuestion(deleteQuestion(json, name), ref.question, toPage, index);
}

/** One step up or down; at the edge of a page the question goes to the end/start of the neighbouring page. */
export function moveQuestionBy(json: Json, name: string, delta: -1 | 1): Json {
  const ref = findQuestion(json, name);
  if (!ref) return json;
  const count = elementsOf(pagesOf(json)[ref.page]).length;
  const target = ref.index + delta;
  if (target >= 0 && target < count) return moveQuestion(json, name, ref.page, delta > 0 ? target + 1 : target);
  const page = ref.page + delta;
  if (page < 0 || page >= pagesOf(json).length) return json;
  return moveQuestion(json, name, page, delta > 0 ? 0 : elementsOf(pagesOf(json)[page]).length);
}

/** Renames a question and every `{name}` reference to it in conditions and expressions. */
export function renameQuestion(json: Json, from: string, to: string): Json {
  if (!to || from === to) return json;
  const pattern = new RegExp(`\\{${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[}.\\[])`, 'g');
  const rewrite = (node: unknown, key = ''): unknown => {
    if (typeof node === 'string') return /If$|[Ee]xpression$/.test(key) ? node.replace(pattern, `{${to}`) : node;
    if (Array.isArray(node)) return node.map((n) => rewrite(n, key));
    if (!isRecord(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v, k)]));
  };
  const renamed = updateQuestion(json, from, (q) => ({ ...q, name: to }));
  return rewrite(renamed) as Json;
}
