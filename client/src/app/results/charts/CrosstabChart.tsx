// A crosstab's column percentages as 100 % stacked bars: one bar per column group, one segment per row
// answer (suppressed cells left empty), with the same save buttons as the question charts.
import { useCallback } from 'react';
import type { TCrosstab } from '../../../../../server/contract/staff';
import { formatInt } from '../../campaigns/format';
import type { Locale } from '../../i18n';
import { rt } from '../i18n';
import { EChart } from './EChart';
import { crosstabSegments, stackedOption } from './option';

export function CrosstabChart({ result, locale }: { result: TCrosstab; locale: Locale }) {
  // Every cell suppressed (small samples): nothing to draw, the table says why.
  const empty = crosstabSegments(result).segments.every((s) => s.values.every((v) => v === null));
  const title = rt(locale, 'xt.chart', { row: result.row.title, col: result.col.title });
  const build = useCallback(
    (width: number, forSave: boolean) => {
      const { categories, segments } = crosstabSegments(result);
      const note = rt(locale, 'chart.note', { n: formatInt(result.crosstab.n), mode: rt(locale, result.weighted ? 'mode.weighted' : 'mode.unweighted') });
      return stackedOption(categories, segments, { width, ...(forSave ? { title, note } : {}) });
    },
    [result, locale, title],
  );
  if (empty) return null;
  return <EChart build={build} label={title} fileName={`${rt(locale, 'xt.file')}-${result.row.name}-${result.col.name}`} locale={locale} testId="crosstab-chart" />;
}
