// Colours of the results charts: one colour for shares, a diverging scale for ordered answer scales
// (low red → neutral → high blue) with "hard to say" in grey, distinct hues for unordered categories.

export const SINGLE_COLOR = '#b3261e';
export const UNSURE_COLOR = '#a3a3a3';
const LOW = [178, 24, 43];
const MID = [232, 226, 212];
const HIGH = [33, 102, 172];
const CATEGORICAL = ['#1f5f9e', '#d9822b', '#3a8f5c', '#b3261e', '#7b5ea7', '#8c6d3f', '#c2559a', '#4f8f9e', '#707070', '#a9a13c'];

const UNSURE_TEXT = /khó (trả lời|nói|đánh giá)|không (biết|rõ|nhớ|có ý kiến)|hard to say|(do not|don't) (know|remember)|not sure|no opinion|undecided about/i;

const hex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
const mix = (a: number[], b: number[], t: number) => a.map((c, i) => c + (b[i] - c) * t);

/** n colours from low to high through a light neutral middle (n = 1: the neutral). */
export function diverging(n: number): string[] {
  if (n <= 1) return n === 1 ? [hex(MID)] : [];
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return hex(t < 0.5 ? mix(LOW, MID, t * 2) : mix(MID, HIGH, (t - 0.5) * 2));
  });
}

const numeric = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : NaN);

/**
 * Which points are "hard to say / don't know": named so, or a numeric code set apart from the scale
 * (9 after 1–5, 99 after 1–10), the usual way questionnaires code them.
 */
export function unsurePoints(points: { value: unknown; label: string }[]): boolean[] {
  const named = points.map((p) => UNSURE_TEXT.test(p.label));
  const values = points.map((p) => numeric(p.value));
  return points.map((_, i) => {
    if (named[i]) return true;
    const v = values[i];
    if (!Number.isFinite(v)) return false;
    const rest = values.filter((x, j) => j !== i && !named[j] && Number.isFinite(x));
    return rest.length >= 2 && v > Math.max(...rest) + 2;
  });
}

/** A colour per point: diverging when the substantive points are all numeric codes, else categorical. */
export function scaleColors(points: { value: unknown; label: string }[]): string[] {
  const unsure = unsurePoints(points);
  const substantive = points.filter((_, i) => !unsure[i]);
  const ordered = substantive.length >= 2 && substantive.every((p) => Number.isFinite(numeric(p.value)));
  if (ordered) {
    const byValue = [...substantive].sort((a, b) => numeric(a.value) - numeric(b.value));
    const scale = diverging(byValue.length);
    return points.map((p, i) => (unsure[i] ? UNSURE_COLOR : scale[byValue.indexOf(p)]));
  }
  let k = 0;
  return points.map((_, i) => (unsure[i] ? UNSURE_COLOR : CATEGORICAL[k++ % CATEGORICAL.length]));
}

/** Dark or white text, whichever reads better on the colour (relative luminance). */
export function textColorOn(color: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return '#111';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#111' : '#fff';
}
