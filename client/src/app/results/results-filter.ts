// The results page's filter as the API's `filter=` text (`district:hai-chau;gender:female,male`): the
// stratum selects first, then the answer filters, in the order they were added. Pure, for the tests.

export interface AnswerFilter {
  name: string;
  values: string[];
}

/** Strata: variable → chosen value ('' = all). Variables or values left empty are left out. */
export function filterParam(strata: Record<string, string>, answers: AnswerFilter[]): string {
  const clauses: string[] = [];
  for (const [name, value] of Object.entries(strata)) if (value) clauses.push(`${name}:${value}`);
  for (const a of answers) {
    // A variable the strata already filter on would be named twice, which the API refuses.
    if (!a.values.length || strata[a.name]) continue;
    clauses.push(`${a.name}:${a.values.join(',')}`);
  }
  return clauses.join(';');
}

/** Adds (or replaces) the filter on one question; an empty choice of values removes it. */
export function withAnswerFilter(list: AnswerFilter[], next: AnswerFilter): AnswerFilter[] {
  const rest = list.filter((a) => a.name !== next.name);
  return next.values.length ? [...rest, next] : rest;
}
