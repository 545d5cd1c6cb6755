// How the export layout's variables become SPSS system-file variables: storage type and width, print
// format, short (8-byte) names, very long string segments, and the text limits the format sets.
import type { ExportLayout, Variable } from './layout.ts';

/** Widths of free text: answers typed in a comment box are long, "other" texts and single lines short. */
export const LONG_TEXT_WIDTH = 1000;
export const SHORT_TEXT_WIDTH = 255;
/** SPSS documents 120 bytes as the longest value label (PSPP reads up to 255; SPSS may not). */
export const VALUE_LABEL_BYTES = 120;
const ID_WIDTH = 64;
/** Seconds from the SPSS epoch (14 Oct 1582) to the Unix epoch. */
export const SPSS_EPOCH_OFFSET = 12_219_379_200;

const FMT = { A: 1, F: 5, DATETIME: 22 } as const;
export const format = (type: number, width: number, decimals = 0) => (type << 16) | (Math.min(width, 255) << 8) | decimals;

export interface SavColumn {
  variable: Variable;
  /** Position in the layout's row. */
  index: number;
  kind: 'number' | 'string' | 'date';
  /** Bytes of a string (0 for numbers). */
  width: number;
  /** Widths of the string's segments: one for ≤ 255 bytes, 255-byte segments for longer ones. */
  segments: number[];
  /** 1-based position of the first 8-byte slot in a case (SPSS's "dictionary index"). */
  slot: number;
  /** Slots this variable takes in a case. */
  slots: number;
  short: string;
  segmentNames: string[];
  format: number;
}

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const roundUp8 = (n: number) => Math.ceil(n / 8) * 8;

/** Cuts UTF-8 text to at most `max` bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** A very long string (> 255 bytes) is stored as segments of 255 bytes for every 252 bytes of width. */
export function segmentWidths(width: number): number[] {
  if (width <= 255) return [width];
  const n = Math.ceil(width / 252);
  return [...Array(n - 1).fill(255), width - (n - 1) * 252];
}

function stringWidth(v: Variable): number {
  if (v.values.length) return Math.max(1, ...v.values.map((x) => byteLength(String(x.code))));
  if (v.role === 'meta') return v.name === 'response_id' ? ID_WIDTH : SHORT_TEXT_WIDTH;
  const long = v.questionType === 'comment' || v.role === 'comment';
  return long ? LONG_TEXT_WIDTH : SHORT_TEXT_WIDTH;
}

/** Short names: the long name in capitals when it fits and is free, else cut with a number. */
class ShortNames {
  private taken = new Set<string>();
  name(base: string): string {
    let candidate = base.toUpperCase().slice(0, 8);
    for (let n = 1; this.taken.has(candidate); n++) candidate = base.toUpperCase().slice(0, 8 - String(n).length) + n;
    this.taken.add(candidate);
    return candidate;
  }
}

export function savColumns(layout: ExportLayout): SavColumn[] {
  const names = new ShortNames();
  let slot = 1;
  return layout.variables.map((variable, index) => {
    const date = variable.role === 'meta' && variable.name === 'completed_at';
    const kind = date ? 'date' : variable.type === 'numeric' ? 'number' : 'string';
    const width = kind === 'string' ? stringWidth(variable) : 0;
    const segments = kind === 'string' ? segmentWidths(width) : [0];
    const slots = kind === 'string' ? segments.reduce((s, w, i) => s + (i < segments.length - 1 ? 32 : roundUp8(w) / 8), 0) : 1;
    const short = names.name(variable.name);
    const stem = short.slice(0, 5);
    const segmentNames = segments.slice(1).map((_, i) => names.name(`${stem}${i + 1}`));
    // Codes and counts print as whole numbers; weights and numeric answers with two decimals.
    const decimals = variable.measure === 'scale' && variable.name !== 'duration_sec' ? 2 : 0;
    const fmt = kind === 'date' ? format(FMT.DATETIME, 20) : kind === 'string' ? format(FMT.A, width) : format(FMT.F, 8, decimals);
    const column: SavColumn = { variable, index, kind, width, segments, slot, slots, short, segmentNames, format: fmt };
    slot += slots;
    return column;
  });
}
