// Whether the draft is a SurveyJS questionnaire at all, and what survey-core itself refuses in it
// (`jsonErrors`: unknown properties, unknown or missing element types, missing required properties).
import { Model, type JsonError } from 'survey-core';
import { canonicalJson, childPath, isRecord } from './json';
import { problemOf, shown, type Locale, type ProblemCode } from './messages';
import { pagesOf, walkJson } from './walk';
import type { TSurveyProblem } from '../../contract/staff';

/** One problem when `json` cannot be a questionnaire (then nothing else is checked), else none. */
export function checkShape(json: unknown, locale: Locale): TSurveyProblem[] {
  if (!isRecord(json)) return [problemOf('survey.not_object', { path: '' }, locale)];
  const pages = pagesOf(json);
  if (pages.length === 0 || (Array.isArray(json.pages) && json.pages.length === 0)) {
    return [problemOf('survey.no_pages', { path: Array.isArray(json.pages) ? 'pages' : '' }, locale)];
  }
  return [];
}

const KNOWN: Record<string, ProblemCode> = {
  unknownproperty: 'surveyjs.unknownproperty',
  missingtypeproperty: 'surveyjs.missingtypeproperty',
  incorrecttypeproperty: 'surveyjs.incorrecttypeproperty',
  requiredproperty: 'surveyjs.requiredproperty',
  arrayproperty: 'surveyjs.arrayproperty',
  incorrectvalue: 'surveyjs.incorrectvalue',
};

/** survey-core's own `jsonErrors` for the questionnaire, each placed at its object in the JSON. */
export function checkSurveyJsErrors(json: Record<string, unknown>, locale: Locale): TSurveyProblem[] {
  const errors = loadErrors(json);
  if (errors.length === 0) return [];
  const where = locator(json);
  return errors.map((e: any) => {
    const at = where(e.jsonObj);
    const code = KNOWN[e.type] ?? 'surveyjs.json_error';
    const property: string | undefined = e.propertyName ?? e.property?.name;
    // An unknown/wrong value sits under its property; a missing type or property belongs to the object.
    const onProperty = (code === 'surveyjs.unknownproperty' || code === 'surveyjs.incorrectvalue' || code === 'surveyjs.arrayproperty') && property;
    const path = at ? (onProperty ? childPath(at.path, property) : at.path) : '';
    const params = {
      property: property ?? '',
      class: e.className ?? e.element?.getType?.() ?? '',
      type: isRecord(e.jsonObj) && typeof e.jsonObj.type === 'string' ? e.jsonObj.type : '',
      value: shown(e.value),
      detail: String(e.message ?? e.type),
    };
    return problemOf(code, { path, question: at?.question, params }, locale);
  });
}

function loadErrors(json: Record<string, unknown>): JsonError[] {
  const warn = console.warn;
  console.warn = () => {}; // survey-core warns about every broken expression; those are our own checks
  let model: Model | undefined;
  try {
    model = new Model(json);
    return [...(model.jsonErrors ?? [])];
  } finally {
    console.warn = warn;
    model?.dispose();
  }
}

/**
 * Finds the path of an object survey-core reports. It keeps the very object for elements but copies
 * choices, validators and the like, so an equal object (first in questionnaire order) is the fallback.
 */
function locator(json: Record<string, unknown>) {
  const byIdentity = new Map<unknown, { path: string; question?: string }>();
  const byContent = new Map<string, { path: string; question?: string }>();
  walkJson(json, (node, path, question) => {
    if (!isRecord(node)) return;
    const at = { path, question };
    byIdentity.set(node, at);
    const key = canonicalJson(node);
    if (!byContent.has(key)) byContent.set(key, at);
  });
  return (obj: unknown) => byIdentity.get(obj) ?? (isRecord(obj) ? byContent.get(canonicalJson(obj)) : undefined);
}
