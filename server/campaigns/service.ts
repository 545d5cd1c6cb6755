// What respondents may read of a campaign, and the rules that decide whether it takes submissions.
import type { CampaignStatus, TPublicCampaign } from '../contract/public.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { loadVersion, type LoadedVersion } from '../surveys/versions.ts';
import { Campaign, type CampaignDoc } from './model.ts';
import { effectiveStatus, formatLocal } from './status.ts';

export async function findCampaign(slug: string): Promise<CampaignDoc> {
  const campaign = await Campaign.findOne({ slug }).lean<CampaignDoc>();
  if (!campaign) throw new NotFoundError('campaign.not_found', `Không tìm thấy đợt khảo sát "${slug}".`);
  return campaign;
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
  const campaign = await findCampaign(slug);
  const version = await findCampaignVersion(campaign);
  return {
    campaign: {
      slug: campaign.slug,
      title: titleText(campaign.title),
      opensAt: campaign.opensAt.toISOString(),
      closesAt: campaign.closesAt.toISOString(),
      status: effectiveStatus(campaign, now),
      timezone: campaign.timezone,
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
