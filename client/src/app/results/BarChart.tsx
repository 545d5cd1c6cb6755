// Horizontal bars of shares (0–100 %) as inline SVG, with the 95% interval as a whisker when weighted.
// The figures are also in the table next to it; the chart is a picture with an accessible name.
export interface Bar {
  label: string;
  pct: number;
  lo?: number;
  hi?: number;
}

const W = 640;
const ROW = 24;
const LABEL_W = 220;
const VALUE_W = 56;
const PAD = 6;

const clip = (s: string, max = 34) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const clamp = (v: number) => Math.max(0, Math.min(100, v));
const pctText = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function BarChart({ bars, label, testId }: { bars: Bar[]; label: string; testId?: string }) {
  const plotW = W - LABEL_W - VALUE_W - PAD * 2;
  const H = bars.length * ROW + PAD * 2;
  const x = (v: number) => LABEL_W + PAD + (clamp(v) / 100) * plotW;
  return (
    <svg className="results__chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid={testId}>
      <title>{label}</title>
      <line x1={x(0)} x2={x(0)} y1={PAD} y2={H - PAD} className="results__axis" aria-hidden="true" />
      {bars.map((b, i) => {
        const y = PAD + i * ROW;
        const lo = b.lo ?? NaN;
        const hi = b.hi ?? NaN;
        const whisker = Number.isFinite(lo) && Number.isFinite(hi);
        return (
          <g key={i}>
            <text x={LABEL_W - 4} y={y + ROW / 2} dy="0.35em" textAnchor="end" className="results__tick">
              {clip(b.label)}
            </text>
            <rect x={x(0)} y={y + 4} width={Math.max(0, x(b.pct) - x(0))} height={ROW - 8} className="results__bar">
              <title>{`${b.label}: ${pctText.format(b.pct)}%`}</title>
            </rect>
            {whisker ? (
              <g className="results__whisker" aria-hidden="true">
                <line x1={x(lo)} x2={x(hi)} y1={y + ROW / 2} y2={y + ROW / 2} />
                <line x1={x(lo)} x2={x(lo)} y1={y + 7} y2={y + ROW - 7} />
                <line x1={x(hi)} x2={x(hi)} y1={y + 7} y2={y + ROW - 7} />
              </g>
            ) : null}
            <text x={W - VALUE_W + 4} y={y + ROW / 2} dy="0.35em" className="results__tick" aria-hidden="true">
              {Number.isFinite(b.pct) ? `${pctText.format(b.pct)}%` : '—'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
