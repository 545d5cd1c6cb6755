// Which answer keys survey-core's conditions can read, so that they are evaluated on those keys alone,
// and each condition's outcome remembered per distinct set of those values.
// Why: a condition cost survey-core about 15 µs (it finds a variable by walking every key of the values
// object, comparing lower-cased names, and builds a context per run), nearly half of a submission's
// validation. The smaller object holds every key a lookup could match, in the same order, so each lookup
// finds the same key and value as in the whole object; and a condition without function calls is a pure
// function of the values it reads, so equal values give the outcome survey-core gave the first time.
import type { ConditionRunner } from 'survey-core';
import type { ChoiceSet, CompiledSurvey, QuestionSpec } from './spec';

/** Every runner that receives the condition values (directly, or with {item} added for choices). */
function runnersOf(q: QuestionSpec): ConditionRunner[] {
  const sets: (ChoiceSet | undefined)[] = [q.choices, q.columns, ...[...(q.cells?.values() ?? [])].map((c) => c.choices)];
  return [
    ...q.visibleIf,
    ...q.enableIf,
    ...(q.requiredIf ? [q.requiredIf] : []),
    ...q.validators.flatMap((v) => (v.type === 'expression' ? [v.runner] : [])),
    ...sets.flatMap((s) => s?.conditional.flatMap((c) => c.visibleIf) ?? []),
  ];
}

/**
 * The lower-cased names a variable may be looked up by at the top level: survey-core splits `a.b[0].c`
 * at dots, drops a trailing `[n]` from each part, and tries the joined prefixes from the longest down
 * (an answer may be named "a.b"). A `$` prefix reads a property by its exact name. Every prefix, with
 * and without the index, is listed: more than survey-core tries is harmless, fewer would not be.
 */
function topLevelNames(variable: string, into: Set<string>): void {
  for (const name of variable.startsWith('$') ? [variable, variable.slice(1)] : [variable]) {
    const parts = name.split('.');
    for (let p = 1; p <= parts.length; p++) {
      const prefix = parts.slice(0, p);
      into.add(prefix.join('.').toLowerCase());
      into.add(prefix.map((s) => s.replace(/\[[^\]]*\]$/, '')).join('.').toLowerCase());
    }
  }
}

/** The names conditions can read; null when a condition calls a function (it might read anything). */
export function conditionReads(questions: QuestionSpec[]): Set<string> | null {
  const runners = questions.flatMap(runnersOf);
  if (runners.some((r) => r.hasFunction())) return null;
  const names = new Set<string>();
  for (const r of runners) for (const v of r.getVariables()) topLevelNames(v, names);
  return names;
}

/** The keys of `values` whose lower-cased name is in `names`, in their order. */
function only(values: Record<string, unknown>, names: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(values)) if (names.has(key.toLowerCase())) out[key] = values[key];
  return out;
}

/** The keys of `values` a condition can read, in their order. */
export function readableValues(survey: CompiledSurvey, values: Record<string, unknown>): Record<string, unknown> {
  return survey.reads ? only(values, survey.reads) : values;
}

const MAX_REMEMBERED = 1000;

/** One condition (no function calls) and its outcomes by the values it read. */
class RememberedCondition {
  private names = new Set<string>();
  private outcomes = new Map<string, boolean>();
  constructor(private runner: ConditionRunner) {
    for (const v of runner.getVariables()) topLevelNames(v, this.names);
  }
  holds(values: Record<string, unknown>): boolean {
    const read = only(values, this.names);
    const id = idOf(read);
    if (id === null) return this.runner.runValues(read, {}) === true;
    let outcome = this.outcomes.get(id);
    if (outcome === undefined) {
      outcome = this.runner.runValues(read, {}) === true;
      if (this.outcomes.size >= MAX_REMEMBERED) this.outcomes.clear();
      this.outcomes.set(id, outcome);
    }
    return outcome;
  }
}

/**
 * Keys, types and values, when every value is a string, number, boolean or null; null otherwise. Keys and
 * strings are JSON-quoted, so no value can spell another set of values (a respondent cannot plant an
 * outcome for someone else's answers).
 */
function idOf(read: Record<string, unknown>): string | null {
  let id = '';
  for (const key of Object.keys(read)) {
    const v = read[key];
    let text: string;
    if (v === null || typeof v === 'boolean') text = String(v);
    else if (typeof v === 'string') text = JSON.stringify(v);
    else if (typeof v === 'number') text = Object.is(v, -0) ? '-0' : String(v);
    else return null; // objects and arrays: run the condition every time
    id += JSON.stringify(key) + ':' + text + ',';
  }
  return id;
}

const remembered = new WeakMap<ConditionRunner, RememberedCondition | null>();

/** survey-core's outcome of `runner` on `values` (true only when it says true). */
export function conditionHolds(runner: ConditionRunner, values: Record<string, unknown>): boolean {
  let r = remembered.get(runner);
  if (r === undefined) remembered.set(runner, (r = runner.hasFunction() ? null : new RememberedCondition(runner)));
  return r ? r.holds(values) : runner.runValues(values, {}) === true;
}
