// The export layout of a published questionnaire: its variables (columns) in questionnaire order, each
// with what a codebook needs (label, type, measurement level, value labels), and the row builder that
// turns one stored response into one row. Pure: no database, no HTTP; the writers stream its rows.
import { readQuestionnaire, type Locale, type QuestionInfo } from '../../analysis/index.ts';
import { NameRegistry } from './names.ts';

export type Code = string | number;
export type Cell = Code | null;
export type Measure = 'nominal' | 'ordinal' | 'scale';
/** What a column holds: a response field, a question's answer, one choice (0/1), one matrix row, one ranked item's rank, one text item, "other" text, a comment. */
export type Role = 'meta' | 'answer' | 'choice' | 'row' | 'rank' | 'item' | 'other_text' | 'comment';

export interface Variable {
  name: string;
  /** The question text, with the row or choice for derived columns: "Kênh thông tin: Truyền hình". */
  label: string;
  /** Source question name; '' for the response's own fields. */
  question: string;
  /** SurveyJS type of the source question ('' for response fields). */
  questionType: string;
  role: Role;
  type: 'numeric' | 'string';
  measure: Measure;
  /** Value labels in questionnaire order (codes as they appear in the data). */
  values: { code: Code; label: string }[];
  /** Typed by respondents: the CSV guards these against spreadsheet formulas. */
  freeText: boolean;
  /** Codes that are answers but not opinions ("Khó trả lời", "Không rõ"): user-missing in SPSS. See `missingCodes`. */
  missing: Code[];
}

/** One stored response as the layout reads it (the repository maps database documents onto this). */
export interface ExportRecord {
  id: string;
  answers: Record<string, unknown>;
  version?: number;
  channel?: string;
  locale?: string;
  completedAt?: Date | string;
  durationSec?: number;
  flags?: string[];
  weight?: number;
  /** The reason an analyst excluded the response (only exported when asked for). */
  excluded?: string;
}

export interface LayoutOptions {
  locale?: Locale;
  /** Add a `weight` column (the campaign has population margins: the results pages' raking weights). */
  weight?: boolean;
  /** Add an `excluded` column with the exclusion reason (exports that include excluded responses). */
  excluded?: boolean;
}

type Answers = Record<string, unknown>;
type Filler = (answers: Answers, row: Cell[]) => void;

const WORDS = {
  vi: { selected: 'Có chọn', notSelected: 'Không chọn', other: 'nội dung khác', comment: 'ý kiến thêm', rank: 'thứ hạng' },
  en: { selected: 'Selected', notSelected: 'Not selected', other: 'other (text)', comment: 'comment', rank: 'rank' },
};

/** An answer value as a cell: numbers and strings as they are, true/false as 1/0, anything else as JSON. */
function cell(v: unknown): Cell {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

/**
 * The rule for user-missing codes: in a single-choice or matrix question with numeric codes (not a
 * rating scale), 9 or 99 is "hard to say / do not know" when it stands apart from the scale, i.e. every
 * other code is at least 2 below it (1–5 then 9; 1–3 then 9). A 1–9 scale keeps its 9.
 */
export function missingCodes(values: { code: Code }[]): Code[] {
  const codes = values.map((v) => v.code);
  if (codes.length < 2 || !codes.every((c) => typeof c === 'number')) return [];
  return (codes as number[]).filter((c) => (c === 9 || c === 99) && (codes as number[]).every((o) => o === c || o <= c - 2));
}

const keyOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

function findNodes(json: Record<string, any>): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  const walk = (els: any[]) => {
    for (const e of els ?? []) {
      if (typeof e?.name === 'string' && e.type !== 'panel') out.set(e.name, e);
      if (Array.isArray(e?.elements)) walk(e.elements);
    }
  };
  const pages = json.pages ?? [{ elements: json.elements ?? json.questions ?? [] }];
  for (const p of pages) walk(p.elements);
  return out;
}

export class ExportLayout {
  readonly variables: Variable[] = [];
  private fillers: Filler[] = [];
  private names = new NameRegistry();
  private labelMaps: (Map<unknown, string> | null)[] = [];
  private readonly words;

  constructor(json: Record<string, any>, readonly opts: LayoutOptions = {}) {
    const locale = opts.locale ?? 'vi';
    this.words = WORDS[locale];
    this.meta(opts.weight === true, opts.excluded === true);
    const nodes = findNodes(json);
    for (const q of readQuestionnaire(json, locale)) this.question(q, nodes.get(q.name) ?? {});
    this.labelMaps = this.variables.map((v) => (v.values.length ? new Map(v.values.map((x) => [x.code, x.label])) : null));
  }

  /**
   * One response → one row of cells, in the order of `variables`. A writer that is done with a row
   * before asking for the next passes it back as `into` (no array per response to collect).
   */
  row(r: ExportRecord, into?: Cell[]): Cell[] {
    const n = this.variables.length;
    const row: Cell[] = into?.length === n ? into.fill(null) : new Array(n).fill(null);
    row[0] = r.id;
    row[1] = r.version ?? null;
    row[2] = r.channel ?? null;
    row[3] = r.locale ?? null;
    row[4] = r.completedAt ? new Date(r.completedAt).toISOString() : null;
    row[5] = typeof r.durationSec === 'number' ? r.durationSec : null;
    row[6] = r.flags?.length ? r.flags.join(';') : null;
    if (this.opts.weight) row[7] = typeof r.weight === 'number' ? r.weight : null;
    if (this.opts.excluded) row[this.opts.weight ? 8 : 7] = r.excluded ?? null;
    const answers = r.answers ?? {};
    for (const f of this.fillers) f(answers, row);
    return row;
  }

  /** Replaces, in place, every code that has a value label with its label (`labels=text`). */
  toText(row: Cell[]): Cell[] {
    for (let i = 0; i < row.length; i++) {
      const m = this.labelMaps[i];
      if (m && row[i] !== null) row[i] = m.get(row[i]) ?? row[i];
    }
    return row;
  }

  private add(v: Omit<Variable, 'name' | 'freeText' | 'missing'> & { freeText?: boolean }, parts: string[]): number {
    const kept = (v.role === 'answer' || v.role === 'row') && v.questionType !== 'rating' ? missingCodes(v.values) : [];
    this.variables.push({ ...v, name: this.names.name(parts), freeText: v.freeText ?? false, missing: kept });
    return this.variables.length - 1;
  }

  private meta(weight: boolean, excluded: boolean): void {
    const m = (name: string, label: string, type: Variable['type'], measure: Measure, values: Variable['values'] = []) =>
      this.add({ label, question: '', questionType: '', role: 'meta', type, measure, values }, [name]);
    const vi = this.words === WORDS.vi;
    m('response_id', vi ? 'Mã phiếu trả lời' : 'Response id', 'string', 'nominal');
    m('version', vi ? 'Phiên bản bảng hỏi' : 'Questionnaire version', 'numeric', 'nominal');
    m('channel', vi ? 'Thiết bị' : 'Device', 'string', 'nominal', [
      { code: 'phone', label: vi ? 'Điện thoại' : 'Phone' },
      { code: 'desktop', label: vi ? 'Máy tính' : 'Desktop' },
    ]);
    m('locale', vi ? 'Ngôn ngữ trả lời' : 'Language answered in', 'string', 'nominal', [
      { code: 'vi', label: 'Tiếng Việt' },
      { code: 'en', label: 'English' },
    ]);
    m('completed_at', vi ? 'Thời điểm hoàn thành (UTC)' : 'Completed at (UTC)', 'string', 'nominal');
    m('duration_sec', vi ? 'Thời gian trả lời (giây)' : 'Time taken (seconds)', 'numeric', 'scale');
    m('flags', vi ? 'Cờ chất lượng' : 'Quality flags', 'string', 'nominal');
    if (weight) m('weight', vi ? 'Trọng số' : 'Weight', 'numeric', 'scale');
    if (excluded) m('excluded', vi ? 'Lý do loại phiếu (trống: phiếu được tính)' : 'Reason excluded (empty: counted)', 'string', 'nominal');
  }

  private question(q: QuestionInfo, node: Record<string, any>): void {
    const base = { question: q.name, questionType: q.type };
    const codes = (opts: QuestionInfo['choices']) => opts.map((o) => ({ code: cell(o.value) as Code, label: o.label }));
    const typeOf = (values: Variable['values']): Variable['type'] =>
      values.length && values.every((x) => typeof x.code === 'number') ? 'numeric' : 'string';
    const name = q.name;
    const title = q.title.replace(/[:：]\s*$/, '');

    if (q.kind === 'single' || q.kind === 'rating') {
      const values = codes(q.choices);
      const i = this.add({ ...base, label: q.title, role: 'answer', type: typeOf(values), measure: q.kind === 'rating' ? 'ordinal' : 'nominal', values }, [name]);
      this.fillers.push((a, row) => void (row[i] = cell(a[name])));
    } else if (q.kind === 'multiple') {
      const zeroOne = [{ code: 0, label: this.words.notSelected }, { code: 1, label: this.words.selected }];
      const slots = new Map<unknown, number>();
      for (const c of q.choices)
        slots.set(c.key, this.add({ ...base, label: `${title}: ${c.label}`, role: 'choice', type: 'numeric', measure: 'nominal', values: zeroOne }, [name, String(c.value)]));
      const all = [...slots.values()];
      const other = slots.get('other');
      this.fillers.push((a, row) => {
        const v = a[name];
        if (!Array.isArray(v)) return;
        for (const i of all) row[i] = 0;
        for (const x of v) {
          const i = slots.get(keyOf(x)) ?? other;
          if (i !== undefined) row[i] = 1;
        }
      });
    } else if (q.kind === 'matrix') {
      const values = codes(q.columns);
      const slots = q.rows.map((r) => ({
        key: String(r.value),
        i: this.add({ ...base, label: `${title}: ${r.label}`, role: 'row', type: typeOf(values), measure: 'ordinal', values }, [name, String(r.value)]),
      }));
      this.fillers.push((a, row) => {
        const m = a[name];
        if (m && typeof m === 'object') for (const s of slots) row[s.i] = cell((m as Answers)[s.key]);
      });
    } else if (q.kind === 'ranking') {
      const slots = new Map<unknown, number>();
      for (const c of q.choices)
        slots.set(c.key, this.add({ ...base, label: `${title}: ${c.label} (${this.words.rank})`, role: 'rank', type: 'numeric', measure: 'ordinal', values: [] }, [name, String(c.value)]));
      this.fillers.push((a, row) => {
        const v = a[name];
        if (!Array.isArray(v)) return;
        v.forEach((x, pos) => {
          const i = slots.get(keyOf(x));
          if (i !== undefined) row[i] = pos + 1;
        });
      });
    } else if (q.kind === 'multipletext') {
      for (const it of q.rows) {
        const key = String(it.value);
        const i = this.add({ ...base, label: `${title}: ${it.label}`, role: 'item', type: 'string', measure: 'nominal', values: [], freeText: true }, [name, key]);
        this.fillers.push((a, row) => {
          const m = a[name];
          if (m && typeof m === 'object') row[i] = cell((m as Answers)[key]);
        });
      }
    } else {
      const numeric = q.kind === 'number';
      const i = this.add({ ...base, label: q.title, role: 'answer', type: numeric ? 'numeric' : 'string', measure: numeric ? 'scale' : 'nominal', values: [], freeText: !numeric }, [name]);
      this.fillers.push((a, row) => void (row[i] = cell(a[name])));
    }

    // SurveyJS keeps the "other" text and the comment area in `<name>-Comment`.
    const hasOther = Boolean(node.showOtherItem || node.hasOther);
    const hasComment = Boolean(node.showCommentArea || node.hasComment);
    if (hasOther || hasComment) {
      const role: Role = hasOther ? 'other_text' : 'comment';
      const i = this.add(
        { ...base, label: `${title}: ${hasOther ? this.words.other : this.words.comment}`, role, type: 'string', measure: 'nominal', values: [], freeText: true },
        hasOther ? [name, 'other_text'] : [name, 'comment'],
      );
      const key = `${name}-Comment`;
      this.fillers.push((a, row) => void (row[i] = cell(a[key])));
    }
  }
}
