// Where a respondent starts when the page opens: the draft on this phone, the answers an invitation saved
// on the server (whichever is newer), or a blank form; and for an invitation, its cell's answers filled
// in, since the server fixes them from the invitation anyway.
import type { TPublicCampaign } from '../../../server/contract/public';
import type { Locale } from '../i18n';
import { loadDraft, type Draft, type Link } from './storage';
import { createSurveyModel, knownAnswers } from './surveyModel';
import { newSubmissionId } from './uuid';

/**
 * Answers the link fixes: an invitation's cell, or on a public link the cell given in its address
 * (only the campaign's stratum questions, and only values among their choices).
 */
export function fixedStratum(link: Link, campaign: TPublicCampaign): Record<string, string> | undefined {
  if (campaign.invitation) return campaign.invitation.stratum;
  if (link.token || !link.cell || campaign.campaign.access === 'token') return undefined;
  const probe = createSurveyModel(campaign.survey, { answers: {}, pageNo: 0, locale: 'vi' });
  const fixed: Record<string, string> = {};
  for (const name of campaign.campaign.stratumVariables ?? []) {
    const value = link.cell[name];
    const question = value === undefined ? undefined : probe.getQuestionByName(name);
    const choices = (question as { choices?: { value: unknown }[] } | undefined)?.choices ?? [];
    if (choices.some((c) => String(c.value) === value)) fixed[name] = value!;
  }
  return Object.keys(fixed).length ? fixed : undefined;
}

export function freshDraft(link: Link, campaign: TPublicCampaign, locale: Locale): Draft {
  return {
    slug: link.slug,
    ...(link.token ? { token: link.token } : {}),
    version: campaign.version,
    submissionId: newSubmissionId(),
    startedAt: new Date().toISOString(),
    answers: { ...fixedStratum(link, campaign) },
    pageNo: 0,
    locale,
  };
}

/**
 * The draft to open. An invitation's answers saved on the server win over this phone's copy when newer
 * (the respondent went on from another device); a completed draft waiting in the outbox is never replaced.
 * A draft made for an earlier version of the questionnaire keeps only the answers that still fit.
 */
export function initialDraft(link: Link, campaign: TPublicCampaign, locale: Locale): Draft {
  const local = loadDraft(link);
  let draft = local ?? freshDraft(link, campaign, locale);
  const resume = campaign.invitation?.resume;
  if (resume && !local?.completedAt && (!local?.savedAt || Date.parse(resume.savedAt) > Date.parse(local.savedAt))) {
    draft = { ...draft, answers: resume.answers, pageNo: resume.pageNo, savedAt: resume.savedAt, version: campaign.version };
  }
  if (draft.version !== campaign.version) {
    const probe = createSurveyModel(campaign.survey, { answers: {}, pageNo: 0, locale });
    draft = { ...draft, version: campaign.version, pageNo: 0, completedAt: undefined, answers: knownAnswers(probe, draft.answers) };
  }
  const stratum = fixedStratum(link, campaign);
  return stratum ? { ...draft, answers: { ...draft.answers, ...stratum } } : draft;
}
