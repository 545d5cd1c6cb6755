// Section 2 of the report: the sample design, how (and whether) the figures are weighted, the margin of
// error a reader can quote, and how many responses were excluded after review.
import type { TStaffUser } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { marginOfError } from './figures';
import { fmtInt, fmtNum, fmtPct, rp, variableName } from './report-i18n';
import type { ReportData } from './useReportData';

export function Methodology({ data, locale, user }: { data: ReportData; locale: Locale; user: TStaffUser }) {
  const { campaign, progress, topline, weighting, weightingFailed } = data;
  const { variables, cells } = campaign.strata;
  const quota = cells.reduce((s, c) => s + c.quota, 0);
  const raked = topline.weighted && weighting?.method === 'rake';
  const effN = raked ? weighting.diagnostics.kishEffectiveN : topline.n;
  const moe = marginOfError(effN);
  // Exclusions leave the completed counters alone, so counters minus analysed responses is what was
  // excluded — only when this account's progress covers every district.
  const scoped = !user.roles.includes('admin') && user.districts.length > 0;
  const excluded = Math.max(0, progress.total.completed - topline.total);
  return (
    <section className="report__section report__newpage" aria-labelledby="report-s2">
      <h2 id="report-s2">{rp(locale, 's2')}</h2>
      <ul className="report__method">
        <li>
          {variables.length
            ? rp(locale, 'm.design', {
                variables: variables.map((v) => variableName(locale, v)).join(' × '),
                cells: fmtInt(cells.length),
                quota: fmtInt(quota),
              })
            : rp(locale, 'm.designNone')}
        </li>
        <li data-testid="report-weighting">
          {raked
            ? rp(locale, 'm.rake', {
                margins: weighting.margins.map((m) => variableName(locale, m)).join(', '),
                iterations: fmtInt(weighting.iterations),
                converged: weighting.converged ? '' : rp(locale, 'm.notConverged'),
                deff: fmtNum(weighting.diagnostics.kishDeff),
                eff: fmtInt(weighting.diagnostics.kishEffectiveN),
              })
            : weightingFailed
              ? rp(locale, 'm.failed', { reason: weightingFailed })
              : rp(locale, 'm.none')}
        </li>
        <li data-testid="report-moe">
          {!Number.isFinite(moe)
            ? rp(locale, 'm.moeNone')
            : raked
              ? rp(locale, 'm.moe', { moe: fmtPct(moe), eff: fmtInt(effN) })
              : rp(locale, 'm.moeSrs', { moe: fmtPct(moe), n: fmtInt(effN) })}
        </li>
        <li data-testid="report-quality">
          {scoped
            ? rp(locale, 'm.qualityUnknown', { n: fmtInt(topline.total) })
            : rp(locale, 'm.quality', { completed: fmtInt(progress.total.completed), excluded: fmtInt(excluded), n: fmtInt(topline.total) })}
        </li>
        <li>{rp(locale, 'm.figures')}</li>
      </ul>
    </section>
  );
}
