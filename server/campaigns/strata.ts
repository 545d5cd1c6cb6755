// Strata: which cell of the campaign's design (e.g. district × respondent group) a response falls in.

export interface Stratum {
  attributes: Record<string, string>;
  /** Canonical cell key, variables in the campaign's order: "district=hai-chau|group=residents". */
  key: string;
}

export function stratumOf(answers: Record<string, unknown>, variables: string[]): Stratum {
  const attributes: Record<string, string> = {};
  for (const v of variables) {
    const value = answers[v];
    if (value !== undefined && value !== null) attributes[v] = String(value);
  }
  return { attributes, key: cellKey(attributes, variables) };
}

export function cellKey(key: Record<string, unknown>, variables: string[]): string {
  return variables.map((v) => `${v}=${key[v] ?? ''}`).join('|');
}
