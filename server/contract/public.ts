// Wire contract of the public (respondent) API, shared by the server and the client.
import { z } from 'zod';

export const ZLocale = z.enum(['vi', 'en']);
export type TLocale = z.infer<typeof ZLocale>;

const ZAnswers = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), {
  error: 'Expected an object of answers keyed by question name',
});

/** Body of POST /api/v1/public/campaigns/:slug/responses. */
export const ZSubmission = z
  .object({
    submissionId: z.uuid(),
    // A plain object, checked in place: z.record copied its 50 answers on every submission (about 3% of
    // the server's CPU under load) only for the validator to read them again.
    answers: ZAnswers,
    locale: ZLocale.optional(),
    startedAt: z.iso.datetime({ offset: true }).optional(),
    completedAt: z.iso.datetime({ offset: true }).optional(),
    /** The invitation token of a token campaign (from the link's `?t=`); single use. */
    token: z.string().min(16).max(64).optional(),
  })
  .strict();
export type TSubmission = z.infer<typeof ZSubmission>;

/** Body of PUT /api/v1/public/campaigns/:slug/partial: answers so far of a token respondent (204). */
export const ZPartial = z
  .object({
    token: z.string().min(16).max(64),
    answers: z.record(z.string(), z.unknown()),
    pageNo: z.number().int().min(0).max(1000).default(0),
  })
  .strict();
export type TPartial = z.infer<typeof ZPartial>;

/** Reply of GET /api/v1/public/campaigns/:slug. */
export interface TPublicCampaign {
  campaign: {
    slug: string;
    title: string;
    opensAt: string;
    closesAt: string;
    status: CampaignStatus;
    timezone: string;
    /** `token`: only invitation links may answer; `both`: either; `public`: the one link. */
    access: 'public' | 'token' | 'both';
    /**
     * The questions that define a respondent's cell (e.g. district, group). A public link may fix them:
     * `/s/<slug>?district=hai-chau&group=residents` opens with those answers filled in and locked.
     */
    stratumVariables: string[];
    /** The fieldwork window the plan orders (for the demo: 1 April – 30 June 2023), when recorded. */
    plannedWindow?: { opensAt: string; closesAt: string };
  };
  version: number;
  survey: Record<string, unknown>;
  /**
   * With `?t=TOKEN` on a token campaign: the invitation's cell (its answers are fixed to it) and the
   * answers saved so far on the server, to resume on any device. An unknown token is 403 `token.invalid`;
   * a used or revoked one 409 `token.used` / `token.revoked`.
   */
  invitation?: { stratum: Record<string, string>; resume?: { answers: Record<string, unknown>; pageNo: number; savedAt: string } };
}

export type CampaignStatus = 'open' | 'scheduled' | 'closed' | 'paused';

/** One answer problem in a 422 reply (`errors` of the problem+json body). */
export interface TAnswerError {
  question: string;
  code: AnswerErrorCode;
  message: string;
}

export type AnswerErrorCode =
  | 'forbidden_key' // a key starting with $, containing '.', or __proto__/constructor, at any depth
  | 'unknown_question' // top-level key that is not a question (or calculated value) of the version
  | 'not_in_choices' // value not among a choice question's choices
  | 'wrong_type' // e.g. a string where an array, number or object is expected
  | 'unknown_row' // matrix row not defined
  | 'unknown_column' // matrix column / cell value not defined
  | 'too_many_choices' // more than maxSelectedChoices
  | 'required' // required (or requiredIf true) and missing/empty
  | 'hidden_question' // answered although visibleIf is false (or the page/panel holding it is hidden)
  | 'out_of_range' // rating outside its scale, number outside min/max, text over maxLength
  | 'invalid'; // any other validator (email, regex …) of the questionnaire fails
