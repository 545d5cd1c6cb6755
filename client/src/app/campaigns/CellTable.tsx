// Progress per stratum cell: completed against quota, partial, pace and pace needed per day, projected
// day the quota is met; cells off track are marked and can be sorted first. A district-limited user gets
// only their cells from the server, and the table says so.
import { useId, useState } from 'react';
import type { TProgress } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { dayText, formatInt, formatRate } from './format';
import { ct } from './i18n';
import { QuotaBar } from './parts';
import { cellId, cellParts, variableHeading, type Labels } from './questions';

type Cell = TProgress['strata'][number];
type Sort = 'design' | 'risk' | 'fill';

const gap = (c: Cell) => (c.neededPerDay ?? 0) - c.pacePerDay;
const fill = (c: Cell) => (c.quota > 0 ? c.completed / c.quota : 1);

function sorted(cells: Cell[], sort: Sort): Cell[] {
  if (sort === 'design') return cells;
  const list = [...cells];
  if (sort === 'fill') return list.sort((a, b) => fill(a) - fill(b));
  // At risk first; among them, the widest gap between the pace needed and the pace kept.
  return list.sort((a, b) => Number(a.onTrack) - Number(b.onTrack) || gap(b) - gap(a) || fill(a) - fill(b));
}

interface Props {
  progress: TProgress;
  variables: string[];
  labels: Labels;
  locale: Locale;
  scoped: boolean;
}

export function CellTable({ progress, variables, labels, locale, scoped }: Props) {
  const [sort, setSort] = useState<Sort>('design');
  const sortId = useId();
  const cells = sorted(progress.strata, sort);
  const atRisk = progress.strata.filter((c) => !c.onTrack && c.completed < c.quota).length;

  return (
    <section className="card" aria-labelledby="cells-title">
      <div className="card__head">
        <h2 className="card__title" id="cells-title">
          {ct(locale, 'cells.title')}
        </h2>
        <div className="field field--inline">
          <label htmlFor={sortId}>{ct(locale, 'cells.sort')}</label>
          <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="design">{ct(locale, 'cells.sort.design')}</option>
            <option value="risk">{ct(locale, 'cells.sort.risk')}</option>
            <option value="fill">{ct(locale, 'cells.sort.fill')}</option>
          </select>
        </div>
      </div>
      {scoped ? <p className="message message--info">{ct(locale, 'cells.scoped')}</p> : null}
      {atRisk ? (
        <p className="message message--warning" data-testid="at-risk-count">
          {ct(locale, 'cells.atRiskCount', { n: formatInt(atRisk) })}
        </p>
      ) : null}
      {cells.length === 0 ? (
        <p>{ct(locale, 'cells.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} aria-labelledby="cells-title">
          <table className="table table--stack cells" data-testid="cells-table">
            <thead>
              <tr>
                {variables.map((v) => (
                  <th scope="col" key={v}>
                    {variableHeading(v, locale)}
                  </th>
                ))}
                <th scope="col">{ct(locale, 'cells.col.progress')}</th>
                <th scope="col" className="num">{ct(locale, 'cells.col.partial')}</th>
                <th scope="col" className="num">{ct(locale, 'cells.col.pace')}</th>
                <th scope="col" className="num">{ct(locale, 'cells.col.needed')}</th>
                <th scope="col">{ct(locale, 'cells.col.projected')}</th>
                <th scope="col">{ct(locale, 'cells.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => {
                const parts = cellParts(c.key, variables, labels, c.labels);
                const full = c.completed >= c.quota;
                const risk = !c.onTrack && !full;
                return (
                  <tr key={cellId(c.key, variables)} data-cell={cellId(c.key, variables)} className={risk ? 'cells__row--risk' : undefined}>
                    {parts.map((text, i) =>
                      i === 0 ? (
                        <th scope="row" key={variables[i]} data-label={variableHeading(variables[i], locale)}>
                          {text}
                        </th>
                      ) : (
                        <td key={variables[i]} data-label={variableHeading(variables[i], locale)} className="cells__label">
                          {text}
                        </td>
                      ),
                    )}
                    <td data-label={ct(locale, 'cells.col.progress')} data-testid="cell-progress">
                      <QuotaBar completed={c.completed} quota={c.quota} locale={locale} risk={risk} />
                    </td>
                    <td className="num" data-label={ct(locale, 'cells.col.partial')}>{formatInt(c.partial)}</td>
                    <td className="num" data-label={ct(locale, 'cells.col.pace')}>{formatRate(c.pacePerDay)}</td>
                    <td className="num" data-label={ct(locale, 'cells.col.needed')}>{c.neededPerDay === null ? '—' : formatRate(c.neededPerDay)}</td>
                    <td className="table__nowrap" data-label={ct(locale, 'cells.col.projected')}>
                      {c.projectedCompletion ? dayText(c.projectedCompletion) : '—'}
                    </td>
                    <td data-label={ct(locale, 'cells.col.state')}>
                      <span className={`badge ${full ? 'badge--on' : risk ? 'badge--risk' : 'badge--ok'}`}>
                        {ct(locale, full ? 'cells.full' : risk ? 'cells.atRisk' : 'cells.onTrack')}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
