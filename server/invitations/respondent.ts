// What a respondent with an invitation link gets: the campaign with their cell and saved answers, and
// saving answers so far. Checks the token without using it; submission uses it (responses/service.ts).
import type { TPublicCampaign } from '../contract/public.ts';
import { ZPartial } from '../contract/public.ts';
import { assertOpen, findCampaignCached, getPublicCampaign } from '../campaigns/service.ts';
import { parseOrThrow, UnprocessableError } from '../errors.ts';
import { findForbiddenKeys } from '../responses/validator/index.ts';
import { invitationFor, respondentView, savePartial } from './service.ts';

export async function getInvitedCampaign(slug: string, token: string): Promise<TPublicCampaign> {
  const reply = await getPublicCampaign(slug);
  const invitation = await invitationFor(await findCampaignCached(slug), token);
  return invitation ? { ...reply, invitation: respondentView(invitation) } : reply;
}

export async function savePartialAnswers(slug: string, body: unknown): Promise<void> {
  if (body && typeof body === 'object' && findForbiddenKeys(body).length)
    throw new UnprocessableError('response.forbidden_key', 'Dữ liệu chứa tên trường không được phép.', []);
  const input = parseOrThrow(ZPartial, body);
  const campaign = await findCampaignCached(slug);
  assertOpen(campaign);
  const invitation = await invitationFor(campaign, input.token);
  if (!invitation) throw new UnprocessableError('token.not_used_here', 'Đợt khảo sát này không dùng thư mời.', []);
  await savePartial(campaign, invitation, input.answers, input.pageNo);
}
