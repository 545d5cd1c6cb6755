// What survives a closed tab: the answers in progress (the "draft"), the last copy of the campaign (so a
// respondent who loaded it once can go on filling offline) and the receipt of a sent response. Each is
// kept per link: the public link of a campaign (`/s/<slug>`) and every invitation link (`?t=<token>`)
// have their own, so two invitations answered on one shared phone never mix.
// localStorage can be missing or full (private browsing): every access is guarded, and the page then
// simply works without persistence.
import type { TPublicCampaign } from '../../../server/contract/public';
import type { Locale } from '../i18n';

/** The link a respondent opened: the campaign and, for an invitation, its token. */
export interface Link {
  slug: string;
  token?: string;
  /** A public link made for one cell: `?district=hai-chau&group=residents` (other parameters, as given). */
  cell?: Record<string, string>;
}

export interface Draft {
  slug: string;
  token?: string;
  version: number;
  submissionId: string;
  startedAt: string;
  answers: Record<string, unknown>;
  pageNo: number;
  locale: Locale;
  /** When the answers last changed on this phone (compared with the server's copy of an invitation's answers). */
  savedAt?: string;
  /** Set when the respondent pressed "complete": the response is waiting to be acknowledged. */
  completedAt?: string;
}

export interface Receipt {
  id: string;
  submissionId: string;
  sentAt: string;
}

const PREFIX = 'khaosat';
const part = (slug: string, token?: string) => (token ? `${slug}:${token}` : slug);
export const draftKey = (slug: string, token?: string) => `${PREFIX}:draft:${part(slug, token)}`;
export const receiptKey = (slug: string, token?: string) => `${PREFIX}:receipt:${part(slug, token)}`;
export const campaignKey = (slug: string, token?: string) => `${PREFIX}:campaign:${part(slug, token)}`;

function read<T>(key: string): T | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function remove(key: string): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // Nothing to do: without storage there was nothing stored.
  }
}

/** The saved draft, unless what is stored is not one (an older format, a hand-edited value). */
export function loadDraft(link: Link): Draft | undefined {
  const draft = read<Draft>(draftKey(link.slug, link.token));
  const valid =
    draft !== undefined &&
    typeof draft === 'object' &&
    typeof draft.submissionId === 'string' &&
    typeof draft.startedAt === 'string' &&
    typeof draft.version === 'number' &&
    typeof draft.pageNo === 'number' &&
    !!draft.answers &&
    typeof draft.answers === 'object' &&
    !Array.isArray(draft.answers);
  return valid ? { ...draft, locale: draft.locale === 'en' ? 'en' : 'vi' } : undefined;
}
export const saveDraft = (draft: Draft) => write(draftKey(draft.slug, draft.token), draft);
export const clearDraft = (link: Link) => remove(draftKey(link.slug, link.token));

export const loadReceipt = (link: Link) => read<Receipt>(receiptKey(link.slug, link.token));
export const saveReceipt = (link: Link, receipt: Receipt) => write(receiptKey(link.slug, link.token), receipt);
export const clearReceipt = (link: Link) => remove(receiptKey(link.slug, link.token));

export const loadCachedCampaign = (link: Link) => read<TPublicCampaign>(campaignKey(link.slug, link.token));
export const saveCachedCampaign = (link: Link, campaign: TPublicCampaign) => write(campaignKey(link.slug, link.token), campaign);
