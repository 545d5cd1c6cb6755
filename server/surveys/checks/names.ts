// Question names are the variables of conditions and the columns of every export: each must exist,
// be usable as a variable, and be unique. Compared without case, as survey-core's conditions and
// SPSS/Stata do; panel-dynamic template questions only need to be unique within their template.
import type { TSurveyProblem } from '../../contract/staff';
import { childPath, isRecord } from './json';
import { problemOf, type Locale } from './messages';
import { listElements } from './walk';

const INVALID_NAME = /[\s.${}]/;

export function isValidName(name: string): boolean {
  return name.trim() !== '' && !INVALID_NAME.test(name);
}

interface Named {
  name: unknown;
  path: string;
  scope: string;
  isQuestion: boolean;
  /** Questions are what the designer jumps to; panels and calculated values have no `question`. */
  jumpTo: boolean;
}

export function checkNames(json: Record<string, unknown>, locale: Locale): TSurveyProblem[] {
  const problems: TSurveyProblem[] = [];
  const named: Named[] = listElements(json).map((e) => ({ name: e.node.name, path: e.path, scope: e.scope, isQuestion: e.kind === 'question', jumpTo: e.kind === 'question' }));
  if (Array.isArray(json.calculatedValues)) {
    json.calculatedValues.forEach((c, i) => {
      if (isRecord(c)) named.push({ name: c.name, path: childPath('calculatedValues', i), scope: 'survey', isQuestion: true, jumpTo: false });
    });
  }
  const seen = new Map<string, string>();
  for (const n of named) {
    const name = typeof n.name === 'string' ? n.name : '';
    // Panels without a name get one from survey-core and are not variables.
    if (!n.isQuestion && !name) continue;
    const question = n.jumpTo && name ? name : undefined;
    if (!name.trim()) {
      problems.push(problemOf('name.missing', { path: n.path }, locale));
      continue;
    }
    if (n.isQuestion && !isValidName(name)) problems.push(problemOf('name.invalid', { path: n.path, question, params: { name } }, locale));
    const key = `${n.scope}\n${name.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(problemOf('name.duplicate', { path: n.path, question, params: { name, first } }, locale));
    else seen.set(key, n.path);
  }
  return problems;
}

/** Names conditions may use: questions (and their valueName) and calculated values, lower-cased. */
export function variableNames(json: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const e of listElements(json)) {
    if (e.kind !== 'question' || e.scope !== 'survey') continue;
    if (typeof e.node.name === 'string') out.add(e.node.name.toLowerCase());
    if (typeof e.node.valueName === 'string' && e.node.valueName) out.add(e.node.valueName.toLowerCase());
  }
  if (Array.isArray(json.calculatedValues)) {
    for (const c of json.calculatedValues) if (isRecord(c) && typeof c.name === 'string') out.add(c.name.toLowerCase());
  }
  return out;
}
