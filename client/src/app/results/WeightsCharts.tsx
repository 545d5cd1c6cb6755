// The weights page's two pictures as inline SVG: sample vs population vs weighted shares of one margin,
// and the histogram of the weights. The figures are also in the tables next to them.
import type { TMarginComparison, TWeights } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { fmtNum, fmtPct, wt } from './weights-i18n';

const W = 640;
const LABEL_W = 200;
const VALUE_W = 60;
const BAR = 9;
const PAD = 6;
const LEGEND = 22;

const clip = (s: string, max = 30) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const SERIES = [
  { key: 'samplePct', label: 'cmp.sample', className: 'weights__bar--sample' },
  { key: 'populationPct', label: 'cmp.population', className: 'weights__bar--population' },
  { key: 'weightedPct', label: 'cmp.weighted', className: 'weights__bar--weighted' },
] as const;

export function ComparisonChart({ margin, locale }: { margin: TMarginComparison; locale: Locale }) {
  const group = SERIES.length * BAR + 10;
  const H = LEGEND + margin.levels.length * group + PAD * 2;
  const plotW = W - LABEL_W - VALUE_W - PAD * 2;
  const top = Math.max(...margin.levels.flatMap((l) => SERIES.map((s) => l[s.key] ?? 0)), 1);
  // Up to the next 10 %, so that small differences between the three bars stay visible.
  const scale = Math.min(100, Math.ceil(top / 10) * 10);
  const x = (v: number) => LABEL_W + PAD + (Math.max(0, Math.min(scale, v)) / scale) * plotW;
  const label = wt(locale, 'cmp.chart', { title: margin.title });
  return (
    <svg className="weights__chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="comparison-chart">
      <title>{label}</title>
      {SERIES.map((s, k) => (
        <g key={s.key} aria-hidden="true">
          <rect x={LABEL_W + PAD + k * 140} y={4} width={12} height={12} className={s.className} />
          <text x={LABEL_W + PAD + k * 140 + 16} y={10} dy="0.35em" className="weights__tick">
            {wt(locale, s.label)}
          </text>
        </g>
      ))}
      <line x1={x(0)} x2={x(0)} y1={LEGEND} y2={H - PAD} className="weights__axis" aria-hidden="true" />
      {margin.levels.map((l, i) => {
        const y = LEGEND + PAD + i * group;
        return (
          <g key={l.value}>
            <text x={LABEL_W - 4} y={y + (SERIES.length * BAR) / 2} dy="0.35em" textAnchor="end" className="weights__tick">
              {clip(l.label)}
            </text>
            {SERIES.map((s, k) => {
              const v = l[s.key];
              return (
                <g key={s.key}>
                  <rect x={x(0)} y={y + k * BAR} width={v === null ? 0 : x(v) - x(0)} height={BAR - 1} className={s.className}>
                    <title>{`${l.label} · ${wt(locale, s.label)}: ${v === null ? '—' : `${fmtPct(v)}%`}`}</title>
                  </rect>
                  <text x={v === null ? x(0) + 4 : x(v) + 4} y={y + k * BAR + BAR / 2} dy="0.3em" className="weights__value" aria-hidden="true">
                    {v === null ? '—' : `${fmtPct(v)}%`}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

export function WeightHistogram({ bins, locale }: { bins: TWeights['histogram']; locale: Locale }) {
  if (!bins.length) return null;
  const H = 150;
  const bottom = H - 22;
  const most = Math.max(...bins.map((b) => b.count), 1);
  const barW = (W - 2 * PAD) / bins.length;
  const label = wt(locale, 'hist.label');
  return (
    <svg className="weights__chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="weights-histogram">
      <title>{label}</title>
      {bins.map((b, k) => {
        const h = ((bottom - PAD) * b.count) / most;
        return (
          <rect key={k} x={PAD + k * barW + 1} y={bottom - h} width={Math.max(1, barW - 2)} height={h} className="weights__bar--population">
            <title>{`${fmtNum(b.from)} – ${fmtNum(b.to)}: ${b.count}`}</title>
          </rect>
        );
      })}
      <line x1={PAD} x2={W - PAD} y1={bottom} y2={bottom} className="weights__axis" aria-hidden="true" />
      <text x={PAD} y={H - 8} className="weights__tick" aria-hidden="true">
        {fmtNum(bins[0].from)}
      </text>
      <text x={W - PAD} y={H - 8} textAnchor="end" className="weights__tick" aria-hidden="true">
        {fmtNum(bins[bins.length - 1].to)}
      </text>
    </svg>
  );
}
