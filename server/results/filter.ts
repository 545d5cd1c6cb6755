// The results filter: `district:hai-chau,son-tra;party_member:yes` keeps responses whose district is one of
// the listed values AND whose party_member is yes. Variables: the campaign's strata and any single or
// multiple choice, rating or boolean question (a multiple choice matches when any listed value is ticked).
import type { QuestionInfo } from '../../analysis/index.ts';
import type { TResultsFilter } from '../contract/staff.ts';
import { BadRequestError } from '../errors.ts';
import type { CachedResponse } from './cache.ts';

const FILTERABLE = new Set(['single', 'multiple', 'rating']);
const MAX_LENGTH = 2000;

export type Predicate = (r: CachedResponse) => boolean;

const bad = (detail: string) => new BadRequestError('results.bad_filter', detail, { syntax: 'bien:gia-tri1,gia-tri2;bien2:gia-tri' });

/** Parses and checks the filter against the questionnaire; an empty or missing filter keeps everything. */
export function parseFilter(text: string | undefined, questions: QuestionInfo[], strata: string[]): TResultsFilter {
  const out: TResultsFilter = {};
  if (text === undefined || text.trim() === '') return out;
  if (text.length > MAX_LENGTH) throw bad(`Bộ lọc dài quá ${MAX_LENGTH} ký tự.`);
  const byName = new Map(questions.map((q) => [q.name, q]));
  for (const clause of text.split(';')) {
    if (clause.trim() === '') continue;
    const colon = clause.indexOf(':');
    if (colon <= 0) throw bad(`Điều kiện lọc "${clause}" phải có dạng biến:giá-trị.`);
    const name = clause.slice(0, colon).trim();
    const values = clause.slice(colon + 1).split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (!values.length) throw bad(`Điều kiện lọc "${clause}" chưa có giá trị nào.`);
    if (name in out) throw bad(`Biến "${name}" xuất hiện hai lần trong bộ lọc.`);
    const q = byName.get(name);
    if (!q || !(strata.includes(name) || FILTERABLE.has(q.kind)))
      throw bad(`Không lọc được theo "${name}": chỉ lọc theo biến phân tầng hoặc câu hỏi lựa chọn.`);
    const known = new Set(q.choices.map((c) => String(c.value)));
    const unknown = values.filter((v) => !known.has(v));
    if (unknown.length) throw bad(`"${unknown.join('", "')}" không phải giá trị của "${name}".`);
    out[name] = values;
  }
  return out;
}

/** The filter as one predicate over cached responses (strata read from the stored stratum attributes). */
export function filterPredicate(filter: TResultsFilter, strata: string[]): Predicate | null {
  const tests = Object.entries(filter).map(([name, values]): Predicate => {
    const allowed = new Set(values);
    if (strata.includes(name)) return (r) => allowed.has(r.stratum[name] ?? String(r.answers[name] ?? ''));
    return (r) => {
      const v = r.answers[name];
      if (Array.isArray(v)) return v.some((x) => allowed.has(String(x)));
      return v !== undefined && v !== null && allowed.has(String(v));
    };
  });
  if (!tests.length) return null;
  return (r) => tests.every((t) => t(r));
}

/** A stable text of the filter for cache keys: variables and values sorted. */
export function filterKey(filter: TResultsFilter): string {
  return Object.keys(filter).sort().map((k) => `${k}:${[...filter[k]].sort().join(',')}`).join(';');
}
