// Everything the report reads, in one hook: the campaign, its fieldwork progress, the questionnaire it
// runs (for the sections), the invitation batches (for a response rate) and the topline — weighted when
// the campaign has population margins to rake to, otherwise unweighted, and why.
import { useEffect, useState } from 'react';
import type { TCampaignItem, TProgress, TTopline } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import { asApiError } from '../campaigns/parts';
import type { Locale } from '../i18n';

export interface ReportData {
  campaign: TCampaignItem;
  progress: TProgress;
  survey: Record<string, unknown>;
  topline: TTopline;
  /** How the weights came out (also when the report is unweighted: method 'none'); absent when they failed. */
  weighting?: TTopline['weighting'];
  /** The server's reason when the weights could not be made. */
  weightingFailed?: string;
  /** null: nobody invited or a public campaign; undefined: could not be read. */
  invitations: { total: number; used: number; revoked: number }[] | null | undefined;
}

export type ReportState = { status: 'loading' } | { status: 'failed'; error: ApiError } | { status: 'ready'; data: ReportData };

async function toplines(base: string, locale: Locale) {
  const query = (weighted: boolean) => `${base}/topline?weighted=${weighted}&lang=${locale}`;
  try {
    const weighted = await api<TTopline>('GET', query(true));
    if (weighted.weighting?.method === 'rake') return { topline: weighted, weighting: weighted.weighting };
    return { topline: await api<TTopline>('GET', query(false)), weighting: weighted.weighting };
  } catch (caught) {
    // A 422 (weights that cannot be made, too few responses per stratum) leaves unweighted figures.
    if (!(caught instanceof ApiError) || caught.status !== 422) throw caught;
    return { topline: await api<TTopline>('GET', query(false)), weightingFailed: caught.message };
  }
}

async function load(slug: string, locale: Locale): Promise<ReportData> {
  const base = `/campaigns/${encodeURIComponent(slug)}`;
  const campaign = await api<TCampaignItem>('GET', base);
  const [progress, version, results, invitations] = await Promise.all([
    api<TProgress>('GET', `${base}/progress`),
    api<{ json: Record<string, unknown> }>('GET', `/surveys/${encodeURIComponent(campaign.surveyId)}/versions/${campaign.version}`),
    toplines(base, locale),
    campaign.access === 'public'
      ? Promise.resolve(null)
      : api<{ items: { total: number; used: number; revoked: number }[] }>('GET', `${base}/invitations`).then(
          (r) => (r.items.length ? r.items : null),
          () => undefined,
        ),
  ]);
  return { campaign, progress, survey: version.json, invitations, ...results };
}

export function useReportData(slug: string, locale: Locale): ReportState {
  const [state, setState] = useState<ReportState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load(slug, locale).then(
      (data) => live && setState({ status: 'ready', data }),
      (caught: unknown) => live && setState({ status: 'failed', error: asApiError(caught) }),
    );
    return () => {
      live = false;
    };
  }, [slug, locale]);
  return state;
}
