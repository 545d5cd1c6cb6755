// Invitations of a token campaign: issue N for one cell, then — the only time the links exist outside the
// server's hashes — download them as CSV or print them as QR codes; the batches issued so far with how many
// were used or revoked; revoking by the printed codes (a lost sheet).
import { lazy, Suspense, useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { TCampaignItem, TProgress } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import { st, type Locale } from '../i18n';
import { Loading } from '../Shell';
import { downloadText, invitationsCsv, type IssuedInvitation } from './csv';
import { formatInt, vnDateTime, type Rights } from './format';
import { ct } from './i18n';
import { asApiError, FormProblem } from './parts';
import { cellId, cellName, type Labels } from './questions';

const QrSheet = lazy(() => import('./QrSheet'));

/** A batch as GET /campaigns/:slug/invitations lists it (never a token). */
interface BatchSummary {
  batch: string;
  stratum: Record<string, string>;
  createdAt: string;
  createdBy?: string;
  total: number;
  used: number;
  revoked: number;
}

interface Issued {
  batch: string;
  stratum: Record<string, string>;
  cell: string;
  invitations: IssuedInvitation[];
}

interface Props {
  campaign: TCampaignItem;
  labels: Labels;
  progress: TProgress | null;
  locale: Locale;
  rights: Rights;
}

export function Invitations({ campaign, labels, progress, locale, rights }: Props) {
  const id = useId();
  const variables = campaign.strata.variables;
  const progressLabels = new Map((progress?.strata ?? []).map((c) => [cellId(c.key, variables), c.labels]));
  const nameOf = (key: Record<string, string>) => (variables.length ? cellName(key, variables, labels, progressLabels.get(cellId(key, variables))) : '—');
  const cells = campaign.strata.cells.filter((c) => !rights.scoped || rights.districts.includes(c.key.district));

  const [cell, setCell] = useState('');
  const [count, setCount] = useState('20');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [printing, setPrinting] = useState(false);
  const [confirmHide, setConfirmHide] = useState(false);
  const [batches, setBatches] = useState<BatchSummary[] | null>(null);
  const [batchesError, setBatchesError] = useState<ApiError | null>(null);
  const [codes, setCodes] = useState('');
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const base = `/campaigns/${encodeURIComponent(campaign.slug)}/invitations`;

  const loadBatches = useCallback(async () => {
    try {
      setBatches((await api<{ items: BatchSummary[] }>('GET', base)).items);
      setBatchesError(null);
    } catch (caught) {
      setBatchesError(asApiError(caught));
    }
  }, [base]);

  useEffect(() => {
    if (rights.seeInvitations) void loadBatches();
  }, [loadBatches, rights.seeInvitations]);

  async function create(event: FormEvent) {
    event.preventDefault();
    const chosen = variables.length ? cells.find((c) => cellId(c.key, variables) === cell) : { key: {} };
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await api<{ batch: string; invitations: IssuedInvitation[] }>('POST', base, { count: Number(count), stratum: chosen.key });
      setIssued({ batch: reply.batch, stratum: chosen.key, cell: nameOf(chosen.key), invitations: reply.invitations });
      setConfirmHide(false);
      void loadBatches();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(event: FormEvent) {
    event.preventDefault();
    const list = [...new Set(codes.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
    if (!list.length) return;
    setRevokeBusy(true);
    setRevokeError(null);
    setRevoked(null);
    try {
      const reply = await api<{ revoked: number }>('POST', `${base}/revoke`, { codes: list });
      setRevoked(ct(locale, 'inv.revoked', { n: formatInt(reply.revoked) }));
      setCodes('');
      void loadBatches();
    } catch (caught) {
      setRevokeError(asApiError(caught));
    } finally {
      setRevokeBusy(false);
    }
  }

  const csvName = (i: Issued) => `phieu-moi-${campaign.slug}-${i.batch}.csv`;

  return (
    <section className="card invitations" id="invitations" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {ct(locale, 'inv.title')}
      </h2>
      <p className="field__hint">{ct(locale, 'inv.intro')}</p>

      {rights.invite ? (
        variables.length && !cells.length ? (
          <p>{ct(locale, 'inv.noCells')}</p>
        ) : (
          <form className="form form--grid invitations__create" onSubmit={create} aria-label={ct(locale, 'inv.create')}>
            {variables.length ? (
              <div className="field">
                <label htmlFor={`${id}-cell`}>{ct(locale, 'inv.cell')}</label>
                <select id={`${id}-cell`} required value={cell} onChange={(e) => setCell(e.target.value)}>
                  <option value="">—</option>
                  {cells.map((c) => (
                    <option key={cellId(c.key, variables)} value={cellId(c.key, variables)}>
                      {nameOf(c.key)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor={`${id}-count`}>{ct(locale, 'inv.count')}</label>
              <input id={`${id}-count`} type="number" inputMode="numeric" min={1} max={5000} step={1} required value={count} onChange={(e) => setCount(e.target.value)} />
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy || (variables.length > 0 && !cell)} aria-busy={busy}>
                {ct(locale, busy ? 'inv.busy' : 'inv.create')}
              </button>
            </div>
            {error ? <FormProblem error={error} locale={locale} /> : null}
          </form>
        )
      ) : null}

      {issued ? (
        <div className="issued" data-testid="issued">
          <p className="message message--success" role="status">
            {ct(locale, 'inv.created', { n: formatInt(issued.invitations.length), batch: issued.batch })}
          </p>
          <p className="message message--warning" role="alert">
            <strong>{ct(locale, 'inv.once')}</strong>
          </p>
          <div className="form__actions">
            <button type="button" className="button button--primary" onClick={() => downloadText(csvName(issued), invitationsCsv(issued.invitations, issued.cell))}>
              {ct(locale, 'inv.csv')}
            </button>
            <button type="button" className="button button--primary" onClick={() => setPrinting(true)}>
              {ct(locale, 'inv.qr')}
            </button>
            <button type="button" className="button" onClick={() => setConfirmHide(true)}>
              {ct(locale, 'inv.dismiss')}
            </button>
          </div>
          {confirmHide ? (
            <div className="confirm" role="alertdialog" aria-labelledby={`${id}-hide`}>
              <p id={`${id}-hide`}>{ct(locale, 'inv.dismissConfirm')}</p>
              <div className="form__actions">
                <button type="button" className="button button--danger-solid" onClick={() => (setIssued(null), setConfirmHide(false))}>
                  {ct(locale, 'inv.dismiss')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmHide(false)}>
                  {st(locale, 'cancel')}
                </button>
              </div>
            </div>
          ) : null}
          <details className="issued__links" open={issued.invitations.length <= 50}>
            <summary>{ct(locale, 'inv.links', { batch: issued.batch })}</summary>
            <div className="table-wrap">
              <table className="table" data-testid="issued-links">
                <thead>
                  <tr>
                    <th scope="col">{ct(locale, 'inv.code')}</th>
                    <th scope="col">{ct(locale, 'inv.url')}</th>
                  </tr>
                </thead>
                <tbody>
                  {issued.invitations.map((inv) => (
                    <tr key={inv.code}>
                      <th scope="row" className="table__nowrap">
                        <code>{inv.code}</code>
                      </th>
                      <td className="issued__url">
                        <code>{inv.url}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          {printing ? (
            <Suspense fallback={<Loading locale={locale} />}>
              <QrSheet title={campaign.title} cell={issued.cell} invitations={issued.invitations} locale={locale} onClose={() => setPrinting(false)} />
            </Suspense>
          ) : null}
        </div>
      ) : null}

      {rights.seeInvitations ? (
        <>
          <h3 className="card__subtitle">{ct(locale, 'inv.batches')}</h3>
          {batchesError ? (
            <p className="message message--error">
              {ct(locale, 'inv.loadFailed')} {batchesError.message}
            </p>
          ) : batches === null ? (
            <Loading locale={locale} />
          ) : batches.length === 0 ? (
            <p>{ct(locale, 'inv.noBatches')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} aria-label={ct(locale, 'inv.batches')}>
              <table className="table table--stack" data-testid="batches">
                <thead>
                  <tr>
                    <th scope="col">{ct(locale, 'inv.col.batch')}</th>
                    <th scope="col">{ct(locale, 'inv.col.cell')}</th>
                    <th scope="col">{ct(locale, 'inv.col.createdAt')}</th>
                    <th scope="col">{ct(locale, 'inv.col.createdBy')}</th>
                    <th scope="col" className="num">{ct(locale, 'inv.col.total')}</th>
                    <th scope="col" className="num">{ct(locale, 'inv.col.used')}</th>
                    <th scope="col" className="num">{ct(locale, 'inv.col.revoked')}</th>
                  </tr>
                </thead>
                <tbody>
                  {batches.map((b) => (
                    <tr key={b.batch}>
                      <th scope="row" data-label={ct(locale, 'inv.col.batch')}>
                        <code>{b.batch}</code>
                      </th>
                      <td data-label={ct(locale, 'inv.col.cell')}>{nameOf(b.stratum)}</td>
                      <td className="table__nowrap" data-label={ct(locale, 'inv.col.createdAt')}>{vnDateTime(b.createdAt)}</td>
                      <td data-label={ct(locale, 'inv.col.createdBy')}>{b.createdBy ?? ''}</td>
                      <td className="num" data-label={ct(locale, 'inv.col.total')}>{formatInt(b.total)}</td>
                      <td className="num" data-label={ct(locale, 'inv.col.used')}>{formatInt(b.used)}</td>
                      <td className="num" data-label={ct(locale, 'inv.col.revoked')}>{formatInt(b.revoked)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}

      {rights.invite ? (
        <form className="form revoke" onSubmit={revoke} aria-label={ct(locale, 'inv.revoke')}>
          <h3 className="card__subtitle">{ct(locale, 'inv.revoke')}</h3>
          <div className="field">
            <label htmlFor={`${id}-codes`}>{ct(locale, 'inv.revokeCodes')}</label>
            <textarea id={`${id}-codes`} rows={3} value={codes} onChange={(e) => setCodes(e.target.value)} aria-describedby={`${id}-codes-hint`} spellCheck={false} />
            <p className="field__hint" id={`${id}-codes-hint`}>
              {ct(locale, 'inv.revokeHint')}
            </p>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--danger" disabled={revokeBusy || !codes.trim()} aria-busy={revokeBusy}>
              {ct(locale, 'inv.revokeSubmit')}
            </button>
          </div>
          {revokeError ? <FormProblem error={revokeError} locale={locale} /> : null}
          {revoked ? (
            <p className="message message--success" role="status" data-testid="revoked">
              {revoked}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
