// The question's `validators` list, one entry per kind the panel edits (numeric, text, regex, email);
// validators of other kinds (expression, answercount…) and extra ones are left untouched.
import { isRecord, type Json } from './localized';
import { setProp } from './tree';

export type ValidatorType = 'numeric' | 'text' | 'regex' | 'email';

export function findValidator(question: Json, type: ValidatorType): Json | undefined {
  const list = Array.isArray(question.validators) ? question.validators : [];
  return list.find((v): v is Json => isRecord(v) && v.type === type);
}

/** Replaces the first validator of `type` (or appends one); undefined removes it. */
export function setValidator(question: Json, type: ValidatorType, validator: Json | undefined): Json {
  const list: unknown[] = Array.isArray(question.validators) ? [...question.validators] : [];
  const at = list.findIndex((v) => isRecord(v) && v.type === type);
  if (validator === undefined) {
    if (at >= 0) list.splice(at, 1);
  } else if (at >= 0) list[at] = { ...validator, type };
  else list.push({ type, ...validator });
  return setProp(question, 'validators', list.length ? list : undefined);
}

/** A validator property changed; a validator left with nothing but its type is removed (except email). */
export function editValidator(question: Json, type: ValidatorType, key: string, value: unknown): Json {
  const current = findValidator(question, type) ?? { type };
  const next = setProp(current, key, value);
  const meaningful = Object.keys(next).some((k) => k !== 'type' && k !== 'text');
  return setValidator(question, type, meaningful || type === 'email' ? next : undefined);
}
