// What survives a closed tab: the answers in progress (the "draft"), the last copy of the campaign (so a
// respondent who loaded it once can go on filling offline) and the receipt of a sent response.
// localStorage can be missing or full (private browsing): every access is guarded, and the page then
// simply works without persistence.
import type { TPublicCampaign } from '../../../server/contract/public';
import type { Locale } from '../i18n';

export interface Draft {
  slug: string;
  version: number;
  submissionId: string;
  startedAt: string;
  answers: Record<string, unknown>;
  pageNo: number;
  locale: Locale;
  /** Set when the respondent pressed "complete": the response is waiting to be acknowledged. */
  completedAt?: string;
}

export interface Receipt {
  id: string;
  submissionId: string;
  sentAt: string;
}

const PREFIX = 'khaosat';
export const draftKey = (slug: string) => `${PREFIX}:draft:${slug}`;
export const receiptKey = (slug: string) => `${PREFIX}:receipt:${slug}`;
export const campaignKey = (slug: string) => `${PREFIX}:campaign:${slug}`;

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
export function loadDraft(slug: string): Draft | undefined {
  const draft = read<Draft>(draftKey(slug));
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
export const saveDraft = (draft: Draft) => write(draftKey(draft.slug), draft);
export const clearDraft = (slug: string) => remove(draftKey(slug));

export const loadReceipt = (slug: string) => read<Receipt>(receiptKey(slug));
export const saveReceipt = (slug: string, receipt: Receipt) => write(receiptKey(slug), receipt);
export const clearReceipt = (slug: string) => remove(receiptKey(slug));

export const loadCachedCampaign = (slug: string) => read<TPublicCampaign>(campaignKey(slug));
export const saveCachedCampaign = (slug: string, campaign: TPublicCampaign) => write(campaignKey(slug), campaign);
