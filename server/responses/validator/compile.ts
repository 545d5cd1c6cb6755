// Turns a published questionnaire into the plain data of spec.ts. A survey-core Model is built
// once here, only to read each question's properties with survey-core's own defaults and
// inheritance (rating scales, matrix cell choices, storeOthersAsComment…); it is dropped afterwards.
import { ConditionRunner, ExpressionRunner, Model } from 'survey-core';
import { conditionReads } from './reads';
import type { ChoiceSet, CellSpec, CompiledSurvey, ItemSpec, QuestionKind, QuestionSpec, ValidatorSpec } from './spec';

const SINGLE_TYPES = new Set(['radiogroup', 'dropdown', 'buttongroup']);
const MULTI_TYPES = new Set(['checkbox', 'tagbox']);
const NUMERIC_INPUTS = new Set(['number', 'range']);

export function compileSurvey(surveyJson: object): CompiledSurvey {
  const model = new Model(surveyJson);
  const declared = declaredFlags(surveyJson);
  const questions: QuestionSpec[] = [];
  // One runner per condition text: a page's visibleIf is shared by all its questions, and validate.ts
  // evaluates each runner once per submission.
  const shared = new Map<string, ConditionRunner>();
  for (const q of model.getAllQuestions(false) as any[]) {
    const kind = kindOf(q);
    if (!kind) continue; // html, image… hold no answer
    questions.push(compileQuestion(q, kind, model, declared.get(q.name) ?? { hidden: false, readOnly: false }, shared));
  }
  const calculated = (model.calculatedValues ?? []).map((c: any) => ({
    name: c.name as string,
    expression: new ExpressionRunner(c.expression ?? ''),
    stored: !!c.includeIntoResult,
  }));
  const hasConditions = calculated.length > 0 || questions.some(hasCondition);
  model.dispose();
  return { questions, byKey: new Map(questions.map((q) => [q.key, q])), calculated, hasConditions, reads: conditionReads(questions) };
}

function kindOf(q: any): QuestionKind | null {
  const type: string = q.getType();
  if (SINGLE_TYPES.has(type)) return 'single';
  if (MULTI_TYPES.has(type)) return 'multi';
  if (type === 'imagepicker') return q.multiSelect ? 'multi' : 'single';
  if (type === 'text') return NUMERIC_INPUTS.has(q.inputType) ? 'number' : 'text';
  if (type === 'matrixdynamic' || type === 'paneldynamic') return 'rows';
  if (['ranking', 'boolean', 'rating', 'comment', 'matrix', 'matrixdropdown', 'multipletext'].includes(type)) {
    return type as QuestionKind;
  }
  return q.hasInput === false || type === 'html' || type === 'image' ? null : 'free';
}

function compileQuestion(q: any, kind: QuestionKind, model: Model, declared: DeclaredFlags, shared: Map<string, ConditionRunner>): QuestionSpec {
  const containers = containersOf(q);
  const spec: QuestionSpec = {
    key: q.getValueName(),
    name: q.name,
    kind,
    hiddenStatically: declared.hidden,
    visibleIf: [q, ...containers].flatMap((e) => runnerFor(e.visibleIf, shared)),
    enableIf: [q, ...containers].flatMap((e) => runnerFor(e.enableIf, shared)),
    readOnlyStatically: declared.readOnly || model.mode === 'display',
    isRequired: q.isRequired === true,
    requiredIf: runnerFor(q.requiredIf)[0],
    acceptsComment: !!q.showOtherItem || !!q.showCommentArea,
    minSelected: q.minSelectedChoices ?? 0,
    maxSelected: q.maxSelectedChoices ?? 0,
    partialRanking: !!q.selectToRankEnabled,
    rateNumeric: false,
    maxLength: positive(q.getMaxLength?.()),
    eachRowRequired: !!q.eachRowRequired,
    validators: compileValidators(q.validators ?? []),
  };
  if (kind === 'single' || kind === 'multi' || kind === 'ranking') spec.choices = choiceSet(q, q.choices);
  if (kind === 'rating') {
    spec.rateValues = q.visibleRateValues.map((i: any) => i.value);
    spec.rateNumeric = spec.rateValues!.every((v) => typeof v === 'number');
  }
  if (kind === 'boolean') spec.booleanValues = [q.getValueTrue(), q.getValueFalse()];
  if (kind === 'number') {
    spec.min = numberOrUndefined(q.min);
    spec.max = numberOrUndefined(q.max);
  }
  if (kind === 'matrix') {
    spec.rows = new Set(q.rows.map((r: any) => String(r.value)));
    spec.columns = choiceSet(q, q.columns);
  }
  if (kind === 'matrixdropdown') {
    spec.rows = new Set(q.rows.map((r: any) => String(r.value)));
    spec.cells = new Map(q.columns.map((c: any) => [c.name, cellSpec(q, c)]));
  }
  if (kind === 'multipletext') spec.items = new Map(q.items.map((i: any) => [i.name, itemSpec(i)]));
  return spec;
}

interface DeclaredFlags {
  hidden: boolean;
  readOnly: boolean;
}

/**
 * `visible: false` / `readOnly: true` as written on a question or any container around it. Read from
 * the JSON because the Model's own `visible`/`readOnly` already reflect visibleIf/enableIf run on
 * empty answers.
 */
function declaredFlags(surveyJson: any): Map<string, DeclaredFlags> {
  const out = new Map<string, DeclaredFlags>();
  const walk = (elements: any[] | undefined, inherited: DeclaredFlags) => {
    for (const e of elements ?? []) {
      const flags = { hidden: inherited.hidden || e.visible === false, readOnly: inherited.readOnly || e.readOnly === true };
      if (typeof e.name === 'string') out.set(e.name, flags);
      walk(e.elements, flags);
    }
  };
  walk(surveyJson.pages ?? [], { hidden: false, readOnly: false });
  walk(surveyJson.elements, { hidden: false, readOnly: false });
  return out;
}

/** Panels and the page around a question, innermost first. */
function containersOf(q: any): any[] {
  const out: any[] = [];
  for (let p = q.parent; p; p = p.parent) out.push(p);
  return out;
}

function runnerFor(expression: unknown, shared?: Map<string, ConditionRunner>): ConditionRunner[] {
  if (typeof expression !== 'string' || !expression.trim()) return [];
  let runner = shared?.get(expression);
  if (!runner) {
    runner = new ConditionRunner(expression);
    shared?.set(expression, runner);
  }
  return [runner];
}

function choiceSet(q: any, items: any[]): ChoiceSet {
  const choicesVisibleIf = runnerFor(q.choicesVisibleIf);
  const values = items.map((i) => i.value);
  return {
    exact: new Set(values),
    values,
    // survey-core drops a choice hidden by its own visibleIf or the question's choicesVisibleIf
    // (which reads {item}); choicesEnableIf only greys a choice out and keeps its value valid.
    conditional: items
      .map((i) => ({ value: i.value, visibleIf: [...runnerFor(i.visibleIf), ...choicesVisibleIf] }))
      .filter((c) => c.visibleIf.length > 0),
    none: q.showNoneItem ? q.noneItem.value : undefined,
    refuse: q.showRefuseItem ? q.refuseItem.value : undefined,
    dontKnow: q.showDontKnowItem ? q.dontKnowItem.value : undefined,
    other: !!q.showOtherItem,
    otherAsComment: q.getStoreOthersAsComment ? !!q.getStoreOthersAsComment() : true,
  };
}

function cellSpec(matrix: any, column: any): CellSpec {
  const type: string = column.cellType === 'default' ? matrix.cellType : column.cellType;
  const template = column.templateQuestion;
  const items = column.choices?.length ? column.choices : matrix.choices;
  if (['dropdown', 'radiogroup'].includes(type)) return { name: column.name, kind: 'choice', choices: choiceSet(template, items) };
  if (['checkbox', 'tagbox'].includes(type)) return { name: column.name, kind: 'multi', choices: choiceSet(template, items) };
  return { name: column.name, kind: 'free' };
}

function itemSpec(item: any): ItemSpec {
  return {
    name: item.name,
    numeric: NUMERIC_INPUTS.has(item.inputType),
    maxLength: positive(item.getMaxLength?.() ?? item.maxLength),
    isRequired: !!item.isRequired,
  };
}

function compileValidators(validators: any[]): ValidatorSpec[] {
  const out: ValidatorSpec[] = [];
  for (const v of validators) {
    // warning/info validators do not block completion in survey-core, so they do not reject here
    if (v.notificationType && v.notificationType !== 'error') continue;
    switch (v.getType()) {
      case 'numericvalidator':
        out.push({ type: 'numeric', minValue: v.minValue ?? null, maxValue: v.maxValue ?? null });
        break;
      case 'textvalidator':
        out.push({ type: 'text', minLength: v.minLength ?? 0, maxLength: v.maxLength ?? 0, allowDigits: v.allowDigits !== false });
        break;
      case 'regexvalidator':
        if (v.regex) out.push({ type: 'regex', re: new RegExp(v.regex, v.caseInsensitive ? 'i' : '') });
        break;
      case 'emailvalidator':
        out.push({ type: 'email' });
        break;
      case 'answercountvalidator':
        out.push({ type: 'answercount', minCount: v.minCount ?? 0, maxCount: v.maxCount ?? 0 });
        break;
      case 'expressionvalidator':
        if (v.expression) out.push({ type: 'expression', runner: new ConditionRunner(v.expression) });
        break;
    }
  }
  return out;
}

function hasCondition(q: QuestionSpec): boolean {
  return (
    q.visibleIf.length > 0 ||
    q.enableIf.length > 0 ||
    !!q.requiredIf ||
    q.validators.some((v) => v.type === 'expression') ||
    (q.choices?.conditional.length ?? 0) > 0
  );
}

function positive(n: unknown): number {
  return typeof n === 'number' && n > 0 ? n : 0;
}

function numberOrUndefined(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
