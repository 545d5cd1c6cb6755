// What respondents may read of a campaign, and the rules that decide whether it takes submissions.
import type { CampaignStatus, TPublicCampaign } from '../contract/public.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { loadVersion, type LoadedVersion } from '../surveys/versions.ts';
import { Campaign, campaignWrites, type CampaignDoc } from './model.ts';
import { effectiveStatus, formatLocal } from './status.ts';

export async function findCampaign(slug: string): Promise<CampaignDoc> {
  return found(slug, await Campaign.findOne({ slug }).lean<CampaignDoc>());
}

function found(slug: string, campaign: CampaignDoc | null): CampaignDoc {
  if (!campaign) throw new NotFoundError('campaign.not_found', `Không tìm thấy đợt khảo sát "${slug}".`);
  return campaign;
}

// Respondents' requests read campaigns through a cache of CACHE_MS: a submission then costs no campaign
// read. Any instance rebuilds it; a staff change shows at once on this instance (campaignWrites) and
// within CACHE_MS on the others. Only found campaigns are kept, so unknown slugs cannot fill it.
const CACHE_MS = 1000;
const CACHE_MAX = 500;
const cached = new Map<string, { at: number; writes: number; campaign: Promise<CampaignDoc | null> }>();

/** findCampaign for respondents: at most CACHE_MS old. The result is shared: never change it. */
export async function findCampaignCached(slug: string): Promise<CampaignDoc> {
  let hit = cached.get(slug);
  if (!hit || hit.writes !== campaignWrites.count || Date.now() - hit.at > CACHE_MS) {
    if (cached.size >= CACHE_MAX) cached.clear();
    const entry = { at: Date.now(), writes: campaignWrites.count, campaign: Campaign.findOne({ slug }).lean<CampaignDoc>().exec() };
    const forget = () => void (cached.get(slug) === entry && cached.delete(slug));
    entry.campaign.then((c) => c ?? forget(), forget);
    cached.set(slug, (hit = entry));
  }
  return found(slug, await hit.campaign);
}

export async function findCampaignVersion(campaign: CampaignDoc): Promise<LoadedVersion> {
  const version = await loadVersion(String(campaign.version));
  if (!version) throw new Error(`campaign ${campaign.slug} names a missing survey version`);
  return version;
}

/** A title stored as `{default, vi}` is shown in Vietnamese. */
export function titleText(title: unknown, locale: 'vi' | 'en' = 'vi'): string {
  if (typeof title === 'string') return title;
  const t = (title ?? {}) as Record<string, string>;
  return (locale === 'vi' ? t.vi : t.en ?? t.default) ?? t.default ?? t.vi ?? '';
}

export async function getPublicCampaign(slug: string, now = new Date()): Promise<TPublicCampaign> {
  const campaign = await findCampaignCached(slug);
  const version = await findCampaignVersion(campaign);
  return {
    campaign: {
      slug: campaign.slug,
      title: titleText(campaign.title),
      opensAt: campaign.opensAt.toISOString(),
      closesAt: campaign.closesAt.toISOString(),
      status: effectiveStatus(campaign, now),
      timezone: campaign.timezone,
      access: campaign.access as TPublicCampaign['campaign']['access'],
      stratumVariables: campaign.strata?.variables ?? [],
      ...(campaign.plannedWindow?.opensAt && campaign.plannedWindow.closesAt
        ? {
            plannedWindow: {
              opensAt: campaign.plannedWindow.opensAt.toISOString(),
              closesAt: campaign.plannedWindow.closesAt.toISOString(),
            },
          }
        : {}),
    },
    version: version.number,
    survey: version.json,
  };
}

const refusal: Record<Exclude<CampaignStatus, 'open'>, (c: CampaignDoc) => string> = {
  scheduled: (c) =>
    `Đợt khảo sát chưa bắt đầu. Xin Ông/Bà vui lòng quay lại từ ${formatLocal(c.opensAt, c.timezone)} (giờ Việt Nam).`,
  closed: (c) =>
    `Đợt khảo sát đã kết thúc lúc ${formatLocal(c.closesAt, c.timezone)} (giờ Việt Nam); phiếu trả lời không còn được tiếp nhận. Trân trọng cảm ơn Ông/Bà đã quan tâm.`,
  paused: () => 'Đợt khảo sát đang tạm dừng tiếp nhận phiếu. Xin Ông/Bà vui lòng quay lại sau.',
};

export function assertOpen(campaign: CampaignDoc, now = new Date()): void {
  const status = effectiveStatus(campaign, now);
  if (status === 'open') return;
  throw new ConflictError(`campaign.${status === 'scheduled' ? 'not_open' : status}`, refusal[status](campaign), {
    campaignStatus: status,
    opensAt: campaign.opensAt.toISOString(),
    closesAt: campaign.closesAt.toISOString(),
  });
}
