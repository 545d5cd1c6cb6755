// The chart of one topline question, chosen by its kind: bars with ± margin of error for single and
// multiple choice and ratings, 100 % stacked bars for a matrix (one bar per statement), nothing for text.
// Used by the results page and the printable report.
import { useCallback } from 'react';
import { formatInt } from '../../campaigns/format';
import type { Locale } from '../../i18n';
import { rt } from '../i18n';
import { EChart } from './EChart';
import { asQuestion, type ToplineQuestion, type TToplineQuestion } from './model';
import { hasChart, questionChart } from './option';

export interface QuestionChartProps {
  question: TToplineQuestion | ToplineQuestion;
  /** Language of the buttons and of the note in saved images (the question's texts come as fetched). */
  locale: Locale;
  weighted: boolean;
  /** Smaller rows and type, labels cut short (printed report). */
  compact?: boolean;
  /** "Lưu PNG" / "Lưu SVG" under the chart (default: shown). */
  saveButtons?: boolean;
}

export function QuestionChart({ question, locale, weighted, compact = false, saveButtons = true }: QuestionChartProps) {
  const q = asQuestion(question);
  const build = useCallback(
    (width: number, forSave: boolean) =>
      questionChart(q, {
        width,
        compact,
        ...(forSave ? { title: q.title, note: rt(locale, 'chart.note', { n: formatInt(q.answered), mode: rt(locale, weighted ? 'mode.weighted' : 'mode.unweighted') }) } : {}),
      }),
    [q, compact, locale, weighted],
  );
  if (!hasChart(q)) return null;
  return (
    <EChart
      build={build}
      label={rt(locale, 'chart', { title: q.title })}
      fileName={q.name}
      locale={locale}
      saveButtons={saveButtons}
      testId="question-chart"
    />
  );
}
