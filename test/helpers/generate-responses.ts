// Seeded responses to any questionnaire for the differential test and the bench: a simulated
// respondent fills the visible questions page by page (survey-core decides what is visible and
// what passes), then most responses are broken in one of the ways the server must refuse.
import { ConditionRunner, ExpressionRunner, Model } from 'survey-core';
import { MUTATIONS } from '../fixtures/validator/breakages';

export interface GeneratedResponse {
  /** 'valid', or the name of the breakage applied. */
  kind: string;
  answers: Record<string, unknown>;
}

type Answers = Record<string, unknown>;
export type Rng = () => number;

/** mulberry32: small, fast and good enough to make test data reproducible. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['đường', 'xá', 'việc làm', 'nhà ở', 'môi trường', 'giáo dục', 'y tế', 'an ninh', 'dịch vụ', 'công khai'];

export async function generateResponses(surveyJson: object, count: number, seed: number, validShare = 0.3): Promise<GeneratedResponse[]> {
  const rng = seededRandom(seed);
  const model = new Model(surveyJson);
  const out: GeneratedResponse[] = [];
  const names = MUTATIONS.map((m) => m.name);
  let next = 0;
  for (let i = 0; i < count; i++) {
    const answers = respond(model, rng);
    if (rng() < validShare) {
      out.push({ kind: 'valid', answers });
    } else {
      // round robin over the breakages, skipping those that do not apply to this response
      let applied: GeneratedResponse | null = null;
      for (let tries = 0; tries < names.length && !applied; tries++) {
        const m = MUTATIONS[next++ % MUTATIONS.length];
        const broken = m.apply(model, structuredClone(answers), rng);
        if (broken) applied = { kind: m.name, answers: broken };
      }
      out.push(applied ?? { kind: 'valid', answers });
    }
    if (i % 25 === 24) await new Promise((r) => setImmediate(r)); // let survey-core's garbage go
  }
  return out;
}

/**
 * One respondent: answers each visible, editable question in page order with a value survey-core
 * accepts. The Model serves only to read questions; visibility is run on the plain answers with
 * survey-core's ConditionRunner, because setting values on a Model costs ~10 ms each.
 */
function respond(model: Model, rng: Rng): Answers {
  const answers: Answers = {};
  const skipOptional = rng() * 0.5;
  for (const q of model.getAllQuestions(false) as any[]) {
    if (!q.hasInput || !isShown(q, answers, model) || !holds([q.enableIf, q.parent?.enableIf], answers, model)) continue;
    const required = q.isRequired || (q.requiredIf && holds([q.requiredIf], answers, model));
    // survey-core refuses some optional questions when empty: minSelectedChoices, every row or a
    // required item, expression validators
    const mustAnswer = required || q.minSelectedChoices > 0 || q.eachRowRequired || q.items?.some((i: any) => i.isRequired) ||
      q.validators.some((v: any) => v.getType() === 'expressionvalidator');
    if (!mustAnswer && rng() < skipOptional) continue;
    for (let attempt = 0; attempt < 6; attempt++) {
      const proposal = propose(q, rng, attempt, visibleChoices(q, answers, model));
      if (proposal === undefined) break;
      if (!passesValidators(q, proposal.value, answers, model)) continue;
      answers[q.getValueName()] = proposal.value;
      if (proposal.comment !== undefined) answers[q.getValueName() + '-Comment'] = proposal.comment;
      break;
    }
  }
  // a later answer can hide an earlier question: drop such answers until nothing changes
  for (let changed = true; changed; ) {
    changed = false;
    for (const q of model.getAllQuestions(false) as any[]) {
      const key = q.getValueName();
      if ((key in answers || key + '-Comment' in answers) && !isShown(q, answers, model)) {
        delete answers[key];
        delete answers[key + '-Comment'];
        changed = true;
      }
    }
  }
  return answers;
}

const runners = new Map<string, ConditionRunner>();
function holds(expressions: (string | undefined)[], answers: Answers, model: Model): boolean {
  const values = withCalculated(answers, model);
  return expressions.every((e) => {
    if (!e) return true;
    let r = runners.get(e);
    if (!r) runners.set(e, (r = new ConditionRunner(e)));
    return r.runValues(values, {}) === true;
  });
}

const calculators = new Map<string, ExpressionRunner>();
function withCalculated(answers: Answers, model: Model): Answers {
  if (!model.calculatedValues.length) return answers;
  const values = { ...answers };
  for (const c of model.calculatedValues as any[]) {
    let r = calculators.get(c.expression);
    if (!r) calculators.set(c.expression, (r = new ExpressionRunner(c.expression)));
    values[c.name] = r.runValues(values, {});
  }
  return values;
}

function isShown(q: any, answers: Answers, model: Model): boolean {
  const chain: string[] = [];
  for (let e = q; e; e = e.parent) chain.push(e.visibleIf);
  return holds(chain, answers, model);
}

function visibleChoices(q: any, answers: Answers, model: Model): unknown[] {
  const items: any[] = [...(q.choices ?? [])];
  const shown = items.filter((i) => holds([i.visibleIf], answers, model) && holds([q.choicesVisibleIf], { ...answers, item: i.value }, model));
  const extra = [q.showOtherItem && q.otherItem.value, q.showNoneItem && q.noneItem.value].filter((v) => v);
  return [...shown.map((i) => i.value), ...extra];
}

function passesValidators(q: any, value: unknown, answers: Answers, model: Model): boolean {
  const values = { ...answers, [q.getValueName()]: value };
  for (const v of q.validators as any[]) {
    if (v.getType() === 'expressionvalidator' ? !holds([v.expression], values, model) : v.validate(value, q.name, {})?.error) return false;
  }
  return true;
}

function pick<T>(rng: Rng, list: T[]): T {
  return list[Math.floor(rng() * list.length)];
}

function shuffle<T>(rng: Rng, list: T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function text(rng: Rng, maxLength = 0): string {
  const s = shuffle(rng, WORDS).slice(0, 1 + Math.floor(rng() * 6)).join(' ');
  return maxLength > 0 ? s.slice(0, maxLength) : s;
}

function propose(q: any, rng: Rng, attempt: number, choices: unknown[]): { value: unknown; comment?: string } | undefined {
  const type: string = q.getType();
  const other = q.showOtherItem ? q.otherItem.value : undefined;
  const maxLength = q.getMaxLength?.() ?? 0;
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'imagepicker': {
      
      if (q.multiSelect) return { value: shuffle(rng, choices).slice(0, 1 + Math.floor(rng() * choices.length)) };
      const v = pick(rng, choices);
      if (v === other) return q.getStoreOthersAsComment() ? { value: v, comment: text(rng) } : { value: text(rng) };
      return { value: v };
    }
    case 'checkbox': {
      const special = [q.noneItem?.value, q.selectAllItem?.value];
      const regular = choices.filter((v) => !special.includes(v));
      if (q.showNoneItem && rng() < 0.1) return { value: [q.noneItem.value] };
      const max = q.maxSelectedChoices > 0 ? Math.min(q.maxSelectedChoices, regular.length) : regular.length;
      const min = Math.max(1, q.minSelectedChoices);
      const chosen = shuffle(rng, regular).slice(0, min + Math.floor(rng() * (max - min + 1)));
      return { value: chosen, comment: chosen.includes(other) ? text(rng) : undefined };
    }
    case 'ranking':
      return { value: shuffle(rng, choices) };
    case 'boolean':
      return { value: rng() < 0.5 ? q.getValueTrue() : q.getValueFalse() };
    case 'rating':
      return { value: pick(rng, q.visibleRateValues.map((i: any) => i.value)) };
    case 'matrix': {
      const columns = q.columns.map((c: any) => c.value);
      return { value: Object.fromEntries(q.rows.map((r: any) => [r.value, pick(rng, columns)])) };
    }
    case 'matrixdropdown':
      return { value: Object.fromEntries(q.rows.map((r: any) => [r.value, matrixDropdownRow(q, rng)])) };
    case 'multipletext':
      return {
        value: Object.fromEntries(
          q.items.map((i: any) => [i.name, i.inputType === 'number' ? 1 + Math.floor(rng() * 5) : text(rng, i.getMaxLength?.() ?? 0)]),
        ),
      };
    case 'text':
      return { value: textValue(q, rng, maxLength, attempt) };
    case 'comment':
      return { value: text(rng, maxLength) };
  }
  return undefined;
}

function matrixDropdownRow(q: any, rng: Rng): Answers {
  const row: Answers = {};
  for (const c of q.columns) {
    const type = c.cellType === 'default' ? q.cellType : c.cellType;
    const choices = (c.choices?.length ? c.choices : q.choices).map((i: any) => i.value);
    if (type === 'checkbox') row[c.name] = shuffle(rng, choices).slice(0, 1 + Math.floor(rng() * choices.length));
    else if (type === 'text' || type === 'comment') row[c.name] = text(rng);
    else row[c.name] = pick(rng, choices);
  }
  return row;
}

function textValue(q: any, rng: Rng, maxLength: number, attempt: number): unknown {
  const validators: string[] = q.validators.map((v: any) => v.getType());
  if (q.inputType === 'number' || q.inputType === 'range') {
    const numeric = q.validators.find((v: any) => v.getType() === 'numericvalidator');
    const min = Number(q.min ?? numeric?.minValue ?? 0);
    const max = Number(q.max ?? numeric?.maxValue ?? 100);
    // later attempts stay closer to the minimum, for expression validators such as {years} <= {age}
    const span = (Math.min(max, min + 60) - min + 1) / (1 + 4 * attempt);
    return min + Math.floor(rng() * span);
  }
  if (q.inputType === 'email' || validators.includes('emailvalidator')) return `nguoi.dan${Math.floor(rng() * 1000)}@example.vn`;
  if (validators.includes('regexvalidator')) return '09' + String(Math.floor(rng() * 1e8)).padStart(8, '0');
  return text(rng, maxLength);
}

