// First start on an empty database: load the questionnaires in surveys/ as published version 1 and
// open their demo campaigns from today, so a new user can try the survey on any date.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { Campaign } from './campaigns/model.ts';
import { titleText } from './campaigns/service.ts';
import { Survey, SurveyVersion } from './surveys/model.ts';
import { hashSurveyJson } from './surveys/versions.ts';

export interface CampaignFile {
  slug: string;
  title: Record<string, string> | string;
  fieldwork: { opensAt: string; closesAt: string; timezone?: string };
  access?: 'public' | 'token' | 'both';
  anonymity?: 'anonymous' | 'confidential';
  strata?: { variables: string[]; cells: { key: Record<string, string>; quota: number }[] };
  whenFull?: 'accept-and-flag' | 'refuse';
  population?: unknown;
}

export interface SurveyFolder {
  key: string;
  survey: Record<string, unknown>;
  campaign?: CampaignFile;
}

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh has no daylight saving

/** Midnight in Đà Nẵng at the start of `now`'s local day, as a UTC instant. */
export function startOfLocalDay(now: Date): Date {
  return new Date(Math.floor((now.getTime() + VN_OFFSET) / DAY) * DAY - VN_OFFSET);
}

export async function readSurveyFolders(surveysDir: string): Promise<SurveyFolder[]> {
  const entries = await fs.readdir(surveysDir, { withFileTypes: true });
  const folders: SurveyFolder[] = [];
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(surveysDir, e.name);
    const read = async (f: string) => JSON.parse(await fs.readFile(path.join(dir, f), 'utf8'));
    const files = await fs.readdir(dir);
    if (!files.includes('survey.json')) continue;
    folders.push({
      key: e.name,
      survey: await read('survey.json'),
      campaign: files.includes('campaign.json') ? await read('campaign.json') : undefined,
    });
  }
  return folders;
}

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/** Seeds only a database with no surveys; a second instance racing on the same database loses quietly. */
export async function seedIfEmpty(
  opts: { surveysDir: string; openDays: number; now?: Date },
  log: Logger,
): Promise<boolean> {
  if ((await Survey.estimatedDocumentCount()) > 0) return false;
  const now = opts.now ?? new Date();
  for (const folder of await readSurveyFolders(opts.surveysDir)) {
    const title = titleText(folder.survey.title);
    try {
      const hash = hashSurveyJson(folder.survey);
      const survey = await Survey.create({
        key: folder.key,
        title,
        draft: folder.survey,
        latestVersion: 1,
        draftHash: hash,
        publishedHash: hash,
      });
      const version = await SurveyVersion.create({ survey: survey._id, number: 1, json: folder.survey, hash, publishedAt: now });
      const c = folder.campaign;
      if (!c) continue;
      const opensAt = startOfLocalDay(now);
      await Campaign.create({
        slug: c.slug,
        title: c.title,
        survey: survey._id,
        version: version._id,
        versionNumber: 1,
        opensAt,
        closesAt: new Date(opensAt.getTime() + opts.openDays * DAY - 1000),
        timezone: c.fieldwork.timezone ?? 'Asia/Ho_Chi_Minh',
        plannedWindow: { opensAt: new Date(c.fieldwork.opensAt), closesAt: new Date(c.fieldwork.closesAt) },
        access: c.access ?? 'public',
        anonymity: c.anonymity ?? 'anonymous',
        strata: c.strata ?? { variables: [], cells: [] },
        whenFull: c.whenFull ?? 'accept-and-flag',
        population: c.population,
      });
      log.info({ survey: folder.key, campaign: c.slug, opensAt }, 'seeded the demo survey and campaign');
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return true;
}
