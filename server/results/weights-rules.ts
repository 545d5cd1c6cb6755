// What a population margin may name (strata and single-choice questions every respondent sees), the levels
// of a margin (a cross `a:b` has every pair), and the checks a stored set of margins must pass.
import { readQuestionnaire } from '../../analysis/index.ts';
import type { TLocale } from '../contract/public.ts';
import type { TMarginVariable, TMargins } from '../contract/staff.ts';

export const MAX_MARGINS = 10;
const MAX_LEVELS = 500;
/** Margins describe one population: their totals may differ by rounding, not by more than this share. */
export const TOTAL_TOLERANCE = 0.01;

// A type, not an interface: UnprocessableError takes plain records.
export type FieldProblem = { path: string; message: string };

const say = (locale: TLocale, vi: string, en: string) => (locale === 'en' ? en : vi);
const count = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

/** Strata, then single-choice questions shown to everyone: a conditional question leaves some respondents out. */
export function marginVariables(survey: Record<string, unknown>, strata: string[], lang: TLocale): TMarginVariable[] {
  const questions = readQuestionnaire(survey, lang);
  const out: TMarginVariable[] = [];
  for (const q of questions) {
    const stratum = strata.includes(q.name);
    if (!q.choices.length) continue;
    if (!stratum && (q.kind !== 'single' || q.conditions.length || q.neverShown)) continue;
    out.push({ name: q.name, title: q.title, stratum, levels: q.choices.map((c) => ({ value: String(c.value), label: c.label })) });
  }
  return out.sort((a, b) => Number(b.stratum) - Number(a.stratum));
}

/** The variables a margin name crosses (`district:gender`), or null when one is not offered. */
export function marginParts(name: string, variables: TMarginVariable[]): TMarginVariable[] | null {
  const names = name.split(':');
  if (new Set(names).size !== names.length) return null;
  const parts = names.map((n) => variables.find((v) => v.name === n));
  return parts.every((p) => p !== undefined) ? (parts as TMarginVariable[]) : null;
}

/** Every level of a (crossed) margin, in questionnaire order: `hai-chau:male`, labelled `Hải Châu × Nam`. */
export function marginLevels(parts: TMarginVariable[]): { value: string; label: string }[] {
  let levels = [{ value: '', label: '' }];
  for (const [i, p] of parts.entries())
    levels = levels.flatMap((l) => p.levels.map((x) => (i === 0 ? x : { value: `${l.value}:${x.value}`, label: `${l.label} × ${x.label}` })));
  return levels;
}

/** Checks margins against the offered variables; every problem names its variable (and level). */
export function checkMargins(input: Record<string, Record<string, unknown>>, variables: TMarginVariable[], locale: TLocale) {
  const errors: FieldProblem[] = [];
  const margins: TMargins = {};
  const names = Object.keys(input);
  if (names.length > MAX_MARGINS)
    errors.push({ path: 'margins', message: say(locale, `Tối đa ${MAX_MARGINS} biên.`, `At most ${MAX_MARGINS} margins.`) });
  const totals: [string, number][] = [];
  for (const name of names) {
    const parts = marginParts(name, variables);
    if (!parts) {
      errors.push({
        path: `margins.${name}`,
        message: say(locale,
          `"${name}" không dùng được để gia quyền: chỉ dùng biến phân tầng hoặc câu hỏi một lựa chọn mà mọi người đều trả lời.`,
          `"${name}" cannot be used for weighting: use a stratum or a single-choice question every respondent answers.`),
      });
      continue;
    }
    const known = new Set(marginLevels(parts).map((l) => l.value));
    const levels = Object.entries(input[name]);
    let ok = true;
    let total = 0;
    for (const [level, value] of levels.slice(0, MAX_LEVELS)) {
      const path = `margins.${name}.${level}`;
      if (!known.has(level)) {
        ok = false;
        errors.push({ path, message: say(locale, `"${level}" không phải giá trị của "${name}".`, `"${level}" is not a value of "${name}".`) });
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        ok = false;
        errors.push({
          path,
          message: say(locale, `Số dân của "${level}" (${name}) phải là một số dương.`, `The population count of "${level}" (${name}) must be a positive number.`),
        });
      } else total += value;
    }
    if (levels.length > MAX_LEVELS) {
      ok = false;
      errors.push({ path: `margins.${name}`, message: say(locale, `Tối đa ${MAX_LEVELS} giá trị mỗi biên.`, `At most ${MAX_LEVELS} levels per margin.`) });
    }
    if (levels.length < 2) {
      ok = false;
      errors.push({
        path: `margins.${name}`,
        message: say(locale, `Biên "${name}" cần số dân của ít nhất hai giá trị.`, `The margin "${name}" needs population counts for at least two levels.`),
      });
    }
    if (ok) {
      margins[name] = input[name] as Record<string, number>;
      totals.push([name, total]);
    }
  }
  if (totals.length >= 2) {
    const sorted = [...totals].sort((a, b) => a[1] - b[1]);
    const [low, high] = [sorted[0], sorted[sorted.length - 1]];
    if (high[1] > low[1] * (1 + TOTAL_TOLERANCE))
      for (const [mine, other] of [[low, high], [high, low]])
        errors.push({
          path: `margins.${mine[0]}`,
          message: say(locale,
            `Tổng dân số của "${mine[0]}" (${count(mine[1])}) lệch quá 1% so với "${other[0]}" (${count(other[1])}): các biên phải mô tả cùng một tổng thể.`,
            `The population total of "${mine[0]}" (${count(mine[1])}) differs by more than 1% from "${other[0]}" (${count(other[1])}): margins must describe the same population.`),
        });
  }
  return { margins, errors };
}
