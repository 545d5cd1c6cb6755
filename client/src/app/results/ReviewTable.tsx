// The review list: one row per response (short id, district/group, time against the median, reason),
// a checkbox to select it, and its own actions (view, put back, remove flag).
import type { TReviewItem, TReviewList } from '../../../../server/contract/staff';
import type { Locale } from '../i18n';
import { fmtDuration, rv } from './review-i18n';
import { markText, shortId } from './ResponseView';

interface Props {
  list: TReviewList;
  locale: Locale;
  selected: Set<string>;
  busy: boolean;
  onSelect: (ids: string[], on: boolean) => void;
  onView: (id: string) => void;
  onInclude: (id: string) => void;
  onUnflag: (id: string) => void;
}

function reasonOf(item: TReviewItem, locale: Locale): string[] {
  const out: string[] = [];
  if (item.excluded) out.push(markText(locale, 'excludedBy', item.excluded));
  if (item.suggestion) out.push(item.suggestion[locale]);
  if (item.flagged) out.push(markText(locale, 'flaggedBy', item.flagged));
  return out;
}

export function ReviewTable({ list, locale, selected, busy, onSelect, onView, onInclude, onUnflag }: Props) {
  const selectable = list.status !== 'excluded';
  const pageIds = list.items.map((i) => i.id);
  const allOn = selectable && pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  return (
    <div className="table-wrap">
      <table className="table review__table" data-testid="review-table">
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <input type="checkbox" aria-label={rv(locale, 'col.selectAll')} checked={allOn} onChange={(e) => onSelect(pageIds, e.target.checked)} />
              </th>
            ) : null}
            <th scope="col">{rv(locale, 'col.id')}</th>
            <th scope="col">{rv(locale, 'col.stratum')}</th>
            <th scope="col">{rv(locale, 'col.duration')}</th>
            <th scope="col">{rv(locale, 'col.reason')}</th>
            <th scope="col">{rv(locale, 'col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((item) => {
            const short = shortId(item.id);
            const fast = list.speederThresholdSec !== null && item.durationSec !== null && item.durationSec < list.speederThresholdSec;
            return (
              <tr key={item.id} data-testid="review-row" data-id={item.id}>
                {selectable ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${rv(locale, 'col.select')} ${short}`}
                      checked={selected.has(item.id)}
                      onChange={(e) => onSelect([item.id], e.target.checked)}
                    />
                  </td>
                ) : null}
                <td>
                  <code title={item.id}>{short}</code>
                </td>
                <td>{Object.values(item.stratum).join(' · ') || '—'}</td>
                <td className={`table__nowrap${fast ? ' review__fast' : ''}`}>
                  {rv(locale, 'duration', { d: fmtDuration(locale, item.durationSec), median: fmtDuration(locale, list.medianDurationSec) })}
                </td>
                <td>
                  {item.kinds.map((k) => (
                    <span key={k} className="badge review__kind">
                      {rv(locale, `kind.${k}`)}
                    </span>
                  ))}{' '}
                  {reasonOf(item, locale).map((r, i) => (
                    <span key={i} className="review__reason">
                      {r}
                    </span>
                  ))}
                </td>
                <td>
                  <div className="review__actions">
                    <button type="button" className="button button--small" onClick={() => onView(item.id)} aria-label={`${rv(locale, 'view')} ${short}`}>
                      {rv(locale, 'view')}
                    </button>
                    {item.excluded ? (
                      <button type="button" className="button button--small" disabled={busy} onClick={() => onInclude(item.id)}>
                        {rv(locale, 'include')}
                      </button>
                    ) : null}
                    {item.flagged && !item.excluded ? (
                      <button type="button" className="button button--small" disabled={busy} onClick={() => onUnflag(item.id)}>
                        {rv(locale, 'unflag')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
