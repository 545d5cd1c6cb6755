// The condition builder's language: rows of (question, operator, value) joined by one "and" or one
// "or", written as a SurveyJS expression (`{q1} = 'yes' and {q2} contains 'a'`) and read back. Reading
// accepts what the writer produces plus common spellings (==, !=, &&, ||, "…"); anything else (brackets,
// mixed and/or, functions) is not readable and the caller keeps it as raw text, never dropping it.
export const OPERATORS = ['=', '<>', '>', '<', '>=', '<=', 'contains', 'notcontains', 'empty', 'notempty'] as const;
export type Operator = (typeof OPERATORS)[number];
export type Literal = string | number | boolean;

export interface Condition {
  question: string;
  op: Operator;
  /** Absent for empty/notempty. */
  value?: Literal;
}

export interface ConditionSet {
  join: 'and' | 'or';
  rows: Condition[];
}

export function takesValue(op: Operator): boolean {
  return op !== 'empty' && op !== 'notempty';
}

export function writeLiteral(value: Literal): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replace(/'/g, '')}'`;
}

function writeCondition(row: Condition): string {
  const left = `{${row.question}}`;
  if (!takesValue(row.op)) return `${left} ${row.op}`;
  return `${left} ${row.op} ${writeLiteral(row.value ?? '')}`;
}

/** The expression for `set`; rows without a question are left out. */
export function writeExpression(set: ConditionSet): string {
  return set.rows
    .filter((row) => row.question)
    .map(writeCondition)
    .join(` ${set.join} `);
}

type Token =
  | { kind: 'var'; name: string }
  | { kind: 'op'; op: Operator }
  | { kind: 'join'; join: 'and' | 'or' }
  | { kind: 'lit'; value: Literal };

const SYMBOLS: [string, Token][] = [
  ['==', { kind: 'op', op: '=' }],
  ['!=', { kind: 'op', op: '<>' }],
  ['<>', { kind: 'op', op: '<>' }],
  ['>=', { kind: 'op', op: '>=' }],
  ['<=', { kind: 'op', op: '<=' }],
  ['&&', { kind: 'join', join: 'and' }],
  ['||', { kind: 'join', join: 'or' }],
  ['=', { kind: 'op', op: '=' }],
  ['>', { kind: 'op', op: '>' }],
  ['<', { kind: 'op', op: '<' }],
];

const WORDS: Record<string, Token> = {
  and: { kind: 'join', join: 'and' },
  or: { kind: 'join', join: 'or' },
  contains: { kind: 'op', op: 'contains' },
  notcontains: { kind: 'op', op: 'notcontains' },
  empty: { kind: 'op', op: 'empty' },
  notempty: { kind: 'op', op: 'notempty' },
  true: { kind: 'lit', value: true },
  false: { kind: 'lit', value: false },
};

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const variable = /^\{([^{}]+)\}/.exec(rest);
    const quoted = /^'([^']*)'|^"([^"]*)"/.exec(rest);
    const number = /^-?\d+(\.\d+)?(?![\w.])/.exec(rest);
    const word = /^[A-Za-z]+/.exec(rest);
    const symbol = SYMBOLS.find(([s]) => rest.startsWith(s));
    if (variable) tokens.push({ kind: 'var', name: variable[1].trim() });
    else if (quoted) tokens.push({ kind: 'lit', value: quoted[1] ?? quoted[2] });
    else if (number) tokens.push({ kind: 'lit', value: Number(number[0]) });
    else if (word && WORDS[word[0].toLowerCase()]) tokens.push(WORDS[word[0].toLowerCase()]);
    else if (symbol) tokens.push(symbol[1]);
    else return null;
    i += (variable ?? quoted ?? number ?? word ?? [symbol?.[0] ?? ''])[0].length;
  }
  return tokens;
}

/** The rows of `text`, or null when the builder cannot show it faithfully. '' → no rows. */
export function parseExpression(text: string): ConditionSet | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  const set: ConditionSet = { join: 'and', rows: [] };
  let joined: 'and' | 'or' | undefined;
  let i = 0;
  while (i < tokens.length) {
    if (set.rows.length > 0) {
      const join = tokens[i++];
      if (join?.kind !== 'join' || (joined && join.join !== joined)) return null;
      joined = join.join;
    }
    const left = tokens[i++];
    const op = tokens[i++];
    if (left?.kind !== 'var' || op?.kind !== 'op') return null;
    if (!takesValue(op.op)) {
      set.rows.push({ question: left.name, op: op.op });
      continue;
    }
    const right = tokens[i++];
    if (right?.kind !== 'lit') return null;
    set.rows.push({ question: left.name, op: op.op, value: right.value });
  }
  if (joined) set.join = joined;
  return set;
}
