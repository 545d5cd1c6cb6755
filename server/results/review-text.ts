// One answer in words for the reviewer: choice labels instead of codes, matrix rows with their column.
import type { QuestionInfo } from '../../analysis/index.ts';

const label = (options: QuestionInfo['choices'], v: unknown) => options.find((o) => String(o.value) === String(v))?.label ?? String(v);

function words(q: QuestionInfo, v: unknown, lang: 'vi' | 'en'): string {
  if (Array.isArray(v)) return v.map((x) => label(q.choices, x)).join(q.kind === 'ranking' ? ' > ' : ', ');
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const rows = q.rows.length ? q.rows.map((r) => String(r.value)).filter((k) => k in o) : Object.keys(o);
    for (const k of Object.keys(o)) if (!rows.includes(k)) rows.push(k);
    const cell = (x: unknown) => (q.kind === 'matrix' ? label(q.columns, x) : typeof x === 'object' ? JSON.stringify(x) : String(x));
    return rows.map((k) => `${label(q.rows, k)}: ${cell(o[k])}`).join('; ');
  }
  if (typeof v === 'boolean' && !q.choices.length) return lang === 'vi' ? (v ? 'Có' : 'Không') : v ? 'Yes' : 'No';
  return q.choices.length ? label(q.choices, v) : String(v);
}

/** null when the question has no answer. */
export function answerText(q: QuestionInfo, value: unknown, comment: unknown, lang: 'vi' | 'en'): string | null {
  if (value === undefined || value === null || value === '') return null;
  const text = words(q, value, lang);
  return typeof comment === 'string' && comment ? `${text} (“${comment}”)` : text;
}
