// Wire contract of the staff API (/api/v1/auth, /users, /audit, /surveys, /campaigns; results, weights,
// review and exports in results.ts, re-exported here), shared by the server and the staff pages. Every
// write names its allowed fields (.strict()), so a client cannot set what it does not own.
import { z } from 'zod';

export const ROLES = ['admin', 'designer', 'fieldwork', 'analyst', 'viewer'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Usernames: lower-case letters, digits, dot, dash, underscore; 3–40 characters. */
export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/);
/** Passwords: 10–200 characters; nothing else is imposed (long passphrases welcome). */
export const ZPassword = z.string().min(10).max(200);

/** A signed-in staff member as the pages see them. */
export interface TStaffUser {
  username: string;
  displayName?: string;
  roles: TRole[];
  /** For `fieldwork` users limited to some districts; empty = all districts. */
  districts: string[];
}

export const ZLogin = z.object({ username: z.string().max(100), password: z.string().max(200) }).strict();
/** Reply of POST /auth/login and GET /auth/me. */
export interface TMe {
  user: TStaffUser;
}

/** Admin: POST /api/v1/users. */
export const ZUserCreate = z
  .object({
    username: ZUsername,
    password: ZPassword,
    displayName: z.string().trim().max(100).optional(),
    roles: z.array(ZRole).min(1),
    districts: z.array(z.string().min(1).max(60)).default([]),
  })
  .strict();
/** Admin: PATCH /api/v1/users/:username. */
export const ZUserUpdate = z
  .object({
    password: ZPassword.optional(),
    displayName: z.string().trim().max(100).optional(),
    roles: z.array(ZRole).min(1).optional(),
    districts: z.array(z.string().min(1).max(60)).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export interface TUserItem extends TStaffUser {
  disabled: boolean;
  createdAt: string;
  lastLoginAt?: string;
}

/** One audit entry: who did what to which object, when, from where. */
export interface TAuditEvent {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  object: { type: string; id?: string; label?: string };
  ip: string;
  details?: Record<string, unknown>;
}

// ---- Questionnaires -------------------------------------------------------------------------------

/** A problem found by validation; `question` lets the designer jump to it. */
export interface TSurveyProblem {
  path: string;
  code: string;
  message: string;
  question?: string;
}

export interface TSurveyItem {
  id: string;
  title: string;
  latestVersion: number;
  updatedAt: string;
  /** The draft differs from the latest published version (or nothing is published yet). */
  unpublishedChanges: boolean;
}

export interface TSurveyDetail extends TSurveyItem {
  draft: Record<string, unknown>;
  /** Languages the questionnaire promises; `default` stands for the survey's own locale. */
  languages: string[];
  /** Increases on every saved draft; a save naming an older revision is refused (409), nothing is lost. */
  revision: number;
}

export const ZSurveyCreate = z
  .object({
    title: z.string().trim().min(1).max(300),
    /** Import: a SurveyJS JSON questionnaire. */
    json: z.record(z.string(), z.unknown()).optional(),
    /** From a template: the folder name of a questionnaire under surveys/. */
    template: z.string().max(100).optional(),
  })
  .strict();

export const ZDraftUpdate = z
  .object({
    json: z.record(z.string(), z.unknown()),
    languages: z.array(z.string().min(1).max(20)).max(20).optional(),
    title: z.string().trim().min(1).max(300).optional(),
    revision: z.number().int().min(0).optional(),
  })
  .strict();

export interface TValidation {
  ok: boolean;
  problems: TSurveyProblem[];
}

/** What publishing the draft would change against the latest version. */
export interface TChangeSummary {
  previousVersion: number;
  added: string[];
  removed: string[];
  /** Same name, other wording, conditions or settings (type and choice values unchanged). */
  changed: string[];
  pages: { before: number; after: number };
}

export interface TVersionItem {
  number: number;
  hash: string;
  publishedAt: string;
  publishedBy?: string;
}

export interface TTemplateItem {
  key: string;
  title: string;
}

// ---- Campaigns ------------------------------------------------------------------------------------

const ZInstant = z.iso.datetime({ offset: true });
const ZCell = z.object({ key: z.record(z.string(), z.string().min(1).max(100)), quota: z.number().int().min(1).max(1_000_000) }).strict();

/** POST /api/v1/campaigns: the fieldwork of one published version. */
export const ZCampaignCreate = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,59}$/),
    surveyId: z.string().min(1).max(40),
    version: z.number().int().min(1),
    title: z.union([z.string().trim().min(1).max(300), z.record(z.string(), z.string().max(300))]).optional(),
    opensAt: ZInstant,
    closesAt: ZInstant,
    timezone: z.string().max(60).default('Asia/Ho_Chi_Minh'),
    access: z.enum(['public', 'token', 'both']).default('public'),
    anonymity: z.enum(['anonymous', 'confidential']).default('anonymous'),
    strata: z
      .object({ variables: z.array(z.string().min(1).max(100)).max(5), cells: z.array(ZCell).max(2000) })
      .strict()
      .default({ variables: [], cells: [] }),
    whenFull: z.enum(['accept-and-flag', 'refuse']).default('accept-and-flag'),
    population: z.unknown().optional(),
  })
  .strict();

/** PATCH /api/v1/campaigns/:slug: pause, resume, close early, extend or move the window, retitle. */
export const ZCampaignUpdate = z
  .object({
    status: z.enum(['active', 'paused', 'closed']).optional(),
    opensAt: ZInstant.optional(),
    closesAt: ZInstant.optional(),
    title: z.union([z.string().trim().min(1).max(300), z.record(z.string(), z.string().max(300))]).optional(),
  })
  .strict();

export interface TCampaignItem {
  slug: string;
  title: string;
  surveyId: string;
  version: number;
  opensAt: string;
  closesAt: string;
  timezone: string;
  /** The staff switch (active/paused/closed) … */
  setting: 'active' | 'paused' | 'closed';
  /** … and what respondents see now, after the dates. */
  status: 'open' | 'scheduled' | 'closed' | 'paused';
  access: 'public' | 'token' | 'both';
  anonymity: 'anonymous' | 'confidential';
  whenFull: 'accept-and-flag' | 'refuse';
  strata: { variables: string[]; cells: { key: Record<string, string>; quota: number }[] };
}

/** GET /api/v1/campaigns/:slug/progress: counts come from counters kept on submission, never a scan. */
export interface TProgress {
  slug: string;
  status: 'open' | 'scheduled' | 'closed' | 'paused';
  timezone: string;
  total: { quota: number; completed: number; partial: number };
  strata: {
    key: Record<string, string>;
    /** The cell's values in words (Vietnamese choice texts), e.g. {district: "Hải Châu", group: "Cán bộ, công chức"}. */
    labels: Record<string, string>;
    quota: number;
    completed: number;
    /** Token respondents who saved answers on the server but have not submitted. */
    partial: number;
    remaining: number;
    pacePerDay: number;
    neededPerDay: number | null;
    projectedCompletion: string | null;
    onTrack: boolean;
  }[];
  opensAt: string;
  closesAt: string;
  daysLeft: number;
  /** Local day (YYYY-MM-DD) all cells reach their quota at the current pace; null = not at this pace. */
  projectedCompletion: string | null;
  daily: { day: string; completed: number }[];
}

export * from './results.ts';
