// Topline tables for the xlsx export, tallied while the data rows stream past (no second pass): per
// question, each answer's count and share, and the weighted share when rows carry weights. Memory is
// one counter per answer code. Multiple choice: one line per choice, counted over those who answered.
import type { Locale } from '../../analysis/index.ts';
import type { Cell, Code, ExportLayout } from './layout.ts';

interface Tally {
  n: number;
  w: number;
}
interface Line {
  code: Code;
  label: string;
  tally: Tally;
  /** Multiple choice: the 0/1 column of this choice. */
  column?: number;
}
interface Block {
  name: string;
  title: string;
  /** The column read for a single answer; the first choice column for multiple choice. */
  column: number;
  choices: boolean;
  lines: Line[];
  byCode: Map<Code, Line>;
  missing: Set<Code>;
  base: Tally;
}

const WORDS = {
  vi: { head: ['Mã', 'Trả lời', 'Số phiếu', '%', '% có trọng số'], base: 'Số người trả lời', missing: 'mã khuyết', unlisted: '(ngoài danh sách)' },
  en: { head: ['Code', 'Answer', 'Count', '%', 'Weighted %'], base: 'Respondents answering', missing: 'missing code', unlisted: '(not in the list)' },
};
export const TOPLINE_SHEET = { vi: 'Kết quả chung', en: 'Topline' };

/** Choice columns are labelled "question: choice"; the question is the longest "…: " prefix they share. */
function sharedTitle(labels: string[]): string {
  const first = labels[0];
  for (let k = first.lastIndexOf(': '); k > 0; k = first.lastIndexOf(': ', k - 1)) {
    const prefix = first.slice(0, k + 2);
    if (labels.every((l) => l.startsWith(prefix))) return first.slice(0, k);
  }
  return first;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((10000 * part) / whole) / 100 : null);

export class ToplineTally {
  private blocks: Block[] = [];
  private readonly weightColumn: number;

  constructor(layout: ExportLayout, private readonly locale: Locale) {
    this.weightColumn = layout.variables.findIndex((v) => v.role === 'meta' && v.name === 'weight');
    const choiceLabels = new Map<string, string[]>();
    for (const v of layout.variables) if (v.role === 'choice') choiceLabels.set(v.question, [...(choiceLabels.get(v.question) ?? []), v.label]);
    const seen = new Map<string, Block>();
    layout.variables.forEach((v, i) => {
      const tally = (): Tally => ({ n: 0, w: 0 });
      if ((v.role === 'answer' || v.role === 'row') && v.values.length) {
        const lines = v.values.map((x) => ({ code: x.code, label: x.label, tally: tally() }));
        this.blocks.push({ name: v.name, title: v.label, column: i, choices: false, lines, byCode: new Map(lines.map((l) => [l.code, l])), missing: new Set(v.missing), base: tally() });
      } else if (v.role === 'choice') {
        let block = seen.get(v.question);
        if (!block) {
          block = { name: v.question, title: sharedTitle(choiceLabels.get(v.question)!), column: i, choices: true, lines: [], byCode: new Map(), missing: new Set(), base: tally() };
          seen.set(v.question, block);
          this.blocks.push(block);
        }
        // The code of a choice line is its 0/1 column, which is what an analyst looks up in the data.
        const label = v.label.startsWith(`${block.title}: `) ? v.label.slice(block.title.length + 2) : v.label;
        block.lines.push({ code: v.name, label, tally: tally(), column: i });
      }
    });
  }

  /** Counts one data row (codes, before any labels=text replacement). */
  add(row: Cell[]): void {
    const wv = this.weightColumn >= 0 ? row[this.weightColumn] : null;
    const w = typeof wv === 'number' ? wv : 0;
    for (const b of this.blocks) {
      const v = row[b.column];
      if (v === null) continue;
      b.base.n++;
      b.base.w += w;
      if (b.choices) {
        for (const l of b.lines)
          if (row[l.column!] === 1) {
            l.tally.n++;
            l.tally.w += w;
          }
        continue;
      }
      let line = b.byCode.get(v);
      if (!line) {
        line = { code: v, label: WORDS[this.locale].unlisted, tally: { n: 0, w: 0 } };
        b.byCode.set(v, line);
        b.lines.push(line);
      }
      line.tally.n++;
      line.tally.w += w;
    }
  }

  /** The sheet's rows: per question a title, a header, one line per answer and the base. */
  rows(): (string | number | null)[][] {
    const words = WORDS[this.locale];
    const weighted = this.weightColumn >= 0;
    const head = weighted ? words.head : words.head.slice(0, 4);
    const out: (string | number | null)[][] = [];
    for (const b of this.blocks) {
      out.push([b.name, b.title], head);
      for (const l of b.lines) {
        const label = b.missing.has(l.code) ? `${l.label} (${words.missing})` : l.label;
        const line = [l.code, label, l.tally.n, pct(l.tally.n, b.base.n)];
        out.push(weighted ? [...line, pct(l.tally.w, b.base.w)] : line);
      }
      const base = [null, words.base, b.base.n, b.base.n ? 100 : null];
      out.push(weighted ? [...base, b.base.w ? 100 : null] : base, []);
    }
    return out;
  }
}
