// Seeded responses to any questionnaire for the differential test and the bench: a simulated
// respondent fills the visible questions page by page (survey-core decides what is visible and
// what passes), then most responses are broken in one of the ways the server must refuse.
import { Model } from 'survey-core';
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

/** One respondent: answers each visible, editable question in page order with a value survey-core accepts. */
function respond(model: Model, rng: Rng): Answers {
  model.clear(true, true);
  const skipOptional = rng() * 0.5;
  for (const q of model.getAllQuestions(false) as any[]) {
    if (!q.isVisible || !q.isParentVisible || q.isReadOnly || !q.hasInput) continue;
    // an optional question may stay empty, unless survey-core refuses it empty (minSelectedChoices,
    // expression validators run on empty answers)
    if (!q.isRequired && rng() < skipOptional && !q.hasErrors(false)) continue;
    for (let attempt = 0; attempt < 6; attempt++) {
      const proposal = propose(q, rng, attempt);
      if (proposal === undefined) break;
      q.value = proposal.value;
      if (proposal.comment !== undefined) q.comment = proposal.comment;
      if (!q.hasErrors(false)) break;
      q.clearValue();
    }
  }
  const data = model.data as Answers;
  for (const q of model.getAllQuestions(false) as any[]) {
    // later answers can hide earlier questions (clearInvisibleValues is not always "onHidden")
    if (!q.isVisible || !q.isParentVisible) {
      delete data[q.getValueName()];
      delete data[q.getValueName() + '-Comment'];
    }
  }
  return data;
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

function choiceValues(q: any): unknown[] {
  return q.visibleChoices.filter((c: any) => c.isEnabled !== false).map((c: any) => c.value);
}

function propose(q: any, rng: Rng, attempt: number): { value: unknown; comment?: string } | undefined {
  const type: string = q.getType();
  const other = q.showOtherItem ? q.otherItem.value : undefined;
  const maxLength = q.getMaxLength?.() ?? 0;
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'imagepicker': {
      const choices = choiceValues(q).filter((v) => v !== q.selectAllItem?.value);
      if (q.multiSelect) return { value: shuffle(rng, choices).slice(0, 1 + Math.floor(rng() * choices.length)) };
      const v = pick(rng, choices);
      if (v === other) return q.getStoreOthersAsComment() ? { value: v, comment: text(rng) } : { value: text(rng) };
      return { value: v };
    }
    case 'checkbox': {
      const special = [q.noneItem?.value, q.selectAllItem?.value];
      const regular = choiceValues(q).filter((v) => !special.includes(v));
      if (q.showNoneItem && rng() < 0.1) return { value: [q.noneItem.value] };
      const max = q.maxSelectedChoices > 0 ? Math.min(q.maxSelectedChoices, regular.length) : regular.length;
      const min = Math.max(1, q.minSelectedChoices);
      const chosen = shuffle(rng, regular).slice(0, min + Math.floor(rng() * (max - min + 1)));
      return { value: chosen, comment: chosen.includes(other) ? text(rng) : undefined };
    }
    case 'ranking':
      return { value: shuffle(rng, choiceValues(q)) };
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

