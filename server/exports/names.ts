// Variable names every analysis tool accepts: SPSS (≤64 bytes, no reserved words), Stata (≤32 chars,
// case-sensitive, no reserved words) and R (no reserved words, no leading digit or underscore).
// The strictest rules win: ASCII letters, digits and `_`, a letter first, at most 32 characters,
// unique without regard to case (SPSS ignores case), and never a reserved word of any of the three.

export const MAX_NAME = 32;

const RESERVED = new Set([
  // SPSS
  'all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with',
  // Stata
  'byte', 'double', 'float', 'if', 'in', 'int', 'long', 'strl', 'using',
  // R
  'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'true', 'false', 'null', 'inf', 'nan', 'na',
  'na_integer_', 'na_real_', 'na_character_', 'na_complex_',
]);

/** Vietnamese (or any) text → ASCII identifier material: diacritics dropped, đ → d, the rest → `_`. */
export function asciiPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const reserved = (name: string) => RESERVED.has(name.toLowerCase()) || /^str\d+$/i.test(name);

/** Hands out names: each call gives a valid name not given before (compared without case). */
export class NameRegistry {
  private taken = new Set<string>();

  /** `parts` are joined with `_`; a part that sanitises to nothing becomes `fallback`. */
  name(parts: string[], fallback = 'v'): string {
    let base = parts.map((p, i) => asciiPart(p) || (i === 0 ? fallback : String(i))).join('_');
    if (!/^[A-Za-z]/.test(base)) base = `v_${base}`;
    let candidate = base.slice(0, MAX_NAME).replace(/_+$/, '') || 'v';
    if (reserved(candidate)) candidate = `${candidate.slice(0, MAX_NAME - 1)}_`;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) {
      const suffix = `_${n}`;
      candidate = base.slice(0, MAX_NAME - suffix.length) + suffix;
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/** True when `name` is valid for SPSS, Stata and R by the rules above (used by tests and the codebook). */
export function isPortableName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name) && !reserved(name);
}
