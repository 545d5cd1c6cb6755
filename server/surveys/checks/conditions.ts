// Conditions and expressions must parse with survey-core's own parser, and every {variable} in them
// must name a question, its valueName or a calculated value. A misspelt name is not an error for
// survey-core: the condition silently reads an empty value, so the question never (or always) shows.
import { ConditionsParser, type Operand } from 'survey-core';
import type { TSurveyProblem } from '../../contract/staff';
import { childPath, isRecord, type Json } from './json';
import { problemOf, shown, type Locale } from './messages';
import { listElements, walkJson } from './walk';
import { variableNames } from './names';

/** Properties holding a condition or expression, wherever they occur (elements, choices, columns, triggers…). */
export const CONDITION_PROPERTIES = new Set([
  'visibleIf', 'enableIf', 'requiredIf', 'choicesVisibleIf', 'choicesEnableIf', 'rowsVisibleIf', 'columnsVisibleIf',
  'setValueIf', 'resetValueIf', 'defaultValueExpression', 'setValueExpression', 'minValueExpression',
  'maxValueExpression', 'expression',
]);

/**
 * Variables survey-core provides itself: the choice under test ({item}), the current matrix row or
 * dynamic panel ({row.col}, {panel.q}), indexes and survey state.
 */
const BUILT_IN = new Set([
  'item', 'choice', 'row', 'panel', 'parentpanel', 'rowindex', 'visiblerowindex', 'rowname', 'rowvalue', 'panelindex',
  'visiblepanelindex', 'pageno', 'pagecount', 'locale', 'correctanswers', 'incorrectanswers', 'questioncount',
]);
const SUFFIXES = ['-unwrapped', '-comment', '-total'];

export function checkConditions(json: Json, locale: Locale): TSurveyProblem[] {
  const known = variableNames(json);
  // Inside panel-dynamic templates a sibling may be named directly; accept template names too.
  for (const e of listElements(json)) if (e.scope !== 'survey' && typeof e.node.name === 'string') known.add(e.node.name.toLowerCase());
  const problems: TSurveyProblem[] = [];
  walkJson(json, (node, path, question) => {
    if (!isRecord(node)) return;
    for (const [property, expression] of Object.entries(node)) {
      if (!CONDITION_PROPERTIES.has(property) || typeof expression !== 'string' || !expression.trim()) continue;
      const at = { path: childPath(path, property), question };
      const parsed = parse(expression);
      if (!parsed) {
        problems.push(problemOf('condition.syntax', { ...at, params: { property, expression: shown(expression, false) } }, locale));
        continue;
      }
      for (const variable of variablesOf(parsed)) {
        const root = rootOf(variable);
        if (root === null || known.has(variable.toLowerCase()) || known.has(root)) continue;
        problems.push(problemOf('condition.unknown_question', { ...at, params: { property, variable, root } }, locale));
      }
    }
  });
  return problems;
}

/** The parsed expression, or null on a syntax error (a fresh parser: it keeps its last error). */
export function parse(expression: string): Operand | null {
  return new ConditionsParser().parseExpression(expression) ?? null;
}

export function variablesOf(op: Operand): string[] {
  const out: string[] = [];
  op.setVariables(out);
  return [...new Set(out)];
}

/**
 * The question a variable reads, lower-cased: `{q.row}`, `{q[0].x}`, `{q-unwrapped}` all read `q`.
 * Null for survey-core's built-in variables.
 */
export function rootOf(variable: string): string | null {
  let root = variable.split(/[.[]/)[0].trim().toLowerCase();
  for (const s of SUFFIXES) if (root.endsWith(s)) root = root.slice(0, -s.length);
  if (root.startsWith('$') || BUILT_IN.has(root)) return null;
  return root;
}
