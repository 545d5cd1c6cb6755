// Section 1 of the report: the fieldwork period, completed responses against the targets overall, by
// district and by respondent group, and the response rate where invitations make one meaningful.
import type { TStaffUser } from '../../../../server/contract/staff';
import { vnDate } from '../campaigns/format';
import type { Locale } from '../i18n';
import { fieldworkBy, responseRate, type FieldworkRow, type ReportQuestion } from './figures';
import { fmtInt, fmtPct, rp } from './report-i18n';
import type { ReportData } from './useReportData';

const KNOWN: Record<string, { title: 'fw.byDistrict' | 'fw.byGroup'; col: 'col.district' | 'col.group' }> = {
  district: { title: 'fw.byDistrict', col: 'col.district' },
  group: { title: 'fw.byGroup', col: 'col.group' },
};

function FieldworkTable(props: { variable: string; rows: FieldworkRow[]; caption: string; head: string; locale: Locale }) {
  const { variable, rows, caption, head, locale } = props;
  const quota = rows.reduce((s, r) => s + r.quota, 0);
  const completed = rows.reduce((s, r) => s + r.completed, 0);
  return (
    <table className="report__table" data-testid={`fieldwork-${variable}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="num">{rp(locale, 'col.quota')}</th>
          <th scope="col" className="num">{rp(locale, 'col.completed')}</th>
          <th scope="col" className="num">{rp(locale, 'col.pct')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.value} data-value={r.value}>
            <th scope="row">{r.label}</th>
            <td className="num">{fmtInt(r.quota)}</td>
            <td className="num" data-testid="completed">{fmtInt(r.completed)}</td>
            <td className="num">{fmtPct(r.pctOfQuota)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{rp(locale, 'total')}</th>
          <td className="num">{fmtInt(quota)}</td>
          <td className="num">{fmtInt(completed)}</td>
          <td className="num">{fmtPct(quota > 0 ? (100 * completed) / quota : NaN)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function RateNote({ data, locale }: { data: ReportData; locale: Locale }) {
  const { campaign, invitations } = data;
  if (campaign.access === 'public') return <p>{rp(locale, 'fw.rateUnknownPublic')}</p>;
  if (invitations === undefined) return <p>{rp(locale, 'fw.rateUnknownFailed')}</p>;
  const rate = invitations ? responseRate(invitations) : null;
  if (!rate) return <p>{rp(locale, 'fw.rateUnknownNone')}</p>;
  return (
    <p data-testid="response-rate">
      {rp(locale, 'fw.rate', { used: fmtInt(rate.used), issued: fmtInt(rate.issued), pct: fmtPct(rate.pct) })}
      {campaign.access === 'both' ? ` ${rp(locale, 'fw.ratePublic')}` : ''}
    </p>
  );
}

export function Fieldwork({ data, locale, user }: { data: ReportData; locale: Locale; user: TStaffUser }) {
  const { campaign, progress, topline } = data;
  const questions = topline.topline.questions as unknown as ReportQuestion[];
  // Labels in the report's language come from the questionnaire; progress names cells in Vietnamese.
  const labelOf = (variable: string) => {
    const levels = new Map((questions.find((q) => q.name === variable)?.levels ?? []).map((l) => [String(l.value), l.label]));
    return (value: string) => levels.get(value);
  };
  const scoped = !user.roles.includes('admin') && user.districts.length > 0;
  const total = progress.total;
  return (
    <section className="report__section" aria-labelledby="report-s1">
      <h2 id="report-s1">{rp(locale, 's1')}</h2>
      <p>{rp(locale, 'fw.period', { open: vnDate(campaign.opensAt), close: vnDate(campaign.closesAt) })}</p>
      <p data-testid="fieldwork-total">
        {total.quota > 0
          ? rp(locale, 'fw.total', { completed: fmtInt(total.completed), quota: fmtInt(total.quota), pct: fmtPct((100 * total.completed) / total.quota) })
          : rp(locale, 'fw.totalNoQuota', { completed: fmtInt(total.completed) })}
      </p>
      {scoped ? <p>{rp(locale, 'fw.scoped', { districts: user.districts.join(', ') })}</p> : null}
      {campaign.strata.variables.length ? (
        campaign.strata.variables.map((variable) => (
          <FieldworkTable
            key={variable}
            variable={variable}
            rows={fieldworkBy(progress.strata, variable, labelOf(variable))}
            caption={KNOWN[variable] ? rp(locale, KNOWN[variable].title) : rp(locale, 'fw.byOther', { variable })}
            head={KNOWN[variable] ? rp(locale, KNOWN[variable].col) : variable}
            locale={locale}
          />
        ))
      ) : (
        <p>{rp(locale, 'fw.noStrata')}</p>
      )}
      <RateNote data={data} locale={locale} />
    </section>
  );
}
